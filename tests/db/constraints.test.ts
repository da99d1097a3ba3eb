import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import {
  contentId,
  locales,
  memberships,
  organizations,
  organizationTranslations,
  phones,
  places,
  schedulePeriods,
  schedules,
  services,
  users,
  vacancies,
} from "@start/db";
import { createTestDatabase, type TestDatabase, testDriver } from "../support/database.js";

/** The PostgreSQL error code (SQLSTATE) of a rejected statement, from either driver. */
async function sqlState(action: Promise<unknown>): Promise<string> {
  try {
    await action;
  } catch (error) {
    let current: unknown = error;
    while (current && typeof current === "object") {
      const code = (current as { code?: unknown }).code;
      if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
      current = (current as { cause?: unknown }).cause;
    }
    throw error;
  }
  throw new Error("the database accepted the statement");
}

const FOREIGN_KEY_VIOLATION = "23503";
const UNIQUE_VIOLATION = "23505";
const CHECK_VIOLATION = "23514";

describe(`the database itself enforces the data rules (${testDriver})`, () => {
  let database: TestDatabase;
  const organizationId = contentId("organization", "constraint-test-org");
  const placeId = contentId("place", "constraint-test-country");

  beforeAll(async () => {
    database = await createTestDatabase();
    const { db } = database;
    await db.insert(organizations).values({ id: organizationId, slug: "constraint-test-org", kind: "national_ngo" });
    await db.insert(places).values({ id: placeId, slug: "constraint-test-country", kind: "country", countryCode: "LY", timeZone: "Africa/Tripoli" });
    await db.insert(services).values({ slug: "existing-service", organizationId });
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it("rejects a service whose organization does not exist", async () => {
    const unknown = contentId("organization", "nobody");
    expect(await sqlState(database.db.insert(services).values({ slug: "orphan-service", organizationId: unknown }))).toBe(FOREIGN_KEY_VIOLATION);
    expect(await database.db.select().from(services).where(eq(services.slug, "orphan-service"))).toHaveLength(0);
  });

  it("rejects a duplicate slug", async () => {
    expect(await sqlState(database.db.insert(services).values({ slug: "existing-service", organizationId }))).toBe(UNIQUE_VIOLATION);
  });

  it("rejects a malformed slug", async () => {
    expect(await sqlState(database.db.insert(services).values({ slug: "Not A Slug", organizationId }))).toBe(CHECK_VIOLATION);
  });

  it.each(["0912345678", "+218 91 234 5678", "+0218912345678", "+2189", "+2189123456789012", "tel:+218912345678"])(
    "rejects the malformed phone number %j",
    async (number) => {
      expect(await sqlState(database.db.insert(phones).values({ organizationId, number }))).toBe(CHECK_VIOLATION);
    },
  );

  it("rejects an age above the rules' maximum (120), and takes 120", async () => {
    expect(await sqlState(database.db.insert(services).values({ slug: "aged-121", organizationId, maximumAge: 121 }))).toBe(CHECK_VIOLATION);
    expect(await sqlState(database.db.insert(services).values({ slug: "aged-min-121", organizationId, minimumAge: 121 }))).toBe(CHECK_VIOLATION);
    await database.db.insert(services).values({ slug: "aged-120", organizationId, minimumAge: 60, maximumAge: 120 });
  });

  it("accepts an E.164 phone number", async () => {
    const [phone] = await database.db.insert(phones).values({ organizationId, number: "+218912345678", type: "whatsapp" }).returning();
    expect(phone?.number).toBe("+218912345678");
  });

  it("rejects a phone that belongs to no one, or to two owners at once", async () => {
    expect(await sqlState(database.db.insert(phones).values({ number: "+218912345678" }))).toBe(CHECK_VIOLATION);
    const [service] = await database.db.select().from(services).where(eq(services.slug, "existing-service"));
    expect(
      await sqlState(database.db.insert(phones).values({ number: "+218912345678", organizationId, serviceId: service!.id })),
    ).toBe(CHECK_VIOLATION);
  });

  it("rejects a vacancy whose deadline precedes its publication", async () => {
    const vacancy = {
      slug: "late-vacancy",
      organizationId,
      sector: "health",
      placeId,
      recruitmentChannel: "labour_office" as const,
      publishedOn: "2026-11-10",
      deadline: "2026-11-09",
    };
    expect(await sqlState(database.db.insert(vacancies).values(vacancy))).toBe(CHECK_VIOLATION);
    const [accepted] = await database.db.insert(vacancies).values({ ...vacancy, deadline: "2026-11-10" }).returning();
    expect(accepted?.deadline).toBe("2026-11-10");
  });

  it("rejects a salary range without a currency, or upside down", async () => {
    const base = { organizationId, sector: "health", placeId, recruitmentChannel: "online" as const, deadline: "2027-01-01" };
    expect(await sqlState(database.db.insert(vacancies).values({ ...base, slug: "no-currency", salaryMin: "100" }))).toBe(CHECK_VIOLATION);
    expect(
      await sqlState(database.db.insert(vacancies).values({ ...base, slug: "upside-down", salaryMin: "900", salaryMax: "100", salaryCurrency: "LYD" })),
    ).toBe(CHECK_VIOLATION);
  });

  it("rejects an opening period that closes before it opens, or on a weekday that does not exist", async () => {
    const [schedule] = await database.db.insert(schedules).values({ serviceId: (await database.db.select().from(services))[0]!.id }).returning();
    expect(await sqlState(database.db.insert(schedulePeriods).values({ scheduleId: schedule!.id, weekday: 1, opensAt: "14:00", closesAt: "09:00" }))).toBe(CHECK_VIOLATION);
    expect(await sqlState(database.db.insert(schedulePeriods).values({ scheduleId: schedule!.id, weekday: 8, opensAt: "09:00", closesAt: "14:00" }))).toBe(CHECK_VIOLATION);
  });

  it("rejects a translation in a locale that is not configured, and a blank name", async () => {
    expect(await sqlState(database.db.insert(organizationTranslations).values({ organizationId, locale: "xx", name: "Name" }))).toBe(FOREIGN_KEY_VIOLATION);
    await database.db.insert(locales).values({ code: "ar", autonym: "العربية", direction: "rtl" });
    expect(await sqlState(database.db.insert(organizationTranslations).values({ organizationId, locale: "ar", name: "   " }))).toBe(CHECK_VIOLATION);
  });

  it("rejects a duplicate e-mail whatever its case, and an org role without an organization", async () => {
    const [user] = await database.db.insert(users).values({ email: "focal.point@example.org", displayName: "Focal point" }).returning();
    expect(await sqlState(database.db.insert(users).values({ email: "Focal.Point@Example.org", displayName: "Twin" }))).toBe(UNIQUE_VIOLATION);
    expect(await sqlState(database.db.insert(memberships).values({ userId: user!.id, role: "org_editor" }))).toBe(CHECK_VIOLATION);
    expect(await sqlState(database.db.insert(memberships).values({ userId: user!.id, role: "admin", organizationId }))).toBe(CHECK_VIOLATION);
    await database.db.insert(memberships).values({ userId: user!.id, role: "admin" });
    expect(await sqlState(database.db.insert(memberships).values({ userId: user!.id, role: "admin" }))).toBe(UNIQUE_VIOLATION);
  });

  it("rejects a place outside the globe or a country with a parent", async () => {
    expect(
      await sqlState(database.db.insert(places).values({ slug: "nowhere", kind: "city", parentId: placeId, countryCode: "LY", timeZone: "Africa/Tripoli", latitude: 95, longitude: 10 })),
    ).toBe(CHECK_VIOLATION);
    expect(
      await sqlState(database.db.insert(places).values({ slug: "nested-country", kind: "country", parentId: placeId, countryCode: "TN", timeZone: "Africa/Tunis" })),
    ).toBe(CHECK_VIOLATION);
  });
});
