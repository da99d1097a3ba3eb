import type { ApolloServerPlugin } from "@apollo/server";
import Negotiator from "negotiator";
import type { RequestContext } from "../graphql/context.js";
import { RETRY_AFTER_SECONDS } from "./unavailable.js";

const APPLICATION_JSON = "application/json";
const GRAPHQL_RESPONSE_JSON = "application/graphql-response+json";

/**
 * The HTTP status of every answer Apollo runs, as the GraphQL-over-HTTP specification asks:
 * - the database being away (errors.ts) is a 503 with Retry-After, whatever else the answer holds;
 * - an answer with a `data` entry (the operation ran, even if an error nulled all of it: a bad
 *   cursor, a page too large) is a 200, its errors in the body;
 * - a request error (no `data`: unreadable document, validation, variables, limits) keeps its 4xx
 *   for application/graphql-response+json, but is a 200 when the answer is application/json
 *   (Accept: application/json, or any type): such a client reads errors from the body only. A request
 *   with no Accept header gets the statuses of application/graphql-response+json (which the
 *   specification allows since its 2025 watershed) in an application/json body, for older clients.
 * Failures before Apollo runs (CSRF, a body that is not JSON, a method other than GET and POST)
 * are not well-formed GraphQL requests and keep their 4xx.
 */
export function httpStatusPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response }) {
          if (response.body.kind !== "single") return;
          const result = response.body.singleResult;
          if (result.errors?.some((error) => error.extensions?.code === "SERVICE_UNAVAILABLE")) {
            response.http.status = 503;
            response.http.headers.set("retry-after", String(RETRY_AFTER_SECONDS));
            return;
          }
          if ("data" in result) {
            response.http.status = 200;
            return;
          }
          if (response.http.status === 400 && answeredAsJson(request.http?.headers.get("accept"))) response.http.status = 200;
        },
      };
    },
  };
}

/** Whether an Accept header the client did send makes the answer application/json (as Apollo negotiates it). */
function answeredAsJson(accept: string | undefined): boolean {
  if (!accept) return false;
  return new Negotiator({ headers: { accept } }).mediaType([APPLICATION_JSON, GRAPHQL_RESPONSE_JSON]) === APPLICATION_JSON;
}
