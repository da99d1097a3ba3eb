import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { type Database, queryRows } from "@start/db";
import { recordAudit } from "../editorial/audit.js";
import { hashPassword, passwordLengthValid, PASSWORD_MIN_LENGTH } from "./passwords.js";

export interface FirstAdminResult {
  /** True when this call created (or promoted) the admin. */
  created: boolean;
  email?: string;
  /** Only when generated: shown once, never stored or logged anywhere else. */
  generatedPassword?: string;
}

const DEFAULT_ADMIN_EMAIL = "admin@start.invalid";

/**
 * Makes sure START has an admin. When it has none: the account of START_ADMIN_EMAIL (created,
 * with START_ADMIN_PASSWORD, if it does not exist), else `admin@start.invalid` with a random
 * password that the caller prints once. Safe when several processes start together (an advisory
 * lock serialises them); does nothing once any admin exists.
 */
export async function ensureFirstAdmin(db: Database, env: NodeJS.ProcessEnv = process.env): Promise<FirstAdminResult> {
  const email = env.START_ADMIN_EMAIL?.trim() || DEFAULT_ADMIN_EMAIL;
  const given = env.START_ADMIN_PASSWORD;
  if (given !== undefined && !passwordLengthValid(given)) {
    throw new Error(`START_ADMIN_PASSWORD must be at least ${PASSWORD_MIN_LENGTH} characters long`);
  }
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('start:first-admin'))`);
    const admins = await queryRows<{ id: string }>(tx, sql`select user_id::text as id from memberships where role = 'admin' limit 1`);
    if (admins.length > 0) return { created: false };

    const generatedPassword = given === undefined ? randomBytes(18).toString("base64url") : undefined;
    const passwordHash = await hashPassword(given ?? generatedPassword!);
    const [existing] = await queryRows<{ id: string; has_password: boolean }>(
      tx,
      sql`select id::text as id, password_hash is not null as has_password from users where lower(email) = lower(${email})`,
    );
    let userId: string;
    if (existing) {
      userId = existing.id;
      // An existing account keeps its password unless START_ADMIN_PASSWORD says otherwise.
      if (given !== undefined || !existing.has_password) {
        await tx.execute(sql`update users set password_hash = ${passwordHash}, version = version + 1, updated_at = now() where id = ${userId}`);
      }
    } else {
      const [row] = await queryRows<{ id: string }>(
        tx,
        sql`insert into users (email, display_name, password_hash) values (${email}, 'Admin', ${passwordHash}) returning id::text as id`,
      );
      userId = row!.id;
    }
    await tx.execute(sql`insert into memberships (user_id, role) values (${userId}, 'admin') on conflict do nothing`);
    await recordAudit(tx, { actorUserId: null, action: "first_admin", entityType: "user", entityId: userId, after: { email, roles: ["admin"] } });
    return {
      created: true,
      email,
      generatedPassword: existing?.has_password && given === undefined ? undefined : generatedPassword,
    };
  });
}
