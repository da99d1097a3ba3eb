import { startBanner } from "./runtime/banner.js";
import { runtimeLogger } from "./runtime/log.js";
import { stopOnSignals } from "./runtime/signals.js";
import { startSystem } from "./runtime/system.js";
import { describeError } from "./server/logger.js";

/**
 * `pnpm start:api` (also `pnpm --filter @start/api start`): the API alone — /graphql, /feedback,
 * /hsds, /healthz and /readyz on PORT, after migrating (and seeding an empty database) and making
 * sure an admin exists. Run as many as needed against one PostgreSQL. START_SERVE_PORTAL=true
 * also serves the portal builds of START_SITE_DIR. The publish worker runs elsewhere
 * (`pnpm start:worker`).
 */
const logger = runtimeLogger();
try {
  const roles = { api: true, portal: process.env.START_SERVE_PORTAL === "true", worker: false };
  const system = await startSystem({ roles, logger });
  logger.info("START API listening", { url: `http://localhost:${system.http!.port}/graphql`, database: system.database.driver });
  process.stdout.write(await startBanner(system, roles));
  stopOnSignals(async (signal) => {
    logger.info("shutting down", { signal });
    await system.stop();
    logger.info("stopped");
  });
} catch (error) {
  logger.error("START API failed to start", describeError(error));
  process.exit(1);
}
