import { existsSync } from "node:fs";
import path from "node:path";
import { createDatabase, type DatabaseHandle, lockDataDirectory } from "@start/db";
import { pruneSessions } from "../accounts/sessions.js";
import { pruneRateLimits } from "../accounts/throttle.js";
import { expireVacancies } from "../publishing/expiry.js";
import { PublishWorker, type PublishWorkerOptions } from "../publishing/worker.js";
import { createApp, type StartApi } from "../server/app.js";
import { responseCacheFromEnv } from "../server/response-cache.js";
import { describeError, type Logger } from "../server/logger.js";
import { SiteDirectory } from "../site/directory.js";
import { prepareDatabase, type Prepared } from "./bootstrap.js";
import { type RuntimeConfig, runtimeConfig } from "./config.js";
import { createHttpApp } from "./http-app.js";
import { type HttpServer, listen } from "./http-server.js";
import { runtimeLogger } from "./log.js";

/** What one process does: any combination of the three (`pnpm start` runs all of them). */
export interface Roles {
  /** /graphql, /feedback, /hsds, /healthz, /readyz on PORT. */
  api: boolean;
  /** The current portal build, on the same port. */
  portal: boolean;
  /** The publish worker (builds from this process's API unless START_API_URL names another). */
  worker: boolean;
}

export interface StartSystemOptions {
  roles: Roles;
  config?: RuntimeConfig;
  logger?: Logger;
  /** Overrides of the worker's settings (debounce, build script…). */
  worker?: Partial<PublishWorkerOptions>;
}

export interface RunningSystem {
  config: RuntimeConfig;
  database: DatabaseHandle;
  prepared: Prepared;
  site: SiteDirectory;
  /** The HTTP server (the private one of a worker without START_API_URL), if any. */
  http: HttpServer | null;
  worker: PublishWorker | null;
  /** Stops accepting requests, lets those in flight finish (10 s at most), stops the worker and its build, closes the database. */
  stop(): Promise<void>;
}

const MAINTENANCE_EVERY_MS = 3_600_000;

/**
 * Starts START's pieces in this process: the database (migrated, seeded on the very first start,
 * with a first admin), the HTTP server with the API and/or the portal, and the publish worker.
 */
export async function startSystem(options: StartSystemOptions): Promise<RunningSystem> {
  const config = options.config ?? runtimeConfig();
  const logger = options.logger ?? runtimeLogger();
  const { roles } = options;
  // The embedded database belongs to one process at a time.
  const releaseLock = config.databaseUrl ? () => {} : lockDataDirectory(config.dataDir);
  let database: DatabaseHandle | undefined;
  try {
    const pgliteDir = path.join(config.dataDir, "pglite");
    if (config.databaseUrl) logger.info("connecting to PostgreSQL");
    else if (existsSync(pgliteDir)) logger.info("opening the embedded database", { dir: pgliteDir });
    // PGlite's initdb: the longest step of a first start after the portal build.
    else logger.info("creating the embedded database (first start only)", { dir: pgliteDir });
    database = await createDatabase({
      url: config.databaseUrl ?? "",
      dataDir: pgliteDir,
      // The start-up lock holds one connection while migrations use another.
      maxConnections: Math.max(2, config.databasePoolSize),
    });
    const prepared = await prepareDatabase(database, logger);
    if (database.driver === "postgres") {
      // Migrations, the first start's seeding and waiting for another process doing them take as
      // long as they take; requests get a pool of their own, with timeouts.
      await database.close();
      database = undefined;
      database = await createDatabase({
        url: config.databaseUrl ?? "",
        maxConnections: config.databasePoolSize,
        timeouts: config.databaseTimeouts,
      });
    }
    const site = new SiteDirectory(config.siteDir);

    let api: StartApi | null = null;
    let http: HttpServer | null = null;
    if (roles.api || (roles.worker && !config.apiUrl)) {
      api = await createApp({ database, logger, responseCache: responseCacheFromEnv() });
      const app = createHttpApp(api, { site: roles.portal ? site : null, logger });
      // A worker without START_API_URL reads through a private API that only this machine reaches.
      http = roles.api ? await listen(app, config.port) : await listen(app, 0, "127.0.0.1");
    }

    // Hourly bookkeeping of API processes (idempotent, any number may run it): expired vacancies
    // closed, expired sessions and old rate-limit counters removed.
    let maintenance: Promise<void> = Promise.resolve();
    const runMaintenance = () => {
      maintenance = (async () => {
        try {
          const { expired } = await expireVacancies(database!.db);
          await pruneSessions(database!.db);
          await pruneRateLimits(database!.db);
          if (expired.length) logger.info("vacancies expired", { count: expired.length });
        } catch (error) {
          logger.error("maintenance failed", describeError(error));
        }
      })();
    };
    let maintenanceTimer: NodeJS.Timeout | undefined;
    if (roles.api) {
      runMaintenance();
      maintenanceTimer = setInterval(runMaintenance, MAINTENANCE_EVERY_MS);
      maintenanceTimer.unref();
    }

    let worker: PublishWorker | null = null;
    if (roles.worker) {
      worker = new PublishWorker({
        db: database.db,
        site,
        apiUrl: config.apiUrl ?? `http://127.0.0.1:${http!.port}/graphql`,
        siteUrl: config.siteUrl,
        logger,
        deployCommand: config.deployCommand,
        exclusiveDatabase: database.driver === "pglite",
        ...(config.publishQuietMs !== undefined ? { quietMs: config.publishQuietMs } : {}),
        ...(config.publishMaxWaitMs !== undefined ? { maxWaitMs: config.publishMaxWaitMs } : {}),
        ...options.worker,
      });
      await worker.start();
    }

    const opened = database;
    let stopping: Promise<void> | null = null;
    return {
      config,
      database: opened,
      prepared,
      site,
      http,
      worker,
      stop() {
        stopping ??= (async () => {
          clearInterval(maintenanceTimer);
          // New connections are refused at once; requests in flight finish while the worker stops.
          const drained = http?.close(10_000);
          await worker?.stop();
          await drained;
          await maintenance;
          await api?.close();
          await opened.close();
          releaseLock();
        })();
        return stopping;
      },
    };
  } catch (error) {
    await database?.close().catch(() => undefined);
    releaseLock();
    throw error;
  }
}
