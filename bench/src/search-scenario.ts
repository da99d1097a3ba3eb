import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createDatabase } from "@start/db";
import { generateDirectory } from "./generate/generate.js";
import { loadAverage } from "./machine.js";
import { checkRequests, graphql, type LoadRequest, post, round, sequentialRun, type SequentialFigures } from "./measure/load.js";
import { SEARCH_QUERY, SEARCH_TERMS } from "./measure/queries.js";
import type { PostgresServer } from "./postgres.js";
import type { Driver } from "./results.js";
import { BenchServer } from "./server/handle.js";

export const SEARCH_LOCALES = ["ar", "en", "fr"] as const;
type SearchLocale = (typeof SEARCH_LOCALES)[number];

/** The 24 fixed searches (8 per language), uncached: every answer computed. */
export const searchRequests = (cache: "cached" | "uncached"): LoadRequest[] =>
  SEARCH_LOCALES.flatMap((locale) =>
    SEARCH_TERMS[locale].map((query) => ({
      ...graphql(SEARCH_QUERY, { query, locale }),
      ...(cache === "uncached" ? { headers: { "cache-control": "no-cache" } } : {}),
    })),
  );

const requestIn = (locale: SearchLocale) => searchRequests("uncached").find((entry) => JSON.parse(entry.body!).variables.locale === locale)!;

/** Times the first uncached search in each locale (after a change, it waits for the locale's index). */
export async function timeFirstSearches(apiUrl: string): Promise<Record<SearchLocale, number>> {
  const times = {} as Record<SearchLocale, number>;
  for (const locale of SEARCH_LOCALES) {
    const sent = performance.now();
    await checkRequests(apiUrl, [requestIn(locale)]);
    times[locale] = round(performance.now() - sent, 1);
  }
  return times;
}

/** One client, one connection, uncached, the 24 searches in turn; with the API process's CPU per search. */
export async function timeSequentialSearch(server: BenchServer, warmupS: number, durationS: number): Promise<SequentialFigures> {
  const requests = searchRequests("uncached");
  if (warmupS > 0) await sequentialRun(server.apiUrl, requests, warmupS);
  const cpuBefore = await server.cpuMs();
  const figures = await sequentialRun(server.apiUrl, requests, durationS);
  figures.serverCpuMs = round(((await server.cpuMs()) - cpuBefore) / figures.requests, 2);
  return figures;
}

export const describeSequential = (figures: SequentialFigures) =>
  `p50 ${figures.p50Ms} ms, p95 ${figures.p95Ms} ms, p99 ${figures.p99Ms} ms, max ${figures.maxMs} ms (${figures.requests} requests, ` +
  `${figures.requestsPerSecond} req/s; API process CPU ${figures.serverCpuMs} ms a request)${figures.errors ? `, ${figures.errors} ERRORS` : ""}`;

export interface SearchScenarioResult {
  driver: Driver;
  size: number;
  /** SQL statements one computed search sends. */
  statements: number;
  /** The first search per locale after the data was written: builds the locale's index. */
  searchFirstMs: Record<SearchLocale, number>;
  searchSequential: SequentialFigures;
  /** The first search per locale after one service was published (the index brought up to date). */
  searchAfterPublishMs: Record<SearchLocale, number>;
  loadAverage: { before: [number, number, number]; after: [number, number, number] };
}

/**
 * `pnpm bench --only search`: the API's search alone (no load runs, no portal build) on one
 * database and size: the first searches, the one-connection uncached run, and the searches right
 * after a publish.
 */
export async function runSearchScenario(settings: {
  driver: Driver;
  size: number;
  seed: string;
  warmupS: number;
  durationS: number;
  postgres: PostgresServer | null;
  log: (line: string) => void;
}): Promise<SearchScenarioResult> {
  const { driver, size, log } = settings;
  const before = loadAverage();
  const scratch = mkdtempSync(path.join(tmpdir(), `start-bench-search-${driver}-${size}-`));
  let database: { url: string; drop(): Promise<void> } | null = null;
  let server: BenchServer | null = null;
  try {
    if (driver === "postgres") {
      if (!settings.postgres) throw new Error("no PostgreSQL server");
      database = await settings.postgres.createDatabase(`search${size}`);
    }
    const pgliteDir = path.join(scratch, "pglite");
    log(`generating ${size} services…`);
    const handle = await createDatabase({ url: database?.url ?? "", dataDir: pgliteDir });
    let generated: Awaited<ReturnType<typeof generateDirectory>>;
    try {
      await handle.migrate();
      generated = await generateDirectory(handle.db, { services: size, seed: settings.seed });
    } finally {
      await handle.close();
    }
    const admin = { email: "bench-admin@example.org", password: randomBytes(12).toString("hex") };
    server = await BenchServer.start({ databaseUrl: database?.url ?? null, pgliteDir, siteDir: path.join(scratch, "site"), peakRssFile: path.join(scratch, "peak-rss"), admin });

    const searchFirstMs = await timeFirstSearches(server.apiUrl);
    log(`first search after the data was written: ${Object.entries(searchFirstMs).map(([locale, time]) => `${locale} ${time} ms`).join(", ")}`);
    await checkRequests(server.apiUrl, searchRequests("uncached"));
    const counted = await server.statements();
    await checkRequests(server.apiUrl, [requestIn("en")]);
    const statements = (await server.statements()) - counted;
    log(`SQL statements per search: ${statements}`);

    const searchSequential = await timeSequentialSearch(server, settings.warmupS, settings.durationS);
    log(`search, 1 connection, uncached: ${describeSequential(searchSequential)}`);

    const login = await post(server.apiUrl, `mutation ($email: String!, $password: String!) { login(email: $email, password: $password, bearer: true) { token } }`, admin);
    await post(server.apiUrl, `mutation ($id: ID!) { publishService(id: $id, expectedVersion: 1) { id } }`, { id: generated.inReview[0]!.id }, login.login.token);
    const searchAfterPublishMs = await timeFirstSearches(server.apiUrl);
    log(`first search after a publish: ${Object.entries(searchAfterPublishMs).map(([locale, time]) => `${locale} ${time} ms`).join(", ")}`);

    return { driver, size, statements, searchFirstMs, searchSequential, searchAfterPublishMs, loadAverage: { before, after: loadAverage() } };
  } finally {
    await server?.close();
    await database?.drop().catch((error: Error) => log(`could not drop the benchmark database: ${error.message}`));
    rmSync(scratch, { recursive: true, force: true });
  }
}
