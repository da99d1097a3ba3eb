import { runtimeLogger } from "../runtime/log.js";
import { stopOnSignals } from "../runtime/signals.js";
import { startSystem } from "../runtime/system.js";
import { describeError } from "../server/logger.js";

/**
 * `pnpm start:worker`: the publish worker alone. It builds the portal into START_SITE_DIR from
 * START_API_URL (or from a private API of its own on 127.0.0.1), runs START_DEPLOY_COMMAND after
 * each build (to copy it to a static host), and swaps it in. Several may run against one
 * PostgreSQL database: one builds at a time.
 */
const logger = runtimeLogger();
try {
  const system = await startSystem({ roles: { api: false, portal: false, worker: true }, logger });
  logger.info("publish worker started", {
    api: system.config.apiUrl ?? `private, http://127.0.0.1:${system.http?.port}/graphql`,
    site: system.config.siteDir,
    deploy: system.config.deployCommand ? "START_DEPLOY_COMMAND" : "none",
  });
  stopOnSignals(async (signal) => {
    logger.info("stopping", { signal });
    await system.stop();
    logger.info("stopped");
  });
} catch (error) {
  logger.error("START worker failed to start", describeError(error));
  process.exit(1);
}
