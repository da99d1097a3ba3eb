import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDriver } from "../support/database.js";
import { dataOf, startTestApi, type TestApi } from "../support/api.js";
import { databaseDigest, editorialWorld, libyaDate } from "../editorial/support.js";

/**
 * Alerts that concern places, organisations and services, and closures: through the editor's
 * mutations (by id or slug, with a localised error on the field and nothing saved on bad input)
 * and the public API (alerts by place, organization or service; a service closed by an alert is
 * closed, not open now, and ranks after open ones in search until the day after its closure).
 * Dates are relative to the tests' clock, never a calendar day.
 */
const ALWAYS_OPEN = [{ periods: [1, 2, 3, 4, 5, 6, 7].map((day) => [day, "00:00", "24:00"] as [number, string, string]) }];
const HOUR = 3_600_000;
const ALERT = `id state version values { placeIds organizationIds serviceIds severity validFrom validUntil closedUntil texts { locale title } }`;

describe(`alerts about places, organizations and services; closures (${testDriver})`, () => {
  let t: TestApi;
  let sessions: Awaited<ReturnType<typeof editorialWorld>>;
  beforeAll(async () => {
    t = await startTestApi();
    sessions = await editorialWorld(t.fixtures);
    const f = t.fixtures;
    const service = (slug: string, organization: string, place: string, name: string, extra: Record<string, unknown> = {}) =>
      f.service({ slug, organization, texts: { en: { name }, ar: { name: `${name} (ar)` } }, locations: [{ place, schedules: ALWAYS_OPEN }], ...extra });
    await service("clinic-a", "ngo-a", "sabha", "Sabha clinic");
    await service("shelter-a", "ngo-a", "tripoli", "Tripoli shelter");
    await service("legal-b", "ngo-b", "tripoli", "Legal aid office");
    await service("old-service", "ngo-a", "tripoli", "Archived service", { archived: true });
    await service("twin-clinic-a", "ngo-b", "janzour", "Twin dental clinic");
    await service("twin-clinic-b", "ngo-b", "janzour", "Twin dental clinic");
    await service("draft-service", "ngo-b", "tunis", "Draft service", { state: "draft" });
  });
  afterAll(async () => {
    await t?.close();
  });

  const create = (input: Record<string, unknown>, language = "en") =>
    t.graphqlAs(sessions.moderator, `mutation ($input: AlertInput!) { createAlert(input: $input) { ${ALERT} } }`, { input }, { "accept-language": language });
  const publish = async (id: string, version: number) =>
    dataOf(await t.graphqlAs(sessions.moderator, `mutation ($id: ID!, $v: Int!) { publishAlert(id: $id, expectedVersion: $v) { state } }`, { id, v: version }));
  const texts = (title: string) => [{ locale: "en", title }, { locale: "ar", title: `${title} (ar)` }];
  const alertTitles = async (args: string) =>
    dataOf(await t.graphql(`{ alerts(locale: "en", ${args}) { title { text } } }`)).alerts.map((alert: { title: { text: string } }) => alert.title.text);

  it("names what an alert concerns by slug or id, and a closure closes its services until the end of the day it names", async () => {
    const until = libyaDate(3);
    const created = dataOf(
      await create({
        services: ["clinic-a"],
        organizations: [t.fixtures.id("organization:ngo-b")],
        places: ["tripoli"],
        severity: "WARNING",
        validFrom: new Date(Date.now() - HOUR).toISOString(),
        closure: true,
        closedUntil: until,
        texts: texts("Clinic closed for repairs"),
      }),
    ).createAlert;
    expect(created.values).toMatchObject({
      serviceIds: [t.fixtures.id("service:clinic-a")],
      organizationIds: [t.fixtures.id("organization:ngo-b")],
      placeIds: [t.fixtures.id("place:tripoli")],
      closedUntil: until,
    });
    // Without an end of its own, the alert ends when the closure does: midnight after its last day, in Libya.
    expect(new Date(created.values.validUntil).getTime()).toBe(Date.parse(`${libyaDate(4)}T00:00:00+02:00`));
    // A draft closes nothing.
    expect(dataOf(await t.graphql(`{ service(slug: "clinic-a") { closedUntil openNow } }`)).service).toEqual({ closedUntil: null, openNow: true });
    await publish(created.id, created.version);

    const service = dataOf(await t.graphql(`{ service(slug: "clinic-a") { closedUntil openNow } }`)).service;
    expect(service).toEqual({ closedUntil: until, openNow: false });
    const openNow = dataOf(await t.graphql(`{ services(first: 50, filter: { openNow: true }) { edges { node { slug } } } }`)).services.edges.map((edge: any) => edge.node.slug);
    expect(openNow).toContain("shelter-a");
    expect(openNow).not.toContain("clinic-a");
    // After its last day the service is open again, by the same rule.
    const later = new Date(Date.parse(`${libyaDate(5)}T10:00:00+02:00`)).toISOString();
    const openLater = dataOf(await t.graphql(`query ($at: DateTimeISO!) { services(first: 50, filter: { openAt: $at }) { edges { node { slug } } } }`, { at: later }))
      .services.edges.map((edge: any) => edge.node.slug);
    expect(openLater).toContain("clinic-a");

    const [alert] = dataOf(
      await t.graphql(`{ alerts(service: "clinic-a", locale: "en") { closedUntil concernsEveryone places { slug } organizations { slug } services { slug closedUntil } } }`),
    ).alerts;
    expect(alert).toEqual({
      closedUntil: until,
      concernsEveryone: false,
      places: [{ slug: "tripoli" }],
      organizations: [{ slug: "ngo-b" }],
      services: [{ slug: "clinic-a", closedUntil: until }],
    });
  });

  it("finds an alert from what it concerns: a service, its organization, the places where it is", async () => {
    const title = "Clinic closed for repairs";
    expect(await alertTitles('service: "clinic-a"')).toContain(title);
    expect(await alertTitles(`service: "${t.fixtures.id("service:legal-b")}"`)).toContain(title); // its organization, ngo-b
    expect(await alertTitles('organization: "ngo-a"')).toContain(title); // one of its services
    expect(await alertTitles('place: "sabha"')).toContain(title); // a service located there
    expect(await alertTitles('place: "fezzan"')).toContain(title); // …inside it
    expect(await alertTitles('place: "tripoli-region"')).toContain(title); // Tripoli is inside it
    expect(await alertTitles('place: "tunisia"')).not.toContain(title);
    expect(await alertTitles('service: "twin-clinic-a"')).toContain(title); // ngo-b's too
    const unknown = await t.graphql(`{ alerts(service: "no-such-service", locale: "fr") { id } }`);
    expect(unknown.errors?.[0]?.message).toBe("Aucun élément de type «\u202fservice\u202f» ne correspond à «\u202fno-such-service\u202f».");
  });

  it("ranks a closed service after an open one in search, and again with it once the closure is archived", async () => {
    const slugs = async () =>
      dataOf(await t.graphql(`{ search(query: "twin dental", locale: "en") { hits { item { ... on Service { slug closedUntil } } } } }`)).search.hits.map(
        (hit: any) => hit.item.slug,
      );
    const before = await slugs();
    expect(before).toEqual(["twin-clinic-a", "twin-clinic-b"]);
    const created = dataOf(
      await create({ services: ["twin-clinic-a"], validFrom: new Date(Date.now() - HOUR).toISOString(), closure: true, closedUntil: libyaDate(1), texts: texts("Dental chair broken") }),
    ).createAlert;
    await publish(created.id, created.version);
    expect(await slugs()).toEqual(["twin-clinic-b", "twin-clinic-a"]);
    dataOf(await t.graphqlAs(sessions.moderator, `mutation ($id: ID!) { archiveAlert(id: $id, expectedVersion: 2) { state } }`, { id: created.id }));
    expect(await slugs()).toEqual(before);
    expect(dataOf(await t.graphql(`{ service(slug: "twin-clinic-a") { closedUntil openNow } }`)).service).toEqual({ closedUntil: null, openNow: true });
  });

  it("closes nothing once the closure's last day is over, and shows nothing about what the public cannot see", async () => {
    const ended = dataOf(
      await create({
        services: ["shelter-a"],
        validFrom: new Date(Date.now() - 5 * 24 * HOUR).toISOString(),
        validUntil: new Date(Date.now() + 24 * HOUR).toISOString(),
        closure: true,
        closedUntil: libyaDate(-1),
        texts: texts("Shelter was closed"),
      }),
    ).createAlert;
    await publish(ended.id, ended.version);
    expect(dataOf(await t.graphql(`{ service(slug: "shelter-a") { closedUntil openNow } }`)).service).toEqual({ closedUntil: null, openNow: true });

    const hidden = dataOf(await create({ services: ["draft-service"], validFrom: new Date(Date.now() - HOUR).toISOString(), texts: texts("About a draft") })).createAlert;
    await publish(hidden.id, hidden.version);
    expect(await alertTitles("activeOnly: true")).not.toContain("About a draft");
    const everyone = dataOf(await create({ validFrom: new Date(Date.now() - HOUR).toISOString(), texts: texts("For everyone") })).createAlert;
    await publish(everyone.id, everyone.version);
    expect(await alertTitles('service: "clinic-a"')).toContain("For everyone");
    expect(dataOf(await t.graphql(`{ alerts(locale: "en") { title { text } concernsEveryone } }`)).alerts).toContainEqual({ title: { text: "For everyone" }, concernsEveryone: true });
  });

  describe("bad input: a localised error on the field, and nothing saved", () => {
    const base = { validFrom: `${libyaDate(0)}T08:00:00+02:00`, texts: texts("Bad alert") };
    const cases: Array<[string, Record<string, unknown>, string, { path: string; message: string }[]]> = [
      ["an end before the start", { validUntil: `${libyaDate(-1)}T08:00:00+02:00` }, "en", [{ path: "validUntil", message: "The alert cannot end before it starts." }]],
      [
        "a closure without a date",
        { closure: true, services: ["clinic-a"] },
        "ar",
        [{ path: "closedUntil", message: "يحتاج الإغلاق إلى آخر يوم تبقى فيه الخدمات مغلقة." }],
      ],
      [
        "a closure of no service",
        { closure: true, closedUntil: libyaDate(2), places: ["sabha"] },
        "fr",
        [{ path: "services", message: "Une fermeture ferme des services\u202f: choisissez au moins un service." }],
      ],
      [
        "a closure that ends before the alert starts",
        { closure: true, closedUntil: libyaDate(-2), services: ["clinic-a"] },
        "en",
        [{ path: "closedUntil", message: `The closure cannot end before the alert starts (${libyaDate(0)}).` }],
      ],
      [
        "an alert that ends before the closure",
        { closure: true, closedUntil: libyaDate(5), validUntil: `${libyaDate(4)}T20:00:00+02:00`, services: ["clinic-a"] },
        "en",
        [{ path: "validUntil", message: `The alert must stay in force until the services reopen: end it on ${libyaDate(5)} or later, or leave its end empty.` }],
      ],
      [
        "a reopening date without a closure",
        { closedUntil: libyaDate(2), services: ["clinic-a"] },
        "en",
        [{ path: "closedUntil", message: "A reopening date only goes with a closure: mark the alert as a closure, or leave the date empty." }],
      ],
      ["the same organization twice", { organizations: ["ngo-a", "ngo-a"] }, "en", [{ path: "organizations.1", message: "This value is given twice." }]],
      [
        "an archived service and unknown slugs",
        { services: ["clinic-a", "old-service"], places: ["atlantis"], organizations: ["no-such-ngo"] },
        "ar",
        [
          { path: "places.0", message: "لا يوجد عنصر من نوع «مكان» يطابق «atlantis»." },
          { path: "organizations.0", message: "لا يوجد عنصر من نوع «منظمة» يطابق «no-such-ngo»." },
          { path: "services.1", message: "«old-service» (خدمة) مؤرشف: استعِده أولًا أو اختر غيره." },
        ],
      ],
    ];
    for (const [what, input, language, fields] of cases) {
      it(`refuses ${what}`, async () => {
        const before = await databaseDigest(t.database.db);
        const answer = await create({ ...base, ...input }, language);
        expect(answer.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
        expect(answer.errors![0]!.extensions!.fields).toEqual(fields);
        expect(await databaseDigest(t.database.db)).toBe(before);
      });
    }

    it("refuses an update to an archived service, keeping the alert as it was", async () => {
      const created = dataOf(await create({ ...base, services: ["clinic-a"], texts: texts("Water cut") })).createAlert;
      const before = await databaseDigest(t.database.db);
      const answer = await t.graphqlAs(
        sessions.moderator,
        `mutation ($id: ID!, $input: AlertInput!) { updateAlert(id: $id, expectedVersion: 1, input: $input) { id } }`,
        { id: created.id, input: { ...base, services: ["old-service"], closure: true, closedUntil: libyaDate(3), texts: texts("Water cut") } },
        { "accept-language": "fr" },
      );
      expect(answer.errors![0]!.extensions!.fields).toEqual([{ path: "services.0", message: "«\u202fold-service\u202f» (service) est aux archives\u202f: restaurez-le d’abord ou faites un autre choix." }]);
      expect(await databaseDigest(t.database.db)).toBe(before);
    });
  });
});
