import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { introspectionDefault, MAX_PAGE_SIZE } from "@start/api";
import { testDriver } from "../support/database.js";
import { dataOf, startTestApi, type TestApi } from "../support/api.js";

const INTROSPECTION = "{ __schema { queryType { name } } }";

describe(`limits (${testDriver})`, () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi();
    await t.fixtures.world();
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each([101, 1000, 0, -1])("refuses a page of %i with BAD_USER_INPUT", async (first) => {
    const response = await t.graphql("query ($first: Int) { services(first: $first) { totalCount } }", { first }, { "Accept-Language": "en" });
    // An error raised while the operation runs: 200 with "data": null (GraphQL over HTTP).
    expect(response.status).toBe(200);
    expect(response.data).toBeNull();
    expect(response.errors?.[0]).toMatchObject({
      message: `“first” must be a number from 1 to ${MAX_PAGE_SIZE}.`,
      extensions: { code: "BAD_USER_INPUT", field: "first" },
    });
  });

  it("accepts a page of 100", async () => {
    const response = await t.graphql("{ services(first: 100) { totalCount } vacancies(first: 100) { totalCount } }");
    expect(dataOf(response).services.totalCount).toBe(0);
  });

  it("refuses a query nested too deeply with QUERY_TOO_DEEP", async () => {
    const nested = (depth: number): string => (depth === 0 ? "code" : `code children { ${nested(depth - 1)} }`);
    const fine = await t.graphql(`{ categories { ${nested(10)} } }`);
    expect(fine.status).toBe(200);
    const response = await t.graphql(`{ categories { ${nested(11)} } }`, undefined, { "Accept-Language": "en" });
    expect(response.status).toBe(400);
    expect(response.errors?.[0]).toMatchObject({
      message: "The query is nested too deeply (13 levels; the limit is 12).",
      extensions: { code: "QUERY_TOO_DEEP" },
    });
  });

  it("counts depth through fragments", async () => {
    const nested = (depth: number): string => (depth === 0 ? "...Leaf" : `children { ${nested(depth - 1)} }`);
    const response = await t.graphql(`{ categories { ${nested(12)} } } fragment Leaf on Category { code }`);
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions?.code).toBe("QUERY_TOO_DEEP");
  });

  it("refuses a query asking for too much at once with QUERY_TOO_COMPLEX", async () => {
    const page = `services(first: 100) { edges { node { slug name { text } organization { name { text } }
      locations { location { address { text } place { name { text } } } phones { number } schedules { periods { weekday opensAt closesAt } } }
      categories { code name { text } } phones { number } } } }`;
    const one = await t.graphql(`{ ${page} }`);
    expect(one.status, JSON.stringify(one.errors)).toBe(200);
    const aliased = Array.from({ length: 8 }, (_, index) => `page${index}: ${page}`).join("\n");
    const response = await t.graphql(`{ ${aliased} }`, undefined, { "Accept-Language": "fr" });
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions?.code).toBe("QUERY_TOO_COMPLEX");
    expect(response.errors?.[0]?.message).toMatch(/^La requête demande trop de choses à la fois \(complexité \d+\u202f; la limite est de 25000\)/);
  });

  it("refuses a query with more fields than the estimator weighs with QUERY_TOO_COMPLEX, in the language asked for", async () => {
    // 1,100 spreads of a ten-field fragment: 11,000 fields to weigh, each cheap (a page of one).
    const fields = "slug name { text } description { text } organization { slug } categories { code }";
    const query = `{ services(first: 1) { edges { node { ${"...F ".repeat(1_100)} } } } } fragment F on Service { ${fields} }`;
    const response = await t.graphql(query, undefined, { "Accept-Language": "ar" });
    expect(response.status).toBe(400);
    expect(response.errors?.[0]).toMatchObject({
      message: "الاستعلام يضم حقولًا أكثر من أن تُقدَّر كلفتها (أكثر من 10000). اطلب عناصر أو حقولًا أقل.",
      extensions: { code: "QUERY_TOO_COMPLEX" },
    });
  });

  it("counts a connection's cost by the page size asked for, also through a variable", async () => {
    const page = (alias: string) => `${alias}: services(first: $first) { edges { node { slug name { text }
      locations { location { address { text } place { name { text } } } schedules { periods { weekday opensAt closesAt } } } } } }`;
    const query = `query ($first: Int) { ${["a", "b", "c", "d"].map(page).join(" ")} }`;
    expect((await t.graphql(query, { first: 10 })).status).toBe(200);
    const response = await t.graphql(query, { first: 100 });
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions?.code).toBe("QUERY_TOO_COMPLEX");
  });

  it("has introspection on outside production", async () => {
    expect(dataOf(await t.graphql(INTROSPECTION)).__schema.queryType.name).toBe("Query");
  });
});

describe(`introspection switched off (${testDriver})`, () => {
  it("is off when NODE_ENV=production, unless GRAPHQL_INTROSPECTION says otherwise", () => {
    expect(introspectionDefault({ NODE_ENV: "production" })).toBe(false);
    expect(introspectionDefault({ NODE_ENV: "production", GRAPHQL_INTROSPECTION: "true" })).toBe(true);
    expect(introspectionDefault({ NODE_ENV: "development" })).toBe(true);
    expect(introspectionDefault({ NODE_ENV: "development", GRAPHQL_INTROSPECTION: "false" })).toBe(false);
  });

  it("refuses introspection queries with 400 and a localised message", async () => {
    const t = await startTestApi({ introspection: introspectionDefault({ NODE_ENV: "production" }) });
    try {
      await t.fixtures.locales();
      const response = await t.graphql(INTROSPECTION, undefined, { "Accept-Language": "en" });
      expect(response.status).toBe(400);
      expect(response.errors?.[0]).toMatchObject({
        message: "Schema introspection is turned off on this server.",
        extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
      });
      // Ordinary queries still work.
      expect(dataOf(await t.graphql("{ locales { code } }")).locales).toHaveLength(3);
    } finally {
      await t.close();
    }
  });
});
