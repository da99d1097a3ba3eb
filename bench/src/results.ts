import type { Machine } from "./machine.js";
import type { LoadFigures, SequentialFigures } from "./measure/load.js";
import type { PageWeight, SearchIndexFigures } from "./measure/portal.js";
import type { RelevanceFigures } from "./measure/relevance.js";

export type Driver = "pglite" | "postgres";
export type QueryName = "directory" | "directoryUncached" | "service" | "filtered" | "search" | "searchUncached" | "floor";
/**
 * The API is loaded as START serves it, with its short-lived cache of anonymous answers
 * (api/src/server/response-cache.ts): repeated reads are mostly answered from it. The directory
 * page and search are also loaded with `Cache-Control: no-cache`, which makes the API compute every
 * answer, like the floor does.
 */
export const QUERY_NAMES: QueryName[] = ["directory", "directoryUncached", "service", "filtered", "search", "searchUncached", "floor"];

export interface ScenarioResult {
  driver: Driver;
  /** Published services. */
  size: number;
  generated: { counts: Record<string, number>; durationMs: number };
  build: { durationMs: number; pages: number; peakRssMiB: number | null };
  pages: { home: PageWeight; listing: PageWeight; service: PageWeight; vacancy: PageWeight };
  searchIndex: SearchIndexFigures[];
  api: {
    /** SQL statements one request sends. */
    statements: Record<"directory5" | "directory" | "directory100" | "service" | "filtered" | "search", number>;
    /** The first search per locale after the data was written: it builds that locale's in-memory index. */
    searchFirstMs: Record<"ar" | "en" | "fr", number>;
    /** Search with one connection, uncached (no-cache), the 24 fixed queries in turn, timed one by one. */
    searchSequential: SequentialFigures;
    /** The filtered query's filter, and how many services it matched. */
    filter: { category: string; place: string; openNow: true; matched: number };
    /** Load runs per query, one per connection level. */
    load: Record<QueryName, LoadFigures[]>;
    /** API directory latency (computed: no cache) over the floor's, per connection level. */
    floorRatio: { connections: number; p50: number; p99: number }[];
  };
  publish: {
    /** The publishService mutation's own response time. */
    mutationMs: number;
    /** From sending the mutation to the new page answering 200 on the served site. */
    visibleMs: number;
    /** From the change to the swap, as the worker reports it (debounce + build). */
    swappedMs: number | null;
    buildMs: number;
  };
  loadAverage: { before: [number, number, number]; after: [number, number, number] };
  durationMs: number;
}

export interface BenchResults {
  version: 1;
  mode: "quick" | "full" | "custom";
  startedAt: string;
  finishedAt: string;
  machine: Machine;
  settings: {
    sizes: number[];
    drivers: Driver[];
    connections: number[];
    durationS: number;
    /** Seconds of the one-connection, uncached search run. */
    searchSequentialS: number;
    seed: string;
    postgresPoolSize: number;
    /** Why a driver is missing, when one is. */
    skipped: Record<string, string>;
  };
  loadAverage: { before: [number, number, number]; after: [number, number, number] };
  scenarios: ScenarioResult[];
  /** The relevance set's top-3 hit rate on the shipped content (null when skipped: settings.skipped.relevance says why). */
  relevance: RelevanceFigures | null;
}

/**
 * Every figure the bench must produce, by path: what CI checks (that it ran and measured
 * everything, never how fast).
 */
export function missingFigures(results: BenchResults): string[] {
  const missing: string[] = [];
  const number = (value: unknown, where: string, positive = true) => {
    if (typeof value !== "number" || !Number.isFinite(value) || (positive && value <= 0)) missing.push(`${where} (${JSON.stringify(value)})`);
  };
  if (results.scenarios.length === 0) missing.push("scenarios: none ran");
  for (const driver of results.settings.drivers) {
    for (const size of results.settings.sizes) {
      if (!results.scenarios.some((scenario) => scenario.driver === driver && scenario.size === size)) missing.push(`${driver} ${size}: did not run`);
    }
  }
  for (const s of results.scenarios) {
    const at = `${s.driver} ${s.size}`;
    number(s.generated.durationMs, `${at} generated.durationMs`);
    number(s.build.durationMs, `${at} build.durationMs`);
    number(s.build.pages, `${at} build.pages`);
    number(s.build.peakRssMiB, `${at} build.peakRssMiB`);
    for (const page of ["home", "listing", "service", "vacancy"] as const) {
      const weight = s.pages[page];
      number(weight?.htmlBytes, `${at} pages.${page}.htmlBytes`);
      number(weight?.htmlGzipBytes, `${at} pages.${page}.htmlGzipBytes`);
      number(weight?.totalGzipBytes, `${at} pages.${page}.totalGzipBytes`);
    }
    for (const locale of ["ar", "en", "fr"]) {
      const index = s.searchIndex.find((entry) => entry.locale === locale);
      if (!index) missing.push(`${at} searchIndex.${locale}`);
      else {
        number(index.manifestBytes, `${at} searchIndex.${locale}.manifestBytes`);
        number(index.manifestGzipBytes, `${at} searchIndex.${locale}.manifestGzipBytes`);
        number(index.chunks, `${at} searchIndex.${locale}.chunks`);
        number(index.bytes, `${at} searchIndex.${locale}.bytes`);
        number(index.gzipBytes, `${at} searchIndex.${locale}.gzipBytes`);
        number(index.firstSearchGzipBytes, `${at} searchIndex.${locale}.firstSearchGzipBytes`);
        number(index.loadMs, `${at} searchIndex.${locale}.loadMs`, false);
        number(index.chunksLoadMs, `${at} searchIndex.${locale}.chunksLoadMs`, false);
        number(index.firstQueryMs, `${at} searchIndex.${locale}.firstQueryMs`, false);
        number(index.queryMedianMs, `${at} searchIndex.${locale}.queryMedianMs`, false);
        number(index.queryP95Ms, `${at} searchIndex.${locale}.queryP95Ms`, false);
      }
    }
    for (const [name, count] of Object.entries(s.api.statements)) number(count, `${at} api.statements.${name}`);
    for (const locale of ["ar", "en", "fr"] as const) number(s.api.searchFirstMs?.[locale], `${at} api.searchFirstMs.${locale}`);
    const sequential = s.api.searchSequential;
    number(sequential?.requests, `${at} api.searchSequential.requests`);
    number(sequential?.p50Ms, `${at} api.searchSequential.p50Ms`);
    number(sequential?.p95Ms, `${at} api.searchSequential.p95Ms`);
    number(sequential?.p99Ms, `${at} api.searchSequential.p99Ms`);
    number(sequential?.serverCpuMs, `${at} api.searchSequential.serverCpuMs`);
    if (sequential && sequential.errors !== 0) missing.push(`${at} api.searchSequential: ${sequential.errors} failed requests`);
    for (const query of QUERY_NAMES) {
      const runs = s.api.load[query] ?? [];
      for (const connections of results.settings.connections) {
        const run = runs.find((entry) => entry.connections === connections);
        if (!run) {
          missing.push(`${at} api.load.${query} at ${connections} connections`);
          continue;
        }
        number(run.requestsPerSecond, `${at} api.load.${query}[${connections}].requestsPerSecond`);
        // autocannon counts whole milliseconds: an answer from the cache can take "0 ms".
        number(run.p50Ms, `${at} api.load.${query}[${connections}].p50Ms`, false);
        number(run.p99Ms, `${at} api.load.${query}[${connections}].p99Ms`, false);
        if (run.errors !== 0) missing.push(`${at} api.load.${query}[${connections}]: ${run.errors} failed requests`);
      }
    }
    for (const connections of results.settings.connections) {
      const ratio = s.api.floorRatio.find((entry) => entry.connections === connections);
      number(ratio?.p50, `${at} api.floorRatio[${connections}].p50`);
      number(ratio?.p99, `${at} api.floorRatio[${connections}].p99`);
    }
    number(s.publish.mutationMs, `${at} publish.mutationMs`);
    number(s.publish.visibleMs, `${at} publish.visibleMs`);
    number(s.publish.swappedMs, `${at} publish.swappedMs`);
    number(s.publish.buildMs, `${at} publish.buildMs`);
  }
  if (results.relevance) {
    for (const locale of ["ar", "en", "fr"]) {
      const set = results.relevance.locales.find((entry) => entry.locale === locale);
      if (!set) missing.push(`relevance.${locale}`);
      else {
        number(set.queries, `relevance.${locale}.queries`);
        number(set.rate, `relevance.${locale}.rate`, false);
      }
    }
  } else if (!results.settings.skipped.relevance) missing.push("relevance: did not run");
  return missing;
}
