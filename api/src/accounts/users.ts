import { sql } from "drizzle-orm";
import { type Executor, queryRows, type Role } from "@start/db";

export interface UserSnapshot {
  id: string;
  email: string;
  displayName: string;
  preferredLocale: string | null;
  disabledAt: string | null;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
  version: number;
  roles: Array<{ role: Role; organizationId: string | null }>;
}

/** A user as the audit trail and the admin screens see it: never the password hash. */
export async function loadUsers(executor: Executor, ids?: readonly string[]): Promise<UserSnapshot[]> {
  const rows = await queryRows<{
    id: string;
    email: string;
    display_name: string;
    preferred_locale: string | null;
    disabled_at: Date | string | null;
    locked_until: Date | string | null;
    last_login_at: Date | string | null;
    created_at: Date | string;
    version: number | string;
    roles: string | UserSnapshot["roles"];
  }>(
    executor,
    sql`select u.id::text as id, u.email, u.display_name, u.preferred_locale, u.disabled_at,
          case when u.locked_until > now() then u.locked_until end as locked_until, u.last_login_at, u.created_at, u.version,
          coalesce((select json_agg(json_build_object('role', m.role, 'organizationId', m.organization_id) order by m.role, m.organization_id)
                    from memberships m where m.user_id = u.id), '[]'::json) as roles
        from users u
        ${ids ? sql`where u.id = any(${sql.param([...ids])}::uuid[])` : sql``}
        order by lower(u.email)`,
  );
  const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    preferredLocale: row.preferred_locale,
    disabledAt: iso(row.disabled_at),
    lockedUntil: iso(row.locked_until),
    lastLoginAt: iso(row.last_login_at),
    createdAt: iso(row.created_at)!,
    version: Number(row.version),
    roles: typeof row.roles === "string" ? JSON.parse(row.roles) : row.roles,
  }));
}

export async function loadUser(executor: Executor, id: string): Promise<UserSnapshot | null> {
  return (await loadUsers(executor, [id]))[0] ?? null;
}

/** Active (not disabled) admins, optionally not counting one user. */
export async function activeAdminCount(executor: Executor, excludingUserId?: string): Promise<number> {
  const [row] = await queryRows<{ count: number | string }>(
    executor,
    sql`select count(distinct u.id) as count from users u join memberships m on m.user_id = u.id
        where m.role = 'admin' and u.disabled_at is null ${excludingUserId ? sql`and u.id <> ${excludingUserId}` : sql``}`,
  );
  return Number(row?.count ?? 0);
}

export async function emailExists(executor: Executor, email: string): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(executor, sql`select id::text as id from users where lower(email) = lower(${email.trim()})`);
  return rows.length > 0;
}
