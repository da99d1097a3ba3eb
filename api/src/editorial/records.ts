import { eq, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Transaction } from "@start/db";
import type { RequestContext } from "../graphql/context.js";
import { badInput, conflict, invalidFields, invalidState, notFound } from "../graphql/errors.js";
import { isUuid } from "../graphql/relay.js";

/** A table whose records carry an id, a version and an updated_at. */
export type VersionedTable = PgTable & { id: PgColumn; version: PgColumn; updatedAt: PgColumn };

/**
 * Reads a record for change: locked (SELECT … FOR UPDATE) until the transaction ends, so that
 * concurrent saves of the same record queue up and each sees the version the one before it left.
 */
export async function lockRow<T extends VersionedTable>(tx: Transaction, table: T, id: string, entity: string): Promise<T["$inferSelect"]> {
  if (!isUuid(id)) throw badInput("invalidId", { value: id }, "id");
  const rows = (await tx
    .select()
    .from(table as PgTable)
    .where(eq(table.id, id.toLowerCase()))
    .for("update")) as T["$inferSelect"][];
  if (!rows[0]) throw notFound(entity);
  return rows[0];
}

/** An update made against another version than the current one is refused (CONFLICT, with the current version). */
export function checkVersion(row: { version: number }, expectedVersion: number, entity: string): void {
  if (row.version !== expectedVersion) throw conflict(entity, row.version, expectedVersion);
}

export function assertNotArchived(row: { archivedAt: Date | null }, entity: string): void {
  if (row.archivedAt !== null) throw invalidState("archived", { entity });
}

/** Saves the record's new version (and any other columns given); returns the new version. */
export async function bumpVersion<T extends VersionedTable>(
  tx: Transaction,
  table: T,
  id: string,
  set: Partial<T["$inferInsert"]> = {},
): Promise<number> {
  const [row] = (await tx
    .update(table as PgTable)
    .set({ ...set, version: sql`${table.version} + 1`, updatedAt: sql`now()` } as never)
    .where(eq(table.id, id))
    .returning({ version: table.version })) as { version: number }[];
  return row!.version;
}

/** PostgreSQL's error code and constraint behind a driver error (drizzle wraps them; postgres.js and PGlite name fields differently). */
export function databaseErrorOf(error: unknown): { code: string; constraint?: string } | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const candidate = current as { code?: unknown; constraint_name?: unknown; constraint?: unknown; cause?: unknown };
    if (typeof candidate.code === "string" && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      const constraint = (candidate.constraint_name ?? candidate.constraint) as string | undefined;
      return { code: candidate.code, constraint };
    }
    current = candidate.cause;
  }
  return undefined;
}

/**
 * Runs one mutation as one transaction: everything it writes (the record, its texts and children,
 * the audit entry, the publish job) is committed together or not at all. A unique slug or code
 * taken by a concurrent save becomes a field error rather than an internal one.
 */
export async function mutation<T>(context: RequestContext, work: (tx: Transaction) => Promise<T>): Promise<T> {
  context.private = true;
  // Several mutations may run in one operation: each answer shows the job its own change queued.
  context.queuedPublishJob = null;
  try {
    return await context.db.transaction(work);
  } catch (error) {
    const database = databaseErrorOf(error);
    if (database?.code === "23505" && database.constraint) {
      if (/_slug_(key|unique)$/.test(database.constraint)) throw invalidFields([{ path: "slug", key: "slugTaken" }]);
      if (/_code_(key|unique)$/.test(database.constraint)) throw invalidFields([{ path: "code", key: "slugTaken" }]);
    }
    throw error;
  }
}
