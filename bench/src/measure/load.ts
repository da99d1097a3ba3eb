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

export const round = (value: number, digits: number) => Number(value.toFixed(digits));
