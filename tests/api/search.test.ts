import { eq, sql } from "drizzle-orm";
import { categoryTranslations, locales, organizationTranslations, placeAliases, placeTranslations, serviceTranslations, services } from "@start/db";
import { and } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDriver } from "../support/database.js";
import { dataOf, startTestApi, type TestApi } from "../support/api.js";

function libyaDate(days: number): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Africa/Tripoli" }).format(new Date(Date.now() + days * 86_400_000));
}

describe(`search (${testDriver})`, () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi();
    const f = t.fixtures;
    await f.world();
    await f.organization({ slug: "crescent", names: { ar: "الهلال الأحمر الليبي", en: "Libyan Red Crescent", fr: "Croissant-Rouge libyen" } });
    await f.organization({ slug: "ministry", kind: "government", names: { ar: "وزارة الصحة", en: "Ministry of Health" } });
    await f.service({
      slug: "hope-hospital",
      organization: "crescent",
      categories: ["health.primary_care"],
      texts: {
        ar: { name: "مُستشفى الأمل", description: "رعاية صحية مجانية للأطفال والنساء." },
        en: { name: "Hope hospital", description: "Free health care for children and women." },
        fr: { name: "Hôpital de l'Espoir", description: "Soins gratuits pour les enfants et les femmes." },
      },
      locations: [{ place: "tripoli", latitude: 32.89, longitude: 13.18 }],
    });
    await f.service({
      slug: "janzour-clinic",
      organization: "crescent",
      categories: ["health.primary_care"],
      texts: { ar: { name: "عيادة جنزور" }, en: { name: "Janzour clinic", description: "Vaccinations and check-ups." } },
      locations: [{ place: "janzour", latitude: 32.81, longitude: 13.01 }],
    });
    await f.service({
      slug: "listening-line",
      organization: "crescent",
      categories: ["health.mental_health"],
      texts: { ar: { name: "خط الإصغاء" }, en: { name: "Listening line", description: "Talk to someone, anonymously." } },
      locations: [{ place: "sabha", latitude: 27.03, longitude: 14.43 }],
    });
    await f.service({
      slug: "draft-hospital",
      organization: "crescent",
      state: "draft",
      categories: ["health.primary_care"],
      texts: { ar: { name: "مستشفى الأمل الجديد" }, en: { name: "New hope hospital" } },
      locations: [{ place: "tripoli" }],
    });
    await f.service({
      slug: "women-centre",
      organization: "ministry",
      categories: ["legal_aid"],
      texts: { en: { name: "Women's centre", description: "Advice on documents." } },
      locations: [{ place: "tunis" }],
    });
    await f.rightsArticle({
      slug: "hospital-rights",
      country: "libya",
      texts: {
        ar: { title: "حقك في العلاج في المستشفيات العامة", summary: "الإسعاف مجاني للجميع." },
        en: { title: "Your right to treatment in public hospitals", summary: "Emergency care is free for everyone." },
      },
    });
    await f.rightsArticle({ slug: "draft-rights", country: "libya", state: "draft", texts: { en: { title: "Hospital fees (draft)" } } });
    await f.vacancy({
      slug: "hospital-nurse",
      organization: "ministry",
      place: "sabha",
      deadline: libyaDate(10),
      texts: { ar: { title: "ممرضة في مستشفى سبها — إعلان رقم ٢٠٢٦" }, en: { title: "Nurse at Sabha hospital — notice 2026" } },
    });
    await f.vacancy({ slug: "expired-hospital", organization: "ministry", place: "tripoli", deadline: libyaDate(-3), texts: { en: { title: "Hospital porter (expired)" } } });
  });
  afterAll(async () => {
    await t?.close();
  });

  const SEARCH = `query ($q: String!, $types: [SearchType!], $first: Int, $category: String, $place: String, $locale: String) {
    search(query: $q, types: $types, first: $first, category: $category, place: $place, locale: $locale) {
      totalCount
      hits { type score item { __typename ... on Service { slug } ... on RightsArticle { slug } ... on Vacancy { slug } } }
      facets { types { type count } categories { category { code } count } places { place { slug } count } }
    } }`;

  async function search(q: string, variables: Record<string, unknown> = {}) {
    return dataOf(await t.graphql(SEARCH, { q, ...variables })).search;
  }
  const slugs = async (q: string, variables: Record<string, unknown> = {}) =>
    (await search(q, variables)).hits.map((hit: any) => hit.item.slug);

  describe("Arabic is normalised the same way at index and query time", () => {
    it.each([
      ["مستشفى الأمل", "as written"],
      ["مستشفي الامل", "ى → ي and أ → ا"],
      ["مُسْتَشْفَى الأَمَل", "tashkeel"],
      ["مستـــشفى الأمل", "tatweel"],
      ["المستشفى", "with the article, indexed without it"],
      ["ٱلأمل", "alef wasla"],
    ])("finds مُستشفى الأمل from %s (%s)", async (query) => {
      expect(await slugs(query, { types: ["SERVICE"] })).toContain("hope-hospital");
    });

    it("ة and ه meet", async () => {
      expect(await slugs("عياده جنزور")).toEqual(["janzour-clinic"]);
      expect(await slugs("عيادة جنزور")).toEqual(["janzour-clinic"]);
    });

    it("Arabic-Indic digits meet ASCII digits", async () => {
      expect(await slugs("2026")).toEqual(["hospital-nurse"]);
      expect(await slugs("٢٠٢٦")).toEqual(["hospital-nurse"]);
    });

    it("the article and prefixes: بالمستشفى finds مستشفى", async () => {
      expect(await slugs("بالمستشفى", { types: ["SERVICE", "VACANCY"] })).toEqual(expect.arrayContaining(["hope-hospital", "hospital-nurse"]));
    });
  });

  describe("places by any of their names", () => {
    it("finds services through place aliases and transliterations", async () => {
      expect(await slugs("Trablus")).toEqual(["hope-hospital"]);
      expect(await slugs("Tarabulus")).toEqual(["hope-hospital"]);
      expect(await slugs("Janzur")).toEqual(["janzour-clinic"]);
      // The names of the places around a place count too: Janzour is in the Tripoli region.
      expect((await slugs("طرابلس")).sort()).toEqual(["hope-hospital", "janzour-clinic"]);
    });

    it("finds vacancies and rights articles by place too (the place and the places around it)", async () => {
      expect((await slugs("Sebha")).sort()).toEqual(["hospital-nurse", "listening-line"]);
      expect((await slugs("Libia", { types: ["RIGHTS_ARTICLE"] }))).toEqual(["hospital-rights"]);
    });

    it("forgives small misspellings", async () => {
      expect((await slugs("Tripolli")).sort()).toEqual(["hope-hospital", "janzour-clinic"]);
      expect((await slugs("Trablous"))[0]).toBe("hope-hospital");
      expect((await slugs("Janzor clinik"))[0]).toBe("janzour-clinic");
      expect((await slugs("Listenning lin"))[0]).toBe("listening-line");
      // A misspelt word next to a well-spelt one.
      expect((await slugs("hospital Trablous", { types: ["SERVICE"] }))[0]).toBe("hope-hospital");
    });
  });

  describe("words", () => {
    it("stems English and folds French accents", async () => {
      expect((await slugs("hospitals", { types: ["SERVICE"] }))[0]).toBe("hope-hospital");
      expect((await slugs("hopital espoir"))[0]).toBe("hope-hospital");
      expect((await slugs("HÔPITAL"))[0]).toBe("hope-hospital");
      expect(await slugs("enfant", { locale: "fr" })).toEqual(["hope-hospital"]);
    });

    it("matches category and organization names", async () => {
      // Any word may match; the record matching every word comes first.
      expect((await slugs("mental health"))[0]).toBe("listening-line");
      expect((await slugs("santé mentale"))[0]).toBe("listening-line");
      expect((await slugs("الصحة النفسية"))[0]).toBe("listening-line");
      expect((await slugs("red crescent")).sort()).toEqual(["hope-hospital", "janzour-clinic", "listening-line"]);
    });

    it("treats the last word as a prefix (people are still typing it)", async () => {
      expect(await slugs("listen")).toEqual(["listening-line"]);
      expect(await slugs("vaccin")).toEqual(["janzour-clinic"]);
    });

    it("ranks a title match above a match in the text", async () => {
      const hits = (await search("women", { locale: "en" })).hits;
      expect(hits.map((hit: any) => hit.item.slug)).toEqual(["women-centre", "hope-hospital"]);
      expect(hits[0].score).toBeGreaterThan(hits[1].score);
    });

    it("never lets typed syntax reach the query parser", async () => {
      for (const query of ["a:b -c + ~d ^e *f", "'; drop table services; --", "(hospital | clinic) & !x", "\\\\ \" ' <> hospital", "🚑 hospital"]) {
        const response = await t.graphql(SEARCH, { q: query });
        expect(response.status, query).toBe(200);
        expect(response.errors, query).toBeUndefined();
      }
      expect((await slugs("🚑 hospital", { types: ["SERVICE"] }))[0]).toBe("hope-hospital");
    });

    it("refuses an empty or overlong query", async () => {
      for (const query of ["", "   ", "!!!", "x".repeat(201)]) {
        const response = await t.graphql(SEARCH, { q: query });
        expect(response.status, query).toBe(200);
        expect(response.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      }
    });
  });

  describe("results", () => {
    it("mixes services, rights articles and vacancies, or the types asked for", async () => {
      const all = await search("hospital");
      expect(all.hits[0].item.slug).toBe("hope-hospital");
      const found = Object.fromEntries(all.hits.map((hit: any) => [hit.item.slug, [hit.type, hit.item.__typename]]));
      expect(found).toMatchObject({
        "hope-hospital": ["SERVICE", "Service"],
        "hospital-nurse": ["VACANCY", "Vacancy"],
        "hospital-rights": ["RIGHTS_ARTICLE", "RightsArticle"],
      });
      const scores = all.hits.map((hit: any) => hit.score);
      expect(scores).toEqual([...scores].sort((a: number, b: number) => b - a));
      expect((await slugs("hospital", { types: ["VACANCY", "RIGHTS_ARTICLE"] })).sort()).toEqual(["hospital-nurse", "hospital-rights"]);
    });

    it("shows only published records: no drafts, no expired vacancies", async () => {
      const found = await slugs("hospital", { first: 100 });
      expect(found).not.toContain("draft-hospital");
      expect(found).not.toContain("draft-rights");
      expect(found).not.toContain("expired-hospital");
      expect((await slugs("hope hospital", { types: ["SERVICE"] }))[0]).toBe("hope-hospital");
    });

    it("counts by type, category (with parents) and place (with the places around it), over all results", async () => {
      const result = await search("crescent", { first: 1 });
      expect(result.hits).toHaveLength(1);
      expect(result.totalCount).toBe(3);
      expect(result.facets.types).toEqual([{ type: "SERVICE", count: 3 }]);
      const categories = Object.fromEntries(result.facets.categories.map((facet: any) => [facet.category.code, facet.count]));
      expect(categories).toEqual({ health: 3, "health.primary_care": 2, "health.mental_health": 1 });
      const places = Object.fromEntries(result.facets.places.map((facet: any) => [facet.place.slug, facet.count]));
      expect(places).toEqual({ libya: 3, "tripoli-region": 2, tripoli: 1, janzour: 1, fezzan: 1, sabha: 1 });
      expect(result.facets.places[0]).toEqual({ place: { slug: "libya" }, count: 3 });
    });

    it("narrows to a category or a place", async () => {
      expect((await slugs("crescent", { category: "health.mental_health" }))).toEqual(["listening-line"]);
      expect((await slugs("crescent", { place: "tripoli-region" })).sort()).toEqual(["hope-hospital", "janzour-clinic"]);
      const inSabha = await slugs("hospital", { place: "sabha" });
      expect(inSabha.slice(0, 2).sort()).toEqual(["hospital-nurse", "hospital-rights"]);
      expect(inSabha).not.toContain("hope-hospital");
    });

    it("answers in the requested locale", async () => {
      const response = dataOf(
        await t.graphql('{ search(query: "Trablus", locale: "fr") { hits { item { ... on Service { name { text locale } } } } } }'),
      );
      expect(response.search.hits[0].item.name).toEqual({ text: "Hôpital de l'Espoir", locale: "fr" });
    });
  });

  describe("the index follows every change", () => {
    it("a renamed service is found by its new name only", async () => {
      await t.fixtures.db
        .update(serviceTranslations)
        .set({ name: "Listening and counselling line" })
        .where(and(eq(serviceTranslations.serviceId, t.fixtures.id("service:listening-line")), eq(serviceTranslations.locale, "en")));
      expect((await slugs("counselling"))[0]).toBe("listening-line");
      await t.fixtures.db
        .update(serviceTranslations)
        .set({ name: "Helpline" })
        .where(and(eq(serviceTranslations.serviceId, t.fixtures.id("service:listening-line")), eq(serviceTranslations.locale, "en")));
      expect(await slugs("counselling")).not.toContain("listening-line");
      expect((await slugs("helpline"))[0]).toBe("listening-line");
    });

    it("a new place alias and a renamed category are searchable at once", async () => {
      await t.fixtures.db.insert(placeAliases).values({ placeId: t.fixtures.id("place:janzour"), alias: "Zanzur" });
      expect(await slugs("Zanzur")).toEqual(["janzour-clinic"]);
      await t.fixtures.db
        .update(categoryTranslations)
        .set({ name: "Psychosocial support" })
        .where(and(eq(categoryTranslations.categoryId, t.fixtures.id("category:health.mental_health")), eq(categoryTranslations.locale, "en")));
      expect(await slugs("psychosocial")).toEqual(["listening-line"]);
    });

    it("a published draft appears, an archived service disappears", async () => {
      await t.fixtures.db.update(services).set({ state: "published" }).where(eq(services.id, t.fixtures.id("service:draft-hospital")));
      expect((await slugs("hope hospital", { types: ["SERVICE"] })).slice(0, 2).sort()).toEqual(["draft-hospital", "hope-hospital"]);
      await t.fixtures.db.update(services).set({ archivedAt: new Date() }).where(eq(services.id, t.fixtures.id("service:draft-hospital")));
      expect(await slugs("hope hospital", { types: ["SERVICE"] })).not.toContain("draft-hospital");
    });

    it("a deleted service is found no more", async () => {
      expect(await slugs("Janzour")).toContain("janzour-clinic");
      await t.fixtures.db.delete(services).where(eq(services.id, t.fixtures.id("service:janzour-clinic")));
      expect(await slugs("Janzour")).not.toContain("janzour-clinic");
    });

    it("a change made in another process is seen: the search generation moves on at commit", async () => {
      const before = await t.fixtures.db.execute(sql`select generation from search_changes`);
      await t.fixtures.db.transaction(async (tx) => {
        await tx.update(serviceTranslations).set({ name: "Helpline for everyone" })
          .where(and(eq(serviceTranslations.serviceId, t.fixtures.id("service:listening-line")), eq(serviceTranslations.locale, "en")));
        await tx.update(serviceTranslations).set({ description: "Talk to someone, day and night." })
          .where(and(eq(serviceTranslations.serviceId, t.fixtures.id("service:listening-line")), eq(serviceTranslations.locale, "en")));
      });
      const after = await t.fixtures.db.execute(sql`select generation from search_changes`);
      const generation = (result: unknown) => Number(((result as { rows?: unknown[] }).rows ?? (result as unknown[]))[0] && (((result as { rows?: { generation: unknown }[] }).rows ?? (result as { generation: unknown }[]))[0]!.generation));
      // One transaction, one step, however many rows it wrote.
      expect(generation(after) - generation(before)).toBe(1);
      expect((await slugs("everyone"))[0]).toBe("listening-line");
    });

    // The records a search answers with are kept with the index (api/src/search/records.ts): they
    // must follow every change as the matching does, on the next search after the write commits.
    it("what the hits and facets show follows every change too: names, organizations, categories, places, publication", async () => {
      const SHOWN = `query ($q: String!) { search(query: $q, locale: "en", types: [SERVICE]) {
        hits { item { ... on Service { slug name { text } organization { name { text } } } } }
        facets { categories { category { code name { text } } count } places { place { slug name { text } } count } }
      } }`;
      const shown = async (q: string) => dataOf(await t.graphql(SHOWN, { q })).search;
      const hope = async () => (await shown("hope")).hits.find((hit: any) => hit.item.slug === "hope-hospital")?.item;
      const facetName = (facets: { code?: string; slug?: string; name: { text: string } }[], key: string) =>
        facets.find((facet) => (facet.code ?? facet.slug) === key)?.name.text;
      const categoriesOf = async (q: string) => (await shown(q)).facets.categories.map((row: any) => row.category);
      const placesOf = async (q: string) => (await shown(q)).facets.places.map((row: any) => row.place);
      expect(await hope()).toEqual({ slug: "hope-hospital", name: { text: "Hope hospital" }, organization: { name: { text: "Libyan Red Crescent" } } });

      await t.fixtures.db
        .update(serviceTranslations)
        .set({ name: "Hope hospital and clinic" })
        .where(and(eq(serviceTranslations.serviceId, t.fixtures.id("service:hope-hospital")), eq(serviceTranslations.locale, "en")));
      expect((await hope())?.name.text).toBe("Hope hospital and clinic");

      await t.fixtures.db
        .update(organizationTranslations)
        .set({ name: "Red Crescent of Libya" })
        .where(and(eq(organizationTranslations.organizationId, t.fixtures.id("organization:crescent")), eq(organizationTranslations.locale, "en")));
      expect((await hope())?.organization.name.text).toBe("Red Crescent of Libya");

      expect(facetName(await categoriesOf("hope"), "health.primary_care")).toBeDefined();
      await t.fixtures.db
        .update(categoryTranslations)
        .set({ name: "Primary and family care" })
        .where(and(eq(categoryTranslations.categoryId, t.fixtures.id("category:health.primary_care")), eq(categoryTranslations.locale, "en")));
      expect(facetName(await categoriesOf("hope"), "health.primary_care")).toBe("Primary and family care");

      await t.fixtures.db
        .update(placeTranslations)
        .set({ name: "Tripoli, the capital" })
        .where(and(eq(placeTranslations.placeId, t.fixtures.id("place:tripoli")), eq(placeTranslations.locale, "en")));
      expect(facetName(await placesOf("hope"), "tripoli")).toBe("Tripoli, the capital");

      // Unpublished (back to draft), then archived once published again: gone on the next search.
      await t.fixtures.db.update(services).set({ state: "draft" }).where(eq(services.id, t.fixtures.id("service:hope-hospital")));
      expect(await hope()).toBeUndefined();
      expect(await slugs("hope")).not.toContain("hope-hospital");
      await t.fixtures.db.update(services).set({ state: "published" }).where(eq(services.id, t.fixtures.id("service:hope-hospital")));
      expect((await hope())?.name.text).toBe("Hope hospital and clinic");
      await t.fixtures.db.update(services).set({ archivedAt: new Date() }).where(eq(services.id, t.fixtures.id("service:hope-hospital")));
      expect(await hope()).toBeUndefined();
      expect(facetName(await placesOf("hope"), "tripoli")).toBeUndefined();
    });

    // The enabled locales are kept per search generation (api/src/i18n/locales.ts): the locales
    // table bumps it like any other, so a search after the change sees the new locales at once.
    it("a locale disabled, then enabled again, is seen by the next search: the locale asked for and the texts indexed", async () => {
      await t.fixtures.service({
        slug: "permanence-juridique",
        organization: "crescent",
        categories: ["legal_aid"],
        texts: { fr: { name: "Permanence juridique francophone" } },
        locations: [{ place: "tunis" }],
      });
      const setFrench = (enabled: boolean) => t.fixtures.db.update(locales).set({ enabled }).where(eq(locales.code, "fr"));
      expect(await slugs("francophone", { locale: "fr" })).toEqual(["permanence-juridique"]);
      await setFrench(false);
      try {
        const refused = await t.graphql(SEARCH, { q: "francophone", locale: "fr" }, { "Accept-Language": "en" });
        expect(refused.errors?.[0]).toMatchObject({
          message: "The locale “fr” is not available. Available locales: ar, en.",
          extensions: { code: "BAD_USER_INPUT", field: "locale" },
        });
        // Its only texts are in French: nothing of it is indexed while French is off.
        expect(await slugs("francophone", { locale: "en" })).toEqual([]);
      } finally {
        await setFrench(true);
      }
      expect(await slugs("francophone", { locale: "fr" })).toEqual(["permanence-juridique"]);
      expect(await slugs("francophone", { locale: "en" })).toEqual(["permanence-juridique"]);
    });
  });
});
