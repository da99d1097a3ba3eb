import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDriver } from "../support/database.js";
import { dataOf, startTestApi, type TestApi } from "../support/api.js";
import { TRIPOLI_CENTRE } from "../support/directory-world.js";

const NAMES = [
  ["Mobile health team", "فريق صحي متنقل"],
  ["Mobile health team", "فريق صحي متنقل"],
  ["Mobile health team", "فريق صحي متنقل"],
  ["Legal aid team", "فريق المساعدة القانونية"],
  ["Legal aid team", "فريق المساعدة القانونية"],
  ["Élan clinic", "عيادة إيلان"],
  ["Elan clinic", "عيادة ايلان"],
  ["Protection desk", "مكتب الحماية"],
  ["Women's centre", "مركز النساء"],
  ["Child-friendly space", "مساحة صديقة للأطفال"],
] as const;
const COUNT = 37;

describe(`pagination (${testDriver})`, () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi();
    await t.fixtures.world();
    await t.fixtures.organization({ slug: "aid", names: { en: "Aid" } });
    await t.fixtures.organization({ slug: "relief", names: { en: "Relief" } });
    for (let index = 0; index < COUNT; index++) {
      const [en, ar] = NAMES[index % NAMES.length]!;
      await t.fixtures.service({
        slug: `service-${String(index).padStart(2, "0")}`,
        organization: "aid",
        categories: [index % 2 ? "health.primary_care" : "protection"],
        verifiedAt: index % 3 ? new Date(Date.UTC(2026, index % 12, 1 + (index % 5))) : undefined,
        texts: { en: { name: en }, ...(index % 4 ? { ar: { name: ar } } : {}) },
        locations: [{ place: index % 5 ? "tripoli" : "janzour", latitude: 32.85 + (index % 7) * 0.01, longitude: 13.1 + (index % 6) * 0.01 }],
      });
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  const QUERY = `query ($first: Int, $after: String, $filter: ServiceFilter, $sort: ServiceSort, $locale: String) {
    services(first: $first, after: $after, filter: $filter, sort: $sort, locale: $locale) {
      totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor distanceKm score node { slug } }
    } }`;

  async function walk(variables: Record<string, unknown>, first: number): Promise<string[]> {
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 200; pages++) {
      const page: any = dataOf(await t.graphql(QUERY, { ...variables, first, after })).services;
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      if (page.edges.length > 0) {
        expect(page.pageInfo.startCursor).toBe(page.edges[0].cursor);
        expect(page.pageInfo.endCursor).toBe(page.edges.at(-1).cursor);
      }
      seen.push(...page.edges.map((edge: any) => edge.node.slug));
      if (!page.pageInfo.hasNextPage) return seen;
      expect(page.edges).toHaveLength(first);
      after = page.pageInfo.endCursor;
    }
    throw new Error("pagination did not end");
  }

  const variants: Array<[string, Record<string, unknown>]> = [
    ["by name (Arabic, the default)", {}],
    ["by name in English", { locale: "en" }],
    ["by name in French (all fallbacks)", { locale: "fr" }],
    ["by distance", { filter: { near: { ...TRIPOLI_CENTRE, radiusKm: 100 } } }],
    ["by verification date (many ties)", { sort: "RECENTLY_VERIFIED" }],
    ["by relevance (many ties)", { filter: { query: "team" } }],
    ["filtered by category", { filter: { categories: ["health"] } }],
  ];

  it.each(variants)("goes forwards to the end with no duplicates or gaps: %s", async (_name, variables) => {
    const everything: any = dataOf(await t.graphql(QUERY, { ...variables, first: 100 })).services;
    const expected = everything.edges.map((edge: any) => edge.node.slug);
    expect(expected.length).toBe(everything.totalCount);
    expect(everything.pageInfo.hasNextPage).toBe(false);
    expect(new Set(expected).size).toBe(expected.length);
    for (const size of [1, 4, 10]) {
      const walked = await walk(variables, size);
      expect(walked, `page size ${size}`).toEqual(expected);
    }
  });

  it("sorts ties by id, so equal names still come in a stable order", async () => {
    const everything: any = dataOf(await t.graphql(QUERY, { locale: "en", first: 100 })).services;
    const teams = everything.edges.filter((edge: any) => ["service-00", "service-10", "service-20", "service-30"].includes(edge.node.slug));
    expect(teams).toHaveLength(4);
    const ids = await Promise.all(teams.map((edge: any) => t.fixtures.id(`service:${edge.node.slug}`)));
    expect(ids).toEqual([...ids].sort());
  });

  it("orders by distance, nearest first, with distances that never decrease", async () => {
    const page: any = dataOf(await t.graphql(QUERY, { filter: { near: { ...TRIPOLI_CENTRE, radiusKm: 100 } }, first: 100 })).services;
    const distances = page.edges.map((edge: any) => edge.distanceKm);
    expect(distances.every((value: number, index: number) => index === 0 || value >= distances[index - 1])).toBe(true);
    expect(page.totalCount).toBe(COUNT);
  });

  it("refuses a cursor that is not one, or that belongs to another order", async () => {
    const garbage = await t.graphql(QUERY, { after: "not-a-cursor", first: 5 }, { "Accept-Language": "en" });
    // Raised while the operation runs: 200 with "data": null (GraphQL over HTTP).
    expect(garbage.status).toBe(200);
    expect(garbage.data).toBeNull();
    expect(garbage.errors?.[0]).toMatchObject({
      message: "The cursor “after” does not belong to this list or this sort order.",
      extensions: { code: "BAD_USER_INPUT", field: "after" },
    });
    const byName: any = dataOf(await t.graphql(QUERY, { first: 5 })).services;
    const mixed = await t.graphql(QUERY, { first: 5, after: byName.pageInfo.endCursor, sort: "RECENTLY_VERIFIED" });
    expect(mixed.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const notANumber = Buffer.from(JSON.stringify(["services", "RECENTLY_VERIFIED", "1; select", "00000000-0000-0000-0000-000000000000"])).toString("base64url");
    const numeric = await t.graphql(QUERY, { first: 5, after: notANumber, sort: "RECENTLY_VERIFIED" });
    expect(numeric.status).toBe(200);
    expect(numeric.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const forged = Buffer.from(JSON.stringify(["services", "NAME", "x' or 1=1 --", "00000000-0000-0000-0000-000000000000"])).toString("base64url");
    const injected: any = dataOf(await t.graphql(QUERY, { first: 5, after: forged })).services;
    expect(injected.edges.length).toBeLessThanOrEqual(5);
  });

  it("refuses a cursor of another list, even one sorted the same way, in the language asked for", async () => {
    const ORGANIZATIONS = "query ($after: String) { organizations(first: 1, after: $after) { edges { node { slug } } pageInfo { endCursor } } }";
    const organizationCursor: string = dataOf(await t.graphql(ORGANIZATIONS)).organizations.pageInfo.endCursor;
    const serviceCursor: string = dataOf(await t.graphql(QUERY, { first: 1 })).services.pageInfo.endCursor;
    // Each list still takes its own cursor.
    expect(dataOf(await t.graphql(ORGANIZATIONS, { after: organizationCursor })).organizations.edges).toHaveLength(1);
    expect(dataOf(await t.graphql(QUERY, { first: 1, after: serviceCursor })).services.edges).toHaveLength(1);

    const messages = {
      en: "The cursor “after” does not belong to this list or this sort order.",
      fr: "Le curseur «\u202fafter\u202f» n’appartient pas à cette liste ou à cet ordre de tri.",
      ar: "المؤشّر «after» لا ينتمي إلى هذه القائمة أو إلى طريقة الترتيب هذه.",
    };
    for (const [locale, message] of Object.entries(messages)) {
      const services = await t.graphql(QUERY, { first: 1, after: organizationCursor }, { "Accept-Language": locale });
      expect(services.data).toBeNull();
      expect(services.errors?.[0]).toMatchObject({ message, extensions: { code: "BAD_USER_INPUT", field: "after" } });
      const organizations = await t.graphql(ORGANIZATIONS, { after: serviceCursor }, { "Accept-Language": locale });
      expect(organizations.data).toBeNull();
      expect(organizations.errors?.[0]).toMatchObject({ message, extensions: { code: "BAD_USER_INPUT", field: "after" } });
    }
  });

  it("gives an empty last page after the last cursor", async () => {
    const everything: any = dataOf(await t.graphql(QUERY, { first: 100 })).services;
    const after = everything.pageInfo.endCursor;
    const page: any = dataOf(await t.graphql(QUERY, { first: 10, after })).services;
    expect(page.edges).toEqual([]);
    expect(page.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null });
  });
});
