import type { ErrorRequestHandler } from "express";
import type { GraphQLFormattedError } from "graphql";
import { fieldOfVariableError, findApiError } from "../graphql/errors.js";
import { DEFAULT_MESSAGE_LOCALE, type MessageKey, translate } from "../i18n/messages.js";
import { DEFAULT_LIMITS } from "./limits.js";
import { describeError, type Logger } from "./logger.js";
import { currentScope } from "./request-scope.js";
import { isDatabaseUnavailable } from "./unavailable.js";

/** The message keys for the errors graphql-js and Apollo raise themselves. */
function keyForApolloError(code: unknown, message: string): MessageKey | undefined {
  switch (code) {
    case "GRAPHQL_PARSE_FAILED":
      return "parseFailed";
    case "GRAPHQL_VALIDATION_FAILED":
      return message.startsWith("GraphQL introspection is not allowed") ? "introspectionDisabled" : "validationFailed";
    case "BAD_USER_INPUT":
      return "invalidVariables";
    case "OPERATION_RESOLUTION_FAILURE":
      return "operationNotFound";
    case "PERSISTED_QUERY_NOT_SUPPORTED":
    case "PERSISTED_QUERY_NOT_FOUND":
      return "persistedQueriesUnsupported";
    case "BAD_REQUEST":
      if (message.includes("Cross-Site Request Forgery")) return "csrfBlocked";
      if (message.startsWith("Apollo Server supports only GET/POST")) return "methodNotAllowed";
      if (message.includes("'accept' header")) return "notAcceptable";
      return "badRequest";
    default:
      return undefined;
  }
}

/**
 * Apollo's formatError: every message in the request's locale, a stable code, the request id.
 * Errors the client caused keep graphql-js's technical wording in extensions.detail. Anything
 * unexpected becomes a generic message with the request id; the details go to the log only.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const scope = currentScope();
    const locale = scope?.messageLocale ?? DEFAULT_MESSAGE_LOCALE;
    const requestId = scope?.requestId;
    const location = { ...(formatted.locations ? { locations: formatted.locations } : {}), ...(formatted.path ? { path: formatted.path } : {}) };

    const apiError = findApiError(error);
    if (apiError) {
      const fields = apiError.fields?.map((field) => ({ path: field.path, message: translate(locale, field.key, field.params) }));
      const message = fields
        ? translate(locale, apiError.messageKey, { fields: fields.map((field) => `${field.path}: ${field.message}`).join(" — ") })
        : translate(locale, apiError.messageKey, apiError.params);
      return {
        message,
        ...location,
        extensions: { ...formatted.extensions, ...(fields ? { fields } : {}), requestId },
      };
    }
    const code = formatted.extensions?.code;
    const key = keyForApolloError(code, formatted.message);
    if (key) {
      // A variable graphql-js could not coerce (a value outside an enumeration, a missing field): name the field.
      const field = code === "BAD_USER_INPUT" ? fieldOfVariableError(formatted.message) : undefined;
      return {
        message: translate(locale, key),
        ...location,
        extensions: {
          code,
          detail: formatted.message,
          ...(field ? { fields: [{ path: field, message: translate(locale, "invalidValue") }] } : {}),
          requestId,
        },
      };
    }
    const original = (error as { originalError?: unknown })?.originalError ?? error;
    if (isDatabaseUnavailable(original)) {
      // The database server is away (restarting, network): a 503 the client may retry (apollo.ts sets the status).
      logger.warn("database unavailable", { requestId, ...describeError(original) });
      return {
        message: translate(locale, "serviceUnavailable"),
        ...location,
        extensions: { code: "SERVICE_UNAVAILABLE", requestId },
      };
    }
    logger.error("internal error", { requestId, code, ...describeError(original) });
    return {
      message: translate(locale, "internal", { requestId: requestId ?? "-" }),
      ...location,
      extensions: { code: "INTERNAL_SERVER_ERROR", requestId },
    };
  };
}

/** A GraphQL-shaped error response for failures before Apollo runs (body parsing, content type…). */
export function httpError(status: number, code: string, key: MessageKey, params: Record<string, string | number> = {}) {
  const scope = currentScope();
  return {
    status,
    body: {
      errors: [
        {
          message: translate(scope?.messageLocale ?? DEFAULT_MESSAGE_LOCALE, key, params),
          extensions: { code, requestId: scope?.requestId },
        },
      ],
    },
  };
}

/** A request the client got wrong, found before any route handled it: the status, code and message to answer with. */
export interface ClientFault {
  status: number;
  code: string;
  key: MessageKey;
  params?: Record<string, string | number>;
}

/** zlib's and brotli's codes for data that is not what its Content-Encoding says, or is cut short. */
const DECOMPRESSION_FAILED = /^(?:Z_|ERR__ERROR_)/;

/**
 * The client's fault in an error raised by Express or its body parsers (a body that is not JSON,
 * too large, not the compressed data it claims to be, a path with a malformed percent-escape),
 * or undefined: then it is the server's, an internal error. Every route's error handler asks here.
 */
export function clientFaultOf(error: unknown, maxBodySize = DEFAULT_LIMITS.maxBodySize): ClientFault | undefined {
  const { type, code, status } = (error ?? {}) as { type?: unknown; code?: unknown; status?: unknown };
  if (type === "entity.parse.failed") return { status: 400, code: "BAD_REQUEST", key: "malformedJson" };
  if (type === "entity.too.large") return { status: 413, code: "PAYLOAD_TOO_LARGE", key: "payloadTooLarge", params: { limit: maxBodySize } };
  if (type === "encoding.unsupported" || type === "charset.unsupported") return { status: 400, code: "BAD_REQUEST", key: "unsupportedContentType" };
  if (type === "request.aborted" || type === "request.size.invalid" || type === "stream.encoding.set") return { status: 400, code: "BAD_REQUEST", key: "badRequest" };
  if (typeof code === "string" && DECOMPRESSION_FAILED.test(code)) return { status: 400, code: "BAD_REQUEST", key: "compressedBodyInvalid" };
  // Express's router could not decode a path parameter (%FF, a lone %).
  if (error instanceof URIError && status === 400) return { status: 400, code: "BAD_REQUEST", key: "malformedUrl" };
  return undefined;
}

/** Express error handler for the /graphql route: the client's faults are 4xx (clientFaultOf), the rest 500. */
export function graphqlHttpErrorHandler(logger: Logger, maxBodySize: string): ErrorRequestHandler {
  return (error: unknown, _request, response, _next) => {
    const fault = clientFaultOf(error, maxBodySize);
    if (!fault) logger.error("internal error", { requestId: currentScope()?.requestId, ...describeError(error) });
    const { status, body } = fault
      ? httpError(fault.status, fault.code, fault.key, fault.params)
      : httpError(500, "INTERNAL_SERVER_ERROR", "internal", { requestId: currentScope()?.requestId ?? "-" });
    response.status(status).setHeader("Cache-Control", "no-store").json(body);
  };
}
