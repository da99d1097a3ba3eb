import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { repositoryRoot } from "@start/db";

/**
 * What a portal build is made from besides the data: the portal's code and assets, the texts and
 * numbers bundled into it, the shared search normaliser and the dependency versions. A build
 * made from other sources (after an update of START) is rebuilt when START starts.
 */
const SOURCES = [
  "portal/astro.config.ts",
  "portal/package.json",
  "portal/scripts",
  "portal/src",
  "portal/public",
  "content/i18n",
  "content/emergency.yaml",
  "content/locales.yaml",
  "db/src/text",
  "pnpm-lock.yaml",
];

function files(root: string, relative: string): string[] {
  const full = path.join(root, relative);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [relative];
  return readdirSync(full, { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith(".") && entry.name !== "node_modules")
    .flatMap((entry) => files(root, path.join(relative, entry.name)));
}

/** A short hash of the portal's sources in this checkout. */
export function portalSourceStamp(root: string = repositoryRoot): string {
  const hash = createHash("sha256");
  for (const file of SOURCES.flatMap((source) => files(root, source)).sort()) {
    hash.update(file.split(path.sep).join("/")).update("\0").update(readFileSync(path.join(root, file))).update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}
