import { asc, inArray, sql } from "drizzle-orm";
import {
  locations,
  locationTranslations,
  organizations,
  organizationTranslations,
  phones,
  phoneTranslations,
  queryRows,
  schedulePeriods,
  schedules,
  scheduleTranslations,
  serviceAtLocations,
  serviceCategories,
  services,
  serviceTranslations,
} from "@start/db";
import { visibilityFor } from "../auth/visibility.js";
import { loader, manyByKey, oneByKey } from "../graphql/batch.js";
import type { RequestContext } from "../graphql/context.js";
import type { CategoryRecord } from "../taxonomy/loaders.js";

export type ServiceRecord = typeof services.$inferSelect & { translations: (typeof serviceTranslations.$inferSelect)[] };
export type OrganizationRecord = typeof organizations.$inferSelect & {
  translations: (typeof organizationTranslations.$inferSelect)[];
};
export type LocationRecord = typeof locations.$inferSelect & { translations: (typeof locationTranslations.$inferSelect)[] };
export type ServiceAtLocationRecord = typeof serviceAtLocations.$inferSelect & { location: LocationRecord };
export type PhoneRecord = typeof phones.$inferSelect & { translations: (typeof phoneTranslations.$inferSelect)[] };
export type ScheduleRecord = typeof schedules.$inferSelect & {
  periods: (typeof schedulePeriods.$inferSelect)[];
  translations: (typeof scheduleTranslations.$inferSelect)[];
};

type PhoneOwner = "organizationId" | "serviceId" | "locationId" | "serviceAtLocationId";
type ScheduleOwner = "serviceId" | "locationId" | "serviceAtLocationId";

/**
 * Per-request loaders for the directory. Each turns every load of one tick into one statement
 * (drizzle's relational queries fetch a record with its translations in the same statement), so a
 * page of services costs the same number of statements whether it holds 5 services or 100.
 */
export function directoryLoaders({ db, viewer }: RequestContext) {
  const visibility = visibilityFor(viewer);

  const serviceById = loader<string, ServiceRecord | null>(async (ids) => {
    const rows = await db.query.services.findMany({ where: inArray(services.id, [...ids]), with: { translations: true } });
    return oneByKey(ids, rows, (row) => row.id);
  });

  const organizationById = loader<string, OrganizationRecord | null>(async (ids) => {
    const rows = await db.query.organizations.findMany({
      where: inArray(organizations.id, [...ids]),
      with: { translations: true },
    });
    return oneByKey(ids, rows, (row) => row.id);
  });

  const locationsOfService = loader<string, ServiceAtLocationRecord[]>(async (ids) => {
    const rows = await db.query.serviceAtLocations.findMany({
      where: inArray(serviceAtLocations.serviceId, [...ids]),
      with: { location: { with: { translations: true } } },
      orderBy: [asc(serviceAtLocations.position), asc(serviceAtLocations.id)],
    });
    return manyByKey(
      ids,
      rows.filter((row) => row.location.archivedAt === null),
      (row) => row.serviceId,
    );
  });

  const phoneLoader = (owner: PhoneOwner) =>
    loader<string, PhoneRecord[]>(async (ids) => {
      const rows = await db.query.phones.findMany({
        where: inArray(phones[owner], [...ids]),
        with: { translations: true },
        orderBy: [asc(phones.position), asc(phones.id)],
      });
      return manyByKey(ids, rows, (row) => row[owner]);
    });

  const scheduleLoader = (owner: ScheduleOwner) =>
    loader<string, ScheduleRecord[]>(async (ids) => {
      const rows = await db.query.schedules.findMany({
        where: inArray(schedules[owner], [...ids]),
        with: {
          periods: { orderBy: [asc(schedulePeriods.weekday), asc(schedulePeriods.opensAt)] },
          translations: true,
        },
        orderBy: [asc(schedules.validFrom), asc(schedules.id)],
      });
      return manyByKey(ids, rows, (row) => row[owner]);
    });

  const categoriesOfService = loader<string, CategoryRecord[]>(async (ids) => {
    const rows = await db.query.serviceCategories.findMany({
      where: inArray(serviceCategories.serviceId, [...ids]),
      with: { category: { with: { translations: true } } },
    });
    const visible = rows
      .filter((row) => row.category.archivedAt === null)
      .sort((a, b) => a.category.position - b.category.position || a.category.code.localeCompare(b.category.code));
    return manyByKey(ids, visible, (row) => row.serviceId).map((list) => list.map((row) => row.category));
  });

  /** Whether each service is open now, by the same SQL function the openNow filter uses. */
  const openNow = loader<string, boolean>(async (ids) => {
    const rows = await queryRows<{ id: string; open: boolean }>(
      db,
      sql`select id::text as id, start_service_open_at(id, now()) as open from unnest(${sql.param([...ids])}::uuid[]) as id`,
    );
    return oneByKey(ids, rows, (row) => row.id).map((row) => row?.open === true);
  });

  /** The visible services of each organization, by name. */
  const servicesOfOrganization = loader<string, string[]>(async (ids) => {
    const rows = await queryRows<{ organization_id: string; id: string }>(
      db,
      sql`select s.organization_id::text as organization_id, s.id::text as id from services s
          where s.organization_id = any(${sql.param([...ids])}::uuid[]) and ${visibility.service("s")}
          order by (select t.name_sort from service_translations t where t.service_id = s.id order by t.locale limit 1) collate "C", s.id`,
    );
    return manyByKey(ids, rows, (row) => row.organization_id).map((list) => list.map((row) => row.id));
  });

  return {
    serviceById,
    organizationById,
    locationsOfService,
    phonesOfOrganization: phoneLoader("organizationId"),
    phonesOfService: phoneLoader("serviceId"),
    phonesOfLocation: phoneLoader("locationId"),
    phonesOfServiceAtLocation: phoneLoader("serviceAtLocationId"),
    schedulesOfService: scheduleLoader("serviceId"),
    schedulesOfLocation: scheduleLoader("locationId"),
    schedulesOfServiceAtLocation: scheduleLoader("serviceAtLocationId"),
    categoriesOfService,
    openNow,
    servicesOfOrganization,
  };
}
