import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "@start/db";
import { testDriver } from "../support/database.js";
import { dataOf, startTestApi, type TestApi } from "../support/api.js";

const FORM = `
  id state archived version rejectionReason verifiedAt verifiedBy missingLocales
  current { slug status texts { locale name description } categoryIds phones { number type descriptions { locale text } }
            locations { locationId placeId texts { locale address } phones { number } schedules { periods { weekday opensAt closesAt } } } }
  form { slug texts { locale name description } languages }
  pendingChanges { status proposed { texts { locale name description } } rejectionReason }
  lastRejectedChanges { rejectionReason }
  changes { path before after }
  organization { slug name { text } }
`;

const CREATE = `mutation ($org: ID!, $input: ServiceInput!) { createService(organizationId: $org, input: $input) { ${FORM} } }`;
const UPDATE = `mutation ($id: ID!, $v: Int!, $input: ServiceInput!) { updateService(id: $id, expectedVersion: $v, input: $input) { ${FORM} } }`;
const ACTION = (name: string, extra = "") =>
  `mutation ($id: ID!, $v: Int! ${extra ? ", $reason: String!" : ""}) { ${name}(id: $id, expectedVersion: $v ${extra ? ", reason: $reason" : ""}) { ${FORM} } }`;

const PUBLIC = `query ($id: ID!) { service(id: $id, locale: "en") { slug name { text } description { text } } }`;

describe(`the editorial workflow of services (${testDriver})`, () => {
  let t: TestApi;
  let editor: string;
  let moderator: string;
  beforeAll(async () => {
    t = await startTestApi();
    await t.fixtures.world();
    await t.fixtures.organization({ slug: "aid", names: { ar: "منظمة العون", en: "Aid" } });
    await t.fixtures.user({ key: "editor", displayName: "Salma", roles: [{ role: "org_editor", organization: "aid" }] });
    await t.fixtures.user({ key: "moderator", displayName: "Omar", roles: [{ role: "moderator" }] });
    editor = await t.fixtures.session("editor");
    moderator = await t.fixtures.session("moderator");
  });
  afterAll(async () => {
    await t?.close();
  });

  let locationId: string | null = null;
  const input = (overrides: Record<string, unknown> = {}) => ({
    texts: [
      { locale: "ar", name: "عيادة الأمل", description: "رعاية صحية أولية" },
      { locale: "en", name: "Hope clinic", description: "Primary health care" },
    ],
    categories: ["health.primary_care"],
    languages: ["ar", "en"],
    phones: [{ number: "+218 91 234 5678", type: "WHATSAPP", descriptions: [{ locale: "en", text: "Appointments" }] }],
    locations: [
      {
        locationId,
        place: "tripoli",
        latitude: 32.88,
        longitude: 13.19,
        texts: [{ locale: "ar", address: "شارع عمر المختار" }],
        phones: [{ number: "+218212345678" }],
        schedules: [{ periods: [{ weekday: 7, opensAt: "09:00", closesAt: "13:00" }, { weekday: 7, opensAt: "15:00", closesAt: "18:00" }] }],
      },
    ],
    ...overrides,
  });

  it("takes a service from draft to published, and keeps a published one online while its changes wait for review", async () => {
    const created = dataOf(await t.graphqlAs(editor, CREATE, { org: t.fixtures.id("organization:aid"), input: input() })).createService;
    expect(created).toMatchObject({ state: "DRAFT", version: 1, archived: false, missingLocales: ["fr"] });
    expect(created.current.slug).toBe("hope-clinic");
    expect(created.current.phones[0].number).toBe("+218912345678");
    expect(created.current.locations[0].schedules[0].periods).toHaveLength(2);
    expect(created.organization.slug).toBe("aid");
    const id = created.id;
    // The form gives the location's id back: sending it again updates that location.
    locationId = created.current.locations[0].locationId;

    // Not public yet.
    expect((await t.graphql(PUBLIC, { id })).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");

    const submitted = dataOf(await t.graphqlAs(editor, ACTION("submitServiceForReview"), { id, v: 1 })).submitServiceForReview;
    expect(submitted).toMatchObject({ state: "IN_REVIEW", version: 2 });

    const forbidden = await t.graphqlAs(editor, ACTION("publishService"), { id, v: 2 });
    expect(forbidden.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

    const published = dataOf(await t.graphqlAs(moderator, ACTION("publishService"), { id, v: 2 })).publishService;
    expect(published).toMatchObject({ state: "PUBLISHED", version: 3 });
    expect(dataOf(await t.graphql(PUBLIC, { id })).service.name.text).toBe("Hope clinic");

    // An editor's change to a published service waits; the public still sees the published text.
    const changed = input({
      texts: [
        { locale: "ar", name: "عيادة الأمل", description: "رعاية صحية أولية" },
        { locale: "en", name: "Hope clinic", description: "Primary care and vaccination" },
      ],
    });
    const proposed = dataOf(await t.graphqlAs(editor, UPDATE, { id, v: 3, input: changed })).updateService;
    expect(proposed.state).toBe("PUBLISHED");
    expect(proposed.pendingChanges.status).toBe("DRAFT");
    expect(proposed.current.texts.find((text: any) => text.locale === "en").description).toBe("Primary health care");
    expect(proposed.form.texts.find((text: any) => text.locale === "en").description).toBe("Primary care and vaccination");
    expect(proposed.changes).toEqual([
      { path: "texts.en.description", before: "Primary health care", after: "Primary care and vaccination" },
    ]);
    expect(dataOf(await t.graphql(PUBLIC, { id })).service.description.text).toBe("Primary health care");

    dataOf(await t.graphqlAs(editor, ACTION("submitServiceForReview"), { id, v: 4 }));
    const rejected = dataOf(await t.graphqlAs(moderator, ACTION("rejectService", "reason"), { id, v: 5, reason: "Say which vaccines." })).rejectService;
    expect(rejected.pendingChanges).toBeNull();
    expect(rejected.lastRejectedChanges.rejectionReason).toBe("Say which vaccines.");
    expect(dataOf(await t.graphql(PUBLIC, { id })).service.description.text).toBe("Primary health care");

    const again = input({
      texts: [
        { locale: "ar", name: "عيادة الأمل", description: "رعاية صحية أولية" },
        { locale: "en", name: "Hope clinic", description: "Primary care; measles and polio vaccination" },
      ],
    });
    dataOf(await t.graphqlAs(editor, UPDATE, { id, v: 6, input: again }));
    dataOf(await t.graphqlAs(editor, ACTION("submitServiceForReview"), { id, v: 7 }));
    const queue = dataOf(await t.graphqlAs(moderator, `{ reviewQueue(locale: "en") { id name { text } pendingChanges } }`)).reviewQueue;
    expect(queue).toEqual([{ id, name: { text: "Hope clinic" }, pendingChanges: "IN_REVIEW" }]);

    const jobsBefore = await publishJobCount();
    const applied = dataOf(await t.graphqlAs(moderator, ACTION("publishService"), { id, v: 8 })).publishService;
    expect(applied.pendingChanges).toBeNull();
    expect(applied.current.texts.find((text: any) => text.locale === "en").description).toBe("Primary care; measles and polio vaccination");
    expect(dataOf(await t.graphql(PUBLIC, { id })).service.description.text).toBe("Primary care; measles and polio vaccination");
    expect(await publishJobCount()).toBe(jobsBefore + 1);
  });

  async function publishJobCount(): Promise<number> {
    const [row] = await queryRows<{ count: number | string }>(t.database.db, sql`select count(*) as count from publish_jobs where status = 'queued'`);
    return Number(row!.count);
  }
});
