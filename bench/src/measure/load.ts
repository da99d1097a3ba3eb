import { Agent, request as httpRequest } from "node:http";
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";

/** One HTTP request of a load run (autocannon cycles through them on every connection). */
export interface LoadRequest {
  method: "GET" | "POST";
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

export interface LoadFigures {
  connections: number;
  durationS: number;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Non-2xx answers and socket errors/timeouts: a sound run has none. */
  errors: number;
}

/** Requests per second and latency percentiles at a number of connections, over real HTTP (autocannon). */
export async function loadRun(origin: string, requests: LoadRequest[], connections: number, durationS: number): Promise<LoadFigures> {
  const result = await autocannon({
    url: origin,
    connections,
    duration: durationS,
    timeout: 30,
    requests: requests.map((request) => ({
      method: request.method,
      path: request.path,
      body: request.body,
      headers: { ...(request.body ? { "content-type": "application/json" } : {}), ...request.headers },
    })),
  });
  return {
    connections,
    durationS,
    requests: result.requests.total,
    requestsPerSecond: round(result.requests.total / (result.duration || durationS), 1),
    p50Ms: round(result.latency.p50, 2),
    p90Ms: round(result.latency.p90, 2),
    p99Ms: round(result.latency.p99, 2),
    maxMs: round(result.latency.max, 2),
    errors: result.non2xx + result.errors + result.timeouts,
  };
}

export interface SequentialFigures {
  durationS: number;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Answers other than HTTP 200 with JSON and no GraphQL error. */
  errors: number;
  /**
   * CPU time the API process used per request (mean), when measured: unlike latency it hardly
   * depends on what else the machine runs. With PGlite it includes the database's work.
   */
  serverCpuMs?: number;
}

/** Sends one request over `agent` and resolves with its status and body once the answer is in. */
function send(agent: Agent, url: URL, request: LoadRequest): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      url,
      {
        agent,
        method: request.method,
        headers: { ...(request.body ? { "content-type": "application/json", "content-length": Buffer.byteLength(request.body) } : {}), ...request.headers },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        response.on("error", reject);
      },
    );
    outgoing.on("error", reject);
    outgoing.end(request.body);
  });
}

/**
 * One client on one kept-alive connection, each request sent when the previous answer is in,
 * cycling through `requests` for `durationS` seconds: exact percentiles (to a microsecond, where
 * autocannon counts whole milliseconds), p95 included. Every answer is checked.
 */
export async function sequentialRun(origin: string, requests: LoadRequest[], durationS: number): Promise<SequentialFigures> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const timings: number[] = [];
  let errors = 0;
  const started = performance.now();
  const until = started + durationS * 1000;
  try {
    for (let at = 0; performance.now() < until || at < requests.length; at += 1) {
      const request = requests[at % requests.length]!;
      const sent = performance.now();
      const { status, body } = await send(agent, new URL(request.path, origin), request);
      timings.push(performance.now() - sent);
      if (status !== 200 || !body.startsWith("{") || (JSON.parse(body) as { errors?: unknown[] }).errors?.length) errors += 1;
    }
  } finally {
    agent.destroy();
  }
  const elapsedS = (performance.now() - started) / 1000;
  timings.sort((a, b) => a - b);
  const percentile = (p: number) => timings[Math.min(timings.length - 1, Math.ceil(p * timings.length) - 1)]!;
  return {
    durationS: round(elapsedS, 1),
    requests: timings.length,
    requestsPerSecond: round(timings.length / elapsedS, 1),
    p50Ms: round(percentile(0.5), 2),
    p95Ms: round(percentile(0.95), 2),
    p99Ms: round(percentile(0.99), 2),
    maxMs: round(timings.at(-1)!, 2),
    errors,
  };
}

/** Sends each request once and checks the answer (HTTP 200, JSON, no GraphQL errors); returns the bodies. */
export async function checkRequests(origin: string, requests: LoadRequest[]): Promise<unknown[]> {
  const bodies: unknown[] = [];
  for (const request of requests) {
    const response = await fetch(`${origin}${request.path}`, {
      method: request.method,
      headers: { ...(request.body ? { "content-type": "application/json" } : {}), ...request.headers },
      body: request.body,
    });
    const text = await response.text();
    let body: { data?: unknown; errors?: unknown[] };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new Error(`${request.method} ${request.path} answered HTTP ${response.status}, not JSON: ${text.slice(0, 300)}`);
    }
    if (response.status !== 200 || body.errors?.length) {
      throw new Error(`${request.method} ${request.path} answered HTTP ${response.status}: ${JSON.stringify(body.errors ?? body).slice(0, 600)}`);
    }
    bodies.push(body);
  }
  return bodies;
}

/** A GraphQL request to /graphql. */
export const graphql = (query: string, variables: Record<string, unknown>): LoadRequest => ({
  method: "POST",
  path: "/graphql",
  body: JSON.stringify({ query, variables }),
});

/** Sends a GraphQL operation (as a signed-in user with `token`) and returns its data, or throws. */
export async function post(apiUrl: string, query: string, variables: Record<string, unknown>, token?: string): Promise<Record<string, any>> {
  const response = await fetch(`${apiUrl}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Record<string, any>; errors?: unknown[] };
  if (!response.ok || body.errors?.length) throw new Error(`GraphQL ${response.status}: ${JSON.stringify(body.errors).slice(0, 500)}`);
  return body.data!;
}

export const round = (value: number, digits: number) => Number(value.toFixed(digits));
