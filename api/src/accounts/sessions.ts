import { eq, sql } from "drizzle-orm";
import { type Executor, queryRows, type Role, sessions } from "@start/db";
import type { Request, Response } from "express";
import { parse as parseCookies, serialize as serializeCookie } from "cookie";
import type { Viewer } from "../auth/viewer.js";
import type { AccountsConfig } from "../server/config.js";
import { hashToken, newToken } from "./tokens.js";

/** The cookie that carries the session token in browsers. */
export const SESSION_COOKIE = "start_session";

/** How often a session's sliding expiry is pushed back (at most one write per session per interval). */
const TOUCH_INTERVAL_SECONDS = 60;

export interface NewSession {
  id: string;
  token: string;
  expiresAt: Date;
}

/**
 * Opens a session: a random token, of which only the SHA-256 is stored, expiring after the idle
 * time (pushed back on use, up to the absolute limit).
 */
export async function createSession(db: Executor, userId: string, config: AccountsConfig): Promise<NewSession> {
  const token = newToken();
  const [row] = await queryRows<{ id: string; expires_at: Date | string }>(
    db,
    sql`insert into sessions (user_id, token_hash, expires_at)
        values (${userId}, ${hashToken(token)}, now() + make_interval(hours => ${config.sessionIdleHours}))
        returning id::text as id, expires_at`,
  );
  return { id: row!.id, token, expiresAt: new Date(row!.expires_at) };
}

/** The session token a request carries: `Authorization: Bearer …` first, else the cookie. */
export function sessionTokenOf(request: Request): string | undefined {
  const authorization = request.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+([A-Za-z0-9_-]{20,100})\s*$/i.exec(authorization);
    return match?.[1];
  }
  const header = request.get("cookie");
  if (!header) return undefined;
  const token = parseCookies(header)[SESSION_COOKIE];
  return token && /^[A-Za-z0-9_-]{20,100}$/.test(token) ? token : undefined;
}

/**
 * The viewer behind a session token, or null when the token is unknown, expired or belongs to a
 * disabled account. Pushes the idle expiry back (never past the absolute limit).
 */
export async function viewerForToken(db: Executor, token: string, config: AccountsConfig): Promise<Viewer | null> {
  const [row] = await queryRows<{
    session_id: string;
    user_id: string;
    email: string;
    display_name: string;
    preferred_locale: string | null;
    roles: string | Array<{ role: Role; organizationId: string | null }>;
    stale: boolean;
  }>(
    db,
    sql`select s.id::text as session_id, u.id::text as user_id, u.email, u.display_name, u.preferred_locale,
          coalesce((select json_agg(json_build_object('role', m.role, 'organizationId', m.organization_id) order by m.role, m.organization_id)
                    from memberships m where m.user_id = u.id), '[]'::json) as roles,
          s.last_seen_at < now() - make_interval(secs => ${TOUCH_INTERVAL_SECONDS}) as stale
        from sessions s join users u on u.id = s.user_id
        where s.token_hash = ${hashToken(token)} and s.expires_at > now() and u.disabled_at is null`,
  );
  if (!row) return null;
  if (row.stale) {
    await db.execute(
      sql`update sessions set last_seen_at = now(),
            expires_at = least(now() + make_interval(hours => ${config.sessionIdleHours}), created_at + make_interval(days => ${config.sessionAbsoluteDays}))
          where id = ${row.session_id}`,
    );
  }
  const roles = typeof row.roles === "string" ? JSON.parse(row.roles) : row.roles;
  return {
    userId: row.user_id,
    email: row.email,
    displayName: row.display_name,
    preferredLocale: row.preferred_locale,
    roles,
    sessionId: row.session_id,
  };
}

export async function deleteSession(db: Executor, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function deleteSessionsOfUser(db: Executor, userId: string, except?: string): Promise<void> {
  await db.execute(
    except
      ? sql`delete from sessions where user_id = ${userId} and id <> ${except}`
      : sql`delete from sessions where user_id = ${userId}`,
  );
}

/** Sessions past their expiry (housekeeping: an expired session is refused whether or not it is deleted). */
export async function pruneSessions(db: Executor): Promise<number> {
  const rows = await queryRows<{ id: string }>(db, sql`delete from sessions where expires_at <= now() returning id::text as id`);
  return rows.length;
}

/** The session cookie: HttpOnly, SameSite=Lax, Path=/, Secure when the request came over HTTPS. */
export function setSessionCookie(request: Request, response: Response, token: string, expiresAt: Date, config: AccountsConfig): void {
  const absolute = new Date(Date.now() + config.sessionAbsoluteDays * 86_400_000);
  response.append(
    "Set-Cookie",
    serializeCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: request.secure,
      // The browser may keep it until the absolute limit; the server ends it sooner when idle.
      expires: expiresAt > absolute ? expiresAt : absolute,
    }),
  );
}

export function clearSessionCookie(request: Request, response: Response): void {
  response.append(
    "Set-Cookie",
    serializeCookie(SESSION_COOKIE, "", { httpOnly: true, sameSite: "lax", path: "/", secure: request.secure, expires: new Date(0) }),
  );
}

/** The viewer resolver createApp uses by default: sessions from the database, nothing in memory. */
export function sessionViewerResolver(db: Executor, config: AccountsConfig) {
  return async (request: Request): Promise<Viewer | null> => {
    const token = sessionTokenOf(request);
    return token ? viewerForToken(db, token, config) : null;
  };
}
