import path from "node:path";
import { parseArgs } from "node:util";
import { createDatabase } from "@start/db";
import { HsdsError } from "../hsds/errors.js";
import { importHsds } from "../hsds/import/import.js";
import { formatImportReport } from "../hsds/import/report.js";
import { hsdsMessage } from "../hsds/messages.js";
import { commandArguments, invocationDirectory, progressPrinter } from "./progress.js";
import { lockEmbeddedDatabase } from "./embedded-lock.js";

/**
 * Imports an Open Referral HSDS document or tabular package, all or nothing:
 *
 *   pnpm --filter @start/api hsds:import -- <file|folder> [--dry-run] [--publish] [--lang ar|en|fr] [--text-lang ar|en|fr] [--list]
 *
 * --dry-run reports what would be created or changed and writes nothing; --publish publishes what
 * is imported (default: drafts for review); --lang is the language of the messages (default: ar);
 * --text-lang the language of texts the file gives without one; --list lists each record.
 * Exit status: 0 when imported (or importable, for a dry run), 1 otherwise.
 */
const { values, positionals } = parseArgs({
  args: commandArguments(),
  allowPositionals: true,
  options: {
    "dry-run": { type: "boolean", default: false },
    publish: { type: "boolean", default: false },
    lang: { type: "string", default: "ar" },
    "text-lang": { type: "string" },
    list: { type: "boolean", default: false },
  },
});
const locale = values.lang ?? "ar";
if (positionals.length !== 1) {
  console.error("usage: hsds:import -- <file|folder> [--dry-run] [--publish] [--lang ar|en|fr] [--text-lang ar|en|fr] [--list]");
  process.exit(2);
}
const source = path.resolve(invocationDirectory(), positionals[0]!);
const unlock = lockEmbeddedDatabase();
const database = await createDatabase();
const progress = progressPrinter();
try {
  await database.migrate();
  const report = await importHsds(database.db, {
    source,
    dryRun: values["dry-run"],
    publish: values.publish,
    textLocale: values["text-lang"],
    actorUserId: null,
    onProgress: (event) => {
      if (event.phase === "read") {
        const percent = event.size > 0 ? Math.min(100, Math.round((100 * event.bytes) / event.size)) : 100;
        progress.update(`read:${event.file}`, hsdsMessage(locale, "readProgress", { file: event.file, rows: event.records, percent }), percent, 100);
      } else {
        progress.update(`apply:${event.what}`, hsdsMessage(locale, "applyProgress", { what: hsdsMessage(locale, `what.${event.what}`), done: event.done, total: event.total }), event.done, event.total);
      }
    },
  });
  progress.end();
  console.log(formatImportReport(report, locale, { listRecords: values.list }));
  process.exitCode = report.ok ? 0 : 1;
} catch (error) {
  progress.end();
  console.error(error instanceof HsdsError ? error.messageIn(locale) : error);
  process.exitCode = 1;
} finally {
  await database.close();
  unlock();
}
