import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { count, eq, sql } from "drizzle-orm";
import { auditEntries, organizations, publishJobs, queryRows, services } from "@start/db";
import { hsds } from "@start/api";
import { createTestDatabase, type TestDatabase, testDriver } from "../support/database.js";
import { Fixtures } from "../support/fixtures.js";

const ORG = "0b7c6a3e-1d2f-4e5a-8b9c-0d1e2f3a4b5c";
const id = (n: number) => `5e0c0000-0000-4000-8000-${String(n).padStart(12, "0")}`;

const ORGANIZATIONS_CSV = `id,name,description,kind\n${ORG},Sahara Relief,Food and shelter in the south,national_ngo\n`;

function servicesCsv(rows: string[]): string {
  return ["id,organization_id,name,description,status,minimum_age,email", ...rows].join("\n") + "\n";
}
const goodService = (n: number, name = `Service ${n}`) => `${id(n)},${ORG},${name},Help number ${n},active,,s${n}@example.org`;

describe(`importing HSDS data (${testDriver})`, () => {
  let database: TestDatabase;
  let fixtures: Fixtures;
  let work: string;
  let folderCount = 0;

  /** Writes files into a new folder and returns it. */
  async function folder(files: Record<string, string | Buffer>): Promise<string> {
    const dir = path.join(work, `import-${++folderCount}`);
    await mkdir(dir, { recursive: true });
    for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
    return dir;
  }

  const countOf = async (table: typeof services | typeof organizations | typeof auditEntries | typeof publishJobs) =>
    Number((await database.db.select({ n: count() }).from(table))[0]?.n ?? 0);

  beforeAll(async () => {
    database = await createTestDatabase();
    fixtures = new Fixtures(database.db);
    await fixtures.world();
    work = await mkdtemp(path.join(tmpdir(), "start-hsds-import-"));
  });
  afterAll(async () => {
    await database?.dispose();
    if (work) await rm(work, { recursive: true, force: true });
  });

  describe("a file with a bad row", () => {
    let source: string;
    beforeAll(async () => {
      source = await folder({
        "organizations.csv": ORGANIZATIONS_CSV,
        "services.csv": servicesCsv([goodService(1), goodService(2), `${id(3)},${ORG},Clinic,Care,active,twelve,c@example.org`, goodService(4), `${id(5)},${ORG},Desk,Help,open,,not-an-email`]),
        "phones.csv": `id,service_id,number,type\n${id(101)},${id(1)},+218 91 234 5678,voice\n${id(102)},${id(2)},call us,voice\n`,
      });
    });

    it("writes nothing, and reports each bad row's file, line and field", async () => {
      const before = { services: await countOf(services), organizations: await countOf(organizations), audit: await countOf(auditEntries), jobs: await countOf(publishJobs) };
      const report = await hsds.importHsds(database.db, { source, publish: true });
      expect(report.ok).toBe(false);
      // In reading order: the tables parents first, each row's fields in the schema's order.
      expect(report.errors.map((issue) => [issue.origin?.file, issue.origin?.line, issue.field])).toEqual([
        ["services.csv", 4, "minimum_age"],
        ["services.csv", 6, "email"],
        ["services.csv", 6, "status"],
        ["phones.csv", 3, "number"],
      ]);
      expect(report.changes).toEqual([]);
      expect(report.publishQueued).toBe(false);
      // Not even the good rows, nor the organization: all or nothing.
      expect({ services: await countOf(services), organizations: await countOf(organizations), audit: await countOf(auditEntries), jobs: await countOf(publishJobs) }).toEqual(before);
    });

    it("says so in the reader's language", async () => {
      const report = await hsds.importHsds(database.db, { source, dryRun: true });
      const [age, , status, phone] = report.errors;
      expect(hsds.describeIssue(age!, "en")).toBe("services.csv, line 4, field “minimum_age”: “minimum_age” must be a number.");
      expect(hsds.describeIssue(age!, "fr")).toBe("services.csv, ligne 4, champ «\u202fminimum_age\u202f»\u202f: «\u202fminimum_age\u202f» doit être un nombre.");
      expect(hsds.describeIssue(age!, "ar")).toBe("services.csv، السطر 4، الحقل «minimum_age»: يجب أن تكون قيمة «minimum_age» رقمًا.");
      expect(hsds.describeIssue(status!, "en")).toContain("must be one of: active, inactive, defunct, temporarily closed");
      expect(hsds.describeIssue(phone!, "fr")).toBe(
        "phones.csv, ligne 3, champ «\u202fnumber\u202f»\u202f: «\u202fcall us\u202f» n’est pas un numéro de téléphone que START sait lire\u202f: écrivez-le au format international, par exemple +218 91 234 5678.",
      );
      const text = hsds.formatImportReport(report, "ar");
      expect(text).toContain("لم يُستورد شيء: يجب أولًا إصلاح المشكلات المذكورة (عددها 4).");
      expect(text).toContain("services.csv، السطر 6");
    });

    it("refuses what START's rules refuse everywhere (@start/db/rules): an age above 120, an e-mail address too long to be one, a number no line has", async () => {
      const longEmail = `${"a".repeat(64)}@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(63)}.org`;
      const report = await hsds.importHsds(database.db, {
        dryRun: true,
        source: await folder({
          "organizations.csv": ORGANIZATIONS_CSV,
          "services.csv": servicesCsv([`${id(1)},${ORG},Clinic,Care,active,130,c@example.org`, `${id(2)},${ORG},Desk,Help,active,,${longEmail}`, goodService(3)]),
          "phones.csv": `id,service_id,number,type\n${id(101)},${id(3)},+218 99 999 9999,voice\n`,
        }),
      });
      expect(report.errors.map((issue) => [issue.origin?.file, issue.origin?.line, issue.field])).toEqual([
        ["services.csv", 2, "minimum_age"],
        ["services.csv", 3, "email"],
        ["phones.csv", 2, "number"],
      ]);
      const [age, email, phone] = report.errors;
      expect(hsds.describeIssue(age!, "en")).toBe("services.csv, line 2, field “minimum_age”: “minimum_age” must be between 0 and 120.");
      expect(hsds.describeIssue(age!, "fr")).toBe("services.csv, ligne 2, champ «\u202fminimum_age\u202f»\u202f: «\u202fminimum_age\u202f» doit être compris entre 0 et 120.");
      expect(hsds.describeIssue(age!, "ar")).toBe("services.csv، السطر 2، الحقل «minimum_age»: يجب أن تكون قيمة «minimum_age» بين 0 و120.");
      expect(hsds.describeIssue(email!, "en")).toBe(`services.csv, line 3, field “email”: “${longEmail}” is not an e-mail address (such as name@example.org).`);
      expect(hsds.describeIssue(email!, "fr")).toBe(`services.csv, ligne 3, champ «\u202femail\u202f»\u202f: «\u202f${longEmail}\u202f» n’est pas une adresse e-mail (par exemple name@example.org).`);
      expect(hsds.describeIssue(email!, "ar")).toBe(`services.csv، السطر 3، الحقل «email»: «${longEmail}» ليس عنوان بريد إلكتروني (مثل name@example.org).`);
      expect(hsds.describeIssue(phone!, "en")).toContain("“+218 99 999 9999” is not a phone number START can read");
    });

    it("reports a reference to a record that exists nowhere, and still writes nothing", async () => {
      const missing = "99999999-9999-4999-8999-999999999999";
      const report = await hsds.importHsds(database.db, {
        source: await folder({ "organizations.csv": ORGANIZATIONS_CSV, "services.csv": servicesCsv([goodService(1), `${id(2)},${missing},Lost,Nobody's,active,,`]) }),
      });
      expect(report.ok).toBe(false);
      expect(report.errors).toEqual([expect.objectContaining({ origin: { file: "services.csv", line: 3 }, field: "organization_id" })]);
      expect(hsds.describeIssue(report.errors[0]!, "en")).toContain(`“${missing}” matches no organization in this import or in START`);
      expect(await countOf(organizations)).toBe(0);
    });

    it("reports a JSON record by its pointer", async () => {
      const document = [
        { id: id(1), organization_id: ORG, name: "One", status: "active" },
        { id: id(2), organization_id: ORG, name: "Two", status: "active", phones: [{ id: id(201), number: "0" }] },
      ];
      const report = await hsds.importHsds(database.db, { source: await folder({ "services.json": JSON.stringify(document), "organizations.json": JSON.stringify([{ id: ORG, name: "Org", description: "" }]) }) });
      expect(report.errors).toEqual([expect.objectContaining({ origin: { file: "services.json", pointer: "/1/phones/0" }, field: "number" })]);
      expect(hsds.describeIssue(report.errors[0]!, "en")).toMatch(/^services\.json, at \/1\/phones\/0, field “number”: “0” is not a phone number/);
    });

    it("refuses a file that is not UTF-8, CSV it cannot read, JSON that is not JSON, and files it does not know", async () => {
      const latin1 = Buffer.from(`id,organization_id,name,status\n${id(1)},${ORG},Caf\xe9 solidaire,active\n`, "latin1");
      const report = await hsds.importHsds(database.db, {
        source: await folder({ "organizations.csv": ORGANIZATIONS_CSV, "services.csv": latin1, "contacts list.csv": "a,b\n1,2\n", "extra.json": "[{\"id\": " }),
      });
      const described = report.errors.map((issue) => hsds.describeIssue(issue, "en"));
      expect(described).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^contacts list\.csv: “contacts list\.csv” is not a table of the HSDS tabular package/),
          expect.stringMatching(/^services\.csv: The file is not in UTF-8/),
          expect.stringMatching(/^extra\.json.*This is not valid JSON/),
        ]),
      );
      const quotes = await hsds.importHsds(database.db, {
        source: await folder({ "organizations.csv": `id,name,description\n${ORG},"Unclosed,quote\n` }),
      });
      expect(quotes.errors).toEqual([expect.objectContaining({ origin: expect.objectContaining({ file: "organizations.csv" }), message: expect.objectContaining({ key: "invalidCsv" }) })]);
    });
  });

  describe("a good import", () => {
    let source: string;
    beforeEach(async () => {
      for (const table of ["service_at_locations", "phones", "schedules", "services", "locations", "organizations", "audit_entries", "publish_jobs"]) {
        await database.db.execute(sql.raw(`delete from ${table}`));
      }
    });
    beforeAll(async () => {
      // Written the way spreadsheets save CSV: a byte-order mark, semicolons, Arabic text.
      source = await folder({
        "organizations.csv": `\uFEFFid;name;description\n${ORG};جمعية الإغاثة الصحراوية;غذاء ومأوى في الجنوب\n`,
        "services.csv": `\uFEFFid;organization_id;name;status;minimum_age\n${id(1)};${ORG};عيادة سبها;active;5\n${id(2)};${ORG};مكتب المساعدة القانونية;temporarily closed;\n`,
        "locations.csv": `id;organization_id;location_type;latitude;longitude\n${id(301)};${ORG};physical;27.03;14.43\n`,
        "addresses.csv": `id;location_id;address_1;city;state_province;postal_code;country;address_type\n${id(401)};${id(301)};شارع الجمهورية;Sebha;;;LY;physical\n`,
        "service_at_location.csv": `id;service_id;location_id\n${id(501)};${id(1)};${id(301)}\n`,
        "schedules.csv": `id;service_at_location_id;freq;byday;opens_at;closes_at\n${id(601)};${id(501)};WEEKLY;SA,SU,MO;20:00;06:00\n`,
        "attributes.csv": `id;link_id;link_entity;taxonomy_term_id\n${id(701)};${id(1)};service;${fixtures.id("category:health.primary_care")}\n`,
      });
    });

    it("takes a source's own date (published) beside the day it was read, and refuses a source dated after it was read", async () => {
      const dated = { title: "Sahara Relief — annual report", url: "https://sahara-relief.example.org/report", published: "2025-03-12", accessed: "2025-04-01" };
      const organization = [{ id: ORG, name: "Sahara Relief", description: "Food and shelter", sources: [dated] }];
      const service = (sources: unknown[]) => [{ id: id(1), organization_id: ORG, name: "Food baskets", status: "active", sources }];
      const bad = await hsds.importHsds(database.db, {
        source: await folder({ "organizations.json": JSON.stringify(organization), "services.json": JSON.stringify(service([dated, { ...dated, published: "2025-05-02" }])) }),
        dryRun: true,
      });
      expect(bad.errors).toEqual([expect.objectContaining({ origin: { file: "services.json", pointer: "/0" }, field: "sources" })]);
      expect(hsds.describeIssue(bad.errors[0]!, "en")).toBe("services.json, at /0, field “sources”: Source 2 is dated 2025-05-02, after the day it was read (2025-04-01).");
      expect(hsds.describeIssue(bad.errors[0]!, "fr")).toContain("La source 2 est datée du 2025-05-02, après le jour où elle a été consultée (2025-04-01).");
      expect(hsds.describeIssue(bad.errors[0]!, "ar")).toContain("المصدر 2 مؤرَّخ في 2025-05-02، أي بعد يوم الاطلاع عليه (2025-04-01).");

      const good = await hsds.importHsds(database.db, {
        source: await folder({ "organizations.json": JSON.stringify(organization), "services.json": JSON.stringify(service([dated])) }),
      });
      expect(good.errors).toEqual([]);
      const [stored] = await database.db.select({ sources: services.sources }).from(services).where(eq(services.id, id(1)));
      expect(stored!.sources).toEqual([dated]);
      const [owner] = await database.db.select({ sources: organizations.sources }).from(organizations).where(eq(organizations.id, ORG));
      expect(owner!.sources).toEqual([dated]);
    });

    it("reports in a dry run what it would create, and writes nothing", async () => {
      const report = await hsds.importHsds(database.db, { source, dryRun: true });
      expect(report.errors).toEqual([]);
      expect(report).toMatchObject({ ok: true, dryRun: true, publishQueued: false });
      expect(report.counts.service).toEqual({ created: 2, changed: 0, unchanged: 0 });
      expect(report.counts.organization).toEqual({ created: 1, changed: 0, unchanged: 0 });
      expect(report.counts.location).toEqual({ created: 1, changed: 0, unchanged: 0 });
      expect(report.changes.map((change) => change.name).sort()).toEqual(["Sebha", "جمعية الإغاثة الصحراوية", "عيادة سبها", "مكتب المساعدة القانونية"].sort());
      expect(hsds.formatImportReport(report, "fr", { listRecords: true })).toContain("Essai à blanc\u202f: rien n’a été écrit.");
      expect(await countOf(services)).toBe(0);
      expect(await countOf(auditEntries)).toBe(0);
    });

    it("creates drafts for review, with an audit entry each, and no rebuild of the public site", async () => {
      const report = await hsds.importHsds(database.db, { source });
      expect(report.ok).toBe(true);
      expect(report.publishQueued).toBe(false);
      const rows = await database.db.query.services.findMany({ with: { translations: true, categories: true } });
      expect(rows.map((row) => row.state)).toEqual(["draft", "draft"]);
      const clinic = rows.find((row) => row.id === id(1))!;
      // Arabic script: the texts are Arabic; the slug falls back to the id when the name has no Latin letters.
      expect(clinic.translations).toEqual([expect.objectContaining({ locale: "ar", name: "عيادة سبها" })]);
      expect(clinic.slug).toBe(`service-${id(1).slice(0, 8)}`);
      expect(clinic.categories.map((link) => link.categoryId)).toEqual([fixtures.id("category:health.primary_care")]);
      const entries = await database.db.select().from(auditEntries);
      expect(entries).toHaveLength(4);
      expect(new Set(entries.map((entry) => entry.actorUserId))).toEqual(new Set([null]));
      expect(new Set(entries.map((entry) => entry.action))).toEqual(new Set(["hsds_import.create"]));
    });

    it("places a location by its town (an alias will do) and splits hours that run past midnight", async () => {
      await hsds.importHsds(database.db, { source });
      const [location] = await database.db.query.locations.findMany({ with: { translations: true } });
      expect(location!.placeId).toBe(fixtures.id("place:sabha"));
      expect(location!.translations).toEqual([expect.objectContaining({ locale: "ar", address: "شارع الجمهورية" })]);
      const periods = await queryRows<{ weekday: number; opens_at: string; closes_at: string }>(
        database.db,
        sql`select weekday, opens_at::text, closes_at::text from schedule_periods order by weekday, opens_at`,
      );
      expect(periods.map((p) => [p.weekday, p.opens_at, p.closes_at])).toEqual([
        [1, "00:00:00", "06:00:00"], // Sunday night into Monday
        [1, "20:00:00", "24:00:00"],
        [2, "00:00:00", "06:00:00"],
        [6, "20:00:00", "24:00:00"],
        [7, "00:00:00", "06:00:00"],
        [7, "20:00:00", "24:00:00"],
      ]);
    });

    it("publishes when asked, and then queues a rebuild of the public site", async () => {
      const report = await hsds.importHsds(database.db, { source, publish: true });
      expect(report.publishQueued).toBe(true);
      const rows = await database.db.select().from(services);
      expect(rows.map((row) => row.state)).toEqual(["published", "published"]);
      expect(rows.every((row) => row.publishedAt !== null)).toBe(true);
      const [organization] = await database.db.select().from(organizations);
      expect(organization!.state).toBe("published");
      expect(await countOf(publishJobs)).toBe(1);
      const again = await hsds.importHsds(database.db, { source, publish: true });
      expect(again.counts.service).toEqual({ created: 0, changed: 0, unchanged: 2 });
      expect(again.publishQueued).toBe(false);
      expect(await countOf(publishJobs)).toBe(1);
    });

    it("reads texts given without a locale in the locale it is told", async () => {
      const french = await folder({
        "organizations.csv": `id,name,description\n${ORG},Secours du Sud,Aide alimentaire\n`,
        "services.csv": servicesCsv([goodService(9, "Épicerie solidaire")]),
      });
      const report = await hsds.importHsds(database.db, { source: french, textLocale: "fr" });
      expect(report.ok).toBe(true);
      const [service] = await database.db.query.services.findMany({ where: eq(services.id, id(9)), with: { translations: true } });
      expect(service!.translations).toEqual([expect.objectContaining({ locale: "fr", name: "Épicerie solidaire" })]);
      expect(service!.slug).toBe("epicerie-solidaire");
      await expect(hsds.importHsds(database.db, { source: french, textLocale: "de" })).rejects.toThrow(/does not publish in “de”/);
    });
  });
});
