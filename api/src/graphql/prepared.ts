import { type AnyColumn, sql } from "drizzle-orm";
import type { Database } from "@start/db";

const cache = new WeakMap<Database, Map<string, unknown>>();

/**
 * A query built once per database and reused: building drizzle's relational queries costs more
 * CPU than running them, and the loaders run the same few queries on every request.
 */
export function preparedOnce<T>(db: Database, name: string, build: () => T): T {
  let queries = cache.get(db);
  if (!queries) cache.set(db, (queries = new Map()));
  if (!queries.has(name)) queries.set(name, build());
  return queries.get(name) as T;
}

/** `column = any($ids)`: the ids travel as one array parameter, so the statement never changes. */
export const anyOf = (column: AnyColumn) => sql`${column} = any(${sql.placeholder("ids")}::uuid[])`;
