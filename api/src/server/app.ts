import "reflect-metadata";
import { HeaderMap } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import type { DatabaseHandle } from "@start/db";
import express, { type Express, type NextFunction, type Request, type Response } from "express";
import type { GraphQLSchema } from "graphql";
import type { ViewerResolver } from "../auth/viewer.js";
import { clearSessionCookie, SESSION_COOKIE, sessionViewerResolver } from "../accounts/sessions.js";
import { feedbackRoutes } from "../feedback/route.js";
import { createRequestContext } from "../graphql/context.js";
import { ApiError, ErrorCode } from "../graphql/errors.js";
import { buildApiSchema } from "../graphql/schema.js";
import { hsdsRouter } from "../hsds/router.js";
import { createApolloServer } from "./apollo.js";
import { graphqlHttpErrorHandler, httpError } from "./errors.js";
import { graphqlPage } from "./graphql-page.js";
import { healthRoutes } from "./health.js";
import { DEFAULT_LIMITS, type Limits, nestedDeeperThan } from "./limits.js";
import { accountsConfigFromEnv, type AccountsConfig, DEFAULT_ACCOUNTS_CONFIG, trustProxyFromEnv } from "./config.js";
import { consoleLogger, type Logger } from "./logger.js";
import { currentScope, requestScopeMiddleware } from "./request-scope.js";
import { ResponseCache, type ResponseCacheOptions } from "./response-cache.js";
import { apiSecurityHeaders } from "./security-headers.js";
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from "./unavailable.js";

export interface AppOptions {
  /** The database: its drizzle handle, and a ping for /readyz. The caller opens and closes it. */
  database: Pick<DatabaseHandle, "db" | "ping">;
  /** Schema introspection; default: on, except when NODE_ENV=production. GRAPHQL_INTROSPECTION=true|false overrides. */
  introspection?: boolean;
  /** Who is asking; default: the session of the request (cookie `start_session` or `Authorization: Bearer`). */
  resolveViewer?: ViewerResolver;
  /** Sessions, lock-out, rate limits, invitations (defaults in server/config.ts; START_SECRET from the environment). */
  accounts?: Partial<AccountsConfig>;
  /** Express's `trust proxy` (client address and HTTPS from X-Forwarded-*); default from START_TRUST_PROXY, else off. */
  trustProxy?: boolean | number | string;
  logger?: Logger;
  limits?: Partial<Limits>;
  /** The short-lived cache of anonymous answers (server/response-cache.ts); default: none. START's processes turn it on. */
  responseCache?: ResponseCacheOptions;
}

export interface StartApi {
  /** The Express app: mount more routes on it (the portal, HSDS endpoints) before listening. */
  app: Express;
  schema: GraphQLSchema;
  /** The cache of anonymous answers, when it is on. */
  responseCache: ResponseCache | null;
  /** Stops the GraphQL server (the caller closes the HTTP server and the database). */
  close(): Promise<void>;
}

export function introspectionDefault(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.GRAPHQL_INTROSPECTION === "true") return true;
  if (env.GRAPHQL_INTROSPECTION === "false") return false;
  return env.NODE_ENV !== "production";
}

const JSON_TYPES = ["application/json", "application/graphql-response+json"];

/** POST bodies must be JSON: anything else is refused before parsing (and CSRF-safe by construction). */
function requireJsonBody(request: Request, response: Response, next: NextFunction): void {
  if (request.method === "POST" && !request.is(JSON_TYPES)) {
    const { status, body } = httpError(400, "BAD_REQUEST", "unsupportedContentType");
    response.status(status).setHeader("Cache-Control", "no-store").json(body);
    return;
  }
  next();
}

/**
 * Refuses, before anything else reads them (the response cache's key, Apollo), variables nested
 * deeper than any input type of the schema: JSON.parse follows thousands of levels that the
 * recursive code after it cannot (HTTP 400, BAD_USER_INPUT). GET carries them in the query string.
 */
function variablesDepthGuard(max: number) {
  return (request: Request, response: Response, next: NextFunction): void => {
    let variables: unknown = (request.body as { variables?: unknown } | undefined)?.variables;
    const inQuery = request.method === "GET" ? request.query.variables : undefined;
    if (typeof inQuery === "string") {
      try {
        variables = JSON.parse(inQuery);
      } catch {
        // Not JSON: Apollo says so.
      }
    }
    if (nestedDeeperThan(variables, max)) {
      const { status, body } = httpError(400, ErrorCode.BAD_USER_INPUT, "variablesTooDeep", { max });
      response.status(status).setHeader("Cache-Control", "no-store").json(body);
      return;
    }
    next();
  };
}

/** Logs each request without personal data: method, path (never the query string), status, duration. */
function requestLog(logger: Logger) {
  return (request: Request, response: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    response.on("finish", () => {
      logger.info("request", {
        requestId: currentScope()?.requestId ?? response.getHeader("x-request-id"),
        method: request.method,
        path: request.baseUrl + request.path,
        status: response.statusCode,
        durationMs: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
      });
    });
    next();
  };
}

/** The database went away while the session was being read: 503 with Retry-After (Apollo answers context failures itself). */
function serviceUnavailable(): ApiError {
  return new ApiError("SERVICE_UNAVAILABLE", "serviceUnavailable", {}, {
    extensions: { http: { status: 503, headers: new HeaderMap([["retry-after", String(RETRY_AFTER_SECONDS)]]) } },
  });
}

/**
 * START's HTTP application: /graphql (the public GraphQL API), /healthz and /readyz.
 * Returned unstarted so that later work can mount the portal and more routes on the same app.
 */
export async function createApp(options: AppOptions): Promise<StartApi> {
  const logger = options.logger ?? consoleLogger;
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const accounts: AccountsConfig = { ...DEFAULT_ACCOUNTS_CONFIG, ...accountsConfigFromEnv(), ...options.accounts };
  const resolveViewer = options.resolveViewer ?? sessionViewerResolver(options.database.db, accounts);
  const schema = await buildApiSchema();
  const introspection = options.introspection ?? introspectionDefault();
  const apollo = createApolloServer({
    schema,
    introspection,
    limits,
    logger,
  });
  await apollo.start();

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", options.trustProxy ?? trustProxyFromEnv());
  app.set("query parser", "simple");
  app.use(requestScopeMiddleware);
  app.use(apiSecurityHeaders);
  app.use(requestLog(logger));
  app.use(healthRoutes(options.database.ping, logger));

  const graphql = express.Router();
  graphql.use((_request, response, next) => {
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("X-Content-Type-Options", "nosniff");
    next();
  });
  // A browser opening /graphql gets a page about the API; GraphQL requests go on untouched.
  graphql.use(graphqlPage({ schema, introspection }));
  graphql.use(requireJsonBody);
  graphql.use(express.json({ limit: limits.maxBodySize, type: JSON_TYPES }));
  graphql.use((request, _response, next) => {
    // Apollo needs a body even for GET (where it reads the query string instead).
    request.body ??= {};
    next();
  });
  graphql.use(variablesDepthGuard(limits.maxVariablesDepth));
  const responseCache = options.responseCache && options.responseCache.ttlMs > 0 ? new ResponseCache(options.responseCache) : null;
  if (responseCache) graphql.use(responseCache.middleware);
  graphql.use(
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const scope = currentScope();
        if (!scope) throw new Error("request scope missing");
        const viewer = await resolveViewer(req).catch((error: unknown) => {
          if (isDatabaseUnavailable(error)) throw serviceUnavailable();
          throw error;
        });
        // A session cookie that no longer opens a session (expired, signed out elsewhere) is cleared.
        if (!viewer && req.get("cookie")?.includes(`${SESSION_COOKIE}=`)) clearSessionCookie(req, res);
        return createRequestContext(options.database.db, scope, viewer, { http: { request: req, response: res }, accounts });
      },
    }),
  );
  graphql.use(graphqlHttpErrorHandler(logger, limits.maxBodySize));
  app.use("/graphql", graphql);
  app.use(feedbackRoutes({ db: options.database.db, accounts, logger }));
  app.use("/hsds", hsdsRouter({ db: options.database.db, logger }));

  return { app, schema, responseCache, close: () => apollo.stop() };
}
