import type { Database } from "../client.js";
import { loadContent } from "../content/load.js";
import { contentFolder } from "../paths.js";
import { seedDatabase } from "./seed.js";
import type { SeedReport } from "./upsert.js";

export { contentId, seedDatabase } from "./seed.js";
export type { SeedReport, TableCounts } from "./upsert.js";

/** Loads content/ (or another folder) and writes it into the database. */
export async function seedFromContent(db: Database, folder: string = contentFolder): Promise<SeedReport> {
  return seedDatabase(db, loadContent(folder));
}

/** One line per table that the seed touched: "services +3 ~1 -0 (=57)". */
export function formatSeedReport(report: SeedReport): string {
  const lines = Object.entries(report).map(
    ([table, c]) => `  ${table.padEnd(28)} +${c.inserted} ~${c.updated} -${c.deleted} =${c.unchanged}`,
  );
  const changed = Object.values(report).reduce((sum, c) => sum + c.inserted + c.updated + c.deleted, 0);
  return `${lines.join("\n")}\n  ${changed === 0 ? "nothing changed" : `${changed} rows written`} (+ inserted, ~ updated, - deleted, = unchanged)`;
}
