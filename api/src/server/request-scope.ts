import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { DEFAULT_MESSAGE_LOCALE, MESSAGE_LOCALES } from "../i18n/messages.js";
import { negotiateLocale } from "../i18n/negotiate.js";

/**
 * What every part of the handling of one HTTP request may need to know without being handed it:
 * its id (sent back as X-Request-Id and quoted in internal errors) and the locale its messages
 * are written in. Error formatting runs outside any resolver, hence an AsyncLocalStorage.
 */
export interface RequestScope {
  requestId: string;
  acceptLanguage: string | undefined;
  /** The locale of the API's own messages: the query's `locale` argument, else Accept-Language, else Arabic. */
  messageLocale: string;
}

const storage = new AsyncLocalStorage<RequestScope>();

export function currentScope(): RequestScope | undefined {
  return storage.getStore();
}

/** A request id given by a trusted proxy is kept when it looks like one; anything else is replaced. */
const INCOMING_REQUEST_ID = /^[A-Za-z0-9._-]{8,100}$/;

export function requestScopeMiddleware(request: Request, response: Response, next: NextFunction): void {
  const incoming = request.get("x-request-id");
  const requestId = incoming && INCOMING_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  const acceptLanguage = request.get("accept-language");
  const scope: RequestScope = {
    requestId,
    acceptLanguage,
    messageLocale: negotiateLocale(acceptLanguage, MESSAGE_LOCALES) ?? DEFAULT_MESSAGE_LOCALE,
  };
  response.setHeader("X-Request-Id", requestId);
  storage.run(scope, next);
}
