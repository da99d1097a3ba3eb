import { runWithDatabase } from "./run.js";

await runWithDatabase("db:migrate", async (handle) => {
  await handle.migrate();
  console.log("db:migrate: the schema is up to date");
});
