import type { Database } from "@start/db";
import { enqueuePublish } from "../../publishing/queue.js";
import { decodeCsvRecord } from "../csv-columns.js";
import { HsdsError } from "../errors.js";
import { flatten } from "../flatten.js";
import { enabledLocales } from "../locale.js";
import { table } from "../spec.js";
import { Applier, type Counts, type RecordChange, type RecordKind } from "./apply.js";
import { type GroupedWarning, type Issue, Issues } from "./issues.js";
import { languageLocale, LIST_KINDS, LISTS_OF, type NormaliseContext, normaliseRow, type StagedKind, TABLE_KINDS } from "./normalise.js";
import { CsvSyntaxError, NotUtf8Error, readCsv } from "./read-csv.js";
import { JsonSyntaxError, readJson, tableFromFileName, tableFromShape } from "./read-json.js";
import { discoverInputs, type InputFile } from "./sources.js";
import { createStaging, Stager } from "./staging.js";

/**
 * Imports an HSDS JSON document or tabular package (the CSV files an NGO fills in a spreadsheet),
 * all or nothing, in one transaction:
 *
 * 1. read: the files are streamed record by record, each checked against the HSDS schema with
 *    START's profile and START's own rules, and staged in a temporary table;
 * 2. apply: the staged records, a batch at a time, become START records, compared with what START
 *    has and written where they differ (with an audit entry per record created or changed).
 *
 * Any error, and a dry run, rolls everything back; the report says what was (or would be) created
 * and changed. Identifiers are kept, so importing the same data again changes nothing. New
 * services arrive as drafts unless `publish` is set; a change the public sees queues a portal rebuild.
 */

export interface ImportOptions {
  /** A JSON document (.json, .ndjson), a CSV file named after its table, or a folder (the tabular package). */
  source: string;
  dryRun?: boolean;
  /** Publish what is imported (default: new services and organizations are drafts for review). */
  publish?: boolean;
  /** Who imports (the audit entries' actor); null for the command line. */
  actorUserId?: string | null;
  /** The locale of texts given without one (plain HSDS fields). Default: the package's meta table, else Arabic for Arabic script, else English. */
  textLocale?: string;
  batchSize?: number;
  onProgress?: (progress: ImportProgress) => void;
}

export type ImportProgress =
  | { phase: "read"; file: string; records: number; bytes: number; size: number }
  | { phase: "apply"; what: RecordKind; done: number; total: number };

export interface ImportReport {
  /** True when the import was written (or, for a dry run, would be). */
  ok: boolean;
  dryRun: boolean;
  publish: boolean;
  files: { name: string; records: number }[];
  counts: Record<RecordKind, Counts>;
  /** Records created or changed (the first 1,000). */
  changes: RecordChange[];
  errors: Issue[];
  errorCount: number;
  warnings: GroupedWarning[];
  /** Whether a rebuild of the public portal was queued. */
  publishQueued: boolean;
}

class Abort extends Error {}
class DryRunDone extends Error {}

const ARABIC_SCRIPT = /[\u0600-\u06FF\u0750-\u077F]/;
const METADATA_KEYS = new Set(["version", "profile", "openapi_url"]);

/** The lists a CSV record replaces: those of its kind whose table the package has. */
function csvLists(kind: StagedKind | undefined, packageKinds: Set<StagedKind>): StagedKind[] {
  return (kind ? (LISTS_OF[kind] ?? []) : []).filter((list) => packageKinds.has(list));
}

const stagedKindOf = (tableName: string): StagedKind | undefined =>
  (["organization", "service", "location", "service_at_location", "phone", "place", "taxonomy_term"] as const).find((kind) => kind === tableName) ??
  TABLE_KINDS[tableName];

export async function importHsds(db: Database, options: ImportOptions): Promise<ImportReport> {
  const enabled = await enabledLocales(db);
  // Every text is kept per locale: with none enabled (a data directory START has never started
  // in, so never loaded content/ into) nothing could be read. One clear refusal, before any work.
  if (enabled.length === 0) throw new HsdsError("noLocales");
  if (options.textLocale && !enabled.includes(options.textLocale)) {
    throw new HsdsError("unknownTextLocale", { locale: options.textLocale, available: enabled.join(", ") });
  }
  const { inputs, unknownCsv } = await discoverInputs(options.source);
  const issues = new Issues();
  for (const name of unknownCsv) issues.error({ file: name }, undefined, { key: "unknownCsvFile", params: { file: name } });

  const packageKinds = new Set(
    inputs.filter((input) => input.format === "csv").map((input) => TABLE_KINDS[input.table!]).filter((kind): kind is StagedKind => !!kind),
  );
  let metaLocale: string | undefined;
  const guessed = new Set<string>();
  const latinDefault = enabled.includes("en") ? "en" : (enabled[0] ?? "en");
  const context: NormaliseContext = {
    issues,
    enabled,
    textLocale: (sample) => {
      if (options.textLocale) return options.textLocale;
      if (metaLocale) return metaLocale;
      const locale = sample && ARABIC_SCRIPT.test(sample) && enabled.includes("ar") ? "ar" : latinDefault;
      guessed.add(locale);
      return locale;
    },
  };

  const files: ImportReport["files"] = [];
  let applier: Applier | undefined;
  let publishQueued = false;
  const now = new Date();
  try {
    await db.transaction(async (tx) => {
      await createStaging(tx);
      const stager = new Stager(tx);
      for (const input of inputs) {
        const records = await readInput(input, stager, context, packageKinds, options, (locale) => {
          metaLocale ??= locale;
        });
        files.push({ name: input.name, records });
      }
      await stager.flush();
      if (issues.failed) throw new Abort();

      applier = new Applier(tx, issues, {
        publish: options.publish === true,
        actorUserId: options.actorUserId ?? null,
        enabled,
        now,
        batchSize: options.batchSize ?? 500,
        onProgress: (what, done, total) => options.onProgress?.({ phase: "apply", what, done, total }),
      });
      await applier.run();
      if (issues.failed) throw new Abort();
      if (applier.anyChange && applier.publicChange) {
        const total = Object.values(applier.counts).reduce((sum, counts) => sum + counts.created + counts.changed, 0);
        await enqueuePublish(tx, { reason: `HSDS import: ${total} record(s) created or changed`, requestedByUserId: options.actorUserId ?? null });
        publishQueued = true;
      }
      if (options.dryRun) throw new DryRunDone();
    });
  } catch (error) {
    if (!(error instanceof Abort) && !(error instanceof DryRunDone)) {
      if (error instanceof HsdsError) throw error;
      // The database refused something the checks let through: report it, nothing is written.
      issues.error({ file: inputs.map((input) => input.name).join(", ") }, undefined, {
        key: "databaseError",
        params: { file: inputs.map((input) => input.name).join(", "), detail: (error as Error).message.split("\n")[0] ?? "" },
      });
    }
    if (!(error instanceof DryRunDone)) publishQueued = false;
  }
  if (!options.textLocale && !metaLocale && !context.sawProfileTexts) {
    for (const locale of guessed) issues.warn(`textLocale:${locale}`, undefined, undefined, { key: "textLocale", params: { locale } });
  }
  const ok = !issues.failed;
  const result = applier as Applier | undefined;
  return {
    ok,
    dryRun: options.dryRun === true,
    publish: options.publish === true,
    files,
    counts: result?.counts ?? (Object.fromEntries(["place", "taxonomy_term", "organization", "location", "service"].map((kind) => [kind, { created: 0, changed: 0, unchanged: 0 }])) as ImportReport["counts"]),
    changes: ok ? (result?.changes ?? []) : [],
    errors: issues.errors,
    errorCount: issues.errorCount,
    warnings: issues.warnings,
    publishQueued: ok && !options.dryRun && publishQueued,
  };
}

async function readInput(
  input: InputFile,
  stager: Stager,
  context: NormaliseContext,
  packageKinds: Set<StagedKind>,
  options: ImportOptions,
  onMetaLocale: (locale: string) => void,
): Promise<number> {
  let records = 0;
  let bytes = 0;
  const progress = (force = false) => {
    if (force || records % 500 === 0) options.onProgress?.({ phase: "read", file: input.name, records, bytes, size: input.size });
  };
  const onBytes = (count: number) => {
    bytes += count;
  };
  const { issues } = context;
  if (input.format === "csv") {
    const spec = table(input.table!);
    const kind = stagedKindOf(spec.name);
    try {
      for await (const { record, line } of readCsv(input.path, onBytes)) {
        records++;
        const { row, unknownColumns } = decodeCsvRecord(spec, record);
        for (const column of unknownColumns) {
          issues.warn(`unknownColumn:${input.name}:${column}`, { file: input.name, line }, column, { key: "ignoredField", params: { field: column, table: spec.name } });
        }
        if (spec.name === "meta_table_description") {
          const locale = languageLocale(typeof row.language === "string" ? row.language : undefined, context.enabled);
          if (locale) onMetaLocale(locale);
        }
        await stager.add(normaliseRow({ table: spec.name, row, origin: { file: input.name, line }, lists: csvLists(kind, packageKinds) }, context));
        progress();
      }
    } catch (error) {
      if (error instanceof NotUtf8Error) issues.error({ file: input.name }, undefined, { key: "notUtf8" });
      else if (error instanceof CsvSyntaxError) issues.error({ file: input.name, line: error.line }, undefined, { key: "invalidCsv", params: { detail: error.message } });
      else throw error;
    }
    progress(true);
    return records;
  }

  try {
    for await (const { table: tableName, value, pointer } of readJson(input.path, onBytes)) {
      records++;
      const origin = { file: input.name, pointer: pointer || "/" };
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        issues.error(origin, undefined, { key: "notAnObject" });
        continue;
      }
      const object = value as Record<string, unknown>;
      if (tableName) {
        // The tabular package as JSON: each record is already a row of its table.
        await stager.add(normaliseRow({ table: tableName, row: object, origin, lists: [] }, context));
      } else {
        const detected = tableFromFileName(input.name) ?? tableFromShape(object);
        if (!detected) {
          if (Object.keys(object).every((key) => METADATA_KEYS.has(key))) {
            issues.warn(`emptyDocument:${input.name}`, { file: input.name }, undefined, { key: "emptyDocument" });
          } else {
            issues.error(origin, undefined, { key: "unknownDocument" });
          }
          continue;
        }
        for (const flat of flatten(detected, object, pointer)) {
          const lists = flat.lists.map((name) => LIST_KINDS[name]).filter((kind): kind is StagedKind => !!kind);
          await stager.add(
            normaliseRow({ table: flat.table, row: flat.row, origin: { file: input.name, pointer: flat.pointer || "/" }, owner: flat.owner, lists }, context),
          );
        }
      }
      progress();
    }
  } catch (error) {
    if (error instanceof JsonSyntaxError) issues.error({ file: input.name, pointer: error.pointer }, undefined, { key: "invalidJson", params: { detail: error.message } });
    else throw error;
  }
  if (records === 0) issues.warn(`emptyDocument:${input.name}`, { file: input.name }, undefined, { key: "emptyDocument" });
  progress(true);
  return records;
}
