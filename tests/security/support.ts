import { request as httpRequest } from "node:http";
import type { Logger } from "@start/api";

/**
 * What the security, fault and load tests share: the quick/full switch, reproducible fuzz
 * settings, a raw HTTP client that never hangs, the checks every answer must pass, and a logger
 * that keeps what the server writes (for the privacy checks).
 */

/** START_FULL_CHECKS=1 (`pnpm test:full-checks`): the long runs, by hand. Otherwise CI's quick mode. */
export const FULL_CHECKS = process.env.START_FULL_CHECKS === "1";

/** Picks the quick or the full figure. */
export const quickOrFull = <T>(quick: T, full: T): T => (FULL_CHECKS ? full : quick);

/**
 * fast-check settings: a fixed seed (printed, so a failure can be replayed), FUZZ_SEED and
 * FUZZ_RUNS to override; `runs` is the quick figure, `fullRuns` the full one; no shrinking
 * unless FUZZ_SHRINK=1.
 */
export function fuzzSettings(name: string, runs: number, fullRuns: number): { seed: number; numRuns: number; endOnFailure: boolean } {
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20_260_101;
  const numRuns = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : quickOrFull(runs, fullRuns);
  console.log(`fuzz ${name}: seed ${seed}, ${numRuns} runs (replay with FUZZ_SEED=${seed} FUZZ_RUNS=${numRuns})`);
  // Shrinking replays hundreds of HTTP requests (minutes): the failure's own message names the
  // request and the answer, so by default the first failure ends the run; FUZZ_SHRINK=1 shrinks.
  return { seed, numRuns, endOnFailure: process.env.FUZZ_SHRINK !== "1" };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  ms: number;
}

export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** A request that takes longer fails the test as a hung request. */
  timeoutMs?: number;
}

/** Sends one request with node:http (any method, any bytes, any header) and reads the whole answer. */
export function rawRequest(origin: string, options: RawRequest): Promise<RawResponse> {
  const started = performance.now();
  const timeoutMs = options.timeoutMs ?? 15_000;
  return new Promise((resolve, reject) => {
    const url = new URL(options.path, origin);
    const request = httpRequest(
      url,
      // The body's length always framed: Node sends the body of a GET, DELETE or OPTIONS
      // unframed otherwise, and the server reads its bytes as a broken next request.
      { method: options.method ?? "GET", headers: { ...(options.body !== undefined ? { "content-length": String(Buffer.byteLength(options.body)) } : {}), ...options.headers }, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          clearTimeout(timer);
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString("utf8"), ms: performance.now() - started });
        });
        response.on("error", (error) => {
          clearTimeout(timer);
          reject(error);
        });
      },
    );
    const timer = setTimeout(() => {
      request.destroy();
      reject(new Error(`hung request: no complete answer within ${timeoutMs} ms for ${options.method ?? "GET"} ${options.path}`));
    }, timeoutMs);
    request.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    if (options.body !== undefined) request.write(options.body);
    request.end();
  });
}

/** What may never appear in an answer: stack frames, file paths, SQL errors, driver names. */
const LEAKS: Array<[string, RegExp]> = [
  ["stack frame", /\bat (?:async )?[\w$.<>[\] ]+ \((?:file:\/\/|\/|node:)[^)]*:\d+:\d+\)/],
  ["stack frame", /\n\s+at (?:file:\/\/|\/|node:)/],
  ["file path", /\/(?:work|home|usr|tmp)\/[\w./-]+\.(?:ts|js|mjs)\b/],
  ["node_modules", /node_modules/],
  ["SQL error", /Failed query|PostgresError|DrizzleQueryError|syntax error at or near|violates (?:foreign key|unique|check|not-null) constraint|invalid byte sequence/i],
  ["driver", /\bpglite\b|postgres\.js/i],
];

/** The problems of an answer: a 5xx, a leaked internal detail, an INTERNAL_SERVER_ERROR. Empty when it is fine. */
export function problemsOf(response: Pick<RawResponse, "status" | "text">): string[] {
  const problems: string[] = [];
  if (response.status >= 500) problems.push(`HTTP ${response.status}`);
  for (const [what, pattern] of LEAKS) if (pattern.test(response.text)) problems.push(`leaks a ${what}`);
  if (/"INTERNAL_SERVER_ERROR"/.test(response.text)) problems.push("INTERNAL_SERVER_ERROR in the body");
  return problems;
}

export interface CapturedEntry {
  level: "info" | "warn" | "error";
  message: string;
  fields: Record<string, unknown>;
}

/** A logger that keeps everything it is told; `text()` is the log as it would be written. */
export function capturingLogger(): { logger: Logger; entries: CapturedEntry[]; text(): string; errors(): CapturedEntry[] } {
  const entries: CapturedEntry[] = [];
  const keep = (level: CapturedEntry["level"]) => (message: string, fields: Record<string, unknown> = {}) => {
    entries.push({ level, message, fields });
  };
  return {
    logger: { info: keep("info"), warn: keep("warn"), error: keep("error") },
    entries,
    text: () => entries.map((entry) => JSON.stringify({ level: entry.level, message: entry.message, ...entry.fields })).join("\n"),
    errors: () => entries.filter((entry) => entry.level === "error"),
  };
}

/** A short description of an answer for failure messages. */
export function describeResponse(response: Pick<RawResponse, "status" | "text">): string {
  return `HTTP ${response.status}: ${response.text.slice(0, 600)}`;
}
