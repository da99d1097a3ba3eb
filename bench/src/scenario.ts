import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { createDatabase } from "@start/db";
import { generateDirectory } from "./generate/generate.js";
import { loadAverage } from "./machine.js";
import { checkRequests, graphql, type LoadFigures, type LoadRequest, loadRun, post, round } from "./measure/load.js";
import { countPages, pageWeight, searchIndexFigures } from "./measure/portal.js";
import { DIRECTORY_QUERY, FILTERED_QUERY, SERVICE_PAGE_QUERY } from "./measure/queries.js";
import type { PostgresServer } from "./postgres.js";
import { describeSequential, searchRequests, timeFirstSearches, timeSequentialSearch } from "./search-scenario.js";
import { type Driver, QUERY_NAMES, type QueryName, type ScenarioResult } from "./results.js";
import { BenchServer, type BuildMessage } from "./server/handle.js";

export interface ScenarioSettings {
  driver: Driver;
  size: number;
  seed: string;
  connections: number[];
  durationS: number;
  warmupS: number;
  /** Times each fixed query runs on each locale's portal search index. */
  searchRepeat: number;
  /** Seconds of the one-connection, uncached search run (24 queries in turn, at least once each). */
  searchSequentialS: number;
  postgres: PostgresServer | null;
  log: (line: string) => void;
}

/** JSON with its keys sorted, to compare two answers whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === "object" && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : item,
  );
}

const BUILD_TIMEOUT_MS = 30 * 60_000;

/**
 * One database and size: generate the data, build the portal through the publish worker (build
 * time, peak memory, pages, weights, search indexes), load the API, then publish a service and
 * wait for its page on the served site.
 */
export async function runScenario(settings: ScenarioSettings): Promise<ScenarioResult> {
  const { driver, size, log } = settings;
  const started = performance.now();
  const before = loadAverage();
  const scratch = mkdtempSync(path.join(tmpdir(), `start-bench-${driver}-${size}-`));
  let database: { url: string; drop(): Promise<void> } | null = null;
  let server: BenchServer | null = null;
  try {
    if (driver === "postgres") {
      if (!settings.postgres) throw new Error("no PostgreSQL server");
      database = await settings.postgres.createDatabase(String(size));
    }
    const pgliteDir = path.join(scratch, "pglite");

    // ——— data
    log(`generating ${size} services…`);
    const handle = await createDatabase({ url: database?.url ?? "", dataDir: pgliteDir });
    let generated: Awaited<ReturnType<typeof generateDirectory>>;
    try {
      await handle.migrate();
      generated = await generateDirectory(handle.db, { services: size, seed: settings.seed });
    } finally {
      await handle.close();
    }
    const counts = generated.counts;
    log(
      `generated in ${(generated.durationMs / 1000).toFixed(1)} s: ${counts.organizations} organizations, ${counts.locations} locations, ` +
        `${counts.services} services, ${counts.vacancies} vacancies, ${counts.rightsArticles} rights articles`,
    );

    const admin = { email: "bench-admin@example.org", password: randomBytes(12).toString("hex") };
    server = await BenchServer.start({
      databaseUrl: database?.url ?? null,
      pgliteDir,
      siteDir: path.join(scratch, "site"),
      peakRssFile: path.join(scratch, "peak-rss"),
      admin,
    });

    // ——— the API
    const filter = { categories: [generated.filter.category], place: generated.filter.place, openNow: true as const };
    const requests: Record<QueryName, LoadRequest[]> = {
      directory: [graphql(DIRECTORY_QUERY, { first: 20, locale: "ar" })],
      directoryUncached: [{ ...graphql(DIRECTORY_QUERY, { first: 20, locale: "ar" }), headers: { "cache-control": "no-cache" } }],
      service: [graphql(SERVICE_PAGE_QUERY, { slug: generated.sampleService, locale: "ar" })],
      filtered: [graphql(FILTERED_QUERY, { first: 20, locale: "ar", filter })],
      search: searchRequests("cached"),
      searchUncached: searchRequests("uncached"),
      floor: [{ method: "GET", path: "/directory?locale=ar&first=20" }],
    };
    const originOf = (query: QueryName) => (query === "floor" ? server!.floorUrl : server!.apiUrl);

    // The API builds its search index of a locale on the first search after a change (here: after
    // the data was written), from the published records; every later search uses it as it is.
    const searchFirstMs = await timeFirstSearches(server.apiUrl);
    log(`first search after the data was written (builds the locale's index): ${Object.entries(searchFirstMs).map(([locale, time]) => `${locale} ${time} ms`).join(", ")}`);
    const answers = new Map<QueryName, unknown[]>();
    for (const query of QUERY_NAMES) answers.set(query, await checkRequests(originOf(query), requests[query]));
    // The floor must answer what the API answers, or the ratio means nothing.
    if (canonical(answers.get("floor")![0]) !== canonical(answers.get("directory")![0])) {
      throw new Error("the hand-written SQL floor and the API's directory page differ: fix bench/src/server/floor.ts");
    }
    const matched = (answers.get("filtered")![0] as { data: { services: { totalCount: number } } }).data.services.totalCount;

    // Counted on computed answers: one from the cache sends none.
    const statementsOf = async (request: LoadRequest) => {
      const before = await server!.statements();
      await checkRequests(server!.apiUrl, [{ ...request, headers: { ...request.headers, "cache-control": "no-cache" } }]);
      return (await server!.statements()) - before;
    };
    const statements = {
      directory5: await statementsOf(graphql(DIRECTORY_QUERY, { first: 5, locale: "ar" })),
      directory: await statementsOf(requests.directory[0]!),
      directory100: await statementsOf(graphql(DIRECTORY_QUERY, { first: 100, locale: "ar" })),
      service: await statementsOf(requests.service[0]!),
      filtered: await statementsOf(requests.filtered[0]!),
      search: await statementsOf(requests.search[0]!),
    };
    log(`SQL statements per request: ${Object.entries(statements).map(([name, count]) => `${name} ${count}`).join(", ")}`);

    // Search as one client sees it, each answer computed: one connection, no-cache, the 24 fixed
    // queries in turn, timed one by one (p95 exactly).
    const searchSequential = await timeSequentialSearch(server, settings.warmupS, settings.searchSequentialS);
    log(`search, 1 connection, uncached: ${describeSequential(searchSequential)}`);

    // autocannon stops at the end of a run with requests still in flight: the server finishes them
    // (it says when none is left) before the next run starts, so that no run pays for the last one's.
    const settle = async (query: QueryName) => {
      await server!.idle();
      await checkRequests(originOf(query), requests[query].slice(0, 1));
      await sleep(200);
    };
    const load = {} as Record<QueryName, LoadFigures[]>;
    for (const query of QUERY_NAMES) {
      if (settings.warmupS > 0) {
        await loadRun(originOf(query), requests[query], Math.max(...settings.connections), settings.warmupS);
        await settle(query);
      }
      load[query] = [];
      for (const connections of settings.connections) {
        const figures = await loadRun(originOf(query), requests[query], connections, settings.durationS);
        await settle(query);
        load[query].push(figures);
        log(
          `${query.padEnd(17)} ${String(connections).padStart(2)} conn: ${String(figures.requestsPerSecond).padStart(7)} req/s, ` +
            `p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms${figures.errors ? `, ${figures.errors} ERRORS` : ""}`,
        );
      }
    }
    const floorRatio = settings.connections.map((connections) => {
      const api = load.directoryUncached.find((run) => run.connections === connections)!;
      const floor = load.floor.find((run) => run.connections === connections)!;
      return { connections, p50: round(api.p50Ms / floor.p50Ms, 2), p99: round(api.p99Ms / floor.p99Ms, 2) };
    });

    // ——— publish: a service in review is published while the worker idles; how long until its
    // page is served? That build is also the one measured (time, peak memory, files).
    log("publish and portal build…");
    await server.startWorker();
    const { publish, build } = await publishAndWait(server, admin, generated.inReview[0]!);
    await server.stopWorker();
    const siteDir = path.join(scratch, "site", "current");
    const pages = build.pages ?? countPages(siteDir);
    const peakRssMiB = build.peakRssKb ? round(build.peakRssKb / 1024, 0) : null;
    log(
      `published page served ${(publish.visibleMs / 1000).toFixed(1)} s after the mutation; ` +
        `portal build: ${pages} pages in ${(build.durationMs / 1000).toFixed(1)} s, peak memory ${peakRssMiB ?? "?"} MiB`,
    );

    const vacancy = readdirSync(path.join(siteDir, "ar", "jobs"), { withFileTypes: true }).find(
      (entry) => entry.isDirectory() && !["sector", "place"].includes(entry.name),
    );
    if (!vacancy) throw new Error("the build has no vacancy page");
    const weights = {
      home: pageWeight(siteDir, "ar"),
      listing: pageWeight(siteDir, `ar/services/category/${generated.filter.category}`),
      service: pageWeight(siteDir, `ar/services/${generated.sampleService}`),
      vacancy: pageWeight(siteDir, `ar/jobs/${vacancy.name}`),
    };
    const searchIndex = [];
    for (const locale of ["ar", "en", "fr"] as const) searchIndex.push(await searchIndexFigures(siteDir, locale, settings.searchRepeat));
    const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
    log(`service page ${kib(weights.service.totalGzipBytes)} gzipped with its CSS (${weights.service.scripts} script)`);
    for (const index of searchIndex) {
      log(
        `search index ${index.locale}: first search ${kib(index.firstSearchGzipBytes)} gzipped ("${index.firstSearchQuery}"), manifest ${kib(index.manifestGzipBytes)}, ` +
          `all ${index.chunks} chunks ${kib(index.gzipBytes)}; load ${index.loadMs} + ${index.chunksLoadMs} ms, query median ${index.queryMedianMs} / p95 ${index.queryP95Ms} ms`,
      );
    }

    return {
      driver,
      size,
      generated: { counts, durationMs: generated.durationMs },
      build: { durationMs: build.durationMs, pages, peakRssMiB },
      pages: weights,
      searchIndex,
      api: { statements, searchFirstMs, searchSequential, filter: { category: filter.categories[0]!, place: filter.place, openNow: true, matched }, load, floorRatio },
      publish,
      loadAverage: { before, after: loadAverage() },
      durationMs: Math.round(performance.now() - started),
    };
  } finally {
    await server?.close();
    await database?.drop().catch((error: Error) => log(`could not drop the benchmark database: ${error.message}`));
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function publishAndWait(
  server: BenchServer,
  admin: { email: string; password: string },
  service: { id: string; slug: string },
): Promise<{ publish: ScenarioResult["publish"]; build: BuildMessage }> {
  const { login } = await post(server.apiUrl, `mutation ($email: String!, $password: String!) { login(email: $email, password: $password, bearer: true) { token } }`, admin);
  const page = `${server.apiUrl}/ar/services/${service.slug}/`;
  if ((await fetch(page)).status !== 404) throw new Error(`${page} is served before it is published`);
  const sent = performance.now();
  await post(server.apiUrl, `mutation ($id: ID!) { publishService(id: $id, expectedVersion: 1) { id } }`, { id: service.id }, login.token);
  const mutationMs = performance.now() - sent;
  const build = server.nextBuild(BUILD_TIMEOUT_MS);
  let visibleMs: number | null = null;
  const deadline = sent + BUILD_TIMEOUT_MS;
  while (performance.now() < deadline) {
    const response = await fetch(page);
    await response.arrayBuffer();
    if (response.status === 200) {
      visibleMs = performance.now() - sent;
      break;
    }
    await sleep(100);
  }
  const outcome = await build;
  if (outcome.status !== "succeeded") throw new Error(`the publish build failed: ${outcome.error}`);
  if (visibleMs === null) throw new Error("the published service never appeared on the site");
  return {
    publish: { mutationMs: round(mutationMs, 1), visibleMs: Math.round(visibleMs), swappedMs: outcome.publishedInMs, buildMs: outcome.durationMs },
    build: outcome,
  };
}
