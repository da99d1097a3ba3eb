import { readFileSync } from "node:fs";
import autocannon from "autocannon";

/**
 * The load test's tools: the public traffic autocannon replays, a run's figures (with GraphQL
 * errors counted as errors even under HTTP 200), and the memory of a process read from /proc.
 */

export interface PublicRequest {
  /** What the request stands for in the figures ("directory", "hsds service"…). */
  name: string;
  method: "GET" | "POST";
  path: string;
  body?: string;
  headers?: Record<string, string>;
  /** A GraphQL answer: a body with "errors" is an error even under HTTP 200. */
  graphql?: boolean;
}

export interface RunFigures {
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Non-2xx answers, socket errors, timeouts and GraphQL errors. */
  errors: number;
  /** What went wrong, a few examples by request name. */
  problems: string[];
}

/** A GraphQL POST as partners and the editor send it. */
export function graphqlPost(name: string, query: string, variables: Record<string, unknown> = {}, locale = "ar"): PublicRequest {
  return {
    name,
    method: "POST",
    path: "/graphql",
    body: JSON.stringify({ query, variables }),
    headers: { "content-type": "application/json", "accept-language": locale },
    graphql: true,
  };
}

/** A GraphQL GET (cacheable by proxies), with the header Apollo's CSRF prevention asks for. */
export function graphqlGet(name: string, query: string, variables: Record<string, unknown> = {}, locale = "ar"): PublicRequest {
  const search = new URLSearchParams({ query, variables: JSON.stringify(variables) });
  return { name, method: "GET", path: `/graphql?${search}`, headers: { "apollo-require-preflight": "true", "accept-language": locale }, graphql: true };
}

export function plainGet(name: string, path: string, locale = "ar"): PublicRequest {
  return { name, method: "GET", path, headers: { "accept-language": locale } };
}

/** Sends each request once and fails with the first that is not a clean 2xx (before a run, so a run's errors are the load's). */
export async function checkEach(origin: string, requests: PublicRequest[]): Promise<void> {
  for (const request of requests) {
    const response = await fetch(`${origin}${request.path}`, { method: request.method, headers: request.headers, body: request.body });
    const text = await response.text();
    if (response.status < 200 || response.status > 299 || (request.graphql && /"errors"\s*:/.test(text))) {
      throw new Error(`${request.name} (${request.method} ${request.path.slice(0, 120)}) answered HTTP ${response.status}: ${text.slice(0, 400)}`);
    }
  }
}

/** Runs the requests on `connections` connections for `durationS` seconds (each connection cycles through them). */
export async function loadRun(origin: string, requests: PublicRequest[], connections: number, durationS: number): Promise<RunFigures> {
  const problems = new Map<string, string>();
  let graphqlErrors = 0;
  const note = (request: PublicRequest, what: string) => {
    if (problems.size < 10 && !problems.has(request.name)) problems.set(request.name, what);
  };
  const result = await autocannon({
    url: origin,
    connections,
    duration: durationS,
    timeout: 30,
    requests: requests.map((request) => ({
      method: request.method,
      path: request.path,
      body: request.body,
      headers: request.headers,
      onResponse: (status: number, body: string) => {
        if (status < 200 || status > 299) note(request, `HTTP ${status}: ${String(body).slice(0, 200)}`);
        else if (request.graphql && /"errors"\s*:/.test(body)) {
          graphqlErrors += 1;
          note(request, `GraphQL errors: ${String(body).slice(0, 300)}`);
        }
      },
    })),
  });
  if (result.errors > 0) problems.set("sockets", `${result.errors} socket errors, ${result.timeouts} timeouts`);
  return {
    requests: result.requests.total,
    requestsPerSecond: round(result.requests.total / (result.duration || durationS)),
    p50Ms: round(result.latency.p50),
    p99Ms: round(result.latency.p99),
    maxMs: round(result.latency.max),
    // autocannon's errors include its timeouts.
    errors: result.non2xx + result.errors + graphqlErrors,
    problems: [...problems].map(([name, what]) => `${name}: ${what}`),
  };
}

export interface ProcessMemory {
  /** Resident set size now, MB. */
  rssMb: number;
  /** The highest resident set size so far, MB. */
  peakRssMb: number;
}

/** A process's memory from /proc/<pid>/status (Linux), as the operating system sees it. */
export function processMemory(pid: number): ProcessMemory {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kilobytes = (field: string) => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
    if (!match) throw new Error(`no ${field} in /proc/${pid}/status`);
    return Number(match[1]);
  };
  return { rssMb: round(kilobytes("VmRSS") / 1024), peakRssMb: round(kilobytes("VmHWM") / 1024) };
}

export const round = (value: number, digits = 1) => Number(value.toFixed(digits));
