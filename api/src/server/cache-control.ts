import type { ApolloServerPlugin } from "@apollo/server";
import type { RequestContext } from "../graphql/context.js";

/** Public answers may be cached for a minute by browsers and CDNs, and served stale while refreshed. */
export const PUBLIC_CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=300";

/**
 * Cache-Control for GraphQL responses: public and short-lived for an anonymous GET query answered
 * without errors; no-store for everything else (POST, signed-in viewers, errors). Answers depend on
 * Accept-Language, hence Vary.
 */
export function cacheControlPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response, contextValue, operation }) {
          const body = response.body;
          const cacheable =
            request.http?.method === "GET" &&
            contextValue.viewer === null &&
            operation?.operation === "query" &&
            body.kind === "single" &&
            !body.singleResult.errors?.length;
          response.http.headers.set("cache-control", cacheable ? PUBLIC_CACHE_CONTROL : "no-store");
          response.http.headers.set("vary", "Accept-Language");
        },
      };
    },
  };
}
