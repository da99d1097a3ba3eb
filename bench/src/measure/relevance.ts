import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { createDatabase, loadContent, seedDatabase } from "@start/db";
import { contentDate, rebaseContent, testToday } from "../../../tests/support/content-date.js";
import { BenchServer } from "../server/handle.js";
import { round } from "./load.js";

/**
 * The relevance set (tests/search/relevance/<locale>.yaml: what people ask, in the locale of the
 * interface they ask in, with the records that must be among the first three results), run once
 * per bench run through the API's `search` over HTTP, on PGlite seeded with the shipped content
 * rebased to today as the tests seed it (tests/support/content-date.ts), so that the vacancies the
 * set names are still open. The relevance test (tests/search/relevance/relevance.test.ts) runs the
 * same set on both surfaces and fails below 90 %; the bench reports the API's rate.
 */
const relevanceFolder = fileURLToPath(new URL("../../../tests/search/relevance/", import.meta.url));

// The set is read with the tests' YAML parser (a dependency of @start/tests, not of the bench).
const { parse: parseYaml } = createRequire(path.join(relevanceFolder, "..", "..", "package.json"))("yaml") as { parse(text: string): unknown };

interface RelevanceQuery {
  q: string;
  style: string;
  top3: string[];
}

export interface RelevanceFigures {
  driver: "pglite";
  /** The content's own date, moved to this day (every date shifted alike). */
  contentDate: string;
  rebasedTo: string;
  /** Per locale: queries, those whose every listed record is in the API's first 3, the rate, and the misses. */
  locales: { locale: string; queries: number; hits: number; rate: number; misses: { q: string; expected: string[]; got: string[] }[] }[];
  /** Migrating and seeding the content. */
  seededMs: number;
  /** The first search per locale, which builds that locale's index (not counted below). */
  firstSearchMs: Record<string, number>;
  /** Median and slowest answer over the set (uncached, one at a time). */
  queryMedianMs: number;
  queryMaxMs: number;
  durationMs: number;
}

const SEARCH = `query ($q: String!, $locale: String) {
  search(query: $q, locale: $locale, first: 3) { hits { type item { ... on Service { slug } ... on RightsArticle { slug } ... on Vacancy { slug } } } } }`;
const PATHS: Record<string, string> = { SERVICE: "services", RIGHTS_ARTICLE: "rights", VACANCY: "jobs" };

export function relevanceSets(): { locale: string; queries: RelevanceQuery[] }[] {
  return readdirSync(relevanceFolder)
    .filter((name) => name.endsWith(".yaml"))
    .sort()
    .map((name) => {
      const queries = parseYaml(readFileSync(path.join(relevanceFolder, name), "utf8")) as RelevanceQuery[];
      if (!Array.isArray(queries) || queries.some((entry) => typeof entry?.q !== "string" || !Array.isArray(entry.top3))) {
        throw new Error(`${name}: not a list of { q, style, top3 }`);
      }
      return { locale: name.slice(0, -".yaml".length), queries };
    });
}

export async function measureRelevance(log: (line: string) => void): Promise<RelevanceFigures> {
  const started = performance.now();
  const sets = relevanceSets();
  const scratch = mkdtempSync(path.join(tmpdir(), "start-bench-relevance-"));
  let server: BenchServer | null = null;
  try {
    const pgliteDir = path.join(scratch, "pglite");
    const shipped = loadContent();
    const rebasedTo = testToday();
    const bundle = rebaseContent(shipped, rebasedTo);
    const handle = await createDatabase({ url: "", dataDir: pgliteDir });
    try {
      await handle.migrate();
      await seedDatabase(handle.db, bundle);
    } finally {
      await handle.close();
    }
    const seededMs = performance.now() - started;
    server = await BenchServer.start({
      databaseUrl: null,
      pgliteDir,
      siteDir: path.join(scratch, "site"),
      peakRssFile: path.join(scratch, "peak-rss"),
      admin: { email: "bench-admin@example.org", password: randomBytes(12).toString("hex") },
    });
    const ask = async (q: string, locale: string) => {
      const response = await fetch(`${server!.apiUrl}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", "cache-control": "no-cache" },
        body: JSON.stringify({ query: SEARCH, variables: { q, locale } }),
      });
      const body = (await response.json()) as { data?: { search: { hits: { type: string; item: { slug: string } }[] } }; errors?: unknown[] };
      if (response.status !== 200 || body.errors?.length || !body.data) {
        throw new Error(`search "${q}" (${locale}) answered HTTP ${response.status}: ${JSON.stringify(body.errors ?? body).slice(0, 500)}`);
      }
      return body.data.search.hits.map((hit) => `${PATHS[hit.type]}/${hit.item.slug}`);
    };
    // The first search in a locale builds the API's index of that locale: not counted.
    const firstSearchMs: Record<string, number> = {};
    for (const { locale, queries } of sets) {
      const sent = performance.now();
      await ask(queries[0]!.q, locale);
      firstSearchMs[locale] = round(performance.now() - sent, 1);
    }
    const timings: number[] = [];
    const locales: RelevanceFigures["locales"] = [];
    const queriesStarted = performance.now();
    for (const { locale, queries } of sets) {
      const misses: RelevanceFigures["locales"][number]["misses"] = [];
      for (const { q, top3 } of queries) {
        const sent = performance.now();
        const got = await ask(q, locale);
        timings.push(performance.now() - sent);
        if (!top3.every((key) => got.includes(key))) misses.push({ q, expected: top3, got });
      }
      const hits = queries.length - misses.length;
      locales.push({ locale, queries: queries.length, hits, rate: round(hits / queries.length, 4), misses });
      log(`search relevance ${locale}: top-3 hit rate ${((hits / queries.length) * 100).toFixed(1)} % (${hits}/${queries.length})`);
    }
    timings.sort((a, b) => a - b);
    log(
      `content seeded in ${(seededMs / 1000).toFixed(1)} s; first search (builds the index) ${Object.entries(firstSearchMs).map(([locale, time]) => `${locale} ${time} ms`).join(", ")}; ` +
        `${timings.length} queries in ${((performance.now() - queriesStarted) / 1000).toFixed(1)} s`,
    );
    return {
      driver: "pglite",
      contentDate: contentDate(shipped),
      rebasedTo,
      locales,
      seededMs: Math.round(seededMs),
      firstSearchMs,
      queryMedianMs: round(timings[Math.floor(timings.length / 2)] ?? 0, 2),
      queryMaxMs: round(timings.at(-1) ?? 0, 2),
      durationMs: Math.round(performance.now() - started),
    };
  } finally {
    await server?.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}
