/**
 * Whether an error means the database server cannot be reached for now (restarting, network
 * cut, refusing connections), as opposed to a fault of START or of the request. Such errors are
 * answered 503 with Retry-After, not 500: the client can try again in a moment, and postgres.js
 * reconnects by itself once the server is back.
 */

/**
 * postgres.js's own connection codes, and the socket errors it passes through. CONNECTION_ENDED is
 * START closing its own pool. ANSWER_TIMEOUT (a silent connection given up) and QUEUE_TIMEOUT (no
 * free connection in time) come from START's patch of postgres.js (DatabaseTimeouts in @start/db).
 */
const CONNECTION_CODES = new Set([
  "CONNECTION_CLOSED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "ANSWER_TIMEOUT",
  "QUEUE_TIMEOUT",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
]);

/**
 * PostgreSQL's SQLSTATEs for the same: class 08 (connection exception), the server shutting down
 * or starting up (57P01–57P03), no connection slot left (53300), and a statement cancelled by
 * its statement_timeout (57014: the database is too slow to answer in time for now).
 */
const UNAVAILABLE_STATES = /^(08|57P0[123]$|57014$|53300$)/;

/** How long clients are told to wait before trying again, in seconds. */
export const RETRY_AFTER_SECONDS = 5;

export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && typeof current === "object" && depth < 8; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && (CONNECTION_CODES.has(code) || UNAVAILABLE_STATES.test(code))) return true;
    // GraphQL wraps resolver errors (originalError), drizzle wraps driver errors (cause).
    current = (current as { originalError?: unknown }).originalError ?? (current as { cause?: unknown }).cause;
  }
  return false;
}
