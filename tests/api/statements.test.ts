import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIRECTORY_QUERY } from "@start/api";
import { testDriver } from "../support/database.js";
import { dataOf, startTestApi, type TestApi } from "../support/api.js";
import { ALL_WEEK } from "../support/directory-world.js";

/** No N+1: a page of services costs a fixed number of SQL statements, whatever its size. */
describe(`SQL statements per directory page (${testDriver})`, () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi();
    const f = t.fixtures;
    await f.world();
    for (const slug of ["aid", "crescent", "ministry"]) await f.organization({ slug, names: { ar: `منظمة ${slug}`, en: `Organization ${slug}` } });
    const places = ["tripoli", "janzour", "sabha", "tunis"];
    for (let index = 0; index < 60; index++) {
      const number = String(index).padStart(2, "0");
      // Every third service has hours at each location, every third only its own hours, the rest
      // only the locations' hours: each page mixes the three ways ServiceLocation.schedules resolves.
      const hoursAt = index % 3;
      await f.service({
        slug: `service-${number}`,
        organization: ["aid", "crescent", "ministry"][index % 3]!,
        categories: [index % 2 ? "health.primary_care" : "protection.gbv", "legal_aid"],
        texts: { ar: { name: `خدمة ${number}` }, en: { name: `Service ${number}`, description: "Help of many kinds." } },
        phones: [{ number: `+2189100000${number}`, type: "hotline" }],
        schedules: hoursAt === 1 ? [{ periods: ALL_WEEK }] : [],
        locations: [0, 1].map((offset) => ({
          place: places[(index + offset) % places.length]!,
          latitude: 32.8 + offset / 100,
          longitude: 13.1 + index / 1000,
          texts: { en: { address: `Street ${number}-${offset}` } },
          phones: [{ number: `+2189200${offset}00${number}`, type: "voice" as const }],
          schedules: hoursAt === 0 ? [{ periods: [[1, "09:00", "13:00"], [1, "14:00", "17:00"]] as Array<[number, string, string]>, notes: { en: "Lunch break" } }] : [],
          locationSchedules: [{ periods: [[7, "08:00", "14:00"]] as Array<[number, string, string]> }],
        })),
      });
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  async function statementsFor(first: number): Promise<{ count: number; statements: string[]; services: any }> {
    t.statements.length = 0;
    const body = dataOf(await t.graphql(DIRECTORY_QUERY, { first, locale: "en" }));
    return { count: t.statements.length, statements: [...t.statements], services: body.services };
  }

  it("runs the same small number of statements for 5, 50 and 100 services", async () => {
    // The first request after the fixtures were written reads the enabled locales of the new search generation.
    await statementsFor(5);
    const five = await statementsFor(5);
    const fifty = await statementsFor(50);
    const hundred = await statementsFor(100);
    expect(five.services.edges).toHaveLength(5);
    expect(fifty.services.edges).toHaveLength(50);
    expect(hundred.services.edges).toHaveLength(60);
    expect(fifty.services.edges[7].node.locations).toHaveLength(2);
    expect(fifty.services.edges[7].node.locations[0].phones).toHaveLength(1);
    expect(fifty.services.edges[7].node.categories).toHaveLength(2);
    console.log(`directory page on ${testDriver}: ${five.count} statements for 5 services, ${fifty.count} for 50, ${hundred.count} for 60`);
    expect(fifty.count, fifty.statements.join("\n\n")).toBe(five.count);
    expect(hundred.count).toBe(five.count);
    expect(five.count).toBeLessThanOrEqual(14);
  });

  it("resolves each location's hours the same way whichever statement brought them", async () => {
    const { services } = await statementsFor(6);
    const hours = services.edges.map((edge: any) => edge.node.locations[0].schedules[0].periods.map((period: any) => period.weekday));
    // service-00: hours at the location (Mondays); service-01: its own hours (every day); service-02: the location's (Sundays).
    expect(hours.slice(0, 3)).toEqual([[1, 1], [1, 2, 3, 4, 5, 6, 7], [7]]);
    expect(services.edges[0].node.locations[0].schedules[0].notes).toEqual({ text: "Lunch break" });
  });

  // The search indexes, the records a search shows and the enabled locales are kept per search
  // generation (api/src/search/): once they are read, a search checks the generation and nothing else.
  it("answers a search with one statement, the search generation check, once its index is built", async () => {
    const SEARCH = `query ($q: String!, $locale: String) { search(query: $q, locale: $locale, first: 10) {
      totalCount hits { item { ... on Service { slug name { text } organization { name { text } } } } }
      facets { types { type count } categories { category { code name { text } } count } places { place { slug name { text } } count } }
    } }`;
    const searches = [["service", "en"], ["Service 07", "en"], ["خدمة", "ar"]] as const;
    // The first ones build the indexes and keep the records they show.
    for (const [q, locale] of searches) dataOf(await t.graphql(SEARCH, { q, locale }));
    for (const [q, locale] of searches) {
      t.statements.length = 0;
      const body = dataOf(await t.graphql(SEARCH, { q, locale }));
      expect(body.search.totalCount).toBeGreaterThan(0);
      expect(t.statements, t.statements.join("\n\n")).toHaveLength(1);
      expect(t.statements[0]).toMatch(/from search_changes/);
    }
  });

  it("keeps the count flat on the next pages too", async () => {
    const first: any = await statementsFor(20);
    t.statements.length = 0;
    dataOf(await t.graphql(DIRECTORY_QUERY, { first: 20, after: first.services.pageInfo.endCursor, locale: "en" }));
    expect(t.statements.length).toBe(first.count);
  });
});
