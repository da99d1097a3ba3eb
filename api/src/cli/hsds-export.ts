import path from "node:path";
import { parseArgs } from "node:util";
import { createDatabase } from "@start/db";
import { HsdsError } from "../hsds/errors.js";
import { exportHsds, type ExportFormat } from "../hsds/export/export.js";
import { hsdsMessage } from "../hsds/messages.js";
import { commandArguments, invocationDirectory, progressPrinter } from "./progress.js";
import { lockEmbeddedDatabase } from "./embedded-lock.js";

/**
 * Writes the published directory as Open Referral HSDS 3.0 (JSON and the tabular data package),
 * per locale:
 *
 *   pnpm --filter @start/api hsds:export -- --out <dir> [--lang ar] [--format json|tabular] [--messages en]
 *
 * --lang picks one locale (default: every enabled locale); --messages the language of the progress
 * and summary (default: ar).
 */
const { values } = parseArgs({
  args: commandArguments(),
  options: {
    out: { type: "string" },
    lang: { type: "string", multiple: true },
    format: { type: "string", multiple: true },
    messages: { type: "string", default: "ar" },
    "profile-url": { type: "string" },
  },
});
const messages = values.messages ?? "ar";
const WHAT = { taxonomy_terms: "what.taxonomy_term", organizations: "what.organization", services: "what.service", places: "what.place" } as const;
if (!values.out) {
  console.error("usage: hsds:export -- --out <dir> [--lang ar|en|fr] [--format json|tabular] [--messages ar|en|fr]");
  process.exit(2);
}
const out = path.resolve(invocationDirectory(), values.out);
const unlock = lockEmbeddedDatabase();
const database = await createDatabase();
const progress = progressPrinter();
try {
  await database.migrate();
  console.error(hsdsMessage(messages, "exportStarted", { locale: (values.lang ?? ["*"]).join(", "), folder: out }));
  const summary = await exportHsds(database.db, {
    outDir: out,
    locales: values.lang,
    formats: values.format as ExportFormat[] | undefined,
    profileUrl: values["profile-url"],
    onProgress: ({ locale, what, done, total }) =>
      progress.update(`${locale}:${what}`, hsdsMessage(messages, "exportProgress", { locale, what: hsdsMessage(messages, WHAT[what]), done, total }), done, total),
  });
  progress.end();
  console.log(
    hsdsMessage(messages, "exportDone", {
      services: summary.counts.services,
      organizations: summary.counts.organizations,
      terms: summary.counts.taxonomyTerms,
      locales: summary.locales.length,
      files: summary.files.length,
      folder: out,
    }),
  );
} catch (error) {
  progress.end();
  console.error(error instanceof HsdsError ? error.messageIn(messages) : error);
  process.exitCode = 1;
} finally {
  await database.close();
  unlock();
}
