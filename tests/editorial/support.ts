import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { type Database, queryRows } from "@start/db";
import type { Fixtures } from "../support/fixtures.js";

/** Columns a request may touch without changing any data: a session's sliding expiry. */
const VOLATILE_COLUMNS: Record<string, string[]> = { sessions: ["last_seen_at", "expires_at"] };

/**
 * A fingerprint of every row of every table (except a session's sliding expiry): equal before and
 * after a request means the request wrote nothing at all — no record, no audit entry, no publish
 * job, no counter.
 */
export async function databaseDigest(db: Database): Promise<string> {
  const columns = await queryRows<{ table_name: string; column_name: string }>(
    db,
    sql`select table_name, column_name from information_schema.columns
        where table_schema = 'public' and table_name in (select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE')
        order by table_name, ordinal_position`,
  );
  const tables = new Map<string, string[]>();
  for (const { table_name, column_name } of columns) {
    if (VOLATILE_COLUMNS[table_name]?.includes(column_name)) continue;
    tables.set(table_name, [...(tables.get(table_name) ?? []), column_name]);
  }
  const parts = [...tables].map(
    ([table, names]) =>
      // Order-independent (no sort): the number of rows and the sum of their hashes.
      `select '${table}' as t, count(*)::text || ':' || coalesce(sum(hashtext(row(${names.map((name) => `"${name}"`).join(", ")})::text)::bigint), 0)::text as d from "${table}"`,
  );
  const rows = await queryRows<{ t: string; d: string }>(db, sql.raw(parts.join(" union all ")));
  return rows
    .sort((a, b) => a.t.localeCompare(b.t))
    .map((row) => `${row.t}:${row.d}`)
    .join(",");
}

export const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** Libya's date `days` from now, YYYY-MM-DD. */
export function libyaDate(days = 0): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Africa/Tripoli" }).format(new Date(Date.now() + days * 86_400_000));
}

/** The organizations, people and sessions the editorial tests share. */
export async function editorialWorld(fixtures: Fixtures) {
  await fixtures.world();
  await fixtures.organization({ slug: "ngo-a", names: { ar: "جمعية أ", en: "NGO A" } });
  await fixtures.organization({ slug: "ngo-b", names: { ar: "جمعية ب", en: "NGO B" } });
  await fixtures.organization({ slug: "ministry-a", kind: "government", names: { ar: "وزارة أ", en: "Ministry A" } });
  await fixtures.organization({ slug: "ministry-b", kind: "government", names: { ar: "وزارة ب", en: "Ministry B" } });
  await fixtures.user({ key: "editor", displayName: "Salma", roles: [{ role: "org_editor", organization: "ngo-a" }] });
  await fixtures.user({ key: "publisher", displayName: "Khaled", roles: [{ role: "ministry_publisher", organization: "ministry-a" }] });
  await fixtures.user({ key: "moderator", displayName: "Amina", roles: [{ role: "moderator" }] });
  await fixtures.user({ key: "admin", displayName: "Yusuf", roles: [{ role: "admin" }] });
  return {
    editor: await fixtures.session("editor"),
    publisher: await fixtures.session("publisher"),
    moderator: await fixtures.session("moderator"),
    admin: await fixtures.session("admin"),
  };
}
