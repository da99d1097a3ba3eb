import compression from "compression";
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from "express";
import type { StartApi } from "../server/app.js";
import { trustProxyFromEnv } from "../server/config.js";
import { clientFaultOf, httpError } from "../server/errors.js";
import { describeError, type Logger } from "../server/logger.js";
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from "../server/unavailable.js";
import type { SiteDirectory } from "../site/directory.js";
import { portalStaticHandler } from "../site/serve.js";

const notFound: RequestHandler = (_request, response) => {
  response.status(404).setHeader("Cache-Control", "no-store").type("text/plain").send("Not found\n");
};

function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, _request, response, _next) => {
    if (isDatabaseUnavailable(error) && !response.headersSent) {
      logger.warn("database unavailable", describeError(error));
      response.status(503).setHeader("Retry-After", String(RETRY_AFTER_SECONDS)).setHeader("Cache-Control", "no-store").type("text/plain").send("Service unavailable\n");
      return;
    }
    const fault = clientFaultOf(error);
    if (fault && !response.headersSent) {
      const { status, body } = httpError(fault.status, fault.code, fault.key, fault.params);
      response.status(status).setHeader("Cache-Control", "no-store").json(body);
      return;
    }
    logger.error("request failed", describeError(error));
    if (response.headersSent) return response.end();
    response.status(500).setHeader("Cache-Control", "no-store").type("text/plain").send("Internal error\n");
  };
}

/**
 * START on one origin: compression (brotli or gzip) for everything, the API's routes
 * (/graphql, /feedback, /hsds, /healthz, /readyz), then, when a site directory is given, the
 * portal's current build for every other GET.
 */
export function createHttpApp(api: StartApi, options: { site?: SiteDirectory | null; logger: Logger; trustProxy?: boolean | number | string }): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", options.trustProxy ?? trustProxyFromEnv());
  app.use(compression());
  app.use(api.app);
  if (options.site) app.use(portalStaticHandler(options.site, options.logger));
  app.use(notFound);
  app.use(errorHandler(options.logger));
  return app;
}
