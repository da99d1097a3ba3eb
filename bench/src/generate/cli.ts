import { parseArgs } from "node:util";
import { count } from "drizzle-orm";
import { createDatabase, services } from "@start/db";
import { generateDirectory } from "./generate.js";

/**
 * Fills an empty database with the synthetic directory (for a look at it, or a benchmark of your own):
 *
 *   pnpm --filter @start/bench generate -- --services 2000 [--seed start]
 *
 * The database is the usual one: DATABASE_URL, else the PGlite database in START_DATA_DIR (.data/).
 * It must hold no services yet: the generator never mixes its records with real ones.
 */
const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg, index) => !(index === 0 && arg === "--")),
  options: { services: { type: "string", default: "500" }, seed: { type: "string", default: "start" } },
});
const size = Number(values.services);
if (!Number.isInteger(size) || size < 1) {
  console.error(`--services must be a whole number above 0, not ${values.services}`);
  process.exit(1);
}
const database = await createDatabase();
try {
  await database.migrate();
  const [existing] = await database.db.select({ n: count() }).from(services);
  if ((existing?.n ?? 0) > 0) {
    console.error(`the database at ${database.location} already has ${existing!.n} services: generate into an empty one`);
    process.exitCode = 1;
  } else {
    const generated = await generateDirectory(database.db, { services: size, seed: values.seed, progress: (line) => console.log(`  ${line}`) });
    console.log(`generated in ${(generated.durationMs / 1000).toFixed(1)} s into ${database.location}:`, generated.counts);
  }
} finally {
  await database.close();
}
