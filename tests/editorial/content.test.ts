import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "@start/db";
import { expireVacancies } from "@start/api";
import { testDriver } from "../support/database.js";
import { dataOf, startTestApi, type TestApi } from "../support/api.js";
import { editorialWorld, libyaDate } from "./support.js";

/** Vacancies, moderated content, organizations, feedback, and the publish queue they feed. */
describe(`vacancies, moderated content and feedback (${testDriver})`, () => {
  let t: TestApi;
  let sessions: Awaited<ReturnType<typeof editorialWorld>>;
  beforeAll(async () => {
    t = await startTestApi({ trustProxy: "loopback", accounts: { feedbackPerClient: 3 } });
    sessions = await editorialWorld(t.fixtures);
  });
  afterAll(async () => {
    await t?.close();
  });

  const jobs = async () => (await queryRows<{ reason: string }>(t.database.db, sql`select reason from publish_jobs order by id`)).map((row) => row.reason);
  const newJobs = async (run: () => Promise<unknown>) => {
    const before = (await jobs()).length;
    await run();
    return (await jobs()).slice(before);
  };

  describe("vacancies", () => {
    const VACANCY = `id state version closed values { slug deadline publishedOn salaryMin salaryCurrency applyPhone texts { locale title } }`;
    const input = (overrides: Record<string, unknown> = {}) => ({
      sector: "health",
      place: "sabha",
      recruitmentChannel: "LABOUR_OFFICE",
      deadline: libyaDate(14),
      salaryMin: 1200,
      salaryMax: 1800,
      salaryCurrency: "lyd",
      applyPhone: "+218 92 123 4567",
      texts: [
        { locale: "ar", title: "ممرض أو ممرضة" },
        { locale: "en", title: "Nurse" },
      ],
      ...overrides,
    });
    const PUBLIC = `query ($slug: String!) { vacancy(slug: $slug, locale: "en") { title { text } } }`;

    it("lets a ministry publisher create, publish and close its own notices; each public change queues a rebuild", async () => {
      const created = dataOf(
        await t.graphqlAs(sessions.publisher, `mutation ($org: ID!, $input: VacancyInput!) { createVacancy(organizationId: $org, input: $input) { ${VACANCY} } }`, {
          org: t.fixtures.id("organization:ministry-a"),
          input: input(),
        }),
      ).createVacancy;
      expect(created).toMatchObject({ state: "DRAFT", version: 1, closed: false });
      expect(created.values).toMatchObject({ slug: "nurse", salaryMin: 1200, salaryCurrency: "LYD", applyPhone: "+218921234567", publishedOn: null });
      const id = created.id;
      const action = (name: string, v: number) => t.graphqlAs(sessions.publisher, `mutation ($id: ID!, $v: Int!) { ${name}(id: $id, expectedVersion: $v) { ${VACANCY} } }`, { id, v });

      let published: any;
      expect(await newJobs(async () => (published = dataOf(await action("publishVacancy", 1)).publishVacancy))).toEqual(["vacancy publish: nurse"]);
      expect(published).toMatchObject({ state: "PUBLISHED", values: { publishedOn: libyaDate(0) } });
      expect((await t.graphql(`{ vacancies { edges { node { slug } } } }`)).data!.vacancies.edges).toEqual([{ node: { slug: "nurse" } }]);

      // Editing a published notice applies at once (the publisher holds the right) and queues a rebuild.
      expect(
        await newJobs(async () =>
          dataOf(
            await t.graphqlAs(sessions.publisher, `mutation ($id: ID!, $input: VacancyInput!) { updateVacancy(id: $id, expectedVersion: 2, input: $input) { version } }`, {
              id,
              input: input({ texts: [{ locale: "en", title: "Nurse (night shifts)" }] }),
            }),
          ),
        ),
      ).toEqual(["vacancy update: nurse"]);

      expect(await newJobs(async () => expect(dataOf(await action("closeVacancy", 3)).closeVacancy.closed).toBe(true))).toEqual(["vacancy close: nurse"]);
      expect((await t.graphql(`{ vacancies { totalCount } }`)).data!.vacancies.totalCount).toBe(0);
      expect((await action("closeVacancy", 4)).errors![0]!.extensions!.code).toBe("INVALID_STATE");
    });

    it("refuses a deadline in the past and a salary without its currency, naming the fields", async () => {
      const response = await t.graphqlAs(
        sessions.publisher,
        `mutation ($org: ID!, $input: VacancyInput!) { createVacancy(organizationId: $org, input: $input) { id } }`,
        { org: t.fixtures.id("organization:ministry-a"), input: input({ deadline: libyaDate(-1), salaryCurrency: null, applyUrl: "ftp://jobs.example" }) },
        { "accept-language": "ar" },
      );
      expect(response.errors![0]!.extensions!.fields).toEqual([
        { path: "applyUrl", message: "لا تُقبل إلا الروابط التي تبدأ بـ http://‎ أو https://‎." },
        { path: "salaryCurrency", message: "حدّد عملة الراتب." },
      ]);
      const past = await t.graphqlAs(
        sessions.publisher,
        `mutation ($org: ID!, $input: VacancyInput!) { createVacancy(organizationId: $org, input: $input) { id } }`,
        { org: t.fixtures.id("organization:ministry-a"), input: input({ deadline: libyaDate(-1) }) },
        { "accept-language": "fr" },
      );
      expect(past.errors![0]!.extensions!.fields).toEqual([{ path: "deadline", message: "La date limite doit être aujourd’hui ou plus tard." }]);
    });

    it("expires by itself: past its deadline a notice is no longer public, and the expiry job marks it closed once", async () => {
      const id = await t.fixtures.vacancy({ slug: "cook", organization: "ministry-a", place: "tripoli", state: "published", deadline: libyaDate(3), texts: { en: { title: "Cook" } } });
      expect(dataOf(await t.graphql(PUBLIC, { slug: "cook" })).vacancy.title.text).toBe("Cook");
      // The deadline passes (moved in the database, as time would).
      await t.database.db.execute(sql`update vacancies set published_on = null, deadline = ${libyaDate(-1)}::date where id = ${id}`);
      expect((await t.graphql(PUBLIC, { slug: "cook" })).errors![0]!.extensions!.code).toBe("NOT_FOUND");

      const first = await newJobs(async () => expect((await expireVacancies(t.database.db)).expired).toEqual(["cook"]));
      expect(first).toEqual(["vacancies expired: cook"]);
      const second = await newJobs(async () => expect((await expireVacancies(t.database.db)).expired).toEqual([]));
      expect(second).toEqual([]);
      const form = dataOf(await t.graphqlAs(sessions.publisher, `query ($id: ID!) { editableVacancy(id: $id) { closed version } }`, { id })).editableVacancy;
      expect(form).toEqual({ closed: true, version: 2 });
      const trail = dataOf(await t.graphqlAs(sessions.moderator, `query ($id: ID!) { auditTrail(entityType: "vacancy", entityId: $id) { action actorUserId } }`, { id })).auditTrail;
      expect(trail).toEqual([{ action: "expire", actorUserId: null }]);
    });
  });

  describe("moderated content", () => {
    it("stores Markdown as written and serves it sanitised", async () => {
      const body = "## Rights\n\nSee [the law](https://example.org/law) or <script>alert('x')</script> [click](javascript:alert(1)).\n\n<img src=\"https://tracker.example/p.gif\">";
      const created = dataOf(
        await t.graphqlAs(sessions.moderator, `mutation ($input: RightsArticleInput!) { createRightsArticle(input: $input) { id version state values { slug texts { locale body } } } }`, {
          input: { topic: "residency", country: "libya", audience: "MIGRANTS_IN_LIBYA", reviewedOn: "2026-03-01", texts: [{ locale: "en", title: "Residency", summary: "What you need", body }] },
        }),
      ).createRightsArticle;
      expect(created.values.texts[0].body).toBe(body);
      expect(
        await newJobs(async () =>
          dataOf(await t.graphqlAs(sessions.moderator, `mutation ($id: ID!) { publishRightsArticle(id: $id, expectedVersion: 1) { state } }`, { id: created.id })),
        ),
      ).toEqual(["rightsArticle publish: residency"]);
      const article = dataOf(await t.graphql(`{ rightsArticle(slug: "residency", locale: "en") { body { text } bodyHtml { text } } }`)).rightsArticle;
      expect(article.body.text).toBe(body);
      expect(article.bodyHtml.text).toContain('<h2>Rights</h2>');
      expect(article.bodyHtml.text).toContain('<a href="https://example.org/law" rel="noopener noreferrer">the law</a>');
      // Raw HTML is shown as text, never run; a javascript: link is no link at all.
      expect(article.bodyHtml.text).not.toMatch(/<script|<img|href="(?!https:\/\/example\.org)/);
      expect(article.bodyHtml.text).toContain("&lt;script&gt;");

      const denied = await t.graphqlAs(sessions.editor, `mutation ($id: ID!) { archiveRightsArticle(id: $id, expectedVersion: 2) { state } }`, { id: created.id });
      expect(denied.errors![0]!.extensions!.code).toBe("FORBIDDEN");
    });

    it("keeps a source's own date beside the day it was read, and refuses one in the future or after the reading, in the reader's language", async () => {
      const create = (sources: unknown[], language: string) =>
        t.graphqlAs(
          sessions.moderator,
          `mutation ($input: RightsArticleInput!) { createRightsArticle(input: $input) { id values { slug sources { title url published accessed } } } }`,
          { input: { topic: "work", country: "libya", audience: "MIGRANTS_IN_LIBYA", reviewedOn: "2026-03-01", sources, texts: [{ locale: "en", title: "Work permits", summary: "Who may work", body: "Ask the labour office." }] } },
          { "accept-language": language },
        );
      const law = { title: "Law No. 6 of 1987", url: "https://security-legislation.ly/law-6-1987", published: "1987-06-01", accessed: "2026-01-10" };
      const created = dataOf(await create([law, { title: "A page without a date", published: "", accessed: "2026-01-10" }], "en")).createRightsArticle;
      expect(created.values.sources).toEqual([law, { title: "A page without a date", url: null, published: null, accessed: "2026-01-10" }]);
      dataOf(await t.graphqlAs(sessions.moderator, `mutation ($id: ID!) { publishRightsArticle(id: $id, expectedVersion: 1) { state } }`, { id: created.id }));
      const article = dataOf(await t.graphql(`query ($slug: String!) { rightsArticle(slug: $slug, locale: "en") { sources { title published accessed } } }`, { slug: created.values.slug })).rightsArticle;
      expect(article.sources[0]).toEqual({ title: law.title, published: "1987-06-01", accessed: "2026-01-10" });

      const fieldsOf = async (sources: unknown[], language: string) => (await create(sources, language)).errors![0]!.extensions!.fields;
      expect(await fieldsOf([{ ...law, published: "2026-02-01" }], "fr")).toEqual([
        { path: "sources.0.published", message: "La date de la source ne peut pas être postérieure au jour où elle a été consultée." },
      ]);
      expect(await fieldsOf([{ ...law, published: libyaDate(1), accessed: null }, { ...law, accessed: libyaDate(1) }], "ar")).toEqual([
        { path: "sources.0.published", message: "يجب ألا يتجاوز هذا التاريخ تاريخ اليوم." },
        { path: "sources.1.accessed", message: "يجب ألا يتجاوز هذا التاريخ تاريخ اليوم." },
      ]);
      expect(await fieldsOf([{ ...law, published: "1987-02-30" }, { ...law, published: "soon" }], "en")).toEqual([
        { path: "sources.0.published", message: "Write the date as YYYY-MM-DD." },
        { path: "sources.1.published", message: "Write the date as YYYY-MM-DD." },
      ]);
    });

    it("publishes category and place changes at once (with a rebuild) and never archives what is still in use", async () => {
      const category = dataOf(
        await t.graphqlAs(sessions.moderator, `mutation ($input: CategoryInput!) { createCategory(input: $input) { id version } }`, {
          input: { code: "health.dental", parent: "health", texts: [{ locale: "en", name: "Dental care" }, { locale: "ar", name: "طب الأسنان" }] },
        }),
      ).createCategory;
      const tree = dataOf(await t.graphql(`{ category(code: "health", locale: "en") { children { code } } }`)).category.children.map((child: any) => child.code);
      expect(tree).toContain("health.dental");
      const loop = await t.graphqlAs(sessions.moderator, `mutation ($id: ID!, $input: CategoryInput!) { updateCategory(id: $id, expectedVersion: 1, input: $input) { id } }`, {
        id: t.fixtures.id("category:health"),
        input: { code: "health", parent: "health.dental", texts: [{ locale: "en", name: "Health" }] },
      });
      expect(loop.errors![0]!.extensions!.fields).toEqual([{ path: "parent", message: "لا يمكن وضع عنصر داخل نفسه أو داخل أحد العناصر التابعة له." }]);
      const parentArchive = await t.graphqlAs(sessions.moderator, `mutation ($id: ID!) { archiveCategory(id: $id, expectedVersion: 1) { id } }`, {
        id: t.fixtures.id("category:health"),
      });
      expect(parentArchive.errors![0]!.extensions!.code).toBe("INVALID_STATE");
      expect(
        await newJobs(async () =>
          dataOf(await t.graphqlAs(sessions.moderator, `mutation ($id: ID!, $v: Int!) { archiveCategory(id: $id, expectedVersion: $v) { archived } }`, { id: category.id, v: category.version })),
        ),
      ).toEqual(["category archive: health.dental"]);

      const inUse = await t.graphqlAs(sessions.moderator, `mutation ($id: ID!) { archivePlace(id: $id, expectedVersion: 1) { id } }`, { id: t.fixtures.id("place:tripoli-region") }, { "accept-language": "en" });
      expect(inUse.errors![0]!.extensions!.code).toBe("INVALID_STATE");
      expect(inUse.errors![0]!.message).toMatch(/still used/);
      const place = dataOf(
        await t.graphqlAs(sessions.moderator, `mutation ($input: PlaceInput!) { createPlace(input: $input) { id values { slug aliases countryCode } } }`, {
          input: { slug: "tajoura", kind: "MUNICIPALITY", parent: "tripoli-region", countryCode: "ly", timeZone: "Africa/Tripoli", latitude: 32.88, longitude: 13.35, texts: [{ locale: "ar", name: "تاجوراء" }, { locale: "en", name: "Tajoura" }], aliases: ["Tajura", "Tajoura"] },
        }),
      ).createPlace;
      expect(place.values).toEqual({ slug: "tajoura", aliases: ["Tajoura", "Tajura"], countryCode: "LY" });
      const badZone = await t.graphqlAs(sessions.moderator, `mutation ($input: PlaceInput!) { createPlace(input: $input) { id } }`, {
        input: { slug: "nowhere", kind: "COUNTRY", parent: "libya", countryCode: "XX", timeZone: "Mars/Olympus", texts: [{ locale: "en", name: "Nowhere" }] },
      });
      expect(badZone.errors![0]!.extensions!.fields.map((field: any) => field.path).sort()).toEqual(["parent", "timeZone"]);
    });

    it("lets only admins manage organizations; publishing one makes its published services public", async () => {
      const created = dataOf(
        await t.graphqlAs(sessions.admin, `mutation ($input: OrganizationInput!) { createOrganization(input: $input) { id state version } }`, {
          input: { slug: "new-ngo", kind: "NATIONAL_NGO", website: "https://new-ngo.example.org", texts: [{ locale: "ar", name: "جمعية جديدة" }] },
        }),
      ).createOrganization;
      expect(created.state).toBe("DRAFT");
      await t.database.db.execute(sql`insert into services (slug, organization_id, state) values ('new-ngo-clinic', ${created.id}, 'published')`);
      await t.database.db.execute(sql`insert into service_translations (service_id, locale, name) select id, 'en', 'New NGO clinic' from services where slug = 'new-ngo-clinic'`);
      expect((await t.graphql(`{ service(slug: "new-ngo-clinic") { slug } }`)).errors![0]!.extensions!.code).toBe("NOT_FOUND");
      const denied = await t.graphqlAs(sessions.moderator, `mutation ($id: ID!) { publishOrganization(id: $id, expectedVersion: 1) { state } }`, { id: created.id });
      expect(denied.errors![0]!.extensions!.code).toBe("FORBIDDEN");
      expect(
        await newJobs(async () =>
          dataOf(await t.graphqlAs(sessions.admin, `mutation ($id: ID!) { publishOrganization(id: $id, expectedVersion: 1) { state } }`, { id: created.id })),
        ),
      ).toEqual(["organization publish: new-ngo"]);
      expect(dataOf(await t.graphql(`{ service(slug: "new-ngo-clinic") { slug } }`)).service.slug).toBe("new-ngo-clinic");
    });
  });

  describe("feedback", () => {
    let clinic: string;
    beforeAll(async () => {
      clinic = await t.fixtures.service({ slug: "feedback-clinic", organization: "ngo-a", state: "published", texts: { en: { name: "Feedback clinic" } } });
      await t.fixtures.service({ slug: "other-clinic", organization: "ngo-b", state: "published", texts: { en: { name: "Other clinic" } } });
    });

    it("takes reports from the portal's HTML form, without an account, and sends the browser to the thanks or error page", async () => {
      const post = (fields: Record<string, string>, address: string) =>
        t.http.post("/feedback").set("x-forwarded-for", address).type("form").send(fields);
      const ok = await post({ listing: clinic, kind: "wrong_contact", message: "Le numéro ne répond plus.", locale: "fr" }, "192.0.2.10");
      expect(ok.status).toBe(303);
      expect(ok.headers.location).toBe("/fr/feedback/thanks/");
      expect(ok.headers["set-cookie"]).toBeUndefined();
      const bad = await post({ listing: clinic, kind: "rude", locale: "en" }, "192.0.2.10");
      expect(bad.headers.location).toBe("/en/feedback/error/");
      const unknown = await post({ listing: "00000000-0000-4000-8000-000000000000", kind: "closed", locale: "ar" }, "192.0.2.10");
      expect(unknown.headers.location).toBe("/ar/feedback/error/");
      // The same limit as the GraphQL mutation, per client: the fourth from this address is refused, another address is not.
      const limited = await post({ listing: clinic, kind: "closed", locale: "xx" }, "192.0.2.10");
      expect(limited.headers.location).toBe("/ar/feedback/error/");
      expect((await post({ listing: clinic, kind: "closed", locale: "en" }, "192.0.2.11")).headers.location).toBe("/en/feedback/thanks/");

      const rows = await queryRows<{ row: string }>(t.database.db, sql`select row(f.*)::text as row from feedback f union all select row(r.*)::text from rate_limits r`);
      expect(rows.map((row) => row.row).join()).not.toMatch(/192\.0\.2\.1/);
    });

    it("takes reports through GraphQL too, rate-limited the same way", async () => {
      const SUBMIT = `mutation ($id: ID!) { submitFeedback(listing: $id, kind: OUTDATED, message: "Closed since June.", locale: "en") { received } }`;
      const headers = { "x-forwarded-for": "192.0.2.50", "accept-language": "en" };
      for (let report = 0; report < 3; report++) expect(dataOf(await t.graphql(SUBMIT, { id: clinic }, headers)).submitFeedback.received).toBe(true);
      const refused = await t.graphql(SUBMIT, { id: clinic }, headers);
      expect(refused.errors![0]!.extensions!.code).toBe("TOO_MANY_REQUESTS");
      expect(refused.errors![0]!.message).toBe("Too many requests from this connection. Please try again later.");
    });

    it("shows editors the reports on their own listings only, and lets them resolve them", async () => {
      const REPORTS = `{ feedbackReports(locale: "en") { id kind message status version listing { slug name { text } openFeedbackCount } } }`;
      const mine = dataOf(await t.graphqlAs(sessions.editor, REPORTS)).feedbackReports;
      expect(mine.length).toBe(5);
      expect(new Set(mine.map((report: any) => report.listing.slug))).toEqual(new Set(["feedback-clinic"]));
      expect(mine[0].listing.openFeedbackCount).toBe(5);
      expect(dataOf(await t.graphqlAs(sessions.publisher, REPORTS)).feedbackReports).toEqual([]);

      const RESOLVE = `mutation ($id: ID!, $v: Int!) { resolveFeedback(id: $id, expectedVersion: $v, resolution: RESOLVED, note: "Number updated") { status version } }`;
      expect(dataOf(await t.graphqlAs(sessions.editor, RESOLVE, { id: mine[0].id, v: 1 })).resolveFeedback).toEqual({ status: "RESOLVED", version: 2 });
      expect((await t.graphqlAs(sessions.editor, RESOLVE, { id: mine[0].id, v: 1 })).errors![0]!.extensions).toMatchObject({ code: "CONFLICT", currentVersion: 2 });
      expect((await t.graphqlAs(sessions.editor, RESOLVE, { id: mine[0].id, v: 2 })).errors![0]!.extensions!.code).toBe("INVALID_STATE");
      expect(dataOf(await t.graphqlAs(sessions.editor, REPORTS)).feedbackReports).toHaveLength(4);
    });
  });

  it("answers editors' queries privately, and leaves anonymous public GET queries cacheable", async () => {
    const editorial = await t.http.get("/graphql").query({ query: "{ editorListings { slug } }" }).set({ "Apollo-Require-Preflight": "true", authorization: `Bearer ${sessions.editor}` });
    expect(editorial.headers["cache-control"]).toBe("private, no-store");
    const me = await t.http.get("/graphql").query({ query: "{ me { email } }" }).set("Apollo-Require-Preflight", "true");
    expect(me.body.data.me).toBeNull();
    expect(me.headers["cache-control"]).toBe("private, no-store");
    const publicQuery = await t.http.get("/graphql").query({ query: "{ services { totalCount } }" }).set("Apollo-Require-Preflight", "true");
    expect(publicQuery.headers["cache-control"]).toMatch(/^public, max-age=60/);
  });
});
