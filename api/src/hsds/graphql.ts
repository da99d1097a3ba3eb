import path from "node:path";
import { dataDirectory } from "@start/db";
import { Arg, Ctx, Field, Int, Mutation, ObjectType, registerEnumType, Resolver } from "type-graphql";
import { authorize } from "../auth/authorization.js";
import type { RequestContext } from "../graphql/context.js";
import { badInput } from "../graphql/errors.js";
import { LOCALE_ARGUMENT, Localized } from "../graphql/localized.js";
import { isMessageLocale } from "../i18n/messages.js";
import { HsdsError } from "./errors.js";
import { exportHsds } from "./export/export.js";
import { importHsds, type ImportReport } from "./import/import.js";
import { describeIssue, type Issue } from "./import/issues.js";
import { formatImportReport } from "./import/report.js";
import { enabledLocales } from "./locale.js";

/**
 * The admin-only GraphQL mutations over the HSDS export and import: thin wrappers around
 * exportHsds and importHsds, with the files in START's data folder (START_HSDS_DIR, default
 * <START_DATA_DIR>/hsds): imports are read from its imports/ folder, exports written to a new
 * folder in exports/. Admins only, through the authorization module: an import creates and
 * changes organizations, the admins' permission.
 */

export enum HsdsFormat {
  JSON = "json",
  TABULAR = "tabular",
}
registerEnumType(HsdsFormat, {
  name: "HsdsFormat",
  description: "HSDS 3.0 as JSON documents, or as the tabular data package (CSV files and datapackage.json).",
});

/** Where the mutations read and write files. */
export function hsdsFolder(): string {
  return path.resolve(process.env.START_HSDS_DIR ?? path.join(dataDirectory(), "hsds"));
}

@ObjectType({ description: "A file an export wrote." })
class HsdsExportedFile {
  @Field(() => String, { description: "Its path inside the export's folder: <locale>/<json|tabular>/<file>." }) path!: string;
  @Field(() => Int) records!: number;
  @Field(() => Int) bytes!: number;
}

@ObjectType({ description: "What an export wrote." })
class HsdsExportResult {
  @Field(() => String, { description: "The export's folder, inside the server's HSDS exports folder." }) folder!: string;
  @Field(() => [String]) locales!: string[];
  @Field(() => Int) services!: number;
  @Field(() => Int) organizations!: number;
  @Field(() => Int) taxonomyTerms!: number;
  @Field(() => Int) places!: number;
  @Field(() => [HsdsExportedFile]) files!: HsdsExportedFile[];
}

@ObjectType({ description: "A problem (or, among warnings, something left out), in the requester's locale." })
class HsdsIssue {
  @Field(() => String, { description: "The whole message, file, line and field included." }) message!: string;
  @Field(() => String, { nullable: true }) file!: string | null;
  @Field(() => Int, { nullable: true, description: "The CSV line." }) line!: number | null;
  @Field(() => String, { nullable: true, description: "The JSON pointer of the record." }) pointer!: string | null;
  @Field(() => String, { nullable: true, description: "The HSDS field (CSV column)." }) field!: string | null;
  @Field(() => Int, { description: "How many times it happened (warnings are grouped)." }) count!: number;
}

@ObjectType({ description: "What an import did (or would do) to one kind of record." })
class HsdsRecordCounts {
  @Field(() => String, { description: "place, taxonomy_term, organization, location or service." }) kind!: string;
  @Field(() => Int) created!: number;
  @Field(() => Int) changed!: number;
  @Field(() => Int) unchanged!: number;
}

@ObjectType({ description: "A record an import created or changed (or would)." })
class HsdsRecordChange {
  @Field(() => String) kind!: string;
  @Field(() => String) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { description: "created or changed." }) action!: string;
}

@ObjectType({ description: "The report of an import (all or nothing: when `ok` is false nothing was written)." })
class HsdsImportResult {
  @Field(() => Boolean, { description: "Whether it was written (for a dry run: whether it would be)." }) ok!: boolean;
  @Field(() => Boolean) dryRun!: boolean;
  @Field(() => Boolean) publish!: boolean;
  @Field(() => [HsdsRecordCounts]) counts!: HsdsRecordCounts[];
  @Field(() => [HsdsRecordChange], { description: "The records created or changed (the first 1,000)." }) changes!: HsdsRecordChange[];
  @Field(() => [HsdsIssue], { description: "What must be fixed (the first 200)." }) errors!: HsdsIssue[];
  @Field(() => Int) errorCount!: number;
  @Field(() => [HsdsIssue]) warnings!: HsdsIssue[];
  @Field(() => Boolean, { description: "Whether a rebuild of the public portal was queued." }) publishQueued!: boolean;
  @Field(() => String, { description: "The whole report as text, as the command prints it." }) summary!: string;
}

function issueView(issue: Issue & { count?: number }, locale: string): HsdsIssue {
  return {
    message: describeIssue(issue, locale),
    file: issue.origin?.file ?? null,
    line: issue.origin?.line ?? null,
    pointer: issue.origin?.pointer ?? null,
    field: issue.field ?? null,
    count: issue.count ?? 1,
  };
}

function importView(report: ImportReport, locale: string): HsdsImportResult {
  return {
    ok: report.ok,
    dryRun: report.dryRun,
    publish: report.publish,
    counts: Object.entries(report.counts).map(([kind, counts]) => ({ kind, ...counts })),
    changes: report.changes,
    errors: report.errors.map((issue) => issueView(issue, locale)),
    errorCount: report.errorCount,
    warnings: report.warnings.map((issue) => issueView(issue, locale)),
    publishQueued: report.publishQueued,
    summary: formatImportReport(report, locale, { listRecords: false }),
  };
}

@Resolver()
export class HsdsResolver {
  @Mutation(() => HsdsExportResult, {
    description:
      "Writes the published directory as Open Referral HSDS 3.0 — JSON and the tabular data package, per locale — into a new folder of the server's HSDS exports folder (admins).",
  })
  @Localized()
  async exportHsds(
    @Ctx() context: RequestContext,
    @Arg("locales", () => [String], { nullable: true, description: "Default: every locale START publishes in." }) locales?: string[] | null,
    @Arg("formats", () => [HsdsFormat], { nullable: true, description: "Default: both." }) formats?: HsdsFormat[] | null,
    @Arg("locale", () => String, LOCALE_ARGUMENT) _locale?: string,
  ): Promise<HsdsExportResult> {
    authorize(context, "organization.admin");
    const enabled = await enabledLocales(context.db);
    for (const locale of locales ?? []) {
      if (!enabled.includes(locale)) throw badInput("unknownLocale", { locale, available: enabled.join(", ") }, "locales");
    }
    const folderName = `export-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    const outDir = path.join(hsdsFolder(), "exports", folderName);
    const summary = await exportHsds(context.db, { outDir, locales: locales ?? undefined, formats: formats ?? undefined });
    return {
      folder: folderName,
      locales: summary.locales,
      ...summary.counts,
      files: summary.files.map((file) => ({ path: path.relative(outDir, file.path), records: file.records, bytes: file.bytes })),
    };
  }

  @Mutation(() => HsdsImportResult, {
    description:
      "Imports an HSDS JSON document or tabular package from the server's HSDS imports folder, all or nothing (admins). " +
      "A dry run reports what would be created or changed and writes nothing; imported services are drafts for review unless `publish` is true. " +
      "Problems name the file, the line (or JSON pointer) and the field, in the requester's locale.",
  })
  @Localized()
  async importHsds(
    @Ctx() context: RequestContext,
    @Arg("source", () => String, { description: "A file or folder inside the server's HSDS imports folder." }) source: string,
    @Arg("dryRun", () => Boolean, { defaultValue: false }) dryRun: boolean,
    @Arg("publish", () => Boolean, { defaultValue: false }) publish: boolean,
    @Arg("textLocale", () => String, { nullable: true, description: "The locale of texts the files give without one." }) textLocale?: string | null,
    @Arg("locale", () => String, LOCALE_ARGUMENT) _locale?: string,
  ): Promise<HsdsImportResult> {
    const viewer = authorize(context, "organization.admin");
    const messageLocale = isMessageLocale(context.scope.messageLocale) ? context.scope.messageLocale : "ar";
    const folder = path.join(hsdsFolder(), "imports");
    const resolved = path.resolve(folder, source);
    if (path.isAbsolute(source) || !resolved.startsWith(`${folder}${path.sep}`)) throw badInput("invalidValue", {}, "source");
    if (textLocale) {
      const enabled = await enabledLocales(context.db);
      if (!enabled.includes(textLocale)) throw badInput("unknownLocale", { locale: textLocale, available: enabled.join(", ") }, "textLocale");
    }
    try {
      const report = await importHsds(context.db, { source: resolved, dryRun, publish, textLocale: textLocale ?? undefined, actorUserId: viewer.userId });
      return importView(report, messageLocale);
    } catch (error) {
      if (!(error instanceof HsdsError)) throw error;
      // Nothing to import at that path: reported like any other problem.
      const message = error.messageIn(messageLocale).replace(resolved, source);
      return {
        ok: false,
        dryRun,
        publish,
        counts: [],
        changes: [],
        errors: [{ message, file: source, line: null, pointer: null, field: null, count: 1 }],
        errorCount: 1,
        warnings: [],
        publishQueued: false,
        summary: message,
      };
    }
  }
}
