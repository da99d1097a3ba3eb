import type { ApolloServerPlugin } from "@apollo/server";
import type { RequestContext } from "../graphql/context.js";
import { CACHE_VERDICT, type CacheVerdict } from "./response-cache.js";

/** Public answers may be cached for a minute by browsers and CDNs, and served stale while refreshed. */
export const PUBLIC_CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=300";

/** For answers that depend on who asks (a signed-in viewer, `me`, any editorial query or mutation). */
export const PRIVATE_CACHE_CONTROL = "private, no-store";

/**
 * Cache-Control for GraphQL responses: public and short-lived for an anonymous GET query answered
 * without errors; `private, no-store` for anything that depends on the viewer (a session, or a
 * field that checked who is asking); no-store for everything else (POST, errors). Answers depend
 * on Accept-Language and on the session, hence Vary.
 */
export function cacheControlPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response, contextValue, operation }) {
          const body = response.body;
          const personal = contextValue.viewer !== null || contextValue.private || operation?.operation === "mutation";
          const cacheable =
            !personal &&
            request.http?.method === "GET" &&
            operation?.operation === "query" &&
            body.kind === "single" &&
            !body.singleResult.errors?.length;
          response.http.headers.set("cache-control", personal ? PRIVATE_CACHE_CONTROL : cacheable ? PUBLIC_CACHE_CONTROL : "no-store");
          // For the server's own cache of anonymous answers (response-cache.ts), POST included.
          const verdict: CacheVerdict = {
            shareable: !personal && operation?.operation === "query" && body.kind === "single" && !body.singleResult.errors?.length,
            invalidates: operation?.operation === "mutation",
          };
          if (contextValue.http) contextValue.http.response.locals[CACHE_VERDICT] = verdict;
          response.http.headers.set("vary", "Accept-Language, Cookie, Authorization");
        },
      };
    },
  };
}
