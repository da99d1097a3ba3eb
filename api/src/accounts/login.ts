import { sql } from "drizzle-orm";
import { type Database, queryRows } from "@start/db";
import type { Request } from "express";
import type { Viewer } from "../auth/viewer.js";
import { auditEachChanged, recordAudit } from "../editorial/audit.js";
import { ApiError, ErrorCode } from "../graphql/errors.js";
import type { AccountsConfig } from "../server/config.js";
import { clientKey, emailKey } from "./client.js";
import { verifyAgainstNothing, verifyPassword } from "./passwords.js";
import { createSession, type NewSession, viewerForToken } from "./sessions.js";
import { clearKey, countAttempt, countEvent, lockKey, uncountEvent } from "./throttle.js";

export function tooManyAttempts(until: Date): ApiError {
  const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
  return new ApiError(ErrorCode.TOO_MANY_REQUESTS, "tooManyAttempts", { minutes }, { extensions: { retryAfterMinutes: minutes } });
}

const invalidCredentials = () => new ApiError(ErrorCode.UNAUTHENTICATED, "invalidCredentials");

/**
 * Signs in with an e-mail address and a password. The answer is the same whether or not the
 * address has an account: the same message, the same lock-out after repeated failures (counted
 * per keyed hash of the address, in the database) and the same work, so about the same time (a
 * dummy verification of the same cost when there is no account, and the same statements to record
 * a failure).
 *
 * Locks are per account; the client (its address) is only throttled: once it has failed more than
 * `loginAttemptsPerClient` times in its window, every further failure from it locks the account it
 * tried at once, so guessing from one address gets one guess per account per lock instead of
 * `lockThreshold`. A right password for an account that is not locked still opens it: people behind
 * the same address as someone guessing (an office, a mobile operator's NAT) keep signing in.
 *
 * The counting is committed even when the sign-in fails (it would be useless otherwise); what a
 * successful sign-in writes (the session, the reset counters, the audit entry) is one transaction.
 */
export async function login(
  db: Database,
  request: Request,
  config: AccountsConfig,
  credentials: { email: string; password: string },
): Promise<{ session: NewSession; viewer: Viewer }> {
  const email = credentials.email.trim();
  const lockSeconds = config.lockMinutes * 60;
  const clientWindowSeconds = config.clientWindowMinutes * 60;

  // Every attempt is counted before the password is checked (one atomic statement per counter), so
  // that parallel attempts cannot all pass a check made before any of them was counted. Successful
  // ones are then taken back from the client's count: an office behind one shared address may sign
  // in as often as it needs.
  const clientLimitKey = `login-client:${await clientKey(db, request, config.secret)}`;
  const client = await countEvent(db, clientLimitKey, clientWindowSeconds);
  const clientThrottled = client.count > config.loginAttemptsPerClient;
  const emailLockKey = `login-email:${await emailKey(db, email, config.secret)}`;
  const attempt = await countAttempt(db, emailLockKey, config.lockThreshold, lockSeconds);
  if (!attempt.allowed) throw tooManyAttempts(attempt.until);

  const [user] = await queryRows<{ id: string; password_hash: string | null; disabled: boolean }>(
    db,
    sql`select id::text as id, password_hash, disabled_at is not null as disabled from users where lower(email) = lower(${email})`,
  );
  const passwordMatches =
    user?.password_hash && credentials.password.length <= 1024
      ? await verifyPassword(user.password_hash, credentials.password)
      : await verifyAgainstNothing(credentials.password.slice(0, 1024));

  if (!user || !passwordMatches || user.disabled) {
    const until = attempt.locked ? attempt.until : clientThrottled ? await lockKey(db, emailLockKey, config.lockThreshold, lockSeconds) : null;
    // The same statement whether or not there is an account (it changes no row when there is none).
    await db.execute(
      auditEachChanged(
        sql`update users set failed_login_count = failed_login_count + 1, locked_until = ${until?.toISOString() ?? null}::timestamptz
            where lower(email) = lower(${email}) returning id`,
        { actorUserId: null, action: until ? "login_locked" : "login_failed", entityType: "user" },
      ),
    );
    throw until ? tooManyAttempts(until) : invalidCredentials();
  }

  const session = await db.transaction(async (tx) => {
    await clearKey(tx, emailLockKey);
    await uncountEvent(tx, clientLimitKey);
    await tx.execute(sql`update users set failed_login_count = 0, locked_until = null, last_login_at = now() where id = ${user.id}`);
    const opened = await createSession(tx, user.id, config);
    await recordAudit(tx, { actorUserId: user.id, action: "login", entityType: "user", entityId: user.id });
    return opened;
  });
  const viewer = await viewerForToken(db, session.token, config);
  if (!viewer) throw new Error("a session just opened could not be read back");
  return { session, viewer };
}
