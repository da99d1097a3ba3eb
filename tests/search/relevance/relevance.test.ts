import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { contentFolder, loadVocabulary, readSearchLabels } from "@start/db";
import type { SearchIndex } from "@start/db/search";
import { parse as parseYaml } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchSnapshot } from "../../../portal/src/data/fetch-snapshot.js";
import { buildSite } from "../../../portal/src/data/site.js";
import { buildPortalIndex } from "../../../portal/src/search/build-index.js";
import type { PortalSearchMeta } from "../../../portal/src/search/documents.js";
import { dataOf, startTestApi, type TestApi } from "../../support/api.js";
import { testDriver } from "../../support/database.js";

/**
 * The relevance set: what people really ask (tests/search/relevance/<locale>.yaml, the locale of
 * the interface they ask in), each with the records that must be in the top 3. It runs on both
 * surfaces, the API's `search` and the portal's offline index built from the API's snapshot, on
 * the shipped content, prints the top-3 hit rate per locale and surface with every miss, and fails
 * below 90 % in any locale on either surface. Both surfaces must also give the same top 3.
 */
const HIT_RATE_FLOOR = 0.9;
const folder = path.dirname(fileURLToPath(import.meta.url));
interface RelevanceQuery {
  q: string;
  style: "plain" | "colloquial" | "keyword";
  top3: string[];
  note?: string;
}

/** A set as written, checked: a mistyped key or field must fail loudly, not count as a miss. */
function parseSet(file: string): RelevanceQuery[] {
  const entries = parseYaml(readFileSync(file, "utf8")) as RelevanceQuery[];
  if (!Array.isArray(entries)) throw new Error(`${file}: not a list of queries`);
  entries.forEach((entry, index) => {
    const where = `${path.basename(file)} #${index + 1}`;
    const extra = Object.keys(entry).filter((key) => !["q", "style", "top3", "note"].includes(key));
    if (typeof entry.q !== "string" || entry.q.trim() === "") throw new Error(`${where}: q must be the query`);
    if (!["plain", "colloquial", "keyword"].includes(entry.style)) throw new Error(`${where}: style must be plain, colloquial or keyword`);
    if (!Array.isArray(entry.top3) || entry.top3.length < 1 || entry.top3.length > 3) throw new Error(`${where}: top3 lists 1 to 3 records`);
    for (const key of entry.top3) if (!/^(services|rights|jobs)\/[a-z0-9-]+$/.test(key)) throw new Error(`${where}: "${key}" is not services/…, rights/… or jobs/…`);
    if (extra.length) throw new Error(`${where}: unknown fields ${extra.join(", ")}`);
  });
  return entries;
}

const sets = readdirSync(folder)
  .filter((name) => name.endsWith(".yaml"))
  .sort()
  .map((name) => ({ locale: name.slice(0, -".yaml".length), queries: parseSet(path.join(folder, name)) }));

const PATHS: Record<string, string> = { SERVICE: "services", RIGHTS_ARTICLE: "rights", VACANCY: "jobs" };
const SEARCH = `query ($q: String!, $locale: String) {
  search(query: $q, locale: $locale, first: 3) { hits { type item { ... on Service { slug } ... on RightsArticle { slug } ... on Vacancy { slug } } } } }`;

const libyaToday = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Africa/Tripoli" }).format(new Date());

describe(`search relevance on the shipped content (${testDriver})`, () => {
  let api: TestApi;
  const portal = new Map<string, SearchIndex<PortalSearchMeta>>();
  const results = new Map<string, { api: string[]; portal: string[] }>();

  beforeAll(async () => {
    api = await startTestApi({}, { content: "content" });
    const site = buildSite(await fetchSnapshot(`${api.url}/graphql`));
    const vocabulary = loadVocabulary(contentFolder);
    const labels = readSearchLabels(contentFolder);
    for (const { locale, queries } of sets) {
      portal.set(locale, buildPortalIndex(site, locale, vocabulary, labels).index);
      for (const { q } of queries) {
        const body = dataOf(await api.graphql(SEARCH, { q, locale }));
        const fromApi = body.search.hits.map((hit: { type: string; item: { slug: string } }) => `${PATHS[hit.type]}/${hit.item.slug}`);
        const fromPortal = portal.get(locale)!.search(q, { today: libyaToday() }).slice(0, 3).map((hit) => hit.document.key);
        results.set(`${locale}\u0000${q}`, { api: fromApi, portal: fromPortal });
      }
    }
  }, 600_000);

  afterAll(async () => {
    await api?.close();
  });

  const misses = (locale: string, queries: RelevanceQuery[], surface: "api" | "portal") =>
    queries.filter(({ q, top3 }) => {
      const got = results.get(`${locale}\u0000${q}`)![surface];
      return !top3.every((key) => got.includes(key));
    });

  it("holds at least 150 queries across the locales, half of them plain-language or colloquial", () => {
    const all = sets.flatMap((set) => set.queries);
    expect(all.length).toBeGreaterThanOrEqual(150);
    expect(all.filter((query) => query.style !== "keyword").length).toBeGreaterThanOrEqual(all.length / 2);
    expect(sets.map((set) => set.locale)).toEqual(["ar", "en", "fr"]);
  });

  it("names records that exist", () => {
    const keys = new Set([...portal.values()][0]!.docs.map((document) => document.key));
    for (const { locale, queries } of sets) for (const { q, top3 } of queries) for (const key of top3) expect(keys.has(key), `${locale}: "${q}" expects ${key}`).toBe(true);
  });

  it("gives the same top 3 on the API and on the portal", () => {
    for (const { locale, queries } of sets) {
      for (const { q } of queries) {
        const { api: fromApi, portal: fromPortal } = results.get(`${locale}\u0000${q}`)!;
        expect(fromPortal, `${locale}: "${q}"`).toEqual(fromApi);
      }
    }
  });

  for (const { locale, queries } of sets) it(`finds the expected records in the top 3 for at least 90 percent of the ${locale} queries, on both surfaces`, () => {
    const lines: string[] = [];
    const rates: Record<string, number> = {};
    for (const surface of ["api", "portal"] as const) {
      const missed = misses(locale, queries, surface);
      rates[surface] = 1 - missed.length / queries.length;
      lines.push(`search relevance ${locale} ${surface}: top-3 hit rate ${(rates[surface] * 100).toFixed(1)} % (${queries.length - missed.length}/${queries.length})`);
      for (const { q, top3 } of missed) lines.push(`  miss "${q}": expected ${top3.join(", ")}; got ${results.get(`${locale}\u0000${q}`)![surface].join(", ") || "nothing"}`);
    }
    console.log(lines.join("\n"));
    expect(rates.api).toBeGreaterThanOrEqual(HIT_RATE_FLOOR);
    expect(rates.portal).toBeGreaterThanOrEqual(HIT_RATE_FLOOR);
  });
});
