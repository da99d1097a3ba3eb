import { type SQL, sql } from "drizzle-orm";
import { type Executor, queryRows } from "@start/db";
import type { Visibility } from "../auth/visibility.js";
import { START_TAXONOMY_ID } from "./ids.js";
import type { LocaleChain } from "./locale.js";

/**
 * The SQL behind the HSDA list endpoints: which published records match the parameters, in which
 * order. A page is `offset/limit` over that order; format=ndjson walks all of it by id.
 */

export interface ServiceFilters {
  search?: string;
  taxonomyTermId?: string;
  taxonomyId?: string;
  organizationId?: string;
  modifiedAfter?: Date;
  /** service_at_locations only. */
  postcode?: string;
}

export interface ListQuery {
  /** `from … where …` with the record's alias `x` (and its id as x.id). */
  from: SQL;
  /** Sort key expression for pages. */
  order: SQL;
}

/** The record's name along the locale chain, as stored normalised (accents and Arabic variants ignored). */
function nameSortKey(table: string, foreignKey: string, alias: string, chain: LocaleChain): SQL {
  return sql`coalesce((select t.name_sort from ${sql.raw(table)} t where t.${sql.raw(foreignKey)} = ${sql.raw(alias)}.id
    order by array_position(${sql.param([...chain.order])}::text[], t.locale) nulls last, t.locale limit 1), '')`;
}

function serviceConditions(visibility: Visibility, filters: ServiceFilters, alias: string): SQL[] {
  const conditions = [visibility.service(alias)];
  if (filters.taxonomyTermId) {
    conditions.push(sql`exists (select 1 from service_categories sc join categories c on c.id = sc.category_id and c.archived_at is null
      where sc.service_id = ${sql.raw(alias)}.id and sc.category_id in (select start_category_subtree(array[${filters.taxonomyTermId}]::uuid[])))`);
  }
  if (filters.taxonomyId) {
    conditions.push(
      filters.taxonomyId === START_TAXONOMY_ID
        ? sql`exists (select 1 from service_categories sc join categories c on c.id = sc.category_id and c.archived_at is null where sc.service_id = ${sql.raw(alias)}.id)`
        : sql`false`,
    );
  }
  if (filters.organizationId) conditions.push(sql`${sql.raw(alias)}.organization_id = ${filters.organizationId}::uuid`);
  if (filters.modifiedAfter) conditions.push(sql`${sql.raw(alias)}.updated_at >= ${filters.modifiedAfter.toISOString()}::timestamptz`);
  return conditions;
}

/** `matching`: the services a search matched, ranked (search/matching.ts `matchedRelation`). */
export function servicesQuery(visibility: Visibility, filters: ServiceFilters, chain: LocaleChain, matching?: SQL): ListQuery {
  const conditions = serviceConditions(visibility, filters, "x");
  if (matching) {
    return {
      from: sql`services x join (${matching}) m on m.entity_id = x.id where ${sql.join(conditions, sql` and `)}`,
      order: sql`m.score desc, x.id`,
    };
  }
  return {
    from: sql`services x where ${sql.join(conditions, sql` and `)}`,
    order: sql`${nameSortKey("service_translations", "service_id", "x", chain)}, x.id`,
  };
}

export function serviceAtLocationsQuery(visibility: Visibility, filters: ServiceFilters, chain: LocaleChain, matching?: SQL): ListQuery {
  const conditions = [...serviceConditions(visibility, { ...filters, modifiedAfter: undefined }, "s"), visibility.location("l")];
  if (filters.modifiedAfter) conditions.push(sql`greatest(x.updated_at, s.updated_at) >= ${filters.modifiedAfter.toISOString()}::timestamptz`);
  if (filters.postcode) conditions.push(sql`not s.confidential_address and l.postal_code = ${filters.postcode}`);
  const join = sql`service_at_locations x join services s on s.id = x.service_id join locations l on l.id = x.location_id`;
  if (matching) {
    return {
      from: sql`${join} join (${matching}) m on m.entity_id = s.id where ${sql.join(conditions, sql` and `)}`,
      order: sql`m.score desc, x.id`,
    };
  }
  return {
    from: sql`${join} where ${sql.join(conditions, sql` and `)}`,
    order: sql`${nameSortKey("service_translations", "service_id", "s", chain)}, x.position, x.id`,
  };
}

/** A name search for organizations and taxonomy terms: every word of it in a name, in any locale. */
function nameContains(table: string, foreignKey: string, columns: string[], search: string): SQL {
  const words = search.split(/\s+/).filter(Boolean);
  const texts = columns.map((column) => `coalesce(start_normalize(t.${column}), '')`).join(" || ' ' || ");
  return sql`exists (select 1 from ${sql.raw(table)} t where t.${sql.raw(foreignKey)} = x.id and ${sql.join(
    words.map((word) => sql`strpos(${sql.raw(texts)}, start_normalize(${word})) > 0`),
    sql` and `,
  )})`;
}

export function organizationsQuery(visibility: Visibility, search: string | undefined, chain: LocaleChain): ListQuery {
  const conditions = [visibility.organization("x")];
  if (search !== undefined) conditions.push(nameContains("organization_translations", "organization_id", ["name", "alternate_name"], search));
  return {
    from: sql`organizations x where ${sql.join(conditions, sql` and `)}`,
    order: sql`${nameSortKey("organization_translations", "organization_id", "x", chain)}, x.id`,
  };
}

export function taxonomyTermsQuery(
  visibility: Visibility,
  filters: { search?: string; taxonomyId?: string; topOnly?: boolean; parentId?: string },
): ListQuery {
  const conditions = [visibility.category("x")];
  if (filters.search !== undefined) conditions.push(nameContains("category_translations", "category_id", ["name"], filters.search));
  if (filters.taxonomyId && filters.taxonomyId !== START_TAXONOMY_ID) conditions.push(sql`false`);
  if (filters.topOnly) conditions.push(sql`x.parent_id is null`);
  if (filters.parentId) conditions.push(sql`x.parent_id = ${filters.parentId}::uuid`);
  return { from: sql`categories x where ${sql.join(conditions, sql` and `)}`, order: sql`x.position, x.code, x.id` };
}

export async function countRecords(db: Executor, query: ListQuery): Promise<number> {
  const rows = await queryRows<{ n: number | string }>(db, sql`select count(*) as n from ${query.from}`);
  return Number(rows[0]?.n ?? 0);
}

export async function pageOfIds(db: Executor, query: ListQuery, page: number, perPage: number): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select x.id::text as id from ${query.from} order by ${query.order} limit ${perPage} offset ${(page - 1) * perPage}`,
  );
  return rows.map((row) => row.id);
}

/** The next batch after `after`, by id: how format=ndjson streams every match without pages. */
export async function idsAfter(db: Executor, query: ListQuery, after: string | null, limit: number): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select x.id::text as id from ${query.from} ${after ? sql`and x.id > ${after}::uuid` : sql``} order by x.id limit ${limit}`,
  );
  return rows.map((row) => row.id);
}
