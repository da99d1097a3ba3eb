import { createDatabase } from "../client.js";
import { dropEverything, removeDataDirectory } from "../reset.js";
import { formatSeedReport, seedFromContent } from "../seed/index.js";
import { runWithDatabase } from "./run.js";

if (process.env.NODE_ENV === "production" && !process.argv.includes("--force")) {
  console.error("db:reset: refusing to erase a production database without --force");
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

await runWithDatabase("db:reset", async (handle) => {
  await handle.migrate();
  console.log(formatSeedReport(await seedFromContent(handle.db)));
});
