import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDriver } from "../support/database.js";
import { dataOf, startTestApi, type TestApi } from "../support/api.js";
import {
  directoryWorld,
  haversineKm,
  HIDDEN_SERVICES,
  TRIPOLI_CENTRE,
  VISIBLE_SERVICES,
} from "../support/directory-world.js";

describe(`services (${testDriver})`, () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi();
    await directoryWorld(t.fixtures);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** The slugs matching a filter (one page of 100), sorted, and the total count. */
  async function matching(filter: Record<string, unknown>, extra = ""): Promise<{ slugs: string[]; total: number }> {
    const response = await t.graphql(
      `query ($filter: ServiceFilter) { services(filter: $filter, first: 100 ${extra}) { totalCount edges { node { slug } } } }`,
      { filter },
    );
    const services = dataOf(response).services;
    return { slugs: services.edges.map((edge: any) => edge.node.slug).sort(), total: services.totalCount };
  }

  it("lists every published service, and nothing unpublished", async () => {
    const all = await matching({});
    expect(all.slugs).toEqual([...VISIBLE_SERVICES].sort());
    expect(all.total).toBe(VISIBLE_SERVICES.length);
    for (const hidden of HIDDEN_SERVICES) expect(all.slugs).not.toContain(hidden);
  });

  it("sorts by name in the requested locale, falling back along the platform's order", async () => {
    const response = await t.graphql('{ services(first: 100, locale: "en") { edges { node { slug name { text locale isFallback } } } } }');
    const nodes = dataOf(response).services.edges.map((edge: any) => edge.node);
    expect(nodes.map((node: any) => node.slug)).toEqual([
      "online-helpline", // Protection hotline
      "sabha-legal-aid", // Sabha legal aid desk
      "tripoli-clinic", // Tripoli primary care clinic
      "tripoli-shelter", // Women's safe shelter
      "tunis-consular", // no English: Arabic الخدمة القنصلية…
      "janzour-counselling", // no English: Arabic دعم نفسي…
    ]);
    expect(nodes[4].name).toEqual({ text: "الخدمة القنصلية في تونس", locale: "ar", isFallback: true });
  });

  describe("filters, one by one", () => {
    it("by category: a parent includes its children", async () => {
      expect((await matching({ categories: ["health"] })).slugs).toEqual(["janzour-counselling", "tripoli-clinic"]);
      expect((await matching({ categories: ["health.mental_health"] })).slugs).toEqual(["janzour-counselling"]);
      expect((await matching({ categories: ["protection"] })).slugs).toEqual(["online-helpline", "tripoli-shelter"]);
      expect((await matching({ categories: ["protection.gbv", "legal_aid"] })).slugs).toEqual([
        "sabha-legal-aid",
        "tripoli-shelter",
        "tunis-consular",
      ]);
      expect((await matching({ categories: [t.fixtures.id("category:legal_aid")] })).slugs).toEqual(["sabha-legal-aid", "tunis-consular"]);
    });

    it("by place: a municipality, a region or a country includes what is inside it", async () => {
      expect((await matching({ place: "tripoli" })).slugs).toEqual(["tripoli-clinic", "tripoli-shelter"]);
      expect((await matching({ place: "tripoli-region" })).slugs).toEqual(["janzour-counselling", "tripoli-clinic", "tripoli-shelter"]);
      expect((await matching({ place: "libya" })).slugs).toEqual([
        "janzour-counselling",
        "sabha-legal-aid",
        "tripoli-clinic",
        "tripoli-shelter",
      ]);
      expect((await matching({ place: "tunisia" })).slugs).toEqual(["tunis-consular"]);
      expect((await matching({ place: t.fixtures.id("place:fezzan") })).slugs).toEqual(["sabha-legal-aid"]);
    });

    it("by audience: services for anyone always match", async () => {
      expect((await matching({ audiences: ["WOMEN"] })).slugs).toEqual([
        "janzour-counselling",
        "online-helpline",
        "sabha-legal-aid",
        "tripoli-shelter",
      ]);
      expect((await matching({ audiences: ["LIBYANS_ABROAD"] })).slugs).toEqual(["online-helpline", "sabha-legal-aid", "tunis-consular"]);
    });

    it("by language spoken", async () => {
      expect((await matching({ languages: ["fr"] })).slugs).toEqual(["janzour-counselling", "online-helpline", "tunis-consular"]);
      expect((await matching({ languages: ["ha"] })).slugs).toEqual(["sabha-legal-aid"]);
      expect((await matching({ languages: ["ti"] })).slugs).toEqual([]);
    });

    it("by cost: free only", async () => {
      const free = await matching({ freeOnly: true });
      expect(free.slugs).not.toContain("janzour-counselling");
      expect(free.total).toBe(VISIBLE_SERVICES.length - 1);
    });

    it("by organization, by slug or id", async () => {
      expect((await matching({ organization: "lawyers" })).slugs).toEqual(["sabha-legal-aid"]);
      expect((await matching({ organization: t.fixtures.id("organization:ministry") })).slugs).toEqual(["tunis-consular"]);
    });

    it("open now: from the opening hours, in Libya time", async () => {
      // The clinic is open around the clock, the helpline too (its own hours, Libya time);
      // the Janzour service opens tomorrow only.
      const open = await matching({ openNow: true });
      expect(open.slugs).toContain("tripoli-clinic");
      expect(open.slugs).toContain("online-helpline");
      expect(open.slugs).not.toContain("janzour-counselling");
      expect(open.slugs).not.toContain("tripoli-shelter"); // no hours published
      const response = await t.graphql('{ services(first: 100) { edges { node { slug openNow } } } }');
      const openNow = Object.fromEntries(dataOf(response).services.edges.map((edge: any) => [edge.node.slug, edge.node.openNow]));
      for (const slug of VISIBLE_SERVICES) expect(openNow[slug], slug).toBe(open.slugs.includes(slug));
    });

    it("open at a given moment, in each location's own time zone (Tripoli UTC+2, Tunis UTC+1)", async () => {
      // Monday 23 November 2026, 08:30 UTC: 10:30 in Tripoli and Sabha, 09:30 in Tunis.
      expect((await matching({ openAt: "2026-11-23T08:30:00Z", categories: ["legal_aid"] })).slugs).toEqual(["sabha-legal-aid"]);
      // 09:30 UTC: 11:30 in Sabha, 10:30 in Tunis: both open.
      expect((await matching({ openAt: "2026-11-23T09:30:00Z", categories: ["legal_aid"] })).slugs).toEqual([
        "sabha-legal-aid",
        "tunis-consular",
      ]);
      // 10:30 UTC: 12:30 in Sabha, the lunch break; 11:30 in Tunis.
      expect((await matching({ openAt: "2026-11-23T10:30:00Z", categories: ["legal_aid"] })).slugs).toEqual(["tunis-consular"]);
      // Tuesday: both closed.
      expect((await matching({ openAt: "2026-11-24T09:30:00Z", categories: ["legal_aid"] })).slugs).toEqual([]);
    });

    it("by text", async () => {
      // Best match first; words the search vocabulary ties to "clinic" may bring others after it.
      expect((await matching({ query: "clinic" })).slugs[0]).toBe("tripoli-clinic");
      expect((await matching({ query: "عيادة" })).slugs[0]).toBe("tripoli-clinic");
      expect((await matching({ query: "Trablus" })).slugs.sort()).toEqual(["tripoli-clinic", "tripoli-shelter"]);
    });

    it("near a point, within a radius, nearest first, with the distance", async () => {
      const response = await t.graphql(
        `query ($near: NearInput) { services(filter: { near: $near }, first: 100) { edges { distanceKm node { slug } } } }`,
        { near: { ...TRIPOLI_CENTRE, radiusKm: 10 } },
      );
      const edges = dataOf(response).services.edges;
      expect(edges.map((edge: any) => edge.node.slug)).toEqual(["tripoli-shelter", "tripoli-clinic"]);
      // The shelter's address is confidential: the distance is to the centre of its municipality.
      expect(edges[0].distanceKm).toBeCloseTo(0, 3);
      expect(edges[1].distanceKm).toBeCloseTo(haversineKm(TRIPOLI_CENTRE.latitude, TRIPOLI_CENTRE.longitude, 32.8925, 13.1802), 3);

      const wider = await t.graphql(
        `query ($near: NearInput) { services(filter: { near: $near }, first: 100) { edges { distanceKm node { slug } } } }`,
        { near: { ...TRIPOLI_CENTRE, radiusKm: 30 } },
      );
      const widerEdges = dataOf(wider).services.edges;
      expect(widerEdges.map((edge: any) => edge.node.slug)).toEqual(["tripoli-shelter", "tripoli-clinic", "janzour-counselling"]);
      const distances = widerEdges.map((edge: any) => edge.distanceKm);
      expect(distances).toEqual([...distances].sort((a: number, b: number) => a - b));
      expect(distances[2]).toBeCloseTo(haversineKm(TRIPOLI_CENTRE.latitude, TRIPOLI_CENTRE.longitude, 32.8175, 13.0106), 3);
    });

    it("rejects names that match nothing, and impossible points", async () => {
      const unknown = await t.graphql('{ services(filter: { place: "atlantis" }) { totalCount } }', undefined, { "Accept-Language": "en" });
      expect(unknown.status).toBe(200);
      expect(unknown.data).toBeNull();
      expect(unknown.errors?.[0]).toMatchObject({
        message: "No place matches “atlantis”.",
        extensions: { code: "BAD_USER_INPUT", field: "filter.place" },
      });
      const category = await t.graphql('{ services(filter: { categories: ["health", "astrology"] }) { totalCount } }');
      expect(category.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      const point = await t.graphql("{ services(filter: { near: { latitude: 123, longitude: 13, radiusKm: 5 } }) { totalCount } }");
      expect(point.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      const radius = await t.graphql("{ services(filter: { near: { latitude: 32, longitude: 13, radiusKm: 5000 } }) { totalCount } }");
      expect(radius.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      const sort = await t.graphql("{ services(sort: DISTANCE) { totalCount } }");
      expect(sort.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      const query = await t.graphql('{ services(filter: { query: "   " }) { totalCount } }');
      expect(query.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    });
  });

  describe("filters combined (all must hold)", () => {
    it("category, place and cost", async () => {
      expect((await matching({ categories: ["health"], place: "tripoli-region", freeOnly: true })).slugs).toEqual(["tripoli-clinic"]);
      expect((await matching({ categories: ["health"], place: "tripoli-region" })).slugs).toEqual(["janzour-counselling", "tripoli-clinic"]);
    });

    it("audience, language and place", async () => {
      expect((await matching({ audiences: ["WOMEN"], languages: ["fr"], place: "libya" })).slugs).toEqual(["janzour-counselling"]);
    });

    it("text, near and open now", async () => {
      const near = { ...TRIPOLI_CENTRE, radiusKm: 30 };
      expect((await matching({ query: "Tripoli", near, openNow: true })).slugs).toEqual(["tripoli-clinic"]);
      expect((await matching({ organization: "aid", near, categories: ["protection"] })).slugs).toEqual(["tripoli-shelter"]);
    });

    it("contradictory conditions give nothing, not an error", async () => {
      expect(await matching({ place: "tunisia", categories: ["health"] })).toEqual({ slugs: [], total: 0 });
    });
  });

  describe("one service", () => {
    const FIELDS = "slug name { text locale isFallback } organization { slug name { text } }";

    it("by slug or by id", async () => {
      const bySlug = dataOf(await t.graphql(`{ service(slug: "tripoli-clinic", locale: "fr") { id ${FIELDS} } }`)).service;
      expect(bySlug).toMatchObject({ slug: "tripoli-clinic", name: { text: "Clinique de soins primaires de Tripoli", locale: "fr", isFallback: false } });
      expect(bySlug.organization).toEqual({ slug: "aid", name: { text: "Aide libyenne" } });
      const byId = dataOf(await t.graphql(`{ service(id: "${bySlug.id}") { slug } }`)).service;
      expect(byId.slug).toBe("tripoli-clinic");
    });

    it("unpublished services do not exist for the public", async () => {
      for (const slug of HIDDEN_SERVICES) {
        const response = await t.graphql(`{ service(slug: "${slug}") { slug } }`);
        expect(response.data?.service, slug).toBeNull();
        expect(response.errors?.[0]?.extensions?.code, slug).toBe("NOT_FOUND");
        const byId = await t.graphql(`{ service(id: "${t.fixtures.id(`service:${slug}`)}") { slug } }`);
        expect(byId.errors?.[0]?.extensions?.code, slug).toBe("NOT_FOUND");
      }
    });

    it("needs exactly one of id and slug, and a real id", async () => {
      expect((await t.graphql("{ service { slug } }")).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect((await t.graphql('{ service(slug: "a", id: "b") { slug } }')).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      const response = await t.graphql('{ service(id: "42") { slug } }', undefined, { "Accept-Language": "en" });
      expect(response.status).toBe(200);
      expect(response.data).toEqual({ service: null });
      expect(response.errors?.[0]?.message).toBe("“42” is not a valid ID.");
    });

    it("gives locations, phones, schedules and categories", async () => {
      const service = dataOf(
        await t.graphql(`{ service(slug: "tripoli-clinic", locale: "en") {
          cost audiences languages verifiedAt
          requiredDocuments { items locale }
          categories { code name { text } parent { code } }
          phones { number type }
          locations {
            location { latitude longitude address { text } place { slug name { text } parent { slug parent { slug } } } }
            phones { number type languages description { text } }
            schedules { notes { text } periods { weekday opensAt closesAt } }
          }
        } }`),
      ).service;
      expect(service).toMatchObject({
        cost: "FREE",
        audiences: ["MIGRANTS_IN_LIBYA"],
        languages: ["ar", "en"],
        verifiedAt: "2026-10-01T10:00:00.000Z",
        requiredDocuments: { items: ["Any identity document"], locale: "en" },
        categories: [{ code: "health.primary_care", name: { text: "Primary health care" }, parent: { code: "health" } }],
        phones: [{ number: "+218912345679", type: "WHATSAPP" }],
      });
      const [location] = service.locations;
      expect(location.location).toMatchObject({
        latitude: 32.8925,
        longitude: 13.1802,
        address: { text: "Omar Al-Mukhtar Street" },
        place: { slug: "tripoli", name: { text: "Tripoli" }, parent: { slug: "tripoli-region", parent: { slug: "libya" } } },
      });
      expect(location.phones).toEqual([{ number: "+218912345678", type: "VOICE", languages: ["ar", "en"], description: { text: "Reception" } }]);
      expect(location.schedules[0].notes).toEqual({ text: "Open day and night." });
      expect(location.schedules[0].periods).toHaveLength(7);
      expect(location.schedules[0].periods[0]).toEqual({ weekday: 1, opensAt: "00:00", closesAt: "24:00" });
    });

    it("never publishes a confidential address: only the place", async () => {
      const service = dataOf(
        await t.graphql(`{ service(slug: "tripoli-shelter", locale: "en") {
          confidentialAddress
          locations { location { latitude longitude postalCode name { text } address { text } translations { locale } place { slug } } }
          phones { number }
        } }`),
      ).service;
      expect(service.confidentialAddress).toBe(true);
      expect(service.locations).toEqual([
        { location: { latitude: null, longitude: null, postalCode: null, name: null, address: null, translations: [], place: { slug: "tripoli" } } },
      ]);
      expect(service.phones).toEqual([{ number: "+218910000000" }]);
      const search = dataOf(await t.graphql('{ services(filter: { query: "Hidden Street" }) { totalCount } }'));
      expect(search.services.totalCount).toBe(0);
    });
  });

  describe("locales", () => {
    it("each field resolves to the requested locale, else the best available, and says which", async () => {
      const service = dataOf(
        await t.graphql(`{ service(slug: "tripoli-clinic", locale: "fr") {
          name { text locale isFallback } description { text locale isFallback } requiredDocuments { items locale isFallback }
        } }`),
      ).service;
      expect(service.name).toEqual({ text: "Clinique de soins primaires de Tripoli", locale: "fr", isFallback: false });
      // No French description: the first locale that has one, in the platform's order (ar, en, fr).
      expect(service.description).toEqual({ text: "Free consultations for everyone.", locale: "en", isFallback: true });
      expect(service.requiredDocuments).toEqual({ items: ["أي وثيقة هوية"], locale: "ar", isFallback: true });
    });

    it("falls back from Arabic to English when a record has no Arabic", async () => {
      const service = dataOf(await t.graphql('{ service(slug: "sabha-legal-aid", locale: "ar") { name { text locale isFallback } } }')).service;
      expect(service.name).toEqual({ text: "Sabha legal aid desk", locale: "en", isFallback: true });
    });

    it("uses Accept-Language when the query names no locale, Arabic when neither does", async () => {
      const query = '{ service(slug: "tunis-consular") { name { text locale } organization { name { text locale } } } }';
      const french = dataOf(await t.graphql(query, undefined, { "Accept-Language": "fr-FR,fr;q=0.9,en;q=0.5" })).service;
      expect(french.name).toEqual({ text: "Service consulaire à Tunis", locale: "fr" });
      expect(french.organization.name).toEqual({ text: "Ministère des Affaires étrangères", locale: "fr" });
      const arabic = dataOf(await t.graphql(query)).service;
      expect(arabic.name).toEqual({ text: "الخدمة القنصلية في تونس", locale: "ar" });
    });

    it("resolves each root field in its own locale", async () => {
      const body = dataOf(
        await t.graphql(`{
          en: service(slug: "tripoli-clinic", locale: "en") { name { text } categories { name { text } } }
          ar: service(slug: "tripoli-clinic", locale: "ar") { name { text } categories { name { text } } }
        }`),
      );
      expect(body.en).toEqual({ name: { text: "Tripoli primary care clinic" }, categories: [{ name: { text: "Primary health care" } }] });
      expect(body.ar).toEqual({ name: { text: "عيادة طرابلس للرعاية الأولية" }, categories: [{ name: { text: "الرعاية الصحية الأولية" } }] });
    });

    it("exposes every translation for editors", async () => {
      const service = dataOf(await t.graphql('{ service(slug: "tripoli-clinic", locale: "en") { translations { locale name requiredDocuments } } }')).service;
      expect(service.translations).toEqual([
        { locale: "en", name: "Tripoli primary care clinic", requiredDocuments: ["Any identity document"] },
        { locale: "ar", name: "عيادة طرابلس للرعاية الأولية", requiredDocuments: ["أي وثيقة هوية"] },
        { locale: "fr", name: "Clinique de soins primaires de Tripoli", requiredDocuments: [] },
      ]);
    });
  });

  it("keeps unpublished services out of organizations' and categories' listings", async () => {
    const body = dataOf(
      await t.graphql(`{
        organization(slug: "aid") { services { slug } }
        category(code: "health") { serviceCount children { code serviceCount } }
      }`),
    );
    expect(body.organization.services.map((service: any) => service.slug).sort()).toEqual([
      "janzour-counselling",
      "online-helpline",
      "tripoli-clinic",
      "tripoli-shelter",
    ]);
    expect(body.category).toEqual({
      serviceCount: 2,
      children: [
        { code: "health.primary_care", serviceCount: 1 },
        { code: "health.mental_health", serviceCount: 1 },
      ],
    });
  });
});
