import { consoleLogger, type Logger } from "../server/logger.js";

function value(field: unknown): string {
  if (typeof field === "string") return /[\s"=]/.test(field) || field === "" ? JSON.stringify(field) : field;
  if (typeof field === "number" || typeof field === "boolean" || field === null) return String(field);
  return JSON.stringify(field);
}

function line(level: string, message: string, fields: Record<string, unknown> = {}): string {
  const time = new Date().toTimeString().slice(0, 8);
  const mark = level === "info" ? "" : `${level.toUpperCase()} `;
  if (message === "request") {
    const { method, path, status, durationMs } = fields;
    return `${time} ${mark}${method} ${path} ${status} ${durationMs} ms\n`;
  }
  const indent = (text: string) => `\n  ${text.replace(/\n/g, "\n  ")}`;
  const rest = Object.entries(fields)
    .filter(([, field]) => field !== undefined)
    .map(([key, field]) => {
      if (key !== "error") return ` ${key}=${value(field)}`;
      // A build's error (text) or describeError()'s object: the message, then where it came from.
      if (typeof field === "string") return field.includes("\n") ? indent(field) : ` error=${value(field)}`;
      const error = field as { message?: string; stack?: string };
      const stack = error.stack?.split("\n").slice(1).map((line) => line.trim()).join("\n");
      return `${indent(String(error.message ?? JSON.stringify(field)))}${stack ? indent(stack) : ""}`;
    })
    .join("");
  return `${time} ${mark}${message}${rest}\n`;
}

/** One readable line per event, for a person watching a terminal. */
export const prettyLogger: Logger = {
  info: (message, fields) => process.stdout.write(line("info", message, fields)),
  warn: (message, fields) => process.stderr.write(line("warn", message, fields)),
  error: (message, fields) => process.stderr.write(line("error", message, fields)),
};

/** START_LOG_FORMAT=json|pretty; by default pretty on a terminal and JSON lines otherwise (for log collectors). */
export function runtimeLogger(env: NodeJS.ProcessEnv = process.env): Logger {
  const format = env.START_LOG_FORMAT ?? (process.stdout.isTTY ? "pretty" : "json");
  return format === "pretty" ? prettyLogger : consoleLogger;
}
