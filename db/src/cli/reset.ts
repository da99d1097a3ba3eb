import { createDatabase } from "../client.js";
import { lockDataDirectory } from "../data-lock.js";
import { dataDirectory } from "../paths.js";
import { dropEverything, removeDataDirectory } from "../reset.js";
import { formatSeedReport, seedFromContent } from "../seed/index.js";
import { runWithDatabase } from "./run.js";

if (process.env.NODE_ENV === "production" && !process.argv.includes("--force")) {
  console.error("db:reset: refusing to erase a production database without --force");
  process.exit(1);
}

let unlock: () => void;
try {
  unlock = process.env.DATABASE_URL ? () => {} : lockDataDirectory(dataDirectory());
} catch (error) {
  console.error(`db:reset failed: ${(error as Error).message}`);
  process.exit(1);
}
const first = await createDatabase();
console.log(`db:reset: erasing ${first.driver} at ${first.location}`);
if (first.driver === "pglite") {
  await first.close();
  await removeDataDirectory(first.location);
} else {
  await dropEverything(first);
  await first.close();
}
unlock();

await runWithDatabase("db:reset", async (handle) => {
  await handle.migrate();
  console.log(formatSeedReport(await seedFromContent(handle.db)));
});
