import { type SQL, sql } from "drizzle-orm";
import type { Database } from "@start/db";
import { visibilityFor } from "../auth/visibility.js";
import type { Viewer } from "../auth/viewer.js";
import { badInput } from "../graphql/errors.js";
import { resolveReferences } from "../graphql/references.js";
import { localizedSortKey, type SortOrder } from "../graphql/relay.js";
import type { LocaleChain } from "../i18n/locales.js";
import { matchedRelation } from "../search/matching.js";
import { type ServiceFilter, ServiceSort } from "./types.js";

export const MAX_RADIUS_KM = 500;

export interface ServiceQuery {
  /** `select s.id, … as sort_key, distance_km, score from services s … where …` */
  candidates: SQL;
  sort: SortOrder;
}

/**
 * Turns a services filter into one SQL query of candidates, after resolving the records the filter
 * names (categories, place, organization) so that a wrong name is reported rather than matching nothing.
 */
export async function buildServiceQuery(
  db: Database,
  viewer: Viewer | null,
  filter: ServiceFilter,
  requestedSort: ServiceSort | null | undefined,
  chain: LocaleChain,
): Promise<ServiceQuery> {
  const visibility = visibilityFor(viewer);
  const conditions: SQL[] = [visibility.service("s")];
  const joins: SQL[] = [];

  if (filter.categories?.length) {
    const ids = await resolveReferences(db, {
      from: "categories c",
      alias: "c",
      keyColumn: "code",
      visible: visibility.category("c"),
      values: filter.categories,
      entity: "category",
      field: "filter.categories",
    });
    conditions.push(sql`exists (select 1 from service_categories sc where sc.service_id = s.id
      and sc.category_id in (select start_category_subtree(${sql.param(ids)}::uuid[])))`);
  }
  if (filter.place != null) {
    const ids = await resolveReferences(db, {
      from: "places p",
      alias: "p",
      keyColumn: "slug",
      visible: visibility.place("p"),
      values: [filter.place],
      entity: "place",
      field: "filter.place",
    });
    conditions.push(sql`exists (select 1 from service_at_locations sal join locations l on l.id = sal.location_id
      where sal.service_id = s.id and ${visibility.location("l")}
        and l.place_id in (select start_place_subtree(${sql.param(ids)}::uuid[])))`);
  }
  if (filter.organization != null) {
    const [id] = await resolveReferences(db, {
      from: "organizations o",
      alias: "o",
      keyColumn: "slug",
      visible: visibility.organization("o"),
      values: [filter.organization],
      entity: "organization",
      field: "filter.organization",
    });
    conditions.push(sql`s.organization_id = ${id}::uuid`);
  }
  if (filter.audiences?.length) {
    conditions.push(sql`s.audiences && ${sql.param([...new Set([...filter.audiences, "anyone"])])}::text[]::audience[]`);
  }
  if (filter.languages?.length) {
    conditions.push(sql`s.languages && ${sql.param(filter.languages.map((code) => code.trim().toLowerCase()))}::text[]`);
  }
  if (filter.freeOnly) conditions.push(sql`s.cost = 'free'`);
  if (filter.openNow && filter.openAt) throw badInput("openFilterConflict", {}, "filter.openAt");
  // Opening hours are checked last, on the services every other condition kept (see below).
  const openAt = filter.openNow ? sql`now()` : filter.openAt ? sql`${filter.openAt.toISOString()}::timestamptz` : null;

  let score = sql`null::float8`;
  if (filter.query != null) {
    joins.push(sql`join (${await matchedRelation(db, filter.query, "filter.query", "service", chain.requested)}) m on m.entity_id = s.id`);
    score = sql`m.score`;
  }

  let distance = sql`null::float8`;
  if (filter.near) {
    const { latitude, longitude, radiusKm } = filter.near;
    if (!(Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180)) throw badInput("invalidPoint", {}, "filter.near");
    if (!(radiusKm > 0 && radiusKm <= MAX_RADIUS_KM)) throw badInput("invalidRadius", { max: MAX_RADIUS_KM }, "filter.near.radiusKm");
    // A confidential service's exact coordinates never leave the database: its place's centre is used.
    joins.push(sql`cross join lateral (
      select min(start_distance_km(${latitude}::float8, ${longitude}::float8,
        case when s.confidential_address or l.latitude is null then p.latitude else l.latitude end,
        case when s.confidential_address or l.latitude is null then p.longitude else l.longitude end)) as km
      from service_at_locations sal join locations l on l.id = sal.location_id join places p on p.id = l.place_id
      where sal.service_id = s.id and ${visibility.location("l")}) dist`);
    conditions.push(sql`dist.km <= ${radiusKm}::float8`);
    distance = sql`dist.km`;
  }

  const sortName = requestedSort ?? (filter.query != null ? ServiceSort.RELEVANCE : filter.near ? ServiceSort.DISTANCE : ServiceSort.NAME);
  let sort: SortOrder;
  let key: SQL;
  switch (sortName) {
    case ServiceSort.RELEVANCE:
      if (filter.query == null) throw badInput("sortNeedsQuery", {}, "sort");
      sort = { list: "services", name: sortName, type: "numeric", direction: "desc" };
      key = sql`round(m.score::numeric, 6)`;
      break;
    case ServiceSort.DISTANCE:
      if (!filter.near) throw badInput("sortNeedsPoint", {}, "sort");
      sort = { list: "services", name: sortName, type: "numeric", direction: "asc" };
      key = sql`round(dist.km::numeric, 6)`;
      break;
    case ServiceSort.RECENTLY_VERIFIED:
      sort = { list: "services", name: sortName, type: "numeric", direction: "desc" };
      key = sql`coalesce(extract(epoch from s.verified_at)::numeric, 0)`;
      break;
    default:
      sort = { list: "services", name: ServiceSort.NAME, type: "text", direction: "asc" };
      key = localizedSortKey("service_translations", "service_id", "name_sort", "s", chain);
  }

  const candidates = sql`select s.id::text as id, ${key} as sort_key, ${distance} as distance_km, ${score} as score
      from services s ${sql.join(joins, sql` `)}
      where ${sql.join(conditions, sql` and `)}`;
  return {
    sort,
    // start_service_open_at() costs far more than any other condition, but as a condition on
    // services alone it would run on every published service before the category and place
    // joins narrow them down: "offset 0" keeps it outside, on the candidates that are left.
    candidates: openAt
      ? sql`select o.* from (${candidates} offset 0) as o where start_service_open_at(o.id::uuid, ${openAt})`
      : candidates,
  };
}
