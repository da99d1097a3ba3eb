import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq, sql } from "drizzle-orm";
import { parse } from "csv-parse/sync";
import { auditEntries, type Database, publishJobs, queryRows, seedFromContent, serviceRevisions, services } from "@start/db";
import { hsds } from "@start/api";
import { createTestDatabase, type TestDatabase, testDriver } from "../support/database.js";
import { Fixtures } from "../support/fixtures.js";
import { expectValid, schemas } from "./support.js";
import { WHOLE_DATASET } from "../support/budgets.js";

/** Every file of an export, by its path inside it (datapackage.json without its creation time). */
async function exportedFiles(folder: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const locale of await readdir(folder)) {
    for (const format of await readdir(path.join(folder, locale))) {
      for (const name of await readdir(path.join(folder, locale, format))) {
        let text = await readFile(path.join(folder, locale, format, name), "utf8");
        if (name === "datapackage.json") text = text.replace(/"created": "[^"]*"/, '"created": "…"');
        files.set(`${locale}/${format}/${name}`, text);
      }
    }
  }
  return files;
}

const readJsonArray = async (file: string) => JSON.parse(await readFile(file, "utf8")) as Record<string, unknown>[];
const readCsv = async (file: string) => parse(await readFile(file, "utf8"), { columns: true }) as Record<string, string>[];

/** A migrated database holding only the platform's locales: an empty directory. */
async function emptyDirectory(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  await new Fixtures(database.db).locales();
  return database;
}

async function countOf(db: Database, table: typeof services | typeof auditEntries | typeof publishJobs): Promise<number> {
  const [row] = await db.select({ n: count() }).from(table);
  return Number(row?.n ?? 0);
}

describe(`HSDS export and import of the shipped directory (${testDriver})`, () => {
  let source: TestDatabase;
  let work: string;
  let firstExport: Map<string, string>;
  const cleanups: TestDatabase[] = [];

  beforeAll(async () => {
    source = await createTestDatabase();
    await seedFromContent(source.db);
    work = await mkdtemp(path.join(tmpdir(), "start-hsds-"));
    const summary = await hsds.exportHsds(source.db, { outDir: path.join(work, "first") });
    expect(summary.counts.services).toBeGreaterThan(50);
    firstExport = await exportedFiles(path.join(work, "first"));
  });
  afterAll(async () => {
    await source?.dispose();
    for (const database of cleanups) await database.dispose();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it("writes JSON and the tabular package for every locale", () => {
    for (const locale of ["ar", "en", "fr"]) {
      for (const name of ["services.json", "organizations.json", "taxonomies.json", "taxonomy_terms.json", "places.json"]) {
        expect(firstExport.has(`${locale}/json/${name}`)).toBe(true);
      }
      for (const name of ["datapackage.json", "services.csv", "organizations.csv", "locations.csv", "service_at_location.csv", "phones.csv", "schedules.csv", "addresses.csv", "taxonomy_terms.csv", "attributes.csv", "places.csv"]) {
        expect(firstExport.has(`${locale}/tabular/${name}`)).toBe(true);
      }
    }
  });

  it("exports only published records, each validating against its HSDS schema", WHOLE_DATASET, async () => {
    let validated = 0;
    for (const locale of ["ar", "en", "fr"]) {
      const folder = path.join(work, "first", locale);
      const services = await readJsonArray(path.join(folder, "json", "services.json"));
      const [row] = await queryRows<{ published: number }>(
        source.db,
        sql`select count(*)::int as published from services s join organizations o on o.id = s.organization_id
            where s.state = 'published' and s.archived_at is null and s.status <> 'defunct' and o.state = 'published' and o.archived_at is null`,
      );
      expect(services).toHaveLength(Number(row?.published));
      for (const service of services) {
        expectValid(schemas.service(), service, `${locale} service ${String(service.slug)}`);
        expectValid(schemas.profiled("service"), service, `${locale} service ${String(service.slug)} (profile)`);
      }
      for (const organization of await readJsonArray(path.join(folder, "json", "organizations.json"))) {
        expectValid(schemas.organization(), organization, `${locale} organization`);
        expectValid(schemas.profiled("organization"), organization, `${locale} organization (profile)`);
        validated++;
      }
      for (const term of await readJsonArray(path.join(folder, "json", "taxonomy_terms.json"))) expectValid(schemas.taxonomyTerm(), term, "term");
      for (const taxonomy of await readJsonArray(path.join(folder, "json", "taxonomies.json"))) expectValid(schemas.taxonomy(), taxonomy, "taxonomy");
      for (const place of await readJsonArray(path.join(folder, "json", "places.json"))) expectValid(schemas.profiledPlace(), place, "place");
      validated += services.length;

      // Every CSV row, typed as its table's schema says, against the HSDS tabular schema.
      const descriptor = JSON.parse(await readFile(path.join(folder, "tabular", "datapackage.json"), "utf8"));
      expect(descriptor.profile).toBe("tabular-data-package");
      for (const resource of descriptor.resources) {
        const rows = await readCsv(path.join(folder, "tabular", resource.path));
        const header = Object.keys(rows[0] ?? {});
        if (rows.length) expect(header).toEqual(resource.schema.fields.map((field: { name: string }) => field.name));
        const fields = new Map<string, { type: string; constraints?: { required?: boolean } }>(
          resource.schema.fields.map((field: { name: string }) => [field.name, field]),
        );
        for (const [index, row] of rows.entries()) {
          // An empty cell is a missing value, except for a required text (HSDS requires a postcode, "" where there is none).
          const typed = Object.fromEntries(
            Object.entries(row)
              .filter(([column, value]) => !column.includes("@") && (value !== "" || (fields.get(column)?.constraints?.required && fields.get(column)?.type === "string")))
              .map(([column, value]) => {
                const type = fields.get(column)?.type;
                return [column, type === "number" ? Number(value) : type === "boolean" ? value === "true" : value];
              }),
          );
          if (resource.name !== "place") expectValid(schemas.tabularRow(resource.name), typed, `${locale} ${resource.path} line ${index + 2}`);
          validated++;
        }
      }
    }
    console.info(`HSDS export: ${validated} records and rows validated against the HSDS schemas`);
  });

  it("carries each source's own date (published) beside the date it was read, in JSON and in the tabular package", async () => {
    type Source = { title: string; url?: string; published?: string; accessed?: string };
    const rows = await queryRows<{ id: string; sources: Source[] }>(source.db, sql`select id, sources from services where state = 'published'`);
    const stored = new Map(rows.map((row) => [row.id, row.sources]));
    const folder = path.join(work, "first", "en");
    const inJson = new Map((await readJsonArray(path.join(folder, "json", "services.json"))).map((service) => [service.id as string, (service.sources ?? []) as Source[]]));
    const inCsv = new Map((await readCsv(path.join(folder, "tabular", "services.csv"))).map((service) => [service.id!, (service.sources ? JSON.parse(service.sources) : []) as Source[]]));
    const dated = [...stored].filter(([id, sources]) => inJson.has(id) && sources.some((item) => item.published && item.accessed));
    expect(dated.length).toBeGreaterThan(5);
    for (const [id, sources] of dated) {
      expect(inJson.get(id), `${id} in services.json`).toEqual(sources);
      expect(inCsv.get(id), `${id} in services.csv`).toEqual(sources);
    }
  });

  it("imports its own export into an empty database (JSON and CSV alike), and exports the same data again", WHOLE_DATASET, async () => {
    for (const [label, folder] of [
      ["ar JSON", path.join(work, "first", "ar", "json")],
      ["fr tabular", path.join(work, "first", "fr", "tabular")],
    ] as const) {
      const empty = await emptyDirectory();
      cleanups.push(empty);
      const report = await hsds.importHsds(empty.db, { source: folder, publish: true });
      expect(report.errors, label).toEqual([]);
      expect(report.ok).toBe(true);
      expect(report.counts.service.created).toBeGreaterThan(50);
      expect(report.counts.service.changed + report.counts.service.unchanged).toBe(0);
      expect(report.publishQueued).toBe(true);
      const second = path.join(work, `second-${label.replace(" ", "-")}`);
      await hsds.exportHsds(empty.db, { outDir: second });
      const secondExport = await exportedFiles(second);
      expect([...secondExport.keys()].sort()).toEqual([...firstExport.keys()].sort());
      for (const [file, text] of firstExport) expect(secondExport.get(file), `${label}: ${file}`).toBe(text);
    }
  });

  it("changes nothing when the same data is imported again (identifiers are kept)", WHOLE_DATASET, async () => {
    const before = { audit: await countOf(source.db, auditEntries), jobs: await countOf(source.db, publishJobs) };
    for (const folder of ["ar/json", "en/tabular"]) {
      const report = await hsds.importHsds(source.db, { source: path.join(work, "first", folder) });
      expect(report.ok).toBe(true);
      for (const kind of ["place", "taxonomy_term", "organization", "location", "service"] as const) {
        expect(report.counts[kind].created + report.counts[kind].changed, `${folder}: ${kind}`).toBe(0);
      }
      expect(report.counts.service.unchanged).toBeGreaterThan(50);
      expect(report.publishQueued).toBe(false);
    }
    expect(await countOf(source.db, auditEntries)).toBe(before.audit);
    expect(await countOf(source.db, publishJobs)).toBe(before.jobs);
  });

  it("writes what changed, with an audit entry and a portal rebuild, when an export is edited", WHOLE_DATASET, async () => {
    const folder = path.join(work, "first", "en", "json");
    const exported = await readJsonArray(path.join(folder, "services.json"));
    const edited = structuredClone(exported[0]!) as any;
    edited.translations.en.description = "Edited by a partner in an HSDS file.";
    edited.phones = [];
    const file = path.join(work, "edited.json");
    await import("node:fs/promises").then((fs) => fs.writeFile(file, JSON.stringify([edited])));
    // An editor has changes pending on it: the import says that publishing them would undo its own.
    await source.db.insert(serviceRevisions).values({ serviceId: edited.id, status: "in_review", proposed: {} });
    const report = await hsds.importHsds(source.db, { source: file });
    expect(report.ok).toBe(true);
    expect(report.counts.service).toEqual({ created: 0, changed: 1, unchanged: 0 });
    expect(report.warnings.map((warning) => hsds.describeIssue(warning, "en"))).toContainEqual(
      expect.stringContaining(`The service “${edited.id}” has changes waiting in the editor`),
    );
    expect(report.changes).toEqual([expect.objectContaining({ kind: "service", id: edited.id, action: "changed" })]);
    expect(report.publishQueued).toBe(true);
    const [row] = await source.db.query.services.findMany({ where: eq(services.id, edited.id), with: { translations: true, phones: true } });
    expect(row!.translations.find((t) => t.locale === "en")?.description).toBe("Edited by a partner in an HSDS file.");
    expect(row!.phones).toEqual([]);
    expect(row!.state).toBe("published"); // an existing record keeps its state
    expect(row!.version).toBeGreaterThan(1);
    const [entry] = await source.db.select().from(auditEntries).where(eq(auditEntries.entityId, edited.id));
    expect(entry).toMatchObject({ action: "hsds_import.update", entityType: "service", actorUserId: null });
    expect((entry!.after as any).translations.en.description).toBe("Edited by a partner in an HSDS file.");
  });
});
