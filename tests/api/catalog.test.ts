import { eq } from "drizzle-orm";
import { categories } from "@start/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDriver } from "../support/database.js";
import { dataOf, startTestApi, type TestApi } from "../support/api.js";

/** A date in Libya `days` from today, as YYYY-MM-DD. */
function libyaDate(days: number): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Africa/Tripoli" }).format(new Date(Date.now() + days * 86_400_000));
}

describe(`organizations, categories, places, rights, vacancies, alerts (${testDriver})`, () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi();
    const f = t.fixtures;
    await f.world();
    await f.category({ code: "astrology", archived: true, names: { en: "Astrology" } });
    await f.organization({ slug: "iom", kind: "un_agency", names: { en: "International Organization for Migration", ar: "المنظمة الدولية للهجرة" } });
    await f.organization({ slug: "labour-ministry", kind: "government", names: { ar: "وزارة العمل والتأهيل", en: "Ministry of Labour" } });
    await f.organization({ slug: "draft-ngo", state: "draft", names: { en: "Draft NGO" } });
    await f.organization({ slug: "archived-ngo", state: "archived", names: { en: "Archived NGO" } });

    await f.rightsArticle({
      slug: "health-care-libya",
      country: "libya",
      topic: "health-care",
      audience: "migrants_in_libya",
      texts: {
        ar: { title: "الحق في الرعاية الصحية في ليبيا", summary: "ما يحق لك في المستشفيات العامة." },
        en: { title: "Health care in Libya", summary: "What public hospitals must provide.", body: "Emergency care is free for **everyone**." },
      },
    });
    await f.rightsArticle({
      slug: "residency-tunisia",
      country: "tunisia",
      topic: "residency",
      audience: "libyans_abroad",
      reviewedOn: "2026-06-01",
      texts: { fr: { title: "Séjour des Libyens en Tunisie" }, ar: { title: "إقامة الليبيين في تونس" } },
    });
    await f.rightsArticle({ slug: "work-anyone", country: "libya", topic: "work", audience: "anyone", texts: { en: { title: "Working in Libya" } } });
    await f.rightsArticle({ slug: "draft-article", country: "libya", state: "draft", texts: { en: { title: "Not ready" } } });

    await f.vacancy({
      slug: "nurse-sabha",
      organization: "labour-ministry",
      place: "sabha",
      sector: "health",
      publishedOn: libyaDate(-10),
      deadline: libyaDate(20),
      texts: { ar: { title: "ممرض أو ممرضة في سبها" }, en: { title: "Nurse in Sabha", description: "Public hospital ward." } },
    });
    await f.vacancy({
      slug: "teacher-tripoli",
      organization: "labour-ministry",
      place: "tripoli",
      sector: "education",
      employmentType: "part_time",
      publishedOn: libyaDate(-2),
      deadline: libyaDate(5),
      texts: { ar: { title: "معلم لغة إنجليزية" }, en: { title: "English teacher" } },
    });
    await f.vacancy({
      slug: "last-day-driver",
      organization: "iom",
      place: "janzour",
      sector: "transport",
      publishedOn: libyaDate(-30),
      deadline: libyaDate(0),
      texts: { en: { title: "Driver (applications close today)" } },
    });
    await f.vacancy({
      slug: "filled-early",
      organization: "iom",
      place: "tripoli",
      sector: "health",
      publishedOn: libyaDate(-5),
      deadline: libyaDate(10),
      closed: true,
      texts: { en: { title: "Pharmacist (position filled)" } },
    });
    await f.vacancy({ slug: "expired", organization: "iom", place: "tripoli", publishedOn: libyaDate(-40), deadline: libyaDate(-1), texts: { en: { title: "Expired notice" } } });
    await f.vacancy({ slug: "draft-vacancy", organization: "iom", place: "tripoli", state: "draft", deadline: libyaDate(10), texts: { en: { title: "Draft notice" } } });
    await f.vacancy({ slug: "draft-org-vacancy", organization: "draft-ngo", place: "tripoli", deadline: libyaDate(10), texts: { en: { title: "Notice of a draft organization" } } });

    const hour = 3_600_000;
    await f.alert({ key: "flood", place: "tripoli", severity: "danger", validFrom: new Date(Date.now() - hour), texts: { en: { title: "Flooding in Tripoli" }, ar: { title: "فيضانات في طرابلس" } } });
    await f.alert({ key: "road", place: "fezzan", severity: "warning", validFrom: new Date(Date.now() - 2 * hour), validUntil: new Date(Date.now() + 24 * hour), texts: { en: { title: "Road to Sabha cut" } } });
    await f.alert({ key: "country", place: "libya", validFrom: new Date(Date.now() - 3 * hour), texts: { en: { title: "Libya-wide notice" } } });
    await f.alert({ key: "everywhere", validFrom: new Date(Date.now() - 4 * hour), texts: { en: { title: "Platform maintenance" } } });
    await f.alert({ key: "tunis", place: "tunis", validFrom: new Date(Date.now() - hour), texts: { en: { title: "Tunis consulate closed" } } });
    await f.alert({ key: "over", place: "tripoli", validFrom: new Date(Date.now() - 48 * hour), validUntil: new Date(Date.now() - 24 * hour), texts: { en: { title: "Clinic closed yesterday" } } });
    await f.alert({ key: "future", place: "tripoli", validFrom: new Date(Date.now() + 24 * hour), texts: { en: { title: "Strike tomorrow" } } });
    await f.alert({ key: "draft", place: "tripoli", state: "draft", validFrom: new Date(Date.now() - hour), texts: { en: { title: "Draft alert" } } });
  });
  afterAll(async () => {
    await t?.close();
  });

  describe("organizations", () => {
    it("lists published organizations by name, filters by kind, and paginates", async () => {
      const all = dataOf(await t.graphql('{ organizations(locale: "en") { totalCount edges { node { slug kind name { text locale } } } } }')).organizations;
      expect(all.totalCount).toBe(2);
      expect(all.edges.map((edge: any) => edge.node.slug)).toEqual(["iom", "labour-ministry"]);
      const governments = dataOf(await t.graphql("{ organizations(kind: GOVERNMENT) { edges { node { slug kind } } } }")).organizations;
      expect(governments.edges).toEqual([{ node: { slug: "labour-ministry", kind: "GOVERNMENT" } }]);
      const first = dataOf(await t.graphql("{ organizations(first: 1) { pageInfo { hasNextPage endCursor } edges { node { slug } } } }")).organizations;
      expect(first.pageInfo.hasNextPage).toBe(true);
      const second = dataOf(
        await t.graphql("query ($after: String) { organizations(first: 1, after: $after) { pageInfo { hasNextPage hasPreviousPage } edges { node { slug } } } }", {
          after: first.pageInfo.endCursor,
        }),
      ).organizations;
      expect(second.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true });
      expect([first.edges[0].node.slug, second.edges[0].node.slug].sort()).toEqual(["iom", "labour-ministry"]);
    });

    it("hides drafts and archived organizations", async () => {
      for (const slug of ["draft-ngo", "archived-ngo"]) {
        expect((await t.graphql(`{ organization(slug: "${slug}") { slug } }`)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
      }
    });
  });

  describe("categories and places", () => {
    it("gives the category tree in display order, without archived categories", async () => {
      const tree = dataOf(await t.graphql('{ categories(locale: "fr") { code name { text } children { code name { text } parent { code } } } }')).categories;
      expect(tree.map((category: any) => category.code)).toEqual(["health", "protection", "legal_aid"]);
      expect(tree[0]).toEqual({
        code: "health",
        name: { text: "Santé" },
        children: [
          { code: "health.primary_care", name: { text: "Soins de santé primaires" }, parent: { code: "health" } },
          { code: "health.mental_health", name: { text: "Santé mentale" }, parent: { code: "health" } },
        ],
      });
      expect((await t.graphql('{ category(code: "astrology") { code } }')).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    });

    it("a category archived later disappears from the tree", async () => {
      await t.fixtures.db.update(categories).set({ archivedAt: new Date() }).where(eq(categories.code, "legal_aid"));
      try {
        const tree = dataOf(await t.graphql("{ categories { code } }")).categories;
        expect(tree.map((category: any) => category.code)).toEqual(["health", "protection"]);
      } finally {
        await t.fixtures.db.update(categories).set({ archivedAt: null }).where(eq(categories.code, "legal_aid"));
      }
    });

    it("gives the place tree with aliases, in one statement however deep", async () => {
      // The enabled locales are read once per search generation: the test before this one moved it on.
      dataOf(await t.graphql("{ locales { code } }"));
      t.statements.length = 0;
      const tree = dataOf(
        await t.graphql('{ places(locale: "en") { slug kind name { text } aliases children { slug kind aliases children { slug name { text } aliases } } } }'),
      ).places;
      expect(t.statements.length).toBeLessThanOrEqual(2); // the search generation (the locales follow it), then every place at once
      expect(tree.map((place: any) => place.slug)).toEqual(["libya", "tunisia"]);
      expect(tree[0]).toMatchObject({ kind: "COUNTRY", name: { text: "Libya" }, aliases: ["Libia"] });
      expect(tree[0].children.map((region: any) => region.slug)).toEqual(["fezzan", "tripoli-region"]);
      const tripoliRegion = tree[0].children[1];
      expect(tripoliRegion.children).toEqual([
        { slug: "janzour", name: { text: "Janzour" }, aliases: ["Janzur"] },
        { slug: "tripoli", name: { text: "Tripoli" }, aliases: ["Tarabulus", "Trablus"] },
      ]);
      const arabic = dataOf(await t.graphql('{ place(slug: "tripoli", locale: "ar") { name { text } parent { name { text } } translations { locale name } } }')).place;
      expect(arabic).toEqual({
        name: { text: "طرابلس" },
        parent: { name: { text: "منطقة طرابلس" } },
        translations: [
          { locale: "ar", name: "طرابلس" },
          { locale: "en", name: "Tripoli" },
          { locale: "fr", name: "Tripoli" },
        ],
      });
    });
  });

  describe("rights articles", () => {
    const slugsOf = async (filter: Record<string, unknown>) =>
      dataOf(await t.graphql("query ($f: RightsArticleFilter) { rightsArticles(filter: $f) { edges { node { slug } } } }", { f: filter }))
        .rightsArticles.edges.map((edge: any) => edge.node.slug)
        .sort();

    it("lists published articles only", async () => {
      expect(await slugsOf({})).toEqual(["health-care-libya", "residency-tunisia", "work-anyone"]);
      expect((await t.graphql('{ rightsArticle(slug: "draft-article") { slug } }')).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    });

    it("filters by country (a city stands for its country), audience, topic and text", async () => {
      expect(await slugsOf({ country: "libya" })).toEqual(["health-care-libya", "work-anyone"]);
      expect(await slugsOf({ country: "sabha" })).toEqual(["health-care-libya", "work-anyone"]);
      expect(await slugsOf({ country: "tunis" })).toEqual(["residency-tunisia"]);
      expect(await slugsOf({ audience: "LIBYANS_ABROAD" })).toEqual(["residency-tunisia", "work-anyone"]);
      expect(await slugsOf({ topic: "health-care" })).toEqual(["health-care-libya"]);
      expect(await slugsOf({ query: "hospital" })).toEqual(["health-care-libya"]);
      expect(await slugsOf({ query: "sejour" })).toEqual(["residency-tunisia"]);
      expect(await slugsOf({ country: "libya", audience: "MIGRANTS_IN_LIBYA", topic: "health-care", query: "الصحية" })).toEqual(["health-care-libya"]);
    });

    it("gives an article with its country, its Markdown body and the locale of each text", async () => {
      const article = dataOf(
        await t.graphql('{ rightsArticle(slug: "health-care-libya", locale: "fr") { topic audience reviewedOn country { slug } title { text locale isFallback } body { text locale } } }'),
      ).rightsArticle;
      expect(article).toEqual({
        topic: "health-care",
        audience: "MIGRANTS_IN_LIBYA",
        reviewedOn: "2026-01-15",
        country: { slug: "libya" },
        title: { text: "الحق في الرعاية الصحية في ليبيا", locale: "ar", isFallback: true },
        body: { text: "الحق في الرعاية الصحية في ليبيا", locale: "ar" },
      });
    });
  });

  describe("vacancies", () => {
    const slugsOf = async (filter: Record<string, unknown> = {}, sort = "") =>
      dataOf(await t.graphql(`query ($f: VacancyFilter) { vacancies(filter: $f ${sort}) { edges { node { slug } } } }`, { f: filter })).vacancies.edges.map(
        (edge: any) => edge.node.slug,
      );

    it("lists open vacancies by default, newest first; the deadline day itself is still open", async () => {
      expect(await slugsOf()).toEqual(["teacher-tripoli", "nurse-sabha", "last-day-driver"]);
    });

    it("with openOnly: false, also notices closed early — never expired, draft or unapproved ones", async () => {
      const all = await slugsOf({ openOnly: false });
      expect(all.sort()).toEqual(["filled-early", "last-day-driver", "nurse-sabha", "teacher-tripoli"]);
      const filled = dataOf(await t.graphql('{ vacancy(slug: "filled-early") { isOpen } }')).vacancy;
      expect(filled.isOpen).toBe(false);
      for (const slug of ["expired", "draft-vacancy", "draft-org-vacancy"]) {
        expect((await t.graphql(`{ vacancy(slug: "${slug}") { slug } }`)).errors?.[0]?.extensions?.code, slug).toBe("NOT_FOUND");
      }
    });

    it("filters by sector, place (with what is inside it), employment type, organization and text", async () => {
      expect(await slugsOf({ sectors: ["health"] })).toEqual(["nurse-sabha"]);
      expect(await slugsOf({ sectors: ["health"], openOnly: false })).toEqual(["filled-early", "nurse-sabha"]);
      expect((await slugsOf({ place: "tripoli-region" })).sort()).toEqual(["last-day-driver", "teacher-tripoli"]);
      expect(await slugsOf({ place: "fezzan" })).toEqual(["nurse-sabha"]);
      expect(await slugsOf({ employmentTypes: ["PART_TIME"] })).toEqual(["teacher-tripoli"]);
      expect(await slugsOf({ organization: "iom" })).toEqual(["last-day-driver"]);
      expect(await slugsOf({ query: "nurse" })).toEqual(["nurse-sabha"]);
      expect(await slugsOf({ query: "ممرضه" })).toEqual(["nurse-sabha"]);
    });

    it("sorts by deadline on request", async () => {
      expect(await slugsOf({}, "sort: DEADLINE")).toEqual(["last-day-driver", "teacher-tripoli", "nurse-sabha"]);
    });

    it("gives a vacancy with its organization and place", async () => {
      const vacancy = dataOf(
        await t.graphql('{ vacancy(slug: "nurse-sabha", locale: "en") { title { text } description { text } organization { slug } place { slug } employmentType isOpen salary { min } } }'),
      ).vacancy;
      expect(vacancy).toEqual({
        title: { text: "Nurse in Sabha" },
        description: { text: "Public hospital ward." },
        organization: { slug: "labour-ministry" },
        place: { slug: "sabha" },
        employmentType: "FULL_TIME",
        isOpen: true,
        salary: null,
      });
    });
  });

  describe("alerts", () => {
    const titlesOf = async (args = "") =>
      dataOf(await t.graphql(`{ alerts(locale: "en"${args ? `, ${args}` : ""}) { title { text } } }`)).alerts.map((alert: any) => alert.title.text);

    it("lists alerts in force, most severe first", async () => {
      expect(await titlesOf()).toEqual([
        "Flooding in Tripoli",
        "Road to Sabha cut",
        "Tunis consulate closed",
        "Libya-wide notice",
        "Platform maintenance",
      ]);
    });

    it("for a place: its own, those of the places around it, those inside it, and platform-wide ones", async () => {
      expect(await titlesOf('place: "tripoli"')).toEqual(["Flooding in Tripoli", "Libya-wide notice", "Platform maintenance"]);
      expect(await titlesOf('place: "sabha"')).toEqual(["Road to Sabha cut", "Libya-wide notice", "Platform maintenance"]);
      expect(await titlesOf('place: "tunisia"')).toEqual(["Tunis consulate closed", "Platform maintenance"]);
    });

    it("with activeOnly: false, also past and future ones, never drafts", async () => {
      const all = await titlesOf('place: "tripoli", activeOnly: false');
      expect(all).toContain("Clinic closed yesterday");
      expect(all).toContain("Strike tomorrow");
      expect(all).not.toContain("Draft alert");
      const future = dataOf(await t.graphql('{ alerts(activeOnly: false, place: "tripoli", locale: "en") { title { text } isActive } }')).alerts;
      expect(future.find((alert: any) => alert.title.text === "Strike tomorrow").isActive).toBe(false);
    });
  });
});
