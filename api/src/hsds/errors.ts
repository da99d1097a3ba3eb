import { hsdsMessage, type HsdsMessageKey } from "./messages.js";

/** A message to render later, in the reader's locale; its parameters may be messages themselves. */
export interface Message {
  key: HsdsMessageKey;
  params?: Record<string, string | number | Message>;
}

export function renderMessage(locale: string, message: Message): string {
  const params = Object.fromEntries(
    Object.entries(message.params ?? {}).map(([name, value]) => [name, typeof value === "object" ? renderMessage(locale, value) : value]),
  );
  return hsdsMessage(locale, message.key, params);
}

/** An error meant for the person who asked (a bad parameter, an unknown locale…), shown in their locale. */
export class HsdsError extends Error {
  readonly message_: Message;

  constructor(
    key: HsdsMessageKey,
    params: Message["params"] = {},
    readonly status = 400,
    readonly code = status === 404 ? "NOT_FOUND" : "BAD_REQUEST",
    readonly parameter?: string,
  ) {
    super(renderMessage("en", { key, params }));
    this.name = "HsdsError";
    this.message_ = { key, params };
  }

  messageIn(locale: string): string {
    return renderMessage(locale, this.message_);
  }
}

/** A query parameter that does not have the expected form. */
export function badParameter(parameter: string, expected: Message): HsdsError {
  return new HsdsError("badParameter", { parameter, expected }, 400, "BAD_REQUEST", parameter);
}
