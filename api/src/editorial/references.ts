import { sql } from "drizzle-orm";
import { type Executor, queryRows } from "@start/db";
import { isUuid } from "../graphql/relay.js";

const KEYED_TABLES = {
  categories: "code",
  places: "slug",
  organizations: "slug",
  services: "slug",
  locations: null,
} as const;

/**
 * Resolves what an editor names records by (an id, or a slug / code) to ids, in one statement.
 * Archived records are not valid targets. Returns a map from each given value to its id; values
 * that match nothing are missing from it (the caller names the field at fault).
 */
export async function resolveKeys(
  executor: Executor,
  table: keyof typeof KEYED_TABLES,
  values: readonly string[],
): Promise<Map<string, string>> {
  const wanted = [...new Set(values.map((value) => value.trim()).filter(Boolean))];
  const found = new Map<string, string>();
  if (wanted.length === 0) return found;
  const keyColumn = KEYED_TABLES[table];
  const ids = wanted.filter(isUuid).map((value) => value.toLowerCase());
  const keys = wanted.filter((value) => !isUuid(value));
  const rows = await queryRows<{ id: string; key: string | null }>(
    executor,
    sql`select id::text as id, ${keyColumn ? sql.raw(keyColumn) : sql`null::text`} as key from ${sql.raw(table)}
        where (id = any(${sql.param(ids)}::uuid[]) ${keyColumn ? sql`or ${sql.raw(keyColumn)} = any(${sql.param(keys)}::text[])` : sql``})
          and archived_at is null`,
  );
  for (const value of wanted) {
    const row = rows.find((candidate) => candidate.id === value.toLowerCase() || (candidate.key !== null && candidate.key === value));
    if (row) found.set(value, row.id);
  }
  return found;
}

/**
 * Like resolveKeys, archived records included and told apart: each given value that names a
 * record maps to its id and whether it is archived (so the caller can say "archived" rather than
 * "unknown").
 */
export async function resolveKeysWithArchived(
  executor: Executor,
  table: "places" | "organizations" | "services",
  values: readonly string[],
): Promise<Map<string, { id: string; archived: boolean }>> {
  const wanted = [...new Set(values.map((value) => value.trim()).filter(Boolean))];
  const found = new Map<string, { id: string; archived: boolean }>();
  if (wanted.length === 0) return found;
  const ids = wanted.filter(isUuid).map((value) => value.toLowerCase());
  const keys = wanted.filter((value) => !isUuid(value));
  const rows = await queryRows<{ id: string; key: string; archived: boolean }>(
    executor,
    sql`select id::text as id, slug as key, archived_at is not null as archived from ${sql.raw(table)}
        where id = any(${sql.param(ids)}::uuid[]) or slug = any(${sql.param(keys)}::text[])`,
  );
  for (const value of wanted) {
    const row = rows.find((candidate) => candidate.id === value.toLowerCase() || candidate.key === value);
    if (row) found.set(value, { id: row.id, archived: row.archived });
  }
  return found;
}

/** Whether a slug (or code) is free in a table, not counting the record itself. */
export async function keyAvailable(
  executor: Executor,
  table: "services" | "vacancies" | "rights_articles" | "organizations" | "places" | "categories",
  column: "slug" | "code",
  value: string,
  exceptId: string | null,
): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    executor,
    sql`select id::text as id from ${sql.raw(table)} where ${sql.raw(column)} = ${value}
        ${exceptId ? sql`and id <> ${exceptId}::uuid` : sql``} limit 1`,
  );
  return rows.length === 0;
}

/** A free slug from a base: the base itself, else base-2, base-3… */
export async function freeSlug(
  executor: Executor,
  table: "services" | "vacancies" | "rights_articles" | "organizations" | "places",
  base: string,
  exceptId: string | null,
): Promise<string> {
  const rows = await queryRows<{ slug: string }>(
    executor,
    sql`select slug from ${sql.raw(table)} where (slug = ${base} or slug like ${`${base}-%`})
        ${exceptId ? sql`and id <> ${exceptId}::uuid` : sql``}`,
  );
  const taken = new Set(rows.map((row) => row.slug));
  if (!taken.has(base)) return base;
  for (let suffix = 2; ; suffix++) if (!taken.has(`${base}-${suffix}`)) return `${base}-${suffix}`;
}
