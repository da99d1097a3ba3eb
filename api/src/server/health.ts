import { Router } from "express";
import { httpError } from "./errors.js";
import { describeError, type Logger } from "./logger.js";
import { RETRY_AFTER_SECONDS } from "./unavailable.js";

const READINESS_TIMEOUT_MS = 3_000;

/** /healthz: the process is up. /readyz: the database answers (within 3 s). */
export function healthRoutes(ping: () => Promise<void>, logger: Logger): Router {
  const router = Router();
  router.get("/healthz", (_request, response) => {
    response.setHeader("Cache-Control", "no-store").json({ status: "ok" });
  });
  router.get("/readyz", async (_request, response) => {
    response.setHeader("Cache-Control", "no-store");
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        ping(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error("database ping timed out")), READINESS_TIMEOUT_MS);
        }),
      ]);
      response.json({ status: "ready" });
    } catch (error) {
      logger.warn("not ready", describeError(error));
      const { body } = httpError(503, "SERVICE_UNAVAILABLE", "databaseUnavailable");
      response.status(503).setHeader("Retry-After", String(RETRY_AFTER_SECONDS)).json({ status: "unavailable", ...body });
    } finally {
      clearTimeout(timer);
    }
  });
  return router;
}
