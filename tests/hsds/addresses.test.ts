import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { parse } from "csv-parse/sync";
import { queryRows } from "@start/db";
import { hsds } from "@start/api";
import { createTestDatabase, type TestDatabase, testDriver } from "../support/database.js";
import { Fixtures } from "../support/fixtures.js";
import { directoryWorld } from "../support/directory-world.js";
import { expectValid, schemas } from "./support.js";

const readCsv = async (file: string) => parse(await readFile(file, "utf8"), { columns: true }) as Record<string, string>[];
const REQUIRED_ADDRESS_FIELDS = ["id", "address_1", "city", "state_province", "postal_code", "country", "address_type"];

/**
 * Addresses in the HSDS export: only those HSDS accepts (a street, a town, a region, a postcode and
 * a country); the others stay with their location as coordinates, place and profile texts. And the
 * tabular package imports into a brand-new data directory, one with no locales yet.
 */
describe(`HSDS addresses and an import into a new data directory (${testDriver})`, () => {
  let source: TestDatabase;
  let fixtures: Fixtures;
  let work: string;
  let withPostcode: string;
  let withoutPostcode: string;
  const cleanups: TestDatabase[] = [];

  beforeAll(async () => {
    source = await createTestDatabase();
    fixtures = new Fixtures(source.db);
    await directoryWorld(fixtures);
    await fixtures.service({
      slug: "sabha-desk",
      organization: "aid",
      categories: ["health.primary_care"],
      texts: { en: { name: "Sabha help desk" }, ar: { name: "مكتب المساعدة في سبها" } },
      locations: [{ place: "sabha", latitude: 27.04, longitude: 14.43, texts: { en: { address: "Behind the central market" }, ar: { address: "خلف السوق المركزي" } } }],
    });
    // The Tripoli clinic's location has a postcode too: its address is complete.
    const [clinic] = await queryRows<{ id: string }>(
      source.db,
      sql`update locations set postal_code = '22101'
          where id = (select location_id from location_translations where address = 'Omar Al-Mukhtar Street') returning id::text as id`,
    );
    withPostcode = clinic!.id;
    const [desk] = await queryRows<{ id: string }>(source.db, sql`select location_id::text as id from location_translations where address = 'Behind the central market'`);
    withoutPostcode = desk!.id;
    work = await mkdtemp(path.join(tmpdir(), "start-hsds-addresses-"));
    await hsds.exportHsds(source.db, { outDir: work });
  });
  afterAll(async () => {
    await source?.dispose();
    for (const database of cleanups) await database.dispose();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it("writes only addresses with every field HSDS requires, in the tabular package and in JSON", async () => {
    for (const locale of ["ar", "en", "fr"]) {
      const rows = await readCsv(path.join(work, locale, "tabular", "addresses.csv"));
      // An empty cell is a missing value (as Frictionless reads a CSV): a required column must hold one.
      for (const [index, row] of rows.entries()) {
        const present = Object.fromEntries(Object.entries(row).filter(([, value]) => value !== ""));
        expectValid(schemas.tabularRow("address"), present, `${locale} addresses.csv line ${index + 2}`);
        for (const field of REQUIRED_ADDRESS_FIELDS) expect(row[field], `${locale} addresses.csv line ${index + 2}: ${field}`).not.toBe("");
      }
      expect(rows.map((row) => row.location_id)).toEqual([withPostcode]);
      expect(rows[0]).toMatchObject({ city: { ar: "طرابلس", en: "Tripoli", fr: "Tripoli" }[locale], postal_code: "22101", country: "LY" });

      // The location without a complete address keeps its place, coordinates and street address (in the profile's texts).
      const locations = await readCsv(path.join(work, locale, "tabular", "locations.csv"));
      const desk = locations.find((row) => row.id === withoutPostcode)!;
      expect(desk).toMatchObject({ latitude: "27.04", longitude: "14.43", place_id: fixtures.id("place:sabha"), "address@en": "Behind the central market" });

      const services = JSON.parse(await readFile(path.join(work, locale, "json", "services.json"), "utf8")) as any[];
      const addresses = services.flatMap((service) => service.service_at_locations.flatMap((link: any) => link.location.addresses));
      expect(addresses.length).toBeGreaterThan(0);
      for (const address of addresses) for (const field of REQUIRED_ADDRESS_FIELDS) expect(address[field], `${locale} JSON address ${field}`).not.toBe("");
    }
  });

  it("refuses, with one clear message in the reader's language, to import into a brand-new database with no locales yet; imports once they are there", async () => {
    const fresh = await createTestDatabase();
    cleanups.push(fresh);
    const refusal = await hsds.importHsds(fresh.db, { source: path.join(work, "fr", "tabular"), publish: true }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(hsds.HsdsError);
    const messages = Object.fromEntries(["ar", "en", "fr"].map((locale) => [locale, (refusal as InstanceType<typeof hsds.HsdsError>).messageIn(locale)]));
    expect(messages).toEqual({
      ar: "لا توجد في قاعدة البيانات هذه أي لغة بعد، فلا يمكن حفظ أي نص: حمّل محتوى START أولًا (pnpm db:seed، أو شغّل START مرة واحدة)، ثم أعد الاستيراد.",
      en: "This database has no locales yet, so no text could be kept: load START’s content first (pnpm db:seed, or start START once), then import.",
      fr: "Cette base de données n’a encore aucune langue, aucun texte ne pourrait être conservé\u202f: chargez d’abord le contenu de START (pnpm db:seed, ou démarrez START une fois), puis importez.",
    });
    const [written] = await queryRows<{ n: number | string }>(
      fresh.db,
      sql`select (select count(*) from services) + (select count(*) from organizations) + (select count(*) from places) + (select count(*) from audit_entries) as n`,
    );
    expect(Number(written!.n)).toBe(0);

    await new Fixtures(fresh.db).locales();
    const report = await hsds.importHsds(fresh.db, { source: path.join(work, "fr", "tabular"), publish: true });
    expect(report.errors.map((issue) => hsds.describeIssue(issue, "en"))).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.counts.service.created).toBeGreaterThan(3);

    const again = path.join(work, "..", `${path.basename(work)}-again`);
    try {
      await hsds.exportHsds(fresh.db, { outDir: again });
      for (const locale of ["ar", "en", "fr"]) {
        for (const file of ["addresses.csv", "locations.csv", "services.csv", "organizations.csv"]) {
          const [first, second] = await Promise.all([readFile(path.join(work, locale, "tabular", file), "utf8"), readFile(path.join(again, locale, "tabular", file), "utf8")]);
          expect(second, `${locale}/${file}`).toBe(first);
        }
      }
    } finally {
      await rm(again, { recursive: true, force: true });
    }
  });
});
