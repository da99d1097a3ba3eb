import { and, getTableColumns, getTableName, inArray, notInArray, type SQL, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Executor } from "../client.js";

export interface TableCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  deleted: number;
}

/** What a seed run did, per table. */
export type SeedReport = Record<string, TableCounts>;

const CHUNK_SIZE = 400;

function countsFor(report: SeedReport, table: PgTable): TableCounts {
  const name = getTableName(table);
  return (report[name] ??= { inserted: 0, updated: 0, unchanged: 0, deleted: 0 });
}

export interface UpsertOptions {
  /** The conflict target: the primary key or a unique key. */
  target: PgColumn[];
  /** Columns written on insert only (creation and publication times). */
  insertOnly?: string[];
  /** Leave rows alone once someone has edited them (version > 1): the editor's work wins over content/. */
  guardVersion?: boolean;
}

/**
 * Inserts rows, or updates the existing ones whose values differ, so that a second run with the
 * same input writes nothing at all (no row touched, no updated_at moved).
 */
export async function upsertRows<T extends PgTable>(
  executor: Executor,
  report: SeedReport,
  table: T,
  rows: T["$inferInsert"][],
  options: UpsertOptions,
): Promise<void> {
  const counts = countsFor(report, table);
  if (rows.length === 0) return;
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const targetNames = new Set(options.target.map((column) => column.name));
  const insertOnly = new Set(options.insertOnly ?? []);
  const keys = Object.keys(rows[0]!).filter(
    (key) => columns[key] && !targetNames.has(columns[key].name) && !insertOnly.has(key) && key !== "id",
  );
  const set: Record<string, SQL> = {};
  for (const key of keys) set[key] = sql.raw(`excluded."${columns[key]!.name}"`);
  const hasUpdatedAt = "updatedAt" in columns;
  if (hasUpdatedAt) set.updatedAt = sql`now()`;

  const changed =
    keys.length === 0
      ? sql`false`
      : sql`(${sql.join(
          keys.map((key) => columns[key]!),
          sql`, `,
        )}) is distinct from (${sql.raw(keys.map((key) => `excluded."${columns[key]!.name}"`).join(", "))})`;
  const setWhere = options.guardVersion && "version" in columns ? and(changed, sql`${columns.version} = 1`)! : changed;

  for (let start = 0; start < rows.length; start += CHUNK_SIZE) {
    const chunk = rows.slice(start, start + CHUNK_SIZE);
    const written = (await executor
      .insert(table)
      .values(chunk as never)
      .onConflictDoUpdate({ target: options.target, set: set as never, setWhere })
      .returning({ inserted: sql<boolean>`(xmax::text = '0')` })) as { inserted: boolean }[];
    const inserted = written.filter((row) => row.inserted).length;
    counts.inserted += inserted;
    counts.updated += written.length - inserted;
    counts.unchanged += chunk.length - written.length;
  }
}

/**
 * Makes a two-column link table (service × category) hold exactly `pairs` for the given owners:
 * missing links are inserted, links no longer wanted deleted, the rest left untouched.
 */
export async function syncLinks<T extends PgTable>(
  executor: Executor,
  report: SeedReport,
  table: T,
  ownerColumn: PgColumn,
  otherColumn: PgColumn,
  ownerIds: string[],
  pairs: [string, string][],
): Promise<void> {
  const counts = countsFor(report, table);
  if (ownerIds.length === 0) return;
  const existing = (await executor
    .select({ owner: ownerColumn, other: otherColumn })
    .from(table as PgTable)
    .where(inArray(ownerColumn, ownerIds))) as { owner: string; other: string }[];
  const key = (owner: string, other: string) => `${owner} ${other}`;
  const wanted = new Set(pairs.map(([owner, other]) => key(owner, other)));
  const present = new Set(existing.map((row) => key(row.owner, row.other)));
  const stale = existing.filter((row) => !wanted.has(key(row.owner, row.other)));
  const missing = pairs.filter(([owner, other]) => !present.has(key(owner, other)));
  if (stale.length > 0) {
    await executor
      .delete(table)
      .where(sql`(${ownerColumn}, ${otherColumn}) in (${sql.join(stale.map((row) => sql`(${row.owner}::uuid, ${row.other}::uuid)`), sql`, `)})`);
  }
  for (let start = 0; start < missing.length; start += CHUNK_SIZE) {
    const chunk = missing.slice(start, start + CHUNK_SIZE);
    await executor.insert(table).values(chunk.map(([owner, other]) => ({ [ownerKey(table, ownerColumn)]: owner, [ownerKey(table, otherColumn)]: other })) as never);
  }
  counts.deleted += stale.length;
  counts.inserted += missing.length;
  counts.unchanged += pairs.length - missing.length;
}

/** The property name drizzle uses for a column of a table. */
function ownerKey(table: PgTable, column: PgColumn): string {
  const entry = Object.entries(getTableColumns(table)).find(([, candidate]) => candidate === column);
  if (!entry) throw new Error(`column ${column.name} is not in ${getTableName(table)}`);
  return entry[0];
}

/**
 * Deletes the rows owned by `ownerIds` (through `ownerColumn`) that the content no longer
 * describes. `keep` lists the rows to keep, by `keyColumn`.
 */
export async function deleteStale<T extends PgTable>(
  executor: Executor,
  report: SeedReport,
  table: T,
  ownerColumn: PgColumn,
  ownerIds: string[],
  keyColumn: PgColumn,
  keep: string[],
): Promise<void> {
  if (ownerIds.length === 0) return;
  const counts = countsFor(report, table);
  const condition =
    keep.length > 0 ? and(inArray(ownerColumn, ownerIds), notInArray(keyColumn, keep)) : inArray(ownerColumn, ownerIds);
  const removed = await executor.delete(table).where(condition).returning();
  counts.deleted += removed.length;
}
