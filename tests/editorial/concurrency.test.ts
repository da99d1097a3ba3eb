import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "@start/db";
import { testDriver } from "../support/database.js";
import { dataOf, startTestApi, type TestApi } from "../support/api.js";
import { databaseDigest, editorialWorld, libyaDate } from "./support.js";

/**
 * Optimistic locking under load and all-or-nothing mutations. On PostgreSQL the requests really
 * run in parallel (row locks queue them); PGlite has one connection and runs them one after the
 * other — either way each version has exactly one winner and no update is lost.
 */
describe(`concurrent saves and transactions (${testDriver})`, () => {
  let t: TestApi;
  let sessions: Awaited<ReturnType<typeof editorialWorld>>;
  beforeAll(async () => {
    t = await startTestApi();
    sessions = await editorialWorld(t.fixtures);
  });
  afterAll(async () => {
    await t?.close();
  });

  const UPDATE = `mutation ($id: ID!, $v: Int!, $input: ServiceInput!) { updateService(id: $id, expectedVersion: $v, input: $input) { version form { languages texts { name } } } }`;
  const FORM = `query ($id: ID!) { editableService(id: $id) { version form { languages texts { locale name } } } }`;
  const input = (languages: string[], name = "Clinic") => ({ texts: [{ locale: "en", name }], languages });

  async function count(query: string): Promise<number> {
    const [row] = await queryRows<{ count: number | string }>(t.database.db, sql.raw(query));
    return Number(row!.count);
  }

  it("gives exactly one winner among many parallel updates of one version; the others get CONFLICT with the current version", async () => {
    const id = await t.fixtures.service({ slug: "race", organization: "ngo-a", state: "draft", texts: { en: { name: "Race" } } });
    const attempts = 24;
    const responses = await Promise.all(
      Array.from({ length: attempts }, (_, index) => t.graphqlAs(sessions.editor, UPDATE, { id, v: 1, input: input(["ar"], `Clinic ${index}`) })),
    );
    const winners = responses.filter((response) => !response.errors);
    const losers = responses.filter((response) => response.errors);
    expect(winners).toHaveLength(1);
    expect(winners[0]!.data!.updateService.version).toBe(2);
    expect(losers).toHaveLength(attempts - 1);
    for (const loser of losers) {
      expect(loser.errors![0]!.extensions).toMatchObject({ code: "CONFLICT", currentVersion: 2, expectedVersion: 1 });
      expect(loser.errors![0]!.message).toMatch(/2/);
    }
    expect(await count(`select count(*) as count from audit_entries where entity_id = '${id}' and action = 'update'`)).toBe(1);
    // The record holds the winner's save, whole.
    const form = dataOf(await t.graphqlAs(sessions.editor, FORM, { id })).editableService;
    expect(form.version).toBe(2);
    expect(form.form.texts).toEqual([{ locale: "en", name: winners[0]!.data!.updateService.form.texts[0].name }]);
  });

  it("loses no update when every client reloads and retries after a conflict", async () => {
    const id = await t.fixtures.service({ slug: "many-hands", organization: "ngo-a", state: "draft", texts: { en: { name: "Many hands" } } });
    const codes = ["ar", "en", "fr", "ha", "ti", "so", "am", "ber"];
    await Promise.all(
      codes.map(async (code) => {
        for (let attempt = 0; attempt < 50; attempt++) {
          const form = dataOf(await t.graphqlAs(sessions.editor, FORM, { id })).editableService;
          const languages = [...new Set([...form.form.languages, code])];
          const response = await t.graphqlAs(sessions.editor, UPDATE, { id, v: form.version, input: input(languages, "Many hands") });
          if (!response.errors) return;
          expect(response.errors[0]!.extensions!.code).toBe("CONFLICT");
        }
        throw new Error(`${code} never got its update in`);
      }),
    );
    const form = dataOf(await t.graphqlAs(sessions.editor, FORM, { id })).editableService;
    expect(form.form.languages).toEqual([...codes].sort());
    expect(form.version).toBe(1 + codes.length);
    expect(await count(`select count(*) as count from audit_entries where entity_id = '${id}' and action = 'update'`)).toBe(codes.length);
  });

  it("keeps one version counter for pending changes too: parallel proposals to a published service have one winner", async () => {
    const id = await t.fixtures.service({ slug: "published-race", organization: "ngo-a", state: "published", texts: { en: { name: "Published" } } });
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, index) => t.graphqlAs(sessions.editor, UPDATE, { id, v: 1, input: input(["ar"], `Proposal ${index}`) })),
    );
    expect(responses.filter((response) => !response.errors)).toHaveLength(1);
    expect(await count(`select count(*) as count from service_revisions where service_id = '${id}'`)).toBe(1);
  });

  it("gives one winner among parallel vacancy updates as well", async () => {
    const id = await t.fixtures.vacancy({ slug: "vacancy-race", organization: "ministry-a", place: "tripoli", state: "draft", deadline: libyaDate(30), texts: { en: { title: "Nurse" } } });
    const VACANCY = `mutation ($id: ID!, $input: VacancyInput!) { updateVacancy(id: $id, expectedVersion: 1, input: $input) { version } }`;
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        t.graphqlAs(sessions.publisher, VACANCY, {
          id,
          input: { sector: "health", place: "tripoli", recruitmentChannel: "ONLINE", deadline: libyaDate(40), texts: [{ locale: "en", title: `Nurse ${index}` }] },
        }),
      ),
    );
    expect(responses.filter((response) => !response.errors)).toHaveLength(1);
    expect(responses.filter((response) => response.errors?.[0]?.extensions?.code === "CONFLICT")).toHaveLength(11);
  });

  describe("a failure half-way through a mutation", () => {
    beforeAll(async () => {
      // A fault injected into the database: writing this phone number, or this vacancy title, fails.
      await t.database.db.execute(sql`create function fail_halfway() returns trigger language plpgsql as $$
        begin raise exception 'injected failure half-way'; end $$`);
      await t.database.db.execute(sql`create trigger fail_on_phone before insert on phones for each row
        when (new.number = '+218929999999') execute function fail_halfway()`);
      await t.database.db.execute(sql`create trigger fail_on_vacancy_text before insert on vacancy_translations for each row
        when (new.title = 'Fails half-way') execute function fail_halfway()`);
    });
    afterAll(async () => {
      await t.database.db.execute(sql`drop trigger fail_on_phone on phones`);
      await t.database.db.execute(sql`drop trigger fail_on_vacancy_text on vacancy_translations`);
      await t.database.db.execute(sql`drop function fail_halfway()`);
    });

    it("leaves nothing written when a published service's direct edit fails after its texts and categories were written", async () => {
      const id = await t.fixtures.service({
        slug: "all-or-nothing",
        organization: "ngo-a",
        state: "published",
        categories: ["health"],
        texts: { en: { name: "All or nothing" }, ar: { name: "الكل أو لا شيء" } },
        phones: [{ number: "+218911111111" }],
      });
      const before = await databaseDigest(t.database.db);
      const response = await t.graphqlAs(sessions.moderator, UPDATE, {
        id,
        v: 1,
        input: {
          texts: [{ locale: "en", name: "Renamed" }, { locale: "fr", name: "Renommé" }],
          categories: ["legal_aid"],
          languages: ["fr"],
          phones: [{ number: "+218929999999" }],
        },
      });
      expect(response.errors?.[0]?.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
      expect(await databaseDigest(t.database.db)).toBe(before);
      const publicView = dataOf(await t.graphql(`query ($id: ID!) { service(id: $id, locale: "en") { name { text } categories { code } phones { number } } }`, { id }));
      expect(publicView.service).toEqual({ name: { text: "All or nothing" }, categories: [{ code: "health" }], phones: [{ number: "+218911111111" }] });
    });

    it("leaves nothing written when a vacancy update fails after the record was changed", async () => {
      const id = await t.fixtures.vacancy({ slug: "rollback-vacancy", organization: "ministry-a", place: "tripoli", state: "published", deadline: libyaDate(30), texts: { en: { title: "Driver" } } });
      const before = await databaseDigest(t.database.db);
      const response = await t.graphqlAs(sessions.publisher, `mutation ($id: ID!, $input: VacancyInput!) { updateVacancy(id: $id, expectedVersion: 1, input: $input) { version } }`, {
        id,
        input: { sector: "transport", place: "sabha", recruitmentChannel: "PHONE", deadline: libyaDate(50), texts: [{ locale: "en", title: "Fails half-way" }] },
      });
      expect(response.errors?.[0]?.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
      expect(await databaseDigest(t.database.db)).toBe(before);
    });
  });
});
