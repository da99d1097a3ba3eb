import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled, ApolloServerPluginUsageReportingDisabled } from "@apollo/server/plugin/disabled";
import type { GraphQLSchema } from "graphql";
import type { RequestContext } from "../graphql/context.js";
import { cacheControlPlugin } from "./cache-control.js";
import { createErrorFormatter } from "./errors.js";
import { httpStatusPlugin } from "./http-status.js";
import { type Limits, limitsPlugin } from "./limits.js";
import { nulCharactersPlugin } from "./nul-characters.js";
import type { Logger } from "./logger.js";
import { knownOperationTypes } from "./validation.js";

export interface ApolloOptions {
  schema: GraphQLSchema;
  introspection: boolean;
  limits: Limits;
  logger: Logger;
}

export function createApolloServer({ schema, introspection, limits, logger }: ApolloOptions): ApolloServer<RequestContext> {
  return new ApolloServer<RequestContext>({
    schema,
    introspection,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // No automatic persisted queries (clients send the full query): otherwise a hash that does
    // not match its query is an unhandled error, and the cache fills with whatever is sent.
    persistedQueries: false,
    // The process owner (main.ts) shuts down in order: HTTP server, Apollo, database.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    validationRules: [knownOperationTypes],
    formatError: createErrorFormatter(logger),
    logger: {
      debug: () => {},
      info: (message: unknown) => logger.info(String(message)),
      warn: (message: unknown) => logger.warn(String(message)),
      error: (message: unknown) => logger.error(String(message)),
    },
    plugins: [
      // No landing page: it would load Apollo's sandbox from a CDN (START makes no third-party requests).
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      cacheControlPlugin(),
      nulCharactersPlugin(),
      limitsPlugin(limits),
      httpStatusPlugin(),
    ],
  });
}
