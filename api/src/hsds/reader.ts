import { asc, inArray, sql } from "drizzle-orm";
import {
  categories,
  type Executor,
  organizations,
  phones,
  places,
  queryRows,
  schedulePeriods,
  schedules,
  serviceAtLocations,
  services,
} from "@start/db";
import { visibilityFor, type Visibility } from "../auth/visibility.js";
import { type LocaleChain, pickText } from "./locale.js";

/**
 * What the HSDS endpoints and the export read from START: published records only (through
 * auth/visibility.ts, as the GraphQL API), each with everything HSDS nests in it, loaded a batch
 * at a time with drizzle's relational queries (a record and its translations in one statement).
 */

const withTranslations = { translations: true as const };
const phoneQuery = { with: withTranslations, orderBy: [asc(phones.position), asc(phones.id)] };
const scheduleQuery = {
  with: { periods: { orderBy: [asc(schedulePeriods.weekday), asc(schedulePeriods.opensAt)] }, translations: true as const },
  orderBy: [asc(schedules.validFrom), asc(schedules.id)],
};

async function loadServices(db: Executor, ids: string[]) {
  return db.query.services.findMany({
    where: inArray(services.id, ids),
    with: {
      translations: true,
      organization: { with: withTranslations },
      categories: { with: { category: { with: withTranslations } } },
      phones: phoneQuery,
      schedules: scheduleQuery,
      serviceAtLocations: {
        orderBy: [asc(serviceAtLocations.position), asc(serviceAtLocations.id)],
        with: {
          phones: phoneQuery,
          schedules: scheduleQuery,
          location: { with: { translations: true, phones: phoneQuery, schedules: scheduleQuery } },
        },
      },
    },
  });
}

export type ServiceAggregate = Awaited<ReturnType<typeof loadServices>>[number];
export type OrganizationRecord = ServiceAggregate["organization"];
export type LinkAggregate = ServiceAggregate["serviceAtLocations"][number];
export type LocationAggregate = LinkAggregate["location"];
export type PhoneAggregate = ServiceAggregate["phones"][number];
export type ScheduleAggregate = ServiceAggregate["schedules"][number];
export type CategoryAggregate = ServiceAggregate["categories"][number]["category"];

async function loadOrganizations(db: Executor, ids: string[]) {
  return db.query.organizations.findMany({ where: inArray(organizations.id, ids), with: { translations: true, phones: phoneQuery } });
}
export type OrganizationAggregate = Awaited<ReturnType<typeof loadOrganizations>>[number];

async function loadPlaces(db: Executor, ids: string[]) {
  return db.query.places.findMany({ where: inArray(places.id, ids), with: { translations: true } });
}
export type PlaceAggregate = Awaited<ReturnType<typeof loadPlaces>>[number];

function inOrder<T extends { id: string }>(ids: readonly string[], rows: T[]): T[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id)).filter((row): row is T => row !== undefined);
}

export class DirectoryReader {
  readonly visibility: Visibility = visibilityFor(null);

  constructor(readonly db: Executor) {}

  /** Published services, in the order of `ids`; archived locations and categories left out. */
  async services(ids: readonly string[]): Promise<ServiceAggregate[]> {
    if (ids.length === 0) return [];
    const visible = await this.visibleIds("services", "s", this.visibility.service("s"), ids);
    const rows = visible.length ? await loadServices(this.db, visible) : [];
    for (const service of rows) {
      service.serviceAtLocations = service.serviceAtLocations.filter((link) => link.location.archivedAt === null);
      service.categories = service.categories
        .filter((link) => link.category.archivedAt === null)
        .sort((a, b) => a.category.position - b.category.position || a.category.code.localeCompare(b.category.code));
    }
    return inOrder(ids, rows);
  }

  async organizations(ids: readonly string[]): Promise<OrganizationAggregate[]> {
    if (ids.length === 0) return [];
    const visible = await this.visibleIds("organizations", "o", this.visibility.organization("o"), ids);
    return inOrder(ids, visible.length ? await loadOrganizations(this.db, visible) : []);
  }

  /** Non-archived categories with their translations, parents first then by position and code. */
  async categories(ids?: readonly string[]): Promise<CategoryAggregate[]> {
    const rows = await this.db.query.categories.findMany({
      where: ids ? inArray(categories.id, [...ids]) : undefined,
      with: withTranslations,
      orderBy: [asc(categories.position), asc(categories.code)],
    });
    return rows.filter((row) => row.archivedAt === null);
  }

  /** Places with their ancestors (a location's address names its town, region and country). */
  async placesWithAncestors(ids: Iterable<string>): Promise<Map<string, PlaceAggregate>> {
    const wanted = [...new Set(ids)];
    if (wanted.length === 0) return new Map();
    const rows = await queryRows<{ id: string }>(
      this.db,
      sql`with recursive up(id) as (
            select unnest(${sql.param(wanted)}::uuid[])
            union
            select p.parent_id from places p join up on p.id = up.id where p.parent_id is not null)
          select id::text as id from up`,
    );
    const loaded = await loadPlaces(this.db, rows.map((row) => row.id));
    return new Map(loaded.map((place) => [place.id, place]));
  }

  /**
   * Each location's public face: an address is shown when at least one published service that is
   * not confidential is delivered there; a location only confidential services use shows its place only.
   */
  async locationConfidentiality(locationIds: readonly string[]): Promise<Map<string, boolean>> {
    if (locationIds.length === 0) return new Map();
    const rows = await queryRows<{ id: string; confidential: boolean }>(
      this.db,
      sql`select sal.location_id::text as id, bool_and(s.confidential_address) as confidential
          from service_at_locations sal join services s on s.id = sal.service_id
          where sal.location_id = any(${sql.param([...locationIds])}::uuid[]) and ${this.visibility.service("s")}
          group by sal.location_id`,
    );
    return new Map(rows.map((row) => [row.id, row.confidential === true]));
  }

  /** The locations of organizations that published services are delivered at, with their services' confidentiality. */
  async locationsOfOrganizations(organizationIds: readonly string[]) {
    if (organizationIds.length === 0) return new Map<string, { location: LocationAggregate; confidential: boolean }[]>();
    const rows = await queryRows<{ id: string; organization_id: string; confidential: boolean }>(
      this.db,
      sql`select l.id::text as id, l.organization_id::text as organization_id, bool_and(s.confidential_address) as confidential
          from locations l
          join service_at_locations sal on sal.location_id = l.id
          join services s on s.id = sal.service_id
          where l.organization_id = any(${sql.param([...organizationIds])}::uuid[]) and ${this.visibility.location("l")}
            and ${this.visibility.service("s")}
          group by l.id, l.organization_id order by l.id`,
    );
    const loaded = rows.length
      ? await this.db.query.locations.findMany({
          where: (location, { inArray: anyOf }) => anyOf(location.id, rows.map((row) => row.id)),
          with: { translations: true, phones: phoneQuery, schedules: scheduleQuery },
        })
      : [];
    const byId = new Map(loaded.map((location) => [location.id, location]));
    const result = new Map<string, { location: LocationAggregate; confidential: boolean }[]>();
    for (const row of rows) {
      const location = byId.get(row.id);
      if (!location) continue;
      const list = result.get(row.organization_id) ?? [];
      list.push({ location, confidential: row.confidential === true });
      result.set(row.organization_id, list);
    }
    return result;
  }

  /** The published services of organizations, by name order of their ids. */
  async serviceIdsOfOrganizations(organizationIds: readonly string[]): Promise<Map<string, string[]>> {
    if (organizationIds.length === 0) return new Map();
    const rows = await queryRows<{ organization_id: string; id: string }>(
      this.db,
      sql`select s.organization_id::text as organization_id, s.id::text as id from services s
          where s.organization_id = any(${sql.param([...organizationIds])}::uuid[]) and ${this.visibility.service("s")}
          order by s.id`,
    );
    const result = new Map<string, string[]>();
    for (const row of rows) result.set(row.organization_id, [...(result.get(row.organization_id) ?? []), row.id]);
    return result;
  }

  /** Published services' names and status (an organization's list of its services). */
  async serviceNames(ids: readonly string[]) {
    if (ids.length === 0) return [];
    const visible = await this.visibleIds("services", "s", this.visibility.service("s"), ids);
    const rows = visible.length
      ? await this.db.query.services.findMany({
          where: inArray(services.id, visible),
          columns: { id: true, organizationId: true, status: true },
          with: { translations: { columns: { locale: true, name: true } } },
        })
      : [];
    return inOrder(ids, rows).map((row) => ({
      id: row.id,
      organizationId: row.organizationId,
      status: row.status,
      name: (chain: LocaleChain) => pickText(row.translations, (t) => t.name, chain),
    }));
  }

  private async visibleIds(table: string, alias: string, condition: ReturnType<Visibility["service"]>, ids: readonly string[]): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(
      this.db,
      sql`select ${sql.raw(alias)}.id::text as id from ${sql.raw(table)} ${sql.raw(alias)}
          where ${sql.raw(alias)}.id = any(${sql.param([...ids])}::uuid[]) and ${condition}`,
    );
    return rows.map((row) => row.id);
  }
}
