import { createServer } from "node:http";
import { createDatabase } from "@start/db";
import { ensureFirstAdmin } from "./accounts/first-admin.js";
import { pruneSessions } from "./accounts/sessions.js";
import { pruneRateLimits } from "./accounts/throttle.js";
import { expireVacancies } from "./publishing/expiry.js";
import { createApp } from "./server/app.js";
import { consoleLogger, describeError } from "./server/logger.js";

/** `pnpm --filter @start/api start`: migrate, make sure an admin exists, then serve /graphql, /feedback, /healthz and /readyz on PORT (4000). */
async function main(): Promise<void> {
  const logger = consoleLogger;
  const port = Number(process.env.PORT ?? 4000);
  const database = await createDatabase();
  await database.migrate();
  const admin = await ensureFirstAdmin(database.db);
  if (admin.created) {
    logger.info("first admin created", { generatedPassword: admin.generatedPassword !== undefined });
    if (admin.generatedPassword) {
      // Shown this once, on the console only: it is not stored anywhere but as an argon2id hash.
      process.stdout.write(
        `\nSTART has no administrator yet: one was created.\n  e-mail:   ${admin.email}\n  password: ${admin.generatedPassword}\n` +
          "Sign in and change this password (or set START_ADMIN_EMAIL and START_ADMIN_PASSWORD before the first start).\n\n",
      );
    }
  }
  const api = await createApp({ database, logger });
  const server = createServer(api.app);
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(port, resolve));
  logger.info("START API listening", { url: `http://localhost:${port}/graphql`, database: database.driver });

  // Hourly bookkeeping (the read side does not depend on it): expired vacancies marked closed,
  // expired sessions and old rate-limit counters removed. Every process may run it; it is idempotent.
  const maintenance = async () => {
    try {
      const { expired } = await expireVacancies(database.db);
      await pruneSessions(database.db);
      await pruneRateLimits(database.db);
      if (expired.length) logger.info("vacancies expired", { count: expired.length });
    } catch (error) {
      logger.error("maintenance failed", describeError(error));
    }
  };
  void maintenance();
  const maintenanceTimer = setInterval(() => void maintenance(), 3_600_000);
  maintenanceTimer.unref();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    clearInterval(maintenanceTimer);
    logger.info("shutting down", { signal });
    // Stop accepting connections, let requests in flight finish (10 s at most), then close the database.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const deadline = setTimeout(() => server.closeAllConnections(), 10_000);
    await closed;
    clearTimeout(deadline);
    await api.close();
    await database.close();
    logger.info("stopped");
    process.exit(0);
  };
  process.on("SIGINT", (signal) => void stop(signal));
  process.on("SIGTERM", (signal) => void stop(signal));
}

main().catch((error: unknown) => {
  consoleLogger.error("START API failed to start", describeError(error));
  process.exit(1);
});
