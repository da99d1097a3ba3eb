import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { type SQL, sql } from "drizzle-orm";
import { type Executor, queryRows } from "@start/db";
import { encodeCsvRow, csvColumns } from "../csv-columns.js";
import { flatten, type FlatRow } from "../flatten.js";
import { HsdsError } from "../errors.js";
import { enabledLocales, localeChain } from "../locale.js";
import { DirectoryReader, type PlaceAggregate } from "../reader.js";
import { dataPackage } from "./datapackage.js";
import { HSDS_VERSION, table } from "../spec.js";
import {
  hsdsOrganization,
  hsdsPlace,
  hsdsService,
  hsdsTaxonomy,
  hsdsTaxonomyTerm,
  type Json,
  type MapContext,
  placeIdsOf,
} from "../to-hsds.js";
import { CsvWriter, JsonArrayWriter } from "./writers.js";

/**
 * Writes the published directory as HSDS 3.0, for each locale:
 *
 *   <out>/<locale>/json/     services.json (fully nested services), organizations.json,
 *                            taxonomies.json, taxonomy_terms.json, places.json (START profile)
 *   <out>/<locale>/tabular/  the tabular data package: one CSV file per HSDS table + datapackage.json
 *
 * Records are read and written a batch at a time, so memory stays flat whatever the directory's size.
 */

export type ExportFormat = "json" | "tabular";

export interface ExportProgress {
  locale: string;
  what: "taxonomy_terms" | "organizations" | "services" | "places";
  done: number;
  total: number;
}

export interface ExportOptions {
  outDir: string;
  /** Default: every enabled locale. */
  locales?: readonly string[];
  formats?: readonly ExportFormat[];
  batchSize?: number;
  onProgress?: (progress: ExportProgress) => void;
  /** The profile's URL, written in datapackage.json. Default: the API's /hsds/profile (a relative reference). */
  profileUrl?: string;
}

export interface ExportedFile {
  path: string;
  records: number;
  bytes: number;
}

export interface ExportSummary {
  folder: string;
  locales: string[];
  counts: { services: number; organizations: number; taxonomyTerms: number; places: number };
  files: ExportedFile[];
}

const TABULAR_TABLES = [
  "organization",
  "service",
  "attribute",
  "service_at_location",
  "location",
  "phone",
  "address",
  "schedule",
  "required_document",
  "language",
  "accessibility",
  "taxonomy_term",
  "cost_option",
  "taxonomy",
  "place",
] as const;

/** Tables written before the services pass: the services' copies of their rows are not written again. */
const WRITTEN_BEFORE_SERVICES = new Set(["organization", "taxonomy_term", "taxonomy"]);

export const DEFAULT_PROFILE_URL = "/hsds/profile";

async function idsInOrder(db: Executor, from: SQL, after: string | null, limit: number): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select x.id::text as id from ${from} ${after ? sql`and x.id > ${after}::uuid` : sql``} order by x.id limit ${limit}`,
  );
  return rows.map((row) => row.id);
}

async function countOf(db: Executor, from: SQL): Promise<number> {
  const rows = await queryRows<{ n: number | string }>(db, sql`select count(*) as n from ${from}`);
  return Number(rows[0]?.n ?? 0);
}

class TabularPackage {
  private readonly writers = new Map<string, CsvWriter>();
  private readonly written = new Set<string>();

  constructor(
    folder: string,
    private readonly locales: readonly string[],
  ) {
    for (const name of TABULAR_TABLES) {
      const spec = table(name);
      this.writers.set(name, new CsvWriter(path.join(folder, spec.path), csvColumns(spec, locales)));
    }
  }

  /** Writes each row once (a location shared by two services, an organization nested in each of its services). */
  async addRows(rows: Iterable<FlatRow>, skipTables: ReadonlySet<string> = new Set()): Promise<void> {
    for (const { table: name, row } of rows) {
      const writer = this.writers.get(name);
      if (!writer || skipTables.has(name)) continue;
      const key = `${name}:${String(row.id)}`;
      if (this.written.has(key)) continue;
      this.written.add(key);
      await writer.add(encodeCsvRow(table(name), row, this.locales));
    }
  }

  async close(): Promise<ExportedFile[]> {
    return Promise.all([...this.writers.values()].map((writer) => writer.close()));
  }
}

export async function exportHsds(db: Executor, options: ExportOptions): Promise<ExportSummary> {
  const enabled = await enabledLocales(db);
  const locales = options.locales?.length ? [...options.locales] : enabled;
  for (const locale of locales) {
    if (!enabled.includes(locale)) throw new HsdsError("unknownLocale", { locale, available: enabled.join(", ") });
  }
  const formats = new Set(options.formats?.length ? options.formats : ["json", "tabular"]);
  const batchSize = options.batchSize ?? 100;
  const reader = new DirectoryReader(db);
  const files: ExportedFile[] = [];
  const counts = { services: 0, organizations: 0, taxonomyTerms: 0, places: 0 };

  const servicesFrom = sql`services x where ${reader.visibility.service("x")}`;
  const organizationsFrom = sql`organizations x where ${reader.visibility.organization("x")}`;

  for (const locale of locales) {
    const chain = localeChain(locale, enabled);
    const placeIds = new Set<string>();
    const places = new Map<string, PlaceAggregate>();
    const context: MapContext = { chain, enabled, places };
    const progress = (what: ExportProgress["what"], done: number, total: number) => options.onProgress?.({ locale, what, done, total });

    const jsonFolder = path.join(options.outDir, locale, "json");
    const tabularFolder = path.join(options.outDir, locale, "tabular");
    const json = formats.has("json") ? (await mkdir(jsonFolder, { recursive: true }), jsonFolder) : undefined;
    if (formats.has("tabular")) await mkdir(tabularFolder, { recursive: true });
    const tabular = formats.has("tabular") ? new TabularPackage(tabularFolder, enabled) : undefined;
    const jsonFile = (name: string) => (json ? new JsonArrayWriter(path.join(json, name)) : undefined);

    // The taxonomy and its terms.
    const taxonomies = jsonFile("taxonomies.json");
    await taxonomies?.add(hsdsTaxonomy(context));
    await tabular?.addRows(flatten("taxonomy", hsdsTaxonomy(context)));
    const terms = jsonFile("taxonomy_terms.json");
    const categories = await reader.categories();
    for (const [index, category] of categories.entries()) {
      const term = hsdsTaxonomyTerm(category, context);
      await terms?.add(term);
      await tabular?.addRows(flatten("taxonomy_term", term));
      progress("taxonomy_terms", index + 1, categories.length);
    }
    counts.taxonomyTerms = categories.length;

    // Organizations, with their phones and the locations their published services are delivered at.
    const organizationsJson = jsonFile("organizations.json");
    const organizationTotal = await countOf(db, organizationsFrom);
    let done = 0;
    for (let after: string | null = null; ; ) {
      const ids = await idsInOrder(db, organizationsFrom, after, batchSize);
      if (ids.length === 0) break;
      after = ids[ids.length - 1]!;
      const [organizations, locations, serviceIds] = await Promise.all([
        reader.organizations(ids),
        reader.locationsOfOrganizations(ids),
        reader.serviceIdsOfOrganizations(ids),
      ]);
      const batchPlaces = [...locations.values()].flat().map(({ location }) => location.placeId);
      for (const [id, place] of await reader.placesWithAncestors(batchPlaces)) places.set(id, place);
      batchPlaces.forEach((id) => placeIds.add(id));
      const serviceNames = await serviceSummaries(reader, [...serviceIds.values()].flat(), context);
      for (const organization of organizations) {
        const services = (serviceIds.get(organization.id) ?? []).map((id) => serviceNames.get(id)).filter((s): s is Json => !!s);
        const object = hsdsOrganization(organization, locations.get(organization.id) ?? [], services, context);
        await organizationsJson?.add(object);
        const { locations: _locations, services: _services, ...own } = object;
        await tabular?.addRows(flatten("organization", own));
      }
      done += organizations.length;
      progress("organizations", done, organizationTotal);
    }
    counts.organizations = done;

    // Services, fully nested.
    const servicesJson = jsonFile("services.json");
    const serviceTotal = await countOf(db, servicesFrom);
    done = 0;
    for (let after: string | null = null; ; ) {
      const ids = await idsInOrder(db, servicesFrom, after, batchSize);
      if (ids.length === 0) break;
      after = ids[ids.length - 1]!;
      const services = await reader.services(ids);
      const needed = placeIdsOf(services).filter((id) => !places.has(id));
      for (const [id, place] of await reader.placesWithAncestors(needed)) places.set(id, place);
      placeIdsOf(services).forEach((id) => placeIds.add(id));
      const confidential = tabular
        ? await reader.locationConfidentiality(services.flatMap((service) => service.serviceAtLocations.map((link) => link.locationId)))
        : new Map<string, boolean>();
      for (const service of services) {
        await servicesJson?.add(hsdsService(service, context));
        if (tabular) {
          const tabularView = hsdsService(service, { ...context, locationConfidential: (id) => confidential.get(id) });
          await tabular.addRows(flatten("service", tabularView), WRITTEN_BEFORE_SERVICES);
        }
      }
      done += services.length;
      progress("services", done, serviceTotal);
    }
    counts.services = done;

    // The places locations are in, with the places around them (START profile).
    const allPlaces = await reader.placesWithAncestors(placeIds);
    const placesJson = jsonFile("places.json");
    const sortedPlaces = [...allPlaces.values()].sort((a, b) => a.slug.localeCompare(b.slug));
    for (const [index, place] of sortedPlaces.entries()) {
      const object = hsdsPlace(place, context);
      await placesJson?.add(object);
      await tabular?.addRows([{ table: "place", row: object, pointer: "", lists: [] }]);
      progress("places", index + 1, sortedPlaces.length);
    }
    counts.places = sortedPlaces.length;

    for (const writer of [taxonomies, terms, organizationsJson, servicesJson, placesJson]) if (writer) files.push(await writer.close());
    if (tabular) {
      const written = await tabular.close();
      files.push(...written);
      const descriptor = dataPackage({
        locale,
        locales: enabled,
        files: written.map((file) => path.basename(file.path)),
        profileUrl: options.profileUrl ?? DEFAULT_PROFILE_URL,
        hsdsVersion: HSDS_VERSION,
      });
      const descriptorPath = path.join(tabularFolder, "datapackage.json");
      const text = `${JSON.stringify(descriptor, null, 2)}\n`;
      await writeFile(descriptorPath, text);
      files.push({ path: descriptorPath, records: descriptor.resources.length, bytes: Buffer.byteLength(text) });
    }
  }
  return { folder: options.outDir, locales, counts, files };
}

/** The services listed in an organization: id, name, status (the full services are in services.json). */
async function serviceSummaries(reader: DirectoryReader, ids: string[], context: MapContext): Promise<Map<string, Json>> {
  const services = await reader.serviceNames(ids);
  return new Map(
    services.map((service) => [
      service.id,
      {
        id: service.id,
        organization_id: service.organizationId,
        name: service.name(context.chain) ?? "",
        status: service.status,
      },
    ]),
  );
}
