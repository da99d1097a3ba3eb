import { GraphQLError } from "graphql";
import { type MessageKey, type MessageParams, translate } from "../i18n/messages.js";

/**
 * Stable error codes clients can rely on (extensions.code). Apollo's own codes
 * (GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED, BAD_REQUEST, INTERNAL_SERVER_ERROR…) are kept.
 */
export const ErrorCode = {
  BAD_USER_INPUT: "BAD_USER_INPUT",
  NOT_FOUND: "NOT_FOUND",
  QUERY_TOO_DEEP: "QUERY_TOO_DEEP",
  QUERY_TOO_COMPLEX: "QUERY_TOO_COMPLEX",
  FORBIDDEN: "FORBIDDEN",
  UNAUTHENTICATED: "UNAUTHENTICATED",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * An error meant for the client: a stable code, and a message key rendered in the request's
 * locale when the response is formatted (the English text is kept for logs).
 */
export class ApiError extends GraphQLError {
  constructor(
    readonly code: ErrorCode | string,
    readonly messageKey: MessageKey,
    readonly params: MessageParams = {},
    options: { status?: number; field?: string } = {},
  ) {
    super(translate("en", messageKey, params), {
      extensions: {
        code,
        ...(options.field ? { field: options.field } : {}),
        ...(options.status ? { http: { status: options.status } } : {}),
      },
    });
    this.name = "ApiError";
  }
}

/** Bad input from the client: answered with HTTP 400. */
export function badInput(messageKey: MessageKey, params: MessageParams = {}, field?: string): ApiError {
  return new ApiError(ErrorCode.BAD_USER_INPUT, messageKey, params, { status: 400, field });
}

export function notFound(entity: string): ApiError {
  return new ApiError(ErrorCode.NOT_FOUND, "notFound", { entity });
}

/** The ApiError behind an error graphql-js or Apollo wrapped, if there is one. */
export function findApiError(error: unknown): ApiError | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current instanceof ApiError) return current;
    current = (current as { originalError?: unknown }).originalError;
  }
  return undefined;
}
