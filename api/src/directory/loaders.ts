import { asc, sql } from "drizzle-orm";
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
import { anyOf, preparedOnce } from "../graphql/prepared.js";

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
    const query = preparedOnce(db, "services_by_id", () =>
      db.query.services.findMany({ where: anyOf(services.id), with: { translations: true } }).prepare("services_by_id"),
    );
    return oneByKey(ids, await query.execute({ ids: [...ids] }), (row) => row.id);
  });

  const organizationById = loader<string, OrganizationRecord | null>(async (ids) => {
    const query = preparedOnce(db, "organizations_by_id", () =>
      db.query.organizations.findMany({ where: anyOf(organizations.id), with: { translations: true } }).prepare("organizations_by_id"),
    );
    return oneByKey(ids, await query.execute({ ids: [...ids] }), (row) => row.id);
  });

  const locationsOfService = loader<string, ServiceAtLocationRecord[]>(async (ids) => {
    const query = preparedOnce(db, "locations_of_services", () =>
      db.query.serviceAtLocations
        .findMany({
          where: anyOf(serviceAtLocations.serviceId),
          with: { location: { with: { translations: true } } },
          orderBy: [asc(serviceAtLocations.position), asc(serviceAtLocations.id)],
        })
        .prepare("locations_of_services"),
    );
    const rows = await query.execute({ ids: [...ids] });
    return manyByKey(
      ids,
      rows.filter((row) => row.location.archivedAt === null),
      (row) => row.serviceId,
    );
  });

  const phoneLoader = (owner: PhoneOwner) =>
    loader<string, PhoneRecord[]>(async (ids) => {
      const name = `phones_by_${owner}`;
      const query = preparedOnce(db, name, () =>
        db.query.phones
          .findMany({ where: anyOf(phones[owner]), with: { translations: true }, orderBy: [asc(phones.position), asc(phones.id)] })
          .prepare(name),
      );
      return manyByKey(ids, await query.execute({ ids: [...ids] }), (row) => row[owner]);
    });

  const scheduleLoader = (owner: ScheduleOwner) =>
    loader<string, ScheduleRecord[]>(async (ids) => {
      const name = `schedules_by_${owner}`;
      const query = preparedOnce(db, name, () =>
        db.query.schedules
          .findMany({
            where: anyOf(schedules[owner]),
            with: {
              periods: { orderBy: [asc(schedulePeriods.weekday), asc(schedulePeriods.opensAt)] },
              translations: true,
            },
            orderBy: [asc(schedules.validFrom), asc(schedules.id)],
          })
          .prepare(name),
      );
      return manyByKey(ids, await query.execute({ ids: [...ids] }), (row) => row[owner]);
    });

  const categoriesOfService = loader<string, CategoryRecord[]>(async (ids) => {
    const query = preparedOnce(db, "categories_of_services", () =>
      db.query.serviceCategories
        .findMany({ where: anyOf(serviceCategories.serviceId), with: { category: { with: { translations: true } } } })
        .prepare("categories_of_services"),
    );
    const rows = await query.execute({ ids: [...ids] });
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

  /** The last day a closure alert in force keeps each service closed (Libya), or null: the SQL the openNow filter uses. */
  const closedUntil = loader<string, string | null>(async (ids) => {
    const rows = await queryRows<{ id: string; until: string | null }>(
      db,
      sql`select id::text as id, start_service_closed_until(id, now())::text as until from unnest(${sql.param([...ids])}::uuid[]) as id`,
    );
    return oneByKey(ids, rows, (row) => row.id).map((row) => row?.until ?? null);
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
    closedUntil,
    servicesOfOrganization,
  };
}
