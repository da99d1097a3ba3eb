import { type SQL, sql } from "drizzle-orm";
import { type Executor, queryRows } from "@start/db";
import { badInput } from "./errors.js";
import { isUuid } from "./relay.js";

/**
 * Resolves what a client names a record by (its id, or its slug / code) to ids, in one statement.
 * A name that matches nothing visible is the client's mistake, reported with the value it gave.
 */
export async function resolveReferences(
  db: Executor,
  options: {
    /** Table and alias, e.g. "places p". */
    from: string;
    alias: string;
    /** The human-readable key column: slug or code. */
    keyColumn: string;
    visible: SQL;
    values: readonly string[];
    entity: string;
    field: string;
  },
): Promise<string[]> {
  const values = [...new Set(options.values.map((value) => value.trim()))];
  if (values.length === 0) return [];
  const ids = values.filter(isUuid).map((value) => value.toLowerCase());
  const keys = values.filter((value) => !isUuid(value));
  const a = options.alias;
  const rows = await queryRows<{ id: string; key: string }>(
    db,
    sql`select ${sql.raw(a)}.id::text as id, ${sql.raw(`${a}.${options.keyColumn}`)} as key
        from ${sql.raw(options.from)}
        where (${sql.raw(a)}.id = any(${sql.param(ids)}::uuid[]) or ${sql.raw(`${a}.${options.keyColumn}`)} = any(${sql.param(keys)}::text[]))
          and ${options.visible}`,
  );
  for (const value of values) {
    const found = rows.some((row) => row.id === value.toLowerCase() || row.key === value);
    if (!found) throw badInput("unknownReference", { entity: options.entity, value }, options.field);
  }
  return rows.map((row) => row.id);
}

/** For `thing(id, slug)` look-ups: exactly one of the two. */
export function idOrSlug(id: string | null | undefined, slug: string | null | undefined): { id?: string; slug?: string } {
  if ((id == null) === (slug == null)) throw badInput("idOrSlugRequired");
  if (id != null) {
    if (!isUuid(id)) throw badInput("invalidId", { value: id }, "id");
    return { id: id.toLowerCase() };
  }
  return { slug: slug! };
}
