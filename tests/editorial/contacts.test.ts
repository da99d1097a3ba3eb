import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "@start/db";
import { testDriver } from "../support/database.js";
import { dataOf, startTestApi, type TestApi } from "../support/api.js";
import { databaseDigest, editorialWorld } from "./support.js";

/**
 * Every contact the public sees is editable where it lives, through the same workflow as the rest
 * of a listing: an organization's phones, e-mail and web site; a service's; a location's own phones
 * and hours (shared by every service delivered there); a service's phones and hours at a location,
 * every timetable of them. Org editors propose, moderators publish, the review shows each value
 * before and after, and bad input names its field and saves nothing.
 */

const PHONE = "number extension type languages descriptions { locale text }";
const SCHEDULE = "validFrom validTo periods { weekday opensAt closesAt } notes { locale text }";
const SERVICE_VALUES = `slug status cost audiences languages minimumAge maximumAge url email confidentialAddress categoryIds
  sources { title url published accessed }
  texts { locale name alternateName description eligibilityDescription applicationProcess feesDescription requiredDocuments }
  phones { ${PHONE} } schedules { ${SCHEDULE} }
  locations { locationId placeId locationType latitude longitude postalCode
    texts { locale name address description transportation accessibility }
    locationPhones { ${PHONE} } locationSchedules { ${SCHEDULE} } phones { ${PHONE} } schedules { ${SCHEDULE} } }`;
const EDITABLE_SERVICE = `id version state pendingChanges { status } form { ${SERVICE_VALUES} } changes { path before after }`;
const SERVICE_FORM = `query ($id: ID!) { editableService(id: $id) { ${EDITABLE_SERVICE} } }`;
const UPDATE_SERVICE = `mutation ($id: ID!, $v: Int!, $input: ServiceInput!) { updateService(id: $id, expectedVersion: $v, input: $input) { ${EDITABLE_SERVICE} } }`;
const SERVICE_STEP = (name: string) => `mutation ($id: ID!, $v: Int!) { ${name}(id: $id, expectedVersion: $v) { ${EDITABLE_SERVICE} } }`;
const PUBLIC_SERVICE = `query ($id: ID!) { service(id: $id, locale: "en") {
  phones { number } locations { phones { number } schedules { periods { weekday opensAt closesAt } }
    location { phones { number } schedules { validFrom validTo periods { weekday opensAt closesAt } } address { text } } } } }`;

const ORGANIZATION_VALUES = `slug kind website email logo sources { title url published accessed } texts { locale name alternateName description } phones { ${PHONE} }`;
const EDITABLE_ORGANIZATION = `id version state archived values { ${ORGANIZATION_VALUES} } current { email website phones { number } }
  pendingChanges { status submittedAt } lastRejectedChanges { rejectionReason } changes { path before after }`;
const ORGANIZATION_FORM = `query ($id: ID!) { editableOrganization(id: $id) { ${EDITABLE_ORGANIZATION} } }`;
const UPDATE_ORGANIZATION = `mutation ($id: ID!, $v: Int!, $input: OrganizationInput!) { updateOrganization(id: $id, expectedVersion: $v, input: $input) { ${EDITABLE_ORGANIZATION} } }`;
const ORGANIZATION_STEP = (name: string, reason = false) =>
  `mutation ($id: ID!, $v: Int!${reason ? ", $reason: String!" : ""}) { ${name}(id: $id, expectedVersion: $v${reason ? ", reason: $reason" : ""}) { ${EDITABLE_ORGANIZATION} } }`;
const PUBLIC_ORGANIZATION = `query ($id: ID!) { organization(id: $id, locale: "en") { email website phones { number type } } }`;
const TRAIL = `query ($type: String!, $id: ID!) { auditTrail(entityType: $type, entityId: $id) { action actorName changes { path before after } } }`;

/** The form's values as the input an update sends back (they differ in a few names only). */
function serviceInput(form: Record<string, any>): Record<string, any> {
  const { categoryIds, locations, ...rest } = form;
  return { ...rest, categories: categoryIds, locations: locations.map(({ placeId, ...location }: Record<string, unknown>) => ({ ...location, place: placeId })) };
}

describe(`contacts editable where they live (${testDriver})`, () => {
  let t: TestApi;
  let editor: string;
  let otherEditor: string;
  let moderator: string;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApi();
    const sessions = await editorialWorld(t.fixtures);
    ({ editor, moderator, admin } = sessions);
    await t.fixtures.user({ key: "editor-b", displayName: "Hadi", roles: [{ role: "org_editor", organization: "ngo-b" }] });
    otherEditor = await t.fixtures.session("editor-b");
  });
  afterAll(async () => {
    await t?.close();
  });

  const db = () => t.database.db;
  const reasons = async () => (await queryRows<{ reason: string }>(db(), sql`select reason from publish_jobs order by id`)).map((row) => row.reason);
  const fieldsOf = (body: { errors?: Array<{ extensions?: Record<string, any> }> }) =>
    Object.fromEntries((body.errors?.[0]?.extensions?.fields ?? []).map((field: { path: string; message: string }) => [field.path, field.message]));

  async function clinic(slug: string) {
    return t.fixtures.service({
      slug,
      organization: "ngo-a",
      state: "published",
      texts: { en: { name: `Clinic ${slug}` } },
      phones: [{ number: "+218911110000", type: "whatsapp" }],
      locations: [
        {
          place: "tripoli",
          texts: { en: { address: "Omar Mukhtar Street" } },
          locationPhones: [{ number: "+218213330000", description: { en: "Reception" } }],
          locationSchedules: [{ periods: [[7, "08:00", "14:00"]] }],
          phones: [{ number: "+218913330000" }],
        },
      ],
    });
  }

  it("corrects a location's own phone and hours through the service's pending changes, shown before and after, public once a moderator publishes them", async () => {
    const id = await clinic("location-phone");
    const loaded = dataOf(await t.graphqlAs(editor, SERVICE_FORM, { id })).editableService;
    const location = loaded.form.locations[0];
    // The form carries the location's own numbers and hours, apart from the service's there.
    expect(location.locationPhones).toEqual([{ number: "+218213330000", extension: null, type: "VOICE", languages: [], descriptions: [{ locale: "en", text: "Reception" }] }]);
    expect(location.phones.map((phone: { number: string }) => phone.number)).toEqual(["+218913330000"]);
    expect(location.locationSchedules[0].periods).toEqual([{ weekday: 7, opensAt: "08:00", closesAt: "14:00" }]);

    const input = serviceInput(loaded.form);
    // The reception number corrected; the service's own number at the location removed; the hours
    // changed, and a second timetable for Ramadan added.
    input.locations[0].locationPhones[0].number = "+218 21 444 5555";
    input.locations[0].phones = [];
    input.locations[0].locationSchedules = [
      { periods: [{ weekday: 7, opensAt: "09:00", closesAt: "15:00" }] },
      { validFrom: "2027-02-08", validTo: "2027-03-09", periods: [{ weekday: 7, opensAt: "10:00", closesAt: "13:00" }], notes: [{ locale: "en", text: "Ramadan" }] },
    ];
    const proposed = dataOf(await t.graphqlAs(editor, UPDATE_SERVICE, { id, v: loaded.version, input })).updateService;
    expect(proposed.pendingChanges).toEqual({ status: "DRAFT" });
    // Timetables are kept in a canonical order: the dated one comes first.
    expect(proposed.changes).toEqual([
      { path: "locations.0.locationPhones.0.number", before: "+218213330000", after: "+218214445555" },
      {
        path: "locations.0.locationSchedules.0",
        before: null,
        after: { validFrom: "2027-02-08", validTo: "2027-03-09", periods: [{ weekday: 7, opensAt: "10:00", closesAt: "13:00" }], notes: [{ locale: "en", text: "Ramadan" }] },
      },
      {
        path: "locations.0.locationSchedules.1.periods",
        before: [{ weekday: 7, opensAt: "08:00", closesAt: "14:00" }],
        after: [{ weekday: 7, opensAt: "09:00", closesAt: "15:00" }],
      },
      { path: "locations.0.phones.0", before: { number: "+218913330000", extension: null, type: "voice", languages: [], descriptions: [] }, after: null },
    ]);
    // The public still sees the published numbers.
    const before = dataOf(await t.graphql(PUBLIC_SERVICE, { id })).service;
    expect(before.locations[0].location.phones).toEqual([{ number: "+218213330000" }]);
    expect(before.locations[0].phones).toEqual([{ number: "+218913330000" }]);

    const submitted = dataOf(await t.graphqlAs(editor, SERVICE_STEP("submitServiceForReview"), { id, v: proposed.version })).submitServiceForReview;
    const jobs = (await reasons()).length;
    const published = dataOf(await t.graphqlAs(moderator, SERVICE_STEP("publishService"), { id, v: submitted.version })).publishService;
    expect(published.pendingChanges).toBeNull();
    expect((await reasons()).slice(jobs)).toEqual(["changes published: service location-phone"]);

    const after = dataOf(await t.graphql(PUBLIC_SERVICE, { id })).service;
    expect(after.locations[0].location.phones).toEqual([{ number: "+218214445555" }]);
    expect(after.locations[0].phones).toEqual([]);
    expect(after.locations[0].location.schedules).toHaveLength(2);
    // The service has no hours of its own there: the location's are the ones that apply.
    expect(after.locations[0].schedules.flatMap((schedule: { periods: unknown[] }) => schedule.periods)).toContainEqual({ weekday: 7, opensAt: "09:00", closesAt: "15:00" });
    // The old numbers are gone, not kept beside the new one.
    const rows = await queryRows<{ number: string }>(db(), sql`select number from phones where number in ('+218213330000', '+218913330000')`);
    expect(rows).toEqual([]);

    const trail = dataOf(await t.graphqlAs(moderator, TRAIL, { type: "service", id })).auditTrail;
    expect(trail.map((entry: { action: string; actorName: string }) => [entry.action, entry.actorName])).toEqual([
      ["publish_changes", "Amina"],
      ["submit_for_review", "Salma"],
      ["propose_changes", "Salma"],
    ]);
    expect(trail[0].changes).toContainEqual({ path: "record.locations.0.locationPhones.0.number", before: "+218213330000", after: "+218214445555" });
  });

  it("shows a removed phone as removed and an edited one as edited, whatever its position", async () => {
    const id = await t.fixtures.service({
      slug: "two-phones",
      organization: "ngo-a",
      state: "published",
      texts: { en: { name: "Two phones" } },
      phones: [{ number: "+218911112222" }, { number: "+218913334444", type: "whatsapp" }],
    });
    const loaded = dataOf(await t.graphqlAs(editor, SERVICE_FORM, { id })).editableService;
    const input = serviceInput(loaded.form);
    // The first number removed, the second one's type changed: not "first number changed into the second".
    input.phones = [{ ...input.phones[1], type: "VOICE" }];
    const proposed = dataOf(await t.graphqlAs(editor, UPDATE_SERVICE, { id, v: loaded.version, input })).updateService;
    expect(proposed.changes).toEqual([
      { path: "phones.0.type", before: "whatsapp", after: "voice" },
      { path: "phones.0", before: { number: "+218911112222", extension: null, type: "voice", languages: [], descriptions: [] }, after: null },
    ]);
  });

  it("lets an org editor propose their organization's phones, e-mail and web site, which a moderator publishes or rejects", async () => {
    const id = await t.fixtures.organization({
      slug: "ngo-contacts",
      names: { en: "NGO with contacts" },
      email: "old@ngo.example.org",
      website: "https://old.ngo.example.org",
      phones: [{ number: "+218911234567", type: "hotline" }],
    });
    await t.fixtures.user({ key: "contacts-editor", displayName: "Mariam", roles: [{ role: "org_editor", organization: "ngo-contacts" }] });
    const own = await t.fixtures.session("contacts-editor");

    const loaded = dataOf(await t.graphqlAs(own, ORGANIZATION_FORM, { id })).editableOrganization;
    expect(loaded.values.phones).toEqual([{ number: "+218911234567", extension: null, type: "HOTLINE", languages: [], descriptions: [] }]);
    const input = {
      ...loaded.values,
      email: "contact@ngo.example.org",
      website: "https://ngo.example.org/help",
      phones: [{ number: "+218 92 765 4321", type: "HOTLINE", descriptions: [{ locale: "ar", text: "الخط الساخن" }] }, { number: "+218911234568", type: "WHATSAPP" }],
    };
    const proposed = dataOf(await t.graphqlAs(own, UPDATE_ORGANIZATION, { id, v: loaded.version, input })).updateOrganization;
    expect(proposed.pendingChanges).toMatchObject({ status: "DRAFT" });
    expect(proposed.values.email).toBe("contact@ngo.example.org");
    expect(proposed.current.email).toBe("old@ngo.example.org");
    expect(proposed.changes).toEqual([
      { path: "website", before: "https://old.ngo.example.org", after: "https://ngo.example.org/help" },
      { path: "email", before: "old@ngo.example.org", after: "contact@ngo.example.org" },
      { path: "phones.0.number", before: "+218911234567", after: "+218927654321" },
      { path: "phones.0.descriptions.ar", before: null, after: { locale: "ar", text: "الخط الساخن" } },
      { path: "phones.1", before: null, after: { number: "+218911234568", extension: null, type: "whatsapp", languages: [], descriptions: [] } },
    ]);
    // Nothing public yet, and no rebuild for a proposal.
    expect(dataOf(await t.graphql(PUBLIC_ORGANIZATION, { id })).organization).toEqual({
      email: "old@ngo.example.org",
      website: "https://old.ngo.example.org",
      phones: [{ number: "+218911234567", type: "HOTLINE" }],
    });

    const submitted = dataOf(await t.graphqlAs(own, ORGANIZATION_STEP("submitOrganizationChanges"), { id, v: proposed.version })).submitOrganizationChanges;
    expect(submitted.pendingChanges.status).toBe("IN_REVIEW");
    // The moderator's queue names it; its editor cannot publish it.
    const queue = dataOf(await t.graphqlAs(moderator, `{ reviewQueue(locale: "en") { id kind name { text } pendingChanges } }`)).reviewQueue;
    expect(queue).toContainEqual({ id, kind: "ORGANIZATION", name: { text: "NGO with contacts" }, pendingChanges: "IN_REVIEW" });
    const refused = await t.graphqlAs(own, ORGANIZATION_STEP("publishOrganizationChanges"), { id, v: submitted.version });
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

    const jobs = (await reasons()).length;
    const published = dataOf(await t.graphqlAs(moderator, ORGANIZATION_STEP("publishOrganizationChanges"), { id, v: submitted.version })).publishOrganizationChanges;
    expect(published.pendingChanges).toBeNull();
    expect((await reasons()).slice(jobs)).toEqual(["organization publish_changes: ngo-contacts"]);
    expect(dataOf(await t.graphql(PUBLIC_ORGANIZATION, { id })).organization).toEqual({
      email: "contact@ngo.example.org",
      website: "https://ngo.example.org/help",
      phones: [
        { number: "+218927654321", type: "HOTLINE" },
        { number: "+218911234568", type: "WHATSAPP" },
      ],
    });

    // A second proposal, refused with a reason: the published record stays.
    const again = dataOf(
      await t.graphqlAs(own, UPDATE_ORGANIZATION, { id, v: published.version, input: { ...input, phones: [], email: null } }),
    ).updateOrganization;
    expect(again.changes).toContainEqual({ path: "email", before: "contact@ngo.example.org", after: null });
    expect(again.changes).toContainEqual({
      path: "phones.0",
      before: { number: "+218927654321", extension: null, type: "hotline", languages: [], descriptions: [{ locale: "ar", text: "الخط الساخن" }] },
      after: null,
    });
    const inReview = dataOf(await t.graphqlAs(own, ORGANIZATION_STEP("submitOrganizationChanges"), { id, v: again.version })).submitOrganizationChanges;
    const rejected = dataOf(
      await t.graphqlAs(moderator, ORGANIZATION_STEP("rejectOrganizationChanges", true), { id, v: inReview.version, reason: "Keep the hotline." }),
    ).rejectOrganizationChanges;
    expect(rejected.pendingChanges).toBeNull();
    expect(rejected.lastRejectedChanges.rejectionReason).toBe("Keep the hotline.");
    expect(rejected.values.phones).toHaveLength(2);
    expect(dataOf(await t.graphql(PUBLIC_ORGANIZATION, { id })).organization.phones).toHaveLength(2);

    const trail = dataOf(await t.graphqlAs(moderator, TRAIL, { type: "organization", id })).auditTrail;
    expect(trail.map((entry: { action: string; actorName: string }) => [entry.action, entry.actorName])).toEqual([
      ["reject_changes", "Amina"],
      ["submit_for_review", "Mariam"],
      ["propose_changes", "Mariam"],
      ["publish_changes", "Amina"],
      ["submit_for_review", "Mariam"],
      ["propose_changes", "Mariam"],
    ]);
    const proposal = trail.at(-1).changes.find((change: { path: string }) => change.path === "pendingChanges");
    expect(proposal).toMatchObject({ before: null, after: { status: "draft", proposed: { email: "contact@ngo.example.org" } } });
  });

  it("applies a moderator's or admin's own edit of an organization directly, and sends it to the pending changes when there are some", async () => {
    const id = await t.fixtures.organization({ slug: "ngo-direct", names: { en: "Direct NGO" }, phones: [{ number: "+218910000001" }] });
    const loaded = dataOf(await t.graphqlAs(admin, ORGANIZATION_FORM, { id })).editableOrganization;
    const jobs = (await reasons()).length;
    const direct = dataOf(
      await t.graphqlAs(moderator, UPDATE_ORGANIZATION, { id, v: loaded.version, input: { ...loaded.values, phones: [{ number: "+218910000002" }] } }),
    ).updateOrganization;
    expect(direct.pendingChanges).toBeNull();
    expect(direct.current.phones).toEqual([{ number: "+218910000002" }]);
    expect((await reasons()).slice(jobs)).toEqual(["organization update: ngo-direct"]);

    await t.fixtures.user({ key: "direct-editor", roles: [{ role: "org_editor", organization: "ngo-direct" }] });
    const own = await t.fixtures.session("direct-editor");
    const proposal = dataOf(
      await t.graphqlAs(own, UPDATE_ORGANIZATION, { id, v: direct.version, input: { ...direct.values, phones: [{ number: "+218910000003" }] } }),
    ).updateOrganization;
    const corrected = dataOf(
      await t.graphqlAs(admin, UPDATE_ORGANIZATION, { id, v: proposal.version, input: { ...proposal.values, email: "desk@ngo.example.org" } }),
    ).updateOrganization;
    expect(corrected.pendingChanges.status).toBe("DRAFT");
    expect(corrected.values).toMatchObject({ email: "desk@ngo.example.org", phones: [{ number: "+218910000003" }] });
    expect(corrected.current.phones).toEqual([{ number: "+218910000002" }]);
    const discarded = dataOf(await t.graphqlAs(own, ORGANIZATION_STEP("discardOrganizationChanges"), { id, v: corrected.version })).discardOrganizationChanges;
    expect(discarded.pendingChanges).toBeNull();
    expect(discarded.values.phones).toEqual([{ number: "+218910000002", extension: null, type: "VOICE", languages: [], descriptions: [] }]);
  });

  it("lets an org editor change only their own organization's contacts, and writes nothing when refused", async () => {
    const id = t.fixtures.id("organization:ngo-a");
    const form = await t.graphqlAs(otherEditor, ORGANIZATION_FORM, { id });
    expect(form.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const own = dataOf(await t.graphqlAs(editor, ORGANIZATION_FORM, { id })).editableOrganization;
    const input = { ...own.values, phones: [{ number: "+218919999999" }] };
    const digest = await databaseDigest(db());
    const refused = await t.graphqlAs(otherEditor, UPDATE_ORGANIZATION, { id, v: own.version, input });
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    for (const step of ["submitOrganizationChanges", "discardOrganizationChanges"]) {
      const denied = await t.graphqlAs(otherEditor, ORGANIZATION_STEP(step), { id, v: own.version });
      expect(denied.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    expect(await databaseDigest(db())).toBe(digest);
    const services = await clinic("not-yours");
    const service = dataOf(await t.graphqlAs(editor, SERVICE_FORM, { id: services })).editableService;
    const serviceDigest = await databaseDigest(db());
    const refusedService = await t.graphqlAs(otherEditor, UPDATE_SERVICE, { id: services, v: service.version, input: serviceInput(service.form) });
    expect(refusedService.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await databaseDigest(db())).toBe(serviceDigest);
    // Nor may it take another organization's location into its own service.
    const foreign = await t.fixtures.service({
      slug: "b-service",
      organization: "ngo-b",
      texts: { en: { name: "B" } },
      locations: [{ place: "sabha", locationPhones: [{ number: "+218710000000" }] }],
    });
    const theirs = dataOf(await t.graphqlAs(moderator, SERVICE_FORM, { id: foreign })).editableService;
    const borrowed = serviceInput(service.form);
    borrowed.locations = [{ ...serviceInput(theirs.form).locations[0], locationPhones: [{ number: "+218710000001" }] }];
    const before = await databaseDigest(db());
    const taken = await t.graphqlAs(editor, UPDATE_SERVICE, { id: services, v: service.version, input: borrowed }, { "accept-language": "en" });
    expect(fieldsOf(taken)).toEqual({ "locations.0.locationId": "This location belongs to another organization." });
    expect(await databaseDigest(db())).toBe(before);
  });

  it("refuses a save made against an old version with CONFLICT, for organizations and services alike, and writes nothing", async () => {
    const id = await t.fixtures.organization({ slug: "ngo-versions", names: { en: "Versions" }, phones: [{ number: "+218910000010" }] });
    await t.fixtures.user({ key: "versions-editor", roles: [{ role: "org_editor", organization: "ngo-versions" }] });
    const own = await t.fixtures.session("versions-editor");
    const loaded = dataOf(await t.graphqlAs(own, ORGANIZATION_FORM, { id })).editableOrganization;
    dataOf(await t.graphqlAs(own, UPDATE_ORGANIZATION, { id, v: loaded.version, input: { ...loaded.values, phones: [{ number: "+218910000011" }] } }));
    const digest = await databaseDigest(db());
    const stale = await t.graphqlAs(own, UPDATE_ORGANIZATION, { id, v: loaded.version, input: { ...loaded.values, phones: [{ number: "+218910000012" }] } }, { "accept-language": "ar" });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", currentVersion: loaded.version + 1, expectedVersion: loaded.version });
    expect(stale.errors?.[0]?.message).toMatch(/[\u0600-\u06ff]/);
    expect(await databaseDigest(db())).toBe(digest);

    const serviceId = await clinic("versions");
    const service = dataOf(await t.graphqlAs(editor, SERVICE_FORM, { id: serviceId })).editableService;
    const first = serviceInput(service.form);
    first.locations[0].locationPhones[0].number = "+218213330001";
    dataOf(await t.graphqlAs(editor, UPDATE_SERVICE, { id: serviceId, v: service.version, input: first }));
    const serviceDigest = await databaseDigest(db());
    const second = serviceInput(service.form);
    second.locations[0].locationPhones[0].number = "+218213330002";
    const conflict = await t.graphqlAs(editor, UPDATE_SERVICE, { id: serviceId, v: service.version, input: second });
    expect(conflict.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", currentVersion: service.version + 1 });
    expect(await databaseDigest(db())).toBe(serviceDigest);
  });

  it("refuses a phone that is not a number, a bad e-mail or link and hours that close before they open, naming each field in the requester's language", async () => {
    const serviceId = await clinic("bad-input");
    const service = dataOf(await t.graphqlAs(editor, SERVICE_FORM, { id: serviceId })).editableService;
    const input = serviceInput(service.form);
    input.email = "reception@";
    input.url = "javascript:alert(1)";
    input.locations[0].locationPhones = [{ number: "021 333 0000" }];
    input.locations[0].phones = [{ number: "+218913330000" }, { number: "call us" }];
    input.locations[0].locationSchedules = [
      { periods: [{ weekday: 7, opensAt: "08:00", closesAt: "14:00" }] },
      { periods: [{ weekday: 1, opensAt: "16:00", closesAt: "09:00" }] },
    ];
    const digest = await databaseDigest(db());
    const update = (body: unknown, language: string) => t.graphqlAs(editor, UPDATE_SERVICE, { id: serviceId, v: service.version, input: body }, { "accept-language": language });

    const english = await update(input, "en");
    expect(english.status).toBe(200);
    expect(english.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(fieldsOf(english)).toEqual({
      url: "Only http://, https://, tel: and mailto: links are accepted.",
      email: "This is not a valid e-mail address.",
      "locations.0.locationPhones.0.number": "Write the number in international format (E.164), for example +218912345678.",
      "locations.0.locationSchedules.1.periods.0.closesAt": "The closing time must be after the opening time.",
      "locations.0.phones.1.number": "Write the number in international format (E.164), for example +218912345678.",
    });
    expect(english.errors![0]!.message).toContain("locations.0.locationPhones.0.number: Write the number in international format");
    const arabic = fieldsOf(await update(input, "ar"));
    expect(arabic["locations.0.locationPhones.0.number"]).toBe("اكتب الرقم بالصيغة الدولية (E.164)، مثل ‎+218912345678.");
    expect(arabic["locations.0.locationSchedules.1.periods.0.closesAt"]).toBe("يجب أن يكون وقت الإغلاق بعد وقت الفتح.");
    const french = fieldsOf(await update(input, "fr"));
    expect(french.email).toBe("Cette adresse e-mail n’est pas valide.");
    expect(french["locations.0.phones.1.number"]).toBe("Écrivez le numéro au format international (E.164), par exemple +218912345678.");

    const organizationId = t.fixtures.id("organization:ngo-a");
    const organization = dataOf(await t.graphqlAs(editor, ORGANIZATION_FORM, { id: organizationId })).editableOrganization;
    const badOrganization = await t.graphqlAs(
      editor,
      UPDATE_ORGANIZATION,
      { id: organizationId, v: organization.version, input: { ...organization.values, email: "not an address", website: "ftp://files.example.org", phones: [{ number: "+0218 91" }] } },
      { "accept-language": "fr" },
    );
    expect(fieldsOf(badOrganization)).toEqual({
      website: "Seuls les liens http:// et https:// sont acceptés.",
      email: "Cette adresse e-mail n’est pas valide.",
      "phones.0.number": "Écrivez le numéro au format international (E.164), par exemple +218912345678.",
    });
    // Nothing of any of it was saved, not even the valid parts.
    expect(await databaseDigest(db())).toBe(digest);
  });

  it("refuses a number in international form that no line has (START's rules: in its country's numbering plan), and lower-cases a typed link scheme", async () => {
    const serviceId = await clinic("unknown-number");
    const service = dataOf(await t.graphqlAs(editor, SERVICE_FORM, { id: serviceId })).editableService;
    const input = serviceInput(service.form);
    input.locations[0].phones = [{ number: "+218 99 999 9999" }];
    const digest = await databaseDigest(db());
    const update = (body: unknown, language: string) => t.graphqlAs(editor, UPDATE_SERVICE, { id: serviceId, v: service.version, input: body }, { "accept-language": language });
    expect(fieldsOf(await update(input, "en"))).toEqual({
      "locations.0.phones.0.number": "No phone line has this number in its country's numbering plan: check the digits.",
    });
    expect(fieldsOf(await update(input, "ar"))["locations.0.phones.0.number"]).toBe("لا يوجد خط هاتف بهذا الرقم في خطة الترقيم لبلده: تحقّق من الأرقام.");
    expect(fieldsOf(await update(input, "fr"))["locations.0.phones.0.number"]).toBe(
      "Aucune ligne n’a ce numéro dans le plan de numérotation de son pays\u202f: vérifiez les chiffres.",
    );
    expect(await databaseDigest(db())).toBe(digest);

    input.locations[0].phones = [{ number: "+218 91 333 0000" }];
    input.url = "HTTPS://Example.org/Desk";
    const saved = await update(input, "en");
    expect(saved.errors).toBeUndefined();
    const after = dataOf(await t.graphqlAs(editor, SERVICE_FORM, { id: serviceId })).editableService;
    expect(after.form.url).toBe("https://Example.org/Desk");
  });
});
