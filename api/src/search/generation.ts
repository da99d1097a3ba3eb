import { sql } from "drizzle-orm";
import { type Database, queryRows } from "@start/db";

/**
 * The search generation (migration 0006): a number that moves on at the commit of every change to
 * what search documents are made of, the enabled locales included. What the API derives from those
 * tables (the search indexes, the enabled locales) is kept in memory for as long as the number
 * read is the one it was derived at; numbers only grow.
 */
export async function readSearchGeneration(db: Database): Promise<bigint> {
  const [row] = await queryRows<{ generation: string | number }>(db, sql`select generation::text as generation from search_changes where id = 1`);
  return BigInt(row?.generation ?? 0);
}

/**
 * The search generation as one request sees it: read once, by whatever needs it first (the
 * request's locales, a search), so that a search sends this one statement and the request answers
 * from one generation.
 */
export class RequestGeneration {
  private read?: Promise<bigint>;

  constructor(private readonly db: Database) {}

  current(): Promise<bigint> {
    this.read ??= readSearchGeneration(this.db);
    return this.read;
  }
}

/**
 * One value per database, derived from the tables behind the search generation and kept while the
 * generation stays: read again when a request sees a newer one. A value read for an older
 * generation than the one kept (a request that started before a commit) is used by that request
 * and not kept; a failed read is kept for no one.
 */
export class KeptPerGeneration<T> {
  private readonly kept = new WeakMap<Database, { generation: bigint; value: Promise<T> }>();

  constructor(private readonly read: (db: Database) => Promise<T>) {}

  /** The value at `generation`, which must have been read before this is called (the value is read after it). */
  at(db: Database, generation: bigint): Promise<T> {
    const kept = this.kept.get(db);
    if (kept && kept.generation === generation) return kept.value;
    const value = this.read(db);
    if (!kept || kept.generation < generation) {
      const entry = { generation, value };
      this.kept.set(db, entry);
      value.catch(() => {
        if (this.kept.get(db) === entry) this.kept.delete(db);
      });
    }
    return value;
  }
}
