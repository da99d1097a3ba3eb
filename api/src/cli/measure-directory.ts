import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { createDatabase, queryRows } from "@start/db";
import { sql } from "drizzle-orm";
import { createApp } from "../server/app.js";
import { silentLogger } from "../server/logger.js";
import { DIRECTORY_QUERY } from "./directory-query.js";
import { commandArguments } from "./progress.js";

/**
 * Measures the directory query (a page of services with organization, locations, phones, hours
 * and categories) over real HTTP against the configured database (DATABASE_URL, else the PGlite
 * database in START_DATA_DIR): SQL statements per request, and latency (median, p95).
 *
 *   pnpm db:seed && pnpm --filter @start/api measure:directory [-- --runs 300 --first 20 --locale ar --concurrency 1]
 *
 * With --concurrency N, N clients send requests at the same time; latency is then per request
 * under that load, and the throughput is reported too.
 */
const { values } = parseArgs({
  args: commandArguments(),
  options: {
    runs: { type: "string", default: "300" },
    warmup: { type: "string", default: "30" },
    first: { type: "string", default: "20" },
    locale: { type: "string", default: "ar" },
    concurrency: { type: "string", default: "1" },
  },
});
const runs = Number(values.runs);
const warmup = Number(values.warmup);
const first = Number(values.first);
const concurrency = Math.max(1, Number(values.concurrency));

let statements = 0;
const database = await createDatabase({ onQuery: () => statements++ });
await database.migrate();
const [counts] = await queryRows<{ services: number | string }>(
  database.db,
  sql`select count(*)::int as services from services where state = 'published' and archived_at is null`,
);
const api = await createApp({ database, logger: silentLogger, introspection: false });
const server = createServer(api.app);
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;

async function directoryPage(): Promise<{ ms: number; statements: number; services: number }> {
  const before = statements;
  const started = performance.now();
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: DIRECTORY_QUERY, variables: { first, locale: values.locale } }),
  });
  const body = (await response.json()) as { data?: { services: { edges: unknown[] } }; errors?: unknown[] };
  const ms = performance.now() - started;
  if (!response.ok || body.errors) throw new Error(`directory query failed: ${response.status} ${JSON.stringify(body.errors)}`);
  return { ms, statements: statements - before, services: body.data!.services.edges.length };
}

try {
  for (let index = 0; index < warmup; index++) await directoryPage();
  // Statements per request, measured alone (with concurrent requests the counter interleaves).
  const alone = await directoryPage();
  const samples: number[] = [];
  let remaining = runs;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (remaining > 0) {
        remaining--;
        samples.push((await directoryPage()).ms);
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  samples.sort((a, b) => a - b);
  const percentile = (p: number) => samples[Math.min(samples.length - 1, Math.ceil((p / 100) * samples.length) - 1)]!;
  const report = {
    database: database.driver,
    publishedServices: Number(counts?.services ?? 0),
    pageSize: first,
    servicesReturned: alone.services,
    sqlStatementsPerRequest: alone.statements,
    runs,
    concurrency,
    medianMs: Number(percentile(50).toFixed(2)),
    p95Ms: Number(percentile(95).toFixed(2)),
    minMs: Number(samples[0]!.toFixed(2)),
    maxMs: Number(samples.at(-1)!.toFixed(2)),
    requestsPerSecond: Number(((runs / elapsedMs) * 1000).toFixed(1)),
  };
  console.log(JSON.stringify(report, null, 2));
} finally {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await api.close();
  await database.close();
}
