/**
 * Structured logs, one JSON object per line. Never log personal data: no IP addresses, no query
 * text or variables (a search can say a lot about a person), no e-mail addresses.
 */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

function write(stream: NodeJS.WritableStream, level: string, message: string, fields: Record<string, unknown> = {}) {
  stream.write(`${JSON.stringify({ time: new Date().toISOString(), level, message, ...fields })}\n`);
}

export const consoleLogger: Logger = {
  info: (message, fields) => write(process.stdout, "info", message, fields),
  warn: (message, fields) => write(process.stderr, "warn", message, fields),
  error: (message, fields) => write(process.stderr, "error", message, fields),
};

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };

/** An error for the log: its name, message and stack, without the SQL parameters drizzle puts in messages. */
export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: String(error) };
  const redact = (text: string | undefined) => text?.replace(/\nparams: .*$/gs, "\nparams: [redacted]");
  const cause = error.cause instanceof Error ? { cause: { name: error.cause.name, message: redact(error.cause.message) } } : {};
  return { error: { name: error.name, message: redact(error.message), stack: redact(error.stack) }, ...cause };
}
