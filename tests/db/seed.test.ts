import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, getTableName, sql } from "drizzle-orm";
import { type PgTable } from "drizzle-orm/pg-core";
import {
  contentId,
  type Database,
  loadContent,
  queryRows,
  schema,
  seedDatabase,
  seedFromContent,
  services,
  serviceTranslations,
} from "@start/db";
import { createTestDatabase, type TestDatabase, testDriver } from "../support/database.js";
import { WHOLE_DATASET } from "../support/budgets.js";

/** Every row of every table, as JSON text, in a stable order. */
async function dumpAll(db: Database): Promise<Record<string, string[]>> {
  const dump: Record<string, string[]> = {};
  for (const value of Object.values(schema)) {
    if (!value || typeof value !== "object" || !(Symbol.for("drizzle:IsDrizzleTable") in value)) continue;
    const name = getTableName(value as PgTable);
    const rows = await queryRows<{ row: string }>(db, sql`select row_to_json(t)::text as row from ${sql.identifier(name)} t`);
    dump[name] = rows.map((r) => r.row).sort();
  }
  return dump;
}

describe(`db:seed on ${testDriver}`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it("loads what content/ holds", WHOLE_DATASET, async () => {
    const bundle = loadContent();
    const report = await seedFromContent(database.db);
    expect(report.services?.inserted).toBe(bundle.directory.flatMap((file) => file.entry.services).length);
    expect(await database.db.$count(schema.rightsArticles)).toBe(bundle.rights.length);
    expect(await database.db.$count(schema.places)).toBe(bundle.places.length);
  });

  it("is idempotent: a second run writes nothing", WHOLE_DATASET, async () => {
    const before = await dumpAll(database.db);
    const report = await seedFromContent(database.db);
    for (const [table, counts] of Object.entries(report)) {
      expect({ table, inserted: counts.inserted, updated: counts.updated, deleted: counts.deleted }).toEqual({
        table,
        inserted: 0,
        updated: 0,
        deleted: 0,
      });
    }
    expect(await dumpAll(database.db)).toEqual(before);
  });

  it("applies a change made in content/, and only that change", WHOLE_DATASET, async () => {
    const bundle = loadContent();
    const service = bundle.directory[0]!.entry.services[0]!;
    const changed = structuredClone(bundle);
    changed.directory[0]!.entry.services[0]!.name = { ...service.name, en: `${service.name.en} (renamed)` };
    const report = await seedDatabase(database.db, changed);
    expect(report.service_translations).toMatchObject({ updated: 1, inserted: 0, deleted: 0 });
    expect(report.services).toMatchObject({ updated: 0, inserted: 0 });
    const [row] = await database.db
      .select({ name: serviceTranslations.name })
      .from(serviceTranslations)
      .where(sql`${serviceTranslations.serviceId} = ${contentId("service", service.slug)} and ${serviceTranslations.locale} = 'en'`);
    expect(row?.name).toBe(`${service.name.en} (renamed)`);
    await seedDatabase(database.db, bundle);
  });

  it("leaves a record that was edited in the editor (version > 1) alone", WHOLE_DATASET, async () => {
    const bundle = loadContent();
    const service = bundle.directory[0]!.entry.services[0]!;
    const id = contentId("service", service.slug);
    await database.db.update(services).set({ email: "edited@example.org", version: 2 }).where(eq(services.id, id));
    const changed = structuredClone(bundle);
    changed.directory[0]!.entry.services[0]!.email = "content@example.org";
    await seedDatabase(database.db, changed);
    const [row] = await database.db.select({ email: services.email, version: services.version }).from(services).where(eq(services.id, id));
    expect(row).toEqual({ email: "edited@example.org", version: 2 });
  });

  it("writes nothing when content/ is inconsistent", WHOLE_DATASET, async () => {
    const bundle = loadContent();
    const broken = structuredClone(bundle);
    // A place rename that would be written first, then a new service the database must refuse.
    broken.places[0]!.entry.name = { ...broken.places[0]!.entry.name, en: "Renamed before the failure" };
    const service = structuredClone(broken.directory[0]!.entry.services[0]!);
    broken.directory[0]!.entry.services.push({ ...service, slug: "brand-new-service", categories: ["no-such-category"] });
    const before = await dumpAll(database.db);
    await expect(seedDatabase(database.db, broken)).rejects.toThrow();
    expect(await dumpAll(database.db)).toEqual(before);
  });
});
