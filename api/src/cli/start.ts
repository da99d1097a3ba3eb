import { startBanner } from "../runtime/banner.js";
import { runtimeLogger } from "../runtime/log.js";
import { stopOnSignals } from "../runtime/signals.js";
import { startSystem } from "../runtime/system.js";
import { describeError } from "../server/logger.js";

/**
 * `pnpm start`: all of START in one process on one port — the database (embedded PGlite unless
 * DATABASE_URL is set; migrated, seeded on the first start), the API, the portal and the publish
 * worker that rebuilds the portal when published data changes.
 */
const logger = runtimeLogger();
const roles = { api: true, portal: true, worker: true };
try {
  const system = await startSystem({ roles, logger });
  process.stdout.write(await startBanner(system, roles));
  stopOnSignals(async (signal) => {
    logger.info("stopping", { signal });
    await system.stop();
    logger.info("stopped");
  });
} catch (error) {
  logger.error("START failed to start", describeError(error));
  process.exit(1);
}
