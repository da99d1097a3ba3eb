import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "@start/db";
import { createPgliteDatabase, createTestDatabase, type TestDatabase, testDriver } from "../support/database.js";
import { describeSchema } from "../support/schema-introspection.js";

describe(`migrations on ${testDriver}`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it("creates every table of the data model", async () => {
    const tables = await queryRows<{ table_name: string }>(
      database.db,
      sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
    );
    expect(tables.map((row) => row.table_name)).toEqual(
      expect.arrayContaining([
        "locales", "places", "place_translations", "place_aliases", "categories", "category_translations",
        "organizations", "organization_translations", "services", "service_translations", "service_categories",
        "locations", "location_translations", "service_at_locations", "phones", "phone_translations",
        "schedules", "schedule_translations", "schedule_periods", "rights_articles", "rights_article_translations",
        "vacancies", "vacancy_translations", "alerts", "alert_translations", "users", "memberships", "sessions",
        "invitations", "audit_entries", "feedback", "rate_limits", "publish_jobs",
      ]),
    );
  });

  it("is idempotent: running the migrator again changes nothing", async () => {
    const before = await describeSchema(database.db);
    await database.migrate();
    expect(await describeSchema(database.db)).toEqual(before);
  });

  it("matches the committed description of the schema (the same file for both drivers)", async () => {
    // The snapshot is shared by the PGlite and the PostgreSQL runs: both must produce it exactly.
    await expect(JSON.stringify(await describeSchema(database.db), null, 2)).toMatchFileSnapshot("./__snapshots__/schema.json");
  });

  // The PostgreSQL run also compares with a PGlite database side by side.
  if (testDriver === "postgres") {
    it("leaves the same schema on PostgreSQL as on PGlite", async () => {
      const pglite = await createPgliteDatabase();
      try {
        expect(await describeSchema(database.db)).toEqual(await describeSchema(pglite.db));
      } finally {
        await pglite.close();
      }
    });
  }
});
