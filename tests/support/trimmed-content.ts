import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { contentFolder, loadContent } from "@start/db";
import { contentDate, daysBetween, testToday } from "./content-date.js";

/**
 * A smaller copy of content/ for the tests that start START as a process and build the portal
 * again and again (restart, rebuilds, kills): every place, category, rights article, vacancy,
 * alert, emergency number and UI string, but only these organisations of the directory (about a
 * quarter of the services). Its dates are rebased to today (see content-date.ts). START reads it
 * through START_CONTENT_DIR.
 */
export const TRIMMED_DIRECTORY = [
  "libyan-red-crescent",
  "unhcr-libya",
  "iom-libya",
  "sample-southern-health-network",
  "sample-legal-aid-centre",
  "sample-health-services-authority",
  "sample-public-employment-office",
];

const ISO_DATE = /\b(\d{4})-(\d{2})-(\d{2})\b/g;
let folder: string | undefined;

function textFiles(root: string): string[] {
  return readdirSync(root).flatMap((name) => {
    const full = path.join(root, name);
    if (statSync(full).isDirectory()) return textFiles(full);
    return /\.(ya?ml|md)$/.test(name) ? [full] : [];
  });
}

/** The trimmed, rebased copy (made once per test process, removed when it ends). */
export function trimmedContentFolder(): string {
  if (folder) return folder;
  const target = mkdtempSync(path.join(tmpdir(), "start-content-"));
  process.once("exit", () => rmSync(target, { recursive: true, force: true }));
  const keep = new Set(TRIMMED_DIRECTORY.map((slug) => `${slug}.yaml`));
  cpSync(contentFolder, target, {
    recursive: true,
    filter: (source) => path.dirname(source) !== path.join(contentFolder, "directory") || keep.has(path.basename(source)),
  });
  const days = daysBetween(contentDate(loadContent(target)), testToday());
  if (days !== 0) {
    for (const file of textFiles(target)) {
      const text = readFileSync(file, "utf8");
      const moved = text.replace(ISO_DATE, (date) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10));
      if (moved !== text) writeFileSync(file, moved);
    }
  }
  loadContent(target);
  folder = target;
  return target;
}
