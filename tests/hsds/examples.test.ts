import { readdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { locations, organizations, phones, places, services } from "@start/db";
import { hsds } from "@start/api";
import { createTestDatabase, type TestDatabase, testDriver } from "../support/database.js";
import { Fixtures } from "../support/fixtures.js";
import { exampleFile, SHARED_HSDS } from "./support.js";

const SERVICE = "ac148810-d857-441c-9679-408f346de14b";
const ORGANIZATION = "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610";
const LOCATION = "3a19ff88-4620-4d17-9830-ac1d859eb5d5";
const TERM = "3f7b145d-84af-42d7-8fae-eaca714b02b2";

describe(`the HSDS specification's own examples import cleanly (${testDriver})`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    await new Fixtures(database.db).locales();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  const examples = readdirSync(`${SHARED_HSDS}examples`).filter((name) => name.endsWith(".json")).sort();

  it("finds the examples", () => {
    expect(examples).toEqual(expect.arrayContaining(["service_full.json", "organization_full.json", "tabular.json", "service_at_location_full.json"]));
  });

  it.each(examples)("%s: imports without a single error (what START does not keep is reported)", async (name) => {
    const dryRun = await hsds.importHsds(database.db, { source: exampleFile(name), dryRun: true });
    expect(dryRun.errors).toEqual([]);
    const report = await hsds.importHsds(database.db, { source: exampleFile(name) });
    expect(report.errors).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.counts).toEqual(dryRun.counts);
  });

  it("keeps the records and their identifiers: the service, its organization, location, term, phones and hours", async () => {
    await hsds.importHsds(database.db, { source: exampleFile("service_full.json") });
    const [service] = await database.db.query.services.findMany({
      where: eq(services.id, SERVICE),
      with: {
        translations: true,
        categories: true,
        phones: true,
        schedules: { with: { periods: true } },
        serviceAtLocations: { with: { schedules: { with: { periods: true } }, phones: true } },
      },
    });
    expect(service).toMatchObject({
      organizationId: ORGANIZATION,
      status: "active",
      state: "draft", // imported services wait for review
      url: "http://example.com/counselling",
      email: "email@example.com",
      minimumAge: 12,
      maximumAge: 100,
      cost: "paid", // a cost option of 35
      languages: ["ur"],
    });
    expect(service!.verifiedAt?.toISOString()).toBe("2005-01-01T00:00:00.000Z");
    const english = service!.translations.find((t) => t.locale === "en")!;
    expect(english.name).toBe("Community Counselling");
    expect(english.requiredDocuments[0]).toMatch(/^Any official identification document/);
    expect(service!.categories.map((link) => link.categoryId)).toEqual([TERM]);
    // The phone number, written "+44 1234 234567" in quotes, is stored in E.164.
    expect(service!.phones.map((phone) => phone.number)).toEqual(["+441234234567"]);
    // Thursdays and Fridays, 10:00 to 18:00.
    expect(service!.schedules[0]!.periods.map((p) => [p.weekday, p.opensAt, p.closesAt]).sort()).toEqual([
      [4, "10:00:00", "18:00:00"],
      [5, "10:00:00", "18:00:00"],
    ]);
    const [link] = service!.serviceAtLocations;
    expect(link!.locationId).toBe(LOCATION);
    // One phone id listed under the service, the link, the location and the organization: each keeps
    // a copy, one of them under the original id.
    expect(link!.phones).toHaveLength(1);
    const copies = await database.db.select().from(phones).where(eq(phones.number, "+441234234567"));
    expect(copies).toHaveLength(4);
    expect(new Set(copies.map((phone) => phone.id)).size).toBe(4);
    expect(copies.map((phone) => phone.id)).toContain("1554f2e2-a373-45db-a3fa-9fc48a61c15e");
    expect(copies.map((phone) => phone.serviceId ?? phone.serviceAtLocationId ?? phone.locationId ?? phone.organizationId).sort()).toEqual(
      [SERVICE, link!.id, LOCATION, ORGANIZATION].sort(),
    );

    const [location] = await database.db.select().from(locations).where(eq(locations.id, LOCATION));
    const [country] = await database.db.select().from(places).where(eq(places.id, location!.placeId));
    expect(country).toMatchObject({ kind: "country", countryCode: "US" }); // MyCity is unknown; the country was created
    expect(location!.latitude).toBeNull(); // 100 is not a latitude
    const [organization] = await database.db.select().from(organizations).where(eq(organizations.id, ORGANIZATION));
    expect(organization).toMatchObject({ kind: "national_ngo", website: "http://example.com", logo: null });
  });

  it("changes nothing when an example is imported again", async () => {
    for (const name of ["service_full.json", "tabular.json"]) {
      await hsds.importHsds(database.db, { source: exampleFile(name) });
      const again = await hsds.importHsds(database.db, { source: exampleFile(name) });
      for (const counts of Object.values(again.counts)) expect(counts.created + counts.changed, name).toBe(0);
    }
  });
});
