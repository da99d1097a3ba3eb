import { formatSeedReport, seedFromContent } from "../seed/index.js";
import { runWithDatabase } from "./run.js";

await runWithDatabase("db:seed", async (handle) => {
  await handle.migrate();
  const report = await seedFromContent(handle.db);
  console.log(formatSeedReport(report));
});
