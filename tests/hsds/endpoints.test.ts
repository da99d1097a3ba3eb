import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hsds, PUBLIC_CACHE_CONTROL } from "@start/api";
import { startTestApi, type TestApi } from "../support/api.js";
import { testDriver } from "../support/database.js";
import { directoryWorld, HIDDEN_SERVICES, VISIBLE_SERVICES } from "../support/directory-world.js";
import { expectValid, schemas } from "./support.js";

/** Every record a page or a document holds, checked against its HSDS schema; returns how many. */
function validatePage(body: any, item: () => Parameters<typeof expectValid>[0], label: string): number {
  expectValid(schemas.page(), body, `${label} page`);
  expect(Array.isArray(body.contents)).toBe(true);
  body.contents.forEach((record: unknown, index: number) => expectValid(item(), record, `${label} #${index}`));
  return body.contents.length;
}

describe(`HSDA read endpoints (${testDriver})`, () => {
  let t: TestApi;
  let validated = 0;
  beforeAll(async () => {
    t = await startTestApi();
    await directoryWorld(t.fixtures);
  });
  afterAll(async () => {
    console.info(`HSDA endpoints: ${validated} records validated against the HSDS schemas`);
    await t?.close();
  });

  const get = (path: string, headers: Record<string, string> = {}) => t.http.get(path).set(headers);
  const slugOf = (record: any) => record.slug as string;

  it("describes itself at /hsds/: version, profile and OpenAPI addresses that answer", async () => {
    const response = await get("/hsds/");
    expect(response.status).toBe(200);
    expect(response.body.version).toBe("3.0");
    const profile = new URL(response.body.profile);
    const openapi = new URL(response.body.openapi_url);
    const profileDocument = await get(profile.pathname);
    expect(profileDocument.status).toBe(200);
    expect(Object.keys(profileDocument.body.schema_patches)).toEqual(expect.arrayContaining(["service", "organization", "location", "place"]));
    const description = await get(openapi.pathname);
    expect(description.status).toBe(200);
    expect(description.body.openapi).toBe("3.1.0");
    expect(description.body.info.title).toContain("START");
    expect(description.body.paths["/services"].get.parameters).toContainEqual({ $ref: "#/components/parameters/lang" });
  });

  it("lists published services only, in the Page envelope, each validating as service_list", async () => {
    const response = await get("/hsds/services?per_page=100&lang=en");
    expect(response.status).toBe(200);
    expect(response.headers["cache-control"]).toBe(PUBLIC_CACHE_CONTROL);
    expect(response.headers["content-language"]).toBe("en");
    validated += validatePage(response.body, schemas.serviceList, "services");
    expect(response.body.contents.map(slugOf).sort()).toEqual([...VISIBLE_SERVICES].sort());
    for (const hidden of HIDDEN_SERVICES) expect(response.body.contents.map(slugOf)).not.toContain(hidden);
    expect(response.body).toMatchObject({ total_items: VISIBLE_SERVICES.length, total_pages: 1, page_number: 1, first_page: true, last_page: true, empty: false });
  });

  it("pages with page and per_page", async () => {
    const seen: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const response = await get(`/hsds/services?per_page=2&page=${page}`);
      validated += validatePage(response.body, schemas.serviceList, `services page ${page}`);
      expect(response.body).toMatchObject({ total_items: 6, total_pages: 3, page_number: page, size: 2, first_page: page === 1, last_page: page === 3 });
      seen.push(...response.body.contents.map((record: any) => record.id));
    }
    expect(new Set(seen).size).toBe(6);
    const beyond = await get("/hsds/services?per_page=2&page=4");
    expect(beyond.body).toMatchObject({ size: 0, empty: true, last_page: true, contents: [] });
  });

  it("answers texts in the locale asked for, falling back like the GraphQL API", async () => {
    const id = t.fixtures.id("service:tunis-consular");
    const french = await get(`/hsds/services/${id}?lang=fr`);
    expect(french.body.name).toBe("Service consulaire à Tunis");
    const english = await get(`/hsds/services/${id}?lang=en`);
    expect(english.body.name).toBe("الخدمة القنصلية في تونس"); // no English: Arabic first in the platform's order
    expect(english.body.translations).toEqual({ ar: { name: "الخدمة القنصلية في تونس" }, fr: { name: "Service consulaire à Tunis" } });
    const negotiated = await get(`/hsds/services/${id}`, { "accept-language": "fr-FR, en;q=0.5" });
    expect(negotiated.body.name).toBe("Service consulaire à Tunis");
    expect(negotiated.headers["content-language"]).toBe("fr");
  });

  it("gives a fully nested service: locations, phones, hours, languages, categories, START's profile", async () => {
    const response = await get(`/hsds/services/${t.fixtures.id("service:tripoli-clinic")}?lang=en`);
    expect(response.status).toBe(200);
    expectValid(schemas.service(), response.body, "service");
    expectValid(schemas.profiled("service"), response.body, "service (profile)");
    validated++;
    const service = response.body;
    expect(service).toMatchObject({ name: "Tripoli primary care clinic", status: "active", cost: "free", audiences: ["migrants_in_libya"], slug: "tripoli-clinic" });
    expect(service.organization.name).toBe("Libyan Aid");
    expect(service.languages.map((language: any) => language.code)).toEqual(["ar", "en"]);
    expect(service.languages[0].name).toBe("Arabic");
    expect(service.required_documents.map((document: any) => document.document)).toEqual(["Any identity document"]);
    expect(service.attributes[0].taxonomy_term).toMatchObject({ code: "health.primary_care", name: "Primary health care", taxonomy_id: hsds.START_TAXONOMY_ID });
    expect(service.phones).toEqual([expect.objectContaining({ number: "+218912345679", type: "text", channel: "whatsapp" })]);
    const [link] = service.service_at_locations;
    expect(link.location).toMatchObject({ latitude: 32.8925, longitude: 13.1802, place_id: t.fixtures.id("place:tripoli") });
    // No postcode, so no HSDS address (HSDS requires one): the street address is in the profile's texts.
    expect(link.location.addresses).toEqual([]);
    expect(link.location.translations.en.address).toBe("Omar Al-Mukhtar Street");
    expect(link.phones[0]).toMatchObject({ number: "+218912345678", description: "Reception", languages: [expect.objectContaining({ code: "ar" }), expect.objectContaining({ code: "en" })] });
    // Open day and night, every day: one HSDS schedule for the seven days.
    expect(link.schedules).toEqual([
      expect.objectContaining({ freq: "WEEKLY", byday: "MO,TU,WE,TH,FR,SA,SU", opens_at: "00:00", closes_at: "24:00", notes: "Open day and night." }),
    ]);
  });

  it("splits a week with several opening times into one schedule per time, one timetable", async () => {
    const response = await get(`/hsds/services/${t.fixtures.id("service:sabha-legal-aid")}`);
    const schedules = response.body.service_at_locations[0].schedules;
    expect(schedules.map((s: any) => [s.byday, s.opens_at, s.closes_at])).toEqual([
      ["MO", "10:00", "12:00"],
      ["MO", "13:00", "15:00"],
    ]);
    expect(new Set(schedules.map((s: any) => s.group_id)).size).toBe(1);
    expect(new Set(schedules.map((s: any) => s.id)).size).toBe(2);
  });

  it("shows only the town of a service with a confidential address", async () => {
    const response = await get(`/hsds/services/${t.fixtures.id("service:tripoli-shelter")}?lang=en`);
    expectValid(schemas.service(), response.body, "shelter");
    validated++;
    const location = response.body.service_at_locations[0].location;
    expect(location).not.toHaveProperty("latitude");
    expect(location).not.toHaveProperty("name");
    expect(location).not.toHaveProperty("translations");
    expect(location.address_withheld).toBe(true);
    expect(location.addresses).toEqual([]);
    expect(location.place_id).toBe(t.fixtures.id("place:tripoli"));
    expect(JSON.stringify(response.body)).not.toContain("Hidden Street");
  });

  it("answers 404 for unpublished records and 400 for bad parameters, in the locale asked for", async () => {
    for (const hidden of HIDDEN_SERVICES) {
      const response = await get(`/hsds/services/${t.fixtures.id(`service:${hidden}`)}`);
      expect(response.status).toBe(404);
      expect(response.headers["cache-control"]).toBe("no-store");
    }
    expect((await get("/hsds/services/not-a-uuid")).status).toBe(404);
    const french = await get("/hsds/services?per_page=500&lang=fr");
    expect(french.status).toBe(400);
    expect(french.body.error).toMatchObject({ code: "BAD_REQUEST", parameter: "per_page", message: "Le paramètre «\u202fper_page\u202f» n’est pas valide\u202f: il faut un nombre entier de 1 à 100." });
    const arabic = await get("/hsds/services?modified_after=yesterday", { "accept-language": "ar" });
    expect(arabic.body.error.message).toContain("modified_after");
    expect(arabic.body.error.message).toContain("تاريخًا ووقتًا");
    const locale = await get("/hsds/services?lang=de");
    expect(locale.status).toBe(400);
    expect(locale.body.error.parameter).toBe("lang");
    expect((await get("/hsds/services?taxonomy_term_id=health")).status).toBe(400);
    expect((await get("/hsds/nothing-here")).status).toBe(404);
    expect((await t.http.post("/hsds/services").send({})).status).toBe(405);
  });

  it("filters services by taxonomy term (with its children), taxonomy, organization, modification date and search", async () => {
    const slugs = async (query: string) => {
      const response = await get(`/hsds/services?per_page=100&${query}`);
      validated += validatePage(response.body, schemas.serviceList, query);
      return response.body.contents.map(slugOf).sort();
    };
    expect(await slugs(`taxonomy_term_id=${t.fixtures.id("category:health")}`)).toEqual(["janzour-counselling", "tripoli-clinic"]);
    expect(await slugs(`taxonomy_id=${hsds.START_TAXONOMY_ID}`)).toEqual([...VISIBLE_SERVICES].sort());
    expect(await slugs(`taxonomy_id=${hsds.derivedId("another", "taxonomy")}`)).toEqual([]);
    expect(await slugs(`organization_id=${t.fixtures.id("organization:lawyers")}`)).toEqual(["sabha-legal-aid"]);
    expect(await slugs(`modified_after=2000-01-01T00:00:00Z`)).toHaveLength(6);
    expect(await slugs(`modified_after=2999-01-01`)).toEqual([]);
    // Search ranks by relevance (the API's engine): the clinic first, what the vocabulary ties to "clinic" after it.
    const searched = await get("/hsds/services?per_page=100&search=clinic&lang=en");
    validated += validatePage(searched.body, schemas.serviceList, "search=clinic");
    expect(searched.body.contents.map(slugOf)[0]).toBe("tripoli-clinic");
  });

  it("returns the full or the minimal form of the list when asked", async () => {
    const full = await get("/hsds/services?full=true&per_page=3");
    validated += validatePage(full.body, schemas.service, "full services");
    expect(full.body.contents[0]).toHaveProperty("service_at_locations");
    const minimal = await get("/hsds/services?minimal=true&per_page=100");
    validated += validatePage(minimal.body, schemas.serviceList, "minimal services");
    expect(Object.keys(minimal.body.contents[0]).sort()).toEqual(["id", "last_modified", "name", "status"]);
  });

  it("streams every match as NDJSON with format=ndjson", async () => {
    const response = await get("/hsds/services?format=ndjson&per_page=1");
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toContain("application/x-ndjson");
    const lines = response.text.trim().split("\n").map((line) => JSON.parse(line));
    expect(lines).toHaveLength(VISIBLE_SERVICES.length);
    lines.forEach((line, index) => expectValid(schemas.serviceList(), line, `ndjson #${index}`));
    validated += lines.length;
  });

  it("lists organizations (basic, full, with full services) and gives one in full", async () => {
    const list = await get("/hsds/organizations?per_page=100&lang=en");
    validated += validatePage(list.body, schemas.organizationList, "organizations");
    expect(list.body.contents.map(slugOf).sort()).toEqual(["aid", "lawyers", "ministry"]);
    const full = await get("/hsds/organizations?full=true&full_service=true");
    validated += validatePage(full.body, schemas.organization, "full organizations");
    const aid = await get(`/hsds/organizations/${t.fixtures.id("organization:aid")}?lang=en`);
    expectValid(schemas.organization(), aid.body, "aid");
    expectValid(schemas.profiled("organization"), aid.body, "aid (profile)");
    validated++;
    expect(aid.body.services.map((service: any) => service.name).sort()).toEqual(["Protection hotline", "Tripoli primary care clinic", "Women's safe shelter", "دعم نفسي في جنزور"]);
    // The shelter's location is listed with its town only.
    expect(JSON.stringify(aid.body)).not.toContain("Hidden Street");
    expect((await get(`/hsds/organizations/${t.fixtures.id("organization:hidden")}`)).status).toBe(404);
    const search = await get("/hsds/organizations?search=lawyers");
    expect(search.body.contents.map(slugOf)).toEqual(["lawyers"]);
  });

  it("lists services at locations, filters them, and gives one in full", async () => {
    const list = await get("/hsds/service_at_locations?per_page=100");
    validated += validatePage(list.body, schemas.serviceAtLocationList, "service_at_locations");
    expect(list.body.total_items).toBe(5);
    const full = await get("/hsds/service_at_locations?full=true&per_page=100");
    validated += validatePage(full.body, schemas.serviceAtLocation, "full service_at_locations");
    const filtered = await get(`/hsds/service_at_locations?organization_id=${t.fixtures.id("organization:lawyers")}`);
    expect(filtered.body.total_items).toBe(1);
    const id = filtered.body.contents[0].id;
    const one = await get(`/hsds/service_at_locations/${id}`);
    expectValid(schemas.serviceAtLocation(), one.body, "service_at_location");
    validated++;
    expect(one.body.service.name).toBe("Sabha legal aid desk");
    expect((await get("/hsds/service_at_locations?proximity=1000&postcode=X")).status).toBe(400);
  });

  it("lists the taxonomy and its terms", async () => {
    const taxonomies = await get("/hsds/taxonomies?lang=fr");
    validated += validatePage(taxonomies.body, schemas.taxonomy, "taxonomies");
    expect(taxonomies.body.contents[0]).toMatchObject({ id: hsds.START_TAXONOMY_ID, name: "Catégories de services de START" });
    expect((await get(`/hsds/taxonomies/${hsds.START_TAXONOMY_ID}`)).status).toBe(200);
    const terms = await get("/hsds/taxonomy_terms?per_page=100&lang=en");
    validated += validatePage(terms.body, schemas.taxonomyTerm, "taxonomy_terms");
    expect(terms.body.total_items).toBe(6);
    const top = await get("/hsds/taxonomy_terms?top_only=true&per_page=100");
    expect(top.body.contents.map((term: any) => term.code).sort()).toEqual(["health", "legal_aid", "protection"]);
    const children = await get(`/hsds/taxonomy_terms?parent_id=${t.fixtures.id("category:health")}`);
    expect(children.body.contents.map((term: any) => term.code).sort()).toEqual(["health.mental_health", "health.primary_care"]);
    const search = await get("/hsds/taxonomy_terms?search=santé&lang=fr");
    expect(search.body.contents.map((term: any) => term.code)).toContain("health");
    const one = await get(`/hsds/taxonomy_terms/${t.fixtures.id("category:protection.gbv")}?lang=fr`);
    expectValid(schemas.taxonomyTerm(), one.body, "term");
    expect(one.body).toMatchObject({ name: "Violences basées sur le genre", parent_id: t.fixtures.id("category:protection"), language: "fr" });
  });
});
