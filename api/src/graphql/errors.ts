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
  /** An update made against a version that is no longer the current one (extensions.currentVersion). */
  CONFLICT: "CONFLICT",
  /** The record is not in a state that allows this (archived, already published, not in review…). */
  INVALID_STATE: "INVALID_STATE",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** One field a validation error names: its path in the input ("texts.ar.name") and why. */
export interface FieldIssue {
  path: string;
  key: MessageKey;
  params?: MessageParams;
}

/**
 * An error meant for the client: a stable code, and a message key rendered in the request's
 * locale when the response is formatted (the English text is kept for logs). `fields` (validation)
 * are rendered in the same locale, as extensions.fields: [{ path, message }].
 */
export class ApiError extends GraphQLError {
  constructor(
    readonly code: ErrorCode | string,
    readonly messageKey: MessageKey,
    readonly params: MessageParams = {},
    options: { status?: number; field?: string; extensions?: Record<string, unknown>; fields?: FieldIssue[] } = {},
  ) {
    super(translate("en", messageKey, params), {
      extensions: {
        code,
        ...(options.field ? { field: options.field } : {}),
        ...options.extensions,
        ...(options.status ? { http: { status: options.status } } : {}),
      },
    });
    this.name = "ApiError";
    this.fields = options.fields;
  }

  readonly fields: FieldIssue[] | undefined;
}

/** Bad input from the client: answered with HTTP 400. */
export function badInput(messageKey: MessageKey, params: MessageParams = {}, field?: string): ApiError {
  return new ApiError(ErrorCode.BAD_USER_INPUT, messageKey, params, { status: 400, field });
}

/** Input that fails validation: every field named, each with its own message. */
export function invalidFields(fields: FieldIssue[]): ApiError {
  return new ApiError(ErrorCode.BAD_USER_INPUT, "invalidInput", { fields: fields.map((field) => field.path).join(", ") }, {
    status: 400,
    fields,
  });
}

/**
 * The field a graphql-js variable-coercion message names ('Variable "$input" got invalid value "X"
 * at "input.status"…' → "status"; 'Variable "$id" of required type…' → "id"), if any.
 */
export function fieldOfVariableError(message: string): string | undefined {
  const at = /got invalid value .* at "(?:[A-Za-z_]\w*\.)?([^"]+)"/s.exec(message)?.[1];
  const variable = at ? undefined : /^Variable "\$(\w+)"/.exec(message)?.[1];
  return (at ?? variable)?.replace(/\[(\d+)\]/g, ".$1");
}

/** A variable that does not fit the schema (an unknown enumeration value, a missing field): 400, naming the field. */
export function invalidVariables(detail: string): ApiError {
  const field = fieldOfVariableError(detail);
  return new ApiError(ErrorCode.BAD_USER_INPUT, "invalidVariables", {}, {
    status: 400,
    extensions: { detail },
    fields: field ? [{ path: field, key: "invalidValue" }] : undefined,
  });
}

export function notFound(entity: string): ApiError {
  return new ApiError(ErrorCode.NOT_FOUND, "notFound", { entity });
}

export function unauthenticated(): ApiError {
  return new ApiError(ErrorCode.UNAUTHENTICATED, "unauthenticated");
}

export function forbidden(): ApiError {
  return new ApiError(ErrorCode.FORBIDDEN, "forbidden");
}

/** A stale expectedVersion: the client must reload; the current version travels in extensions. */
export function conflict(entity: string, currentVersion: number, expectedVersion: number): ApiError {
  return new ApiError(ErrorCode.CONFLICT, "conflict", { entity, currentVersion, expectedVersion }, {
    extensions: { currentVersion, expectedVersion },
  });
}

export function invalidState(messageKey: MessageKey, params: MessageParams = {}): ApiError {
  return new ApiError(ErrorCode.INVALID_STATE, messageKey, params);
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
