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

  const reasons = async () =>
    (await queryRows<{ reason: string }>(t.database.db, sql`select reason from publish_jobs order by id`)).map((row) => row.reason);

  it("applies a moderator's own edit of a published service directly (a rebuild is queued), but sends it to the pending changes when there are some", async () => {
    const id = await t.fixtures.service({ slug: "direct", organization: "aid", state: "published", texts: { en: { name: "Direct" } } });
    const before = (await reasons()).length;
    const edited = dataOf(await t.graphqlAs(moderator, UPDATE, { id, v: 1, input: { texts: [{ locale: "en", name: "Direct, renamed" }] } })).updateService;
    expect(edited.pendingChanges).toBeNull();
    expect(edited.current.texts[0].name).toBe("Direct, renamed");
    expect(dataOf(await t.graphql(PUBLIC, { id })).service.name.text).toBe("Direct, renamed");
    expect((await reasons()).slice(before)).toEqual(["published service edited: service direct"]);

    const proposal = dataOf(await t.graphqlAs(editor, UPDATE, { id, v: 2, input: { texts: [{ locale: "en", name: "Direct, proposed" }] } })).updateService;
    expect(proposal.pendingChanges.status).toBe("DRAFT");
    const moderatorEdit = dataOf(
      await t.graphqlAs(moderator, UPDATE, { id, v: 3, input: { texts: [{ locale: "en", name: "Direct, proposed and corrected" }] } }),
    ).updateService;
    expect(moderatorEdit.pendingChanges.proposed.texts[0].name).toBe("Direct, proposed and corrected");
    expect(moderatorEdit.current.texts[0].name).toBe("Direct, renamed");
    expect((await reasons()).length).toBe(before + 1);

    const discarded = dataOf(await t.graphqlAs(editor, ACTION("discardServiceChanges"), { id, v: 4 })).discardServiceChanges;
    expect(discarded.pendingChanges).toBeNull();
    expect(discarded.form.texts[0].name).toBe("Direct, renamed");
  });

  it("archives and restores without deleting; a published service leaves and comes back online, each time with a rebuild", async () => {
    const id = await t.fixtures.service({ slug: "seasonal", organization: "aid", state: "published", texts: { en: { name: "Seasonal" } } });
    const before = (await reasons()).length;
    expect(dataOf(await t.graphqlAs(editor, ACTION("archiveService"), { id, v: 1 })).archiveService).toMatchObject({ archived: true, state: "PUBLISHED" });
    expect((await t.graphql(PUBLIC, { id })).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const blocked = await t.graphqlAs(editor, UPDATE, { id, v: 2, input: { texts: [{ locale: "en", name: "x" }] } }, { "accept-language": "fr" });
    expect(blocked.errors?.[0]?.extensions?.code).toBe("INVALID_STATE");
    expect(blocked.errors?.[0]?.message).toBe("Cet élément («\u202fservice\u202f») est archivé\u202f: restaurez-le d’abord.");
    expect(dataOf(await t.graphqlAs(editor, ACTION("restoreService"), { id, v: 2 })).restoreService).toMatchObject({ archived: false, state: "PUBLISHED" });
    expect(dataOf(await t.graphql(PUBLIC, { id })).service.name.text).toBe("Seasonal");
    expect((await reasons()).slice(before)).toEqual(["service archived: service seasonal", "service restored: service seasonal"]);

    // A draft's archiving changes nothing public: no rebuild.
    const draft = await t.fixtures.service({ slug: "draft-only", organization: "aid", state: "draft", texts: { en: { name: "Draft only" } } });
    dataOf(await t.graphqlAs(editor, ACTION("archiveService"), { id: draft, v: 1 }));
    expect((await reasons()).length).toBe(before + 2);
  });

  it("verifies a listing: the date and the verifier are set, the public sees the date, and the staleness list shrinks", async () => {
    const id = await t.fixtures.service({
      slug: "old-listing",
      organization: "aid",
      state: "published",
      verifiedAt: new Date(Date.now() - 200 * 86_400_000),
      texts: { ar: { name: "قائمة قديمة" } },
    });
    await t.fixtures.service({ slug: "fresh-listing", organization: "aid", state: "published", verifiedAt: new Date(), texts: { en: { name: "Fresh" } } });
    const STALE = `{ staleListings(locale: "en") { slug stale verifiedAt missingLocales name { text locale isFallback } } }`;
    const stale = dataOf(await t.graphqlAs(editor, STALE)).staleListings;
    expect(stale.map((listing: any) => listing.slug)).toContain("old-listing");
    expect(stale.map((listing: any) => listing.slug)).not.toContain("fresh-listing");
    expect(stale.find((listing: any) => listing.slug === "old-listing")).toMatchObject({
      stale: true,
      missingLocales: ["en", "fr"],
      name: { text: "قائمة قديمة", locale: "ar", isFallback: true },
    });
    const verified = dataOf(await t.graphqlAs(editor, ACTION("verifyService"), { id, v: 1 })).verifyService;
    expect(verified.verifiedBy).toBe("Salma");
    expect(Date.now() - new Date(verified.verifiedAt).getTime()).toBeLessThan(60_000);
    const publicView = dataOf(await t.graphql(`query ($id: ID!) { service(id: $id) { verifiedAt } }`, { id })).service;
    expect(publicView.verifiedAt).toBe(verified.verifiedAt);
    expect(dataOf(await t.graphqlAs(editor, STALE)).staleListings.map((listing: any) => listing.slug)).not.toContain("old-listing");
    expect((await reasons()).at(-1)).toBe("service verified: service old-listing");
  });

  it("lists published services that give no phone, e-mail or website of their own as work to do", async () => {
    await t.fixtures.service({ slug: "unreachable", organization: "aid", state: "published", texts: { en: { name: "Unreachable" } } });
    await t.fixtures.service({ slug: "own-phone", organization: "aid", state: "published", texts: { en: { name: "Own phone" } }, phones: [{ number: "+218910000031" }] });
    await t.fixtures.service({
      slug: "location-phone",
      organization: "aid",
      state: "published",
      texts: { en: { name: "Location phone" } },
      locations: [{ place: "tripoli", locationPhones: [{ number: "+218910000032" }] }],
    });
    const LISTINGS = `{ editorListings(locale: "en") { slug noContact } }`;
    const noContact = async () =>
      Object.fromEntries(dataOf(await t.graphqlAs(editor, LISTINGS)).editorListings.map((listing: any) => [listing.slug, listing.noContact]));
    expect(await noContact()).toMatchObject({ unreachable: true, "own-phone": false, "location-phone": false });
    await t.fixtures.db.execute(sql`update services set email = 'desk@example.org' where slug = 'unreachable'`);
    expect((await noContact()).unreachable).toBe(false);
  });

  it("lists an editor's own listings only, with their state, and refuses other organizations' forms", async () => {
    await t.fixtures.organization({ slug: "elsewhere", names: { en: "Elsewhere" } });
    const foreign = await t.fixtures.service({ slug: "foreign", organization: "elsewhere", state: "draft", texts: { en: { name: "Foreign" } } });
    const listings = dataOf(await t.graphqlAs(editor, `{ editorListings(locale: "en") { slug kind state organizationId } }`)).editorListings;
    expect(listings.length).toBeGreaterThan(0);
    expect(listings.every((listing: any) => listing.organizationId === t.fixtures.id("organization:aid"))).toBe(true);
    expect(listings.map((listing: any) => listing.slug)).not.toContain("foreign");
    const form = await t.graphqlAs(editor, `query ($id: ID!) { editableService(id: $id) { id } }`, { id: foreign });
    expect(form.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const everything = dataOf(await t.graphqlAs(moderator, `{ editorListings { slug } }`)).editorListings.map((listing: any) => listing.slug);
    expect(everything).toContain("foreign");
    const response = await t.graphqlAs(editor, `{ editorListings { slug } }`);
    expect(response.headers["cache-control"]).toBe("private, no-store");
  });

  it("keeps an audit trail that moderators and admins can read, with what changed", async () => {
    const id = await t.fixtures.service({ slug: "audited", organization: "aid", state: "draft", texts: { en: { name: "Audited" } } });
    dataOf(await t.graphqlAs(editor, UPDATE, { id, v: 1, input: { texts: [{ locale: "en", name: "Audited twice" }], languages: ["ar"] } }));
    dataOf(await t.graphqlAs(editor, ACTION("submitServiceForReview"), { id, v: 2 }));
    const TRAIL = `query ($id: ID!) { auditTrail(entityType: "service", entityId: $id) { action actorName createdAt changes { path before after } after } }`;
    const trail = dataOf(await t.graphqlAs(moderator, TRAIL, { id })).auditTrail;
    expect(trail.map((entry: any) => [entry.action, entry.actorName])).toEqual([
      ["submit_for_review", "Salma"],
      ["update", "Salma"],
    ]);
    expect(trail[1].changes).toEqual(
      expect.arrayContaining([
        { path: "version", before: 1, after: 2 },
        { path: "record.texts.en.name", before: "Audited", after: "Audited twice" },
      ]),
    );
    expect(trail[0].changes).toEqual(expect.arrayContaining([{ path: "state", before: "draft", after: "in_review" }]));
    const denied = await t.graphqlAs(editor, TRAIL, { id });
    expect(denied.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("rejects bad input with every field named, in the requester's language", async () => {
    const bad = {
      texts: [{ locale: "en", name: "x".repeat(201) }, { locale: "de", name: "Klinik" }],
      url: "javascript:alert(1)",
      email: "not-an-address",
      phones: [{ number: "0912345678" }],
      schedules: [{ validFrom: "2026-02-30", periods: [{ weekday: 8, opensAt: "18:00", closesAt: "09:00" }] }],
      minimumAge: 18,
      maximumAge: 12,
      categories: ["no-such-category"],
      locations: [{ place: "atlantis", latitude: 32.9 }],
    };
    const create = (input: unknown, language: string) =>
      t.graphqlAs(editor, CREATE, { org: t.fixtures.id("organization:aid"), input }, { "accept-language": language });
    const english = await create(bad, "en");
    expect(english.status).toBe(200);
    expect(english.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const fields = Object.fromEntries(english.errors![0]!.extensions!.fields.map((field: any) => [field.path, field.message]));
    expect(fields).toEqual({
      "texts.en.name": "At most 200 characters.",
      "texts.de.locale": "START does not publish in “de”.",
      url: "Only http://, https://, tel: and mailto: links are accepted.",
      email: "This is not a valid e-mail address.",
      "phones.0.number": "Write the number in international format (E.164), for example +218912345678.",
      "schedules.0.validFrom": "Write the date as YYYY-MM-DD.",
      "schedules.0.periods.0.weekday": "The largest value allowed is 7.",
      "schedules.0.periods.0.closesAt": "The closing time must be after the opening time.",
      maximumAge: "The minimum age must not be above the maximum age.",
      "locations.0.longitude": "Give both the latitude and the longitude, or neither.",
    });
    expect(english.errors![0]!.message).toMatch(/^Some fields need correcting: .*texts\.en\.name: At most 200 characters\./);

    const arabic = await create({ texts: [] }, "ar");
    expect(arabic.errors![0]!.extensions!.fields).toEqual([{ path: "texts", message: "اكتب الاسم بلغة واحدة على الأقل." }]);
    const french = await create({ texts: [{ locale: "fr", name: "Clinique" }], categories: ["no-such-category"], locations: [{ place: "atlantis" }] }, "fr");
    expect(french.errors![0]!.extensions!.fields).toEqual([
      { path: "categories.0", message: "Aucun élément de type «\u202fcatégorie\u202f» ne correspond à «\u202fno-such-category\u202f»." },
      { path: "locations.0.place", message: "Aucun élément de type «\u202flieu\u202f» ne correspond à «\u202fatlantis\u202f»." },
    ]);
    const duplicate = await create({ texts: [{ locale: "ar", name: "أ" }, { locale: "ar", name: "ب" }] }, "en");
    expect(duplicate.errors![0]!.extensions!.fields).toEqual([{ path: "texts.ar.locale", message: "This language is given twice." }]);
    const enumeration = await create({ texts: [{ locale: "en", name: "Clinic" }], status: "OPEN_SOMETIMES" }, "en");
    expect(enumeration.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [{ path: "status", message: "This value is not valid." }] });
    // Nothing was created by any of these.
    const count = await queryRows<{ count: number | string }>(t.database.db, sql`select count(*) as count from services where slug like 'clinic%' or slug like 'klinik%'`);
    expect(Number(count[0]!.count)).toBe(0);
  });

  async function publishJobCount(): Promise<number> {
    const [row] = await queryRows<{ count: number | string }>(t.database.db, sql`select count(*) as count from publish_jobs where status = 'queued'`);
    return Number(row!.count);
  }
});
