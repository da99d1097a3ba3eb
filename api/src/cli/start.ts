import { runtimeLogger } from "../runtime/log.js";
import { describeError } from "../server/logger.js";

/**
 * `pnpm start`: all of START in one process on one port — the database (embedded PGlite unless
 * DATABASE_URL is set; migrated, seeded on the first start), the API, the portal and the publish
 * worker that rebuilds the portal when published data changes.
 */
const logger = runtimeLogger();
const roles = { api: true, portal: true, worker: true };
try {
  // Loading Apollo, type-graphql, drizzle and PGlite takes a few seconds: said before, not after.
  logger.info("loading START");
  const [{ startBanner }, { stopOnSignals }, { startSystem }] = await Promise.all([
    import("../runtime/banner.js"),
    import("../runtime/signals.js"),
    import("../runtime/system.js"),
  ]);
  const system = await startSystem({ roles, logger });
  const portalBuilt = Boolean(await system.site.current());
  process.stdout.write(await startBanner(system, roles));
  if (!portalBuilt) {
    // The first build is what a first start waits for: say where to look once it is in.
    const stopListening = system.worker?.onBuild((outcome) => {
      if (outcome.status !== "succeeded") return;
      stopListening?.();
      logger.info("the portal is ready", { url: `http://localhost:${system.http?.port ?? system.config.port}/` });
    });
  }
  stopOnSignals(async (signal) => {
    logger.info("stopping", { signal });
    await system.stop();
    logger.info("stopped");
  });
} catch (error) {
  logger.error("START failed to start", describeError(error));
  process.exit(1);
}
