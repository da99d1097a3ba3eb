import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIRECTORY_QUERY, PUBLIC_CACHE_CONTROL } from "@start/api";
import { testDriver } from "../support/database.js";
import { dataOf, startTestApi, type TestApi } from "../support/api.js";

const SERVICE_NAME = /* GraphQL */ `
  query ($slug: String!, $locale: String) {
    service(slug: $slug, locale: $locale) { slug name { text } }
  }
`;

/** The short-lived cache of anonymous answers (api/src/server/response-cache.ts), on as START runs it. */
describe(`response cache of anonymous reads (${testDriver})`, () => {
  let t: TestApi;
  let token: string;
  beforeAll(async () => {
    t = await startTestApi({ responseCache: { ttlMs: 60_000, maxEntries: 50, maxEntryBytes: 64 * 1024 } });
    const f = t.fixtures;
    await f.world();
    await f.organization({ slug: "aid", names: { ar: "منظمة العون", en: "Aid organization" } });
    for (const slug of ["clinic", "shelter"]) {
      await f.service({ slug, organization: "aid", categories: ["legal_aid"], texts: { ar: { name: `خدمة ${slug}` }, en: { name: `Service ${slug}` } } });
    }
    await f.user({ key: "admin", roles: [{ role: "admin" }] });
    token = await f.session("admin");
  });
  afterAll(async () => {
    await t?.close();
  });

  const cache = () => t.api.responseCache!;

  it("answers the same anonymous query again without the database, byte for byte", async () => {
    const first = await t.graphql(DIRECTORY_QUERY, { first: 20, locale: "ar" });
    expect(dataOf(first).services.edges).toHaveLength(2);
    t.statements.length = 0;
    const hitsBefore = cache().hits;
    const second = await t.graphql(DIRECTORY_QUERY, { first: 20, locale: "ar" });
    expect(t.statements).toEqual([]);
    expect(cache().hits).toBe(hitsBefore + 1);
    expect(second.status).toBe(200);
    expect(second.data).toEqual(first.data);
    expect(second.headers["content-type"]).toBe(first.headers["content-type"]);
    expect(second.headers["cache-control"]).toBe(first.headers["cache-control"]);
  });

  it("keeps apart what differs: variables, locale, Accept-Language", async () => {
    const english = dataOf(await t.graphql(SERVICE_NAME, { slug: "clinic", locale: "en" }));
    const arabic = dataOf(await t.graphql(SERVICE_NAME, { slug: "clinic", locale: "ar" }));
    const other = dataOf(await t.graphql(SERVICE_NAME, { slug: "shelter", locale: "en" }));
    expect([english.service.name.text, arabic.service.name.text, other.service.name.text]).toEqual(["Service clinic", "خدمة clinic", "Service shelter"]);
    const byHeader = dataOf(await t.graphql(SERVICE_NAME, { slug: "clinic" }, { "accept-language": "en" }));
    const byOtherHeader = dataOf(await t.graphql(SERVICE_NAME, { slug: "clinic" }, { "accept-language": "ar" }));
    expect([byHeader.service.name.text, byOtherHeader.service.name.text]).toEqual(["Service clinic", "خدمة clinic"]);
  });

  it("never keeps errors, and never serves or keeps answers for a signed-in viewer", async () => {
    const missing = await t.graphql(SERVICE_NAME, { slug: "nowhere", locale: "en" });
    expect(missing.errors?.length).toBeGreaterThan(0);
    t.statements.length = 0;
    await t.graphql(SERVICE_NAME, { slug: "nowhere", locale: "en" });
    expect(t.statements.length).toBeGreaterThan(0);

    t.statements.length = 0;
    const signedIn = await t.graphqlAs(token, DIRECTORY_QUERY, { first: 20, locale: "ar" });
    expect(dataOf(signedIn).services.edges).toHaveLength(2);
    expect(t.statements.length).toBeGreaterThan(0);
    expect(signedIn.headers["cache-control"]).not.toBe(PUBLIC_CACHE_CONTROL);
  });

  it("is bypassed by a request that asks for a fresh answer (Cache-Control: no-cache)", async () => {
    await t.graphql(DIRECTORY_QUERY, { first: 20, locale: "ar" });
    t.statements.length = 0;
    await t.graphql(DIRECTORY_QUERY, { first: 20, locale: "ar" }, { "cache-control": "no-cache" });
    expect(t.statements.length).toBeGreaterThan(0);
  });

  it("is emptied by any mutation, so a change made through the API shows at once", async () => {
    const before = dataOf(await t.graphql(SERVICE_NAME, { slug: "clinic", locale: "en" }));
    expect(before.service).not.toBeNull();
    const archived = await t.graphqlAs(token, `mutation ($id: ID!) { archiveService(id: $id, expectedVersion: 1) { id } }`, {
      id: t.fixtures.id("service:clinic"),
    });
    expect(archived.errors).toBeUndefined();
    const after = await t.graphql(SERVICE_NAME, { slug: "clinic", locale: "en" });
    expect(after.data?.service ?? null).toBeNull();
    expect(after.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });

  it("is off unless asked for (createApp's default)", async () => {
    const plain = await startTestApi();
    try {
      expect(plain.api.responseCache).toBeNull();
    } finally {
      await plain.close();
    }
  });
});
