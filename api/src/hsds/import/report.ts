import { hsdsMessage } from "../messages.js";
import { RECORD_KINDS } from "./apply.js";
import type { ImportReport } from "./import.js";
import { describeIssue } from "./issues.js";

/** An import's report as text for people, in their locale: the outcome, counts per kind, problems, warnings. */
export function formatImportReport(report: ImportReport, locale: string, options: { listRecords?: boolean } = {}): string {
  const lines: string[] = [];
  if (!report.ok) lines.push(hsdsMessage(locale, "importFailed", { count: report.errorCount }));
  else if (report.dryRun) lines.push(hsdsMessage(locale, "dryRunSummary"));
  else lines.push(hsdsMessage(locale, "importDone"));
  if (report.ok) {
    if (RECORD_KINDS.every((kind) => report.counts[kind].created + report.counts[kind].changed + report.counts[kind].unchanged === 0)) {
      lines.push(`  ${hsdsMessage(locale, "nothingToImport")}`);
    }
    for (const kind of RECORD_KINDS) {
      const counts = report.counts[kind];
      if (counts.created + counts.changed + counts.unchanged === 0) continue;
      lines.push(`  ${hsdsMessage(locale, "summaryLine", { what: hsdsMessage(locale, `what.${kind}`), ...counts })}`);
    }
    if (options.listRecords && report.changes.length) {
      lines.push("", hsdsMessage(locale, "recordsTitle"));
      for (const change of report.changes) {
        lines.push(`  ${hsdsMessage(locale, change.action)} · ${hsdsMessage(locale, `what.${change.kind}`)} · ${change.name} (${change.id})`);
      }
    }
    if (report.publishQueued) lines.push(hsdsMessage(locale, "publishQueued"));
  }
  if (report.errors.length) {
    lines.push("", hsdsMessage(locale, "errorsTitle"));
    for (const issue of report.errors) lines.push(`  ✗ ${describeIssue(issue, locale)}`);
    if (report.errorCount > report.errors.length) lines.push(`  ${hsdsMessage(locale, "tooManyErrors", { count: report.errorCount - report.errors.length })}`);
  }
  if (report.warnings.length) {
    lines.push("", hsdsMessage(locale, "warningsTitle"));
    for (const warning of report.warnings) lines.push(`  ! ${describeIssue(warning, locale)}`);
  }
  return lines.join("\n");
}
