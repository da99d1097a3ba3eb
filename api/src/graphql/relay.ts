import { type SQL, sql } from "drizzle-orm";
import { type Executor, queryRows } from "@start/db";
import type { LocaleChain } from "../i18n/locales.js";
import { Field, ObjectType } from "type-graphql";
import { badInput } from "./errors.js";

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ObjectType({ description: "Relay pagination state of a connection (forward pagination with first/after)." })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: "True when this page was asked for with `after`." })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

/** Checks `first` (1…100, default 20). */
export function pageSize(first: number | null | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) throw badInput("pageSize", { max: MAX_PAGE_SIZE }, "first");
  return size;
}

/** A position in a sorted list: the list and sort it belongs to, the sort key and the id that breaks ties. */
export interface Cursor {
  list: string;
  sort: string;
  key: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.list, cursor.sort, cursor.key, cursor.id]), "utf8").toString("base64url");
}

const NUMBER = /^-?[0-9]{1,20}(\.[0-9]{1,12})?$/;

/**
 * Decodes an `after` cursor made for this list in this sort order; anything else (a cursor of
 * another list, even one sorted the same way, or of another order) is the client's mistake.
 */
export function decodeCursor(after: string | null | undefined, order: SortOrder): Cursor | undefined {
  const { list, name: sort } = order;
  if (after == null) return undefined;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(after, "base64url").toString("utf8"));
    if (
      Array.isArray(decoded) &&
      decoded.length === 4 &&
      decoded[0] === list &&
      decoded[1] === sort &&
      typeof decoded[2] === "string" &&
      (order.type === "text" || NUMBER.test(decoded[2])) &&
      typeof decoded[3] === "string" &&
      isUuid(decoded[3])
    ) {
      return { list, sort, key: decoded[2], id: decoded[3] };
    }
  } catch {
    // fall through
  }
  throw badInput("invalidCursor", {}, "after");
}

/**
 * How a list is ordered: the candidates query computes `sort_key` (of this type) for every row;
 * rows are sorted by it, in this direction, then by id, which makes every position unique.
 * `list` names the connection (its cursors are refused by every other one).
 */
export interface SortOrder {
  list: string;
  name: string;
  type: "numeric" | "text";
  direction: "asc" | "desc";
}

export interface KeysetPage<Extra> {
  rows: Array<{ id: string; cursor: string } & Extra>;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

/**
 * One statement: the candidates (`select <id as text> as id, … as sort_key, … from … where …`, with
 * any extra columns), after the cursor, in order, one more than asked for to know whether more follow.
 */
export async function keysetPage<Extra extends Record<string, unknown>>(
  db: Executor,
  options: { candidates: SQL; sort: SortOrder; first: number; after?: Cursor },
): Promise<KeysetPage<Extra>> {
  const { sort, first, after } = options;
  const collate = sort.type === "text" ? sql.raw(` collate "C"`) : sql``;
  const cast = sql.raw(sort.type === "text" ? "::text" : "::numeric");
  const comparison = sql.raw(sort.direction === "asc" ? ">" : "<");
  const afterCondition = after
    ? sql`where (c.sort_key${collate} ${comparison} ${after.key}${cast}${collate}
              or (c.sort_key${collate} = ${after.key}${cast}${collate} and c.id collate "C" > ${after.id} collate "C"))`
    : sql``;
  const rows = await queryRows<{ id: string; cursor_key: string } & Extra>(
    db,
    sql`select c.*, c.sort_key::text as cursor_key from (${options.candidates}) as c
        ${afterCondition}
        order by c.sort_key${collate} ${sql.raw(sort.direction)}, c.id collate "C" asc
        limit ${first + 1}`,
  );
  const page = rows.slice(0, first).map((row) => ({
    ...row,
    cursor: encodeCursor({ list: sort.list, sort: sort.name, key: String(row.cursor_key), id: row.id }),
  }));
  return { rows: page, hasNextPage: rows.length > first, hasPreviousPage: after !== undefined };
}

export function pageInfo<T extends { cursor: string }>(page: { rows: T[]; hasNextPage: boolean; hasPreviousPage: boolean }): PageInfo {
  return {
    hasNextPage: page.hasNextPage,
    hasPreviousPage: page.hasPreviousPage,
    startCursor: page.rows[0]?.cursor ?? null,
    endCursor: page.rows.at(-1)?.cursor ?? null,
  };
}

/** A connection; its totalCount is counted only if the client asks for it. */
export function connection<Edge>(
  edges: Edge[],
  page: { rows: Array<{ cursor: string }>; hasNextPage: boolean; hasPreviousPage: boolean },
  count: () => Promise<number>,
): { edges: Edge[]; pageInfo: PageInfo; totalCount: number } {
  let total: Promise<number> | undefined;
  return {
    edges,
    pageInfo: pageInfo(page),
    // graphql-js awaits a promise wherever a value is expected.
    get totalCount() {
      total ??= count();
      return total as unknown as number;
    },
  };
}

/** Counts the candidates (for totalCount, only when asked for). */
export async function countCandidates(db: Executor, candidates: SQL): Promise<number> {
  const [row] = await queryRows<{ total: number | string }>(db, sql`select count(*)::int as total from (${candidates}) as candidates`);
  return Number(row?.total ?? 0);
}

/**
 * A record's name for sorting, in the requested locale else the next one along the chain:
 * a translation table's normalised column (name_sort, title_sort: accents and Arabic spelling
 * variants ignored), so that every database sorts the same way (with collate "C").
 */
export function localizedSortKey(table: string, foreignKey: string, sortColumn: string, alias: string, chain: LocaleChain): SQL {
  const from = sql.raw(`from ${table} t where t.${foreignKey} = ${alias}.id`);
  const column = sql.raw(`t.${sortColumn}`);
  // One primary-key lookup per locale of the chain, tried in order (coalesce stops at the first
  // hit; the sort columns are never null): every candidate of a page is sorted, and a lookup
  // costs a fraction of the sorted scan of all its translations it replaces. The last lookup
  // keeps the order for translations in locales outside the chain.
  const lookups = chain.order.map((locale) => sql`(select ${column} ${from} and t.locale = ${locale})`);
  return sql`coalesce(${sql.join(lookups, sql`, `)}, (select ${column} ${from}
    order by array_position(${sql.param([...chain.order])}::text[], t.locale) nulls last, t.locale limit 1), '')`;
}
