import { inArray } from "drizzle-orm";
import { categories, type Executor, locations, organizations, services } from "@start/db";

/**
 * START records as whole aggregates (a record with its texts, phones, opening hours…), in one plain
 * shape for what START has and what the import would make of it: comparing the two tells whether
 * the import changes anything, and they are the audit entry's before and after.
 */

export type TextMap = Record<string, Record<string, unknown>>;

export interface PhoneAggregate {
  id: string;
  number: string;
  extension: string | null;
  type: string;
  languages: string[];
  position: number;
  translations: TextMap;
}

export type Period = [number, string, string];

export interface ScheduleAggregate {
  id: string;
  validFrom: string | null;
  validTo: string | null;
  periods: Period[];
  translations: TextMap;
}

export interface OrganizationAggregate {
  slug: string;
  kind: string;
  website: string | null;
  email: string | null;
  logo: string | null;
  isSample: boolean;
  sources: unknown[];
  state: string;
  translations: TextMap;
  phones: PhoneAggregate[];
}

export interface LocationAggregate {
  organizationId: string | null;
  placeId: string;
  locationType: string;
  latitude: number | null;
  longitude: number | null;
  postalCode: string | null;
  translations: TextMap;
  phones: PhoneAggregate[];
  schedules: ScheduleAggregate[];
}

export interface LinkAggregate {
  id: string;
  locationId: string;
  position: number;
  phones: PhoneAggregate[];
  schedules: ScheduleAggregate[];
}

export interface ServiceAggregate {
  organizationId: string;
  slug: string;
  status: string;
  state: string;
  url: string | null;
  email: string | null;
  cost: string;
  audiences: string[];
  languages: string[];
  minimumAge: number | null;
  maximumAge: number | null;
  confidentialAddress: boolean;
  isSample: boolean;
  sources: unknown[];
  verifiedAt: string | null;
  verifiedByName: string | null;
  translations: TextMap;
  categories: string[];
  phones: PhoneAggregate[];
  schedules: ScheduleAggregate[];
  locations: LinkAggregate[];
}

export interface CategoryAggregate {
  code: string;
  parentId: string | null;
  position: number;
  icon: string | null;
  translations: TextMap;
}

/** Translation rows → { locale: { field: value } }, empty values left out, locales sorted. */
export function textMap<Row extends { locale: string }>(rows: readonly Row[], fields: readonly string[]): TextMap {
  const result: TextMap = {};
  for (const row of [...rows].sort((a, b) => a.locale.localeCompare(b.locale))) {
    const values: Record<string, unknown> = {};
    for (const field of fields) {
      const value = (row as Record<string, unknown>)[field];
      if (Array.isArray(value) ? value.length > 0 : value !== null && value !== undefined && value !== "") values[field] = value;
    }
    if (Object.keys(values).length > 0) result[row.locale] = values;
  }
  return result;
}

/** Keys sorted at every level: two aggregates are the same when their canonical JSON is. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === "object" && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : item,
  );
}

export const ORGANIZATION_TEXTS = ["name", "alternateName", "description"] as const;
export const SERVICE_TEXTS = [
  "name",
  "alternateName",
  "description",
  "eligibilityDescription",
  "applicationProcess",
  "feesDescription",
  "requiredDocuments",
] as const;
export const LOCATION_TEXTS = ["name", "address", "description", "transportation", "accessibility"] as const;
export const CATEGORY_TEXTS = ["name", "description"] as const;

const sortPeriods = (periods: Period[]) =>
  [...periods].sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]) || a[2].localeCompare(b[2]));

export function normalisePeriods(periods: Period[]): Period[] {
  const unique = new Map(periods.map((period) => [period.join("|"), period]));
  return sortPeriods([...unique.values()]);
}

type LoadedPhone = {
  id: string;
  number: string;
  extension: string | null;
  type: string;
  languages: string[];
  position: number;
  translations: { locale: string; description: string }[];
};
type LoadedSchedule = {
  id: string;
  validFrom: string | null;
  validTo: string | null;
  periods: { weekday: number; opensAt: string; closesAt: string }[];
  translations: { locale: string; notes: string }[];
};

export function phoneAggregates(phones: readonly LoadedPhone[]): PhoneAggregate[] {
  return [...phones]
    .sort((a, b) => a.position - b.position || a.id.localeCompare(b.id))
    .map((phone, position) => ({
      id: phone.id,
      number: phone.number,
      extension: phone.extension,
      type: phone.type,
      languages: [...phone.languages],
      position,
      translations: textMap(phone.translations, ["description"]),
    }));
}

export function scheduleAggregates(list: readonly LoadedSchedule[]): ScheduleAggregate[] {
  return [...list]
    .map((schedule) => ({
      id: schedule.id,
      validFrom: schedule.validFrom,
      validTo: schedule.validTo,
      periods: normalisePeriods(schedule.periods.map((period) => [period.weekday, period.opensAt, period.closesAt] as Period)),
      translations: textMap(schedule.translations, ["notes"]),
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

const phoneRelation = { with: { translations: true as const } };
const scheduleRelation = { with: { periods: true as const, translations: true as const } };

export async function loadOrganizations(db: Executor, ids: readonly string[]): Promise<Map<string, OrganizationAggregate>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query.organizations.findMany({
    where: inArray(organizations.id, [...ids]),
    with: { translations: true, phones: phoneRelation },
  });
  return new Map(
    rows.map((row) => [
      row.id,
      {
        slug: row.slug,
        kind: row.kind,
        website: row.website,
        email: row.email,
        logo: row.logo,
        isSample: row.isSample,
        sources: row.sources,
        state: row.state,
        translations: textMap(row.translations, ORGANIZATION_TEXTS),
        // Phones of locations or services are loaded with them; these are the organization's own.
        phones: phoneAggregates(row.phones.filter((phone) => phone.organizationId === row.id)),
      },
    ]),
  );
}

export async function loadLocations(db: Executor, ids: readonly string[]): Promise<Map<string, LocationAggregate>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query.locations.findMany({
    where: inArray(locations.id, [...ids]),
    with: { translations: true, phones: phoneRelation, schedules: scheduleRelation },
  });
  return new Map(
    rows.map((row) => [
      row.id,
      {
        organizationId: row.organizationId,
        placeId: row.placeId,
        locationType: row.locationType,
        latitude: row.latitude,
        longitude: row.longitude,
        postalCode: row.postalCode,
        translations: textMap(row.translations, LOCATION_TEXTS),
        phones: phoneAggregates(row.phones),
        schedules: scheduleAggregates(row.schedules),
      },
    ]),
  );
}

export async function loadServices(db: Executor, ids: readonly string[]): Promise<Map<string, ServiceAggregate>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query.services.findMany({
    where: inArray(services.id, [...ids]),
    with: {
      translations: true,
      categories: true,
      phones: phoneRelation,
      schedules: scheduleRelation,
      serviceAtLocations: { with: { phones: phoneRelation, schedules: scheduleRelation } },
    },
  });
  return new Map(
    rows.map((row) => [
      row.id,
      {
        organizationId: row.organizationId,
        slug: row.slug,
        status: row.status,
        state: row.state,
        url: row.url,
        email: row.email,
        cost: row.cost,
        audiences: [...row.audiences],
        languages: [...row.languages],
        minimumAge: row.minimumAge,
        maximumAge: row.maximumAge,
        confidentialAddress: row.confidentialAddress,
        isSample: row.isSample,
        sources: row.sources,
        verifiedAt: row.verifiedAt ? row.verifiedAt.toISOString() : null,
        verifiedByName: row.verifiedByName,
        translations: textMap(row.translations, SERVICE_TEXTS),
        categories: row.categories.map((link) => link.categoryId).sort(),
        phones: phoneAggregates(row.phones),
        schedules: scheduleAggregates(row.schedules),
        locations: [...row.serviceAtLocations]
          .sort((a, b) => a.position - b.position || a.id.localeCompare(b.id))
          .map((link, position) => ({
            id: link.id,
            locationId: link.locationId,
            position,
            phones: phoneAggregates(link.phones),
            schedules: scheduleAggregates(link.schedules),
          })),
      },
    ]),
  );
}

export async function loadCategories(db: Executor, ids: readonly string[]): Promise<Map<string, CategoryAggregate>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query.categories.findMany({ where: inArray(categories.id, [...ids]), with: { translations: true } });
  return new Map(
    rows.map((row) => [
      row.id,
      { code: row.code, parentId: row.parentId, position: row.position, icon: row.icon, translations: textMap(row.translations, CATEGORY_TEXTS) },
    ]),
  );
}
