import { sql } from "drizzle-orm";
import { type Executor, queryRows } from "@start/db";

/**
 * Fixed-window counters in the `rate_limits` table, shared by every API process. Keys are keyed
 * hashes (tokens.ts): no client address or e-mail address is stored.
 */
export interface WindowCount {
  count: number;
  windowStart: Date;
}

/** Counts one more event for `key` in a window of `windowSeconds` (a new window starts when the old one is over). */
export async function countEvent(db: Executor, key: string, windowSeconds: number): Promise<WindowCount> {
  const [row] = await queryRows<{ count: number | string; window_start: Date | string }>(
    db,
    sql`insert into rate_limits (key, window_start, count) values (${key}, now(), 1)
        on conflict (key) do update set
          count = case when rate_limits.window_start <= now() - make_interval(secs => ${windowSeconds}) then 1 else rate_limits.count + 1 end,
          window_start = case when rate_limits.window_start <= now() - make_interval(secs => ${windowSeconds}) then now() else rate_limits.window_start end
        returning count, window_start`,
  );
  return { count: Number(row!.count), windowStart: new Date(row!.window_start) };
}

/**
 * Counts an attempt towards a lock-out, before it is checked: `threshold` attempts within
 * `lockSeconds` lock the key for `lockSeconds` from the one that reached the threshold (attempts
 * refused while locked do not extend it). `allowed` is false past the threshold: the attempt must
 * not be checked. Counting first, in one statement, is what holds under parallel attempts; an
 * attempt that succeeds clears the key.
 */
export async function countAttempt(
  db: Executor,
  key: string,
  threshold: number,
  lockSeconds: number,
): Promise<{ allowed: boolean; locked: boolean; until: Date }> {
  const [row] = await queryRows<{ count: number | string; window_start: Date | string }>(
    db,
    sql`insert into rate_limits (key, window_start, count) values (${key}, now(), 1)
        on conflict (key) do update set
          count = case when rate_limits.window_start <= now() - make_interval(secs => ${lockSeconds}) then 1 else rate_limits.count + 1 end,
          window_start = case
            when rate_limits.window_start <= now() - make_interval(secs => ${lockSeconds}) then now()
            when rate_limits.count + 1 = ${threshold} then now()
            else rate_limits.window_start end
        returning count, window_start`,
  );
  const count = Number(row!.count);
  const until = new Date(new Date(row!.window_start).getTime() + lockSeconds * 1000);
  return { allowed: count <= threshold, locked: count >= threshold, until };
}

/**
 * Locks `key` from now for `lockSeconds`, as if it had just reached `threshold` (the attempts
 * after it are refused by `countAttempt` until then). Returns when the lock ends.
 */
export async function lockKey(db: Executor, key: string, threshold: number, lockSeconds: number): Promise<Date> {
  const [row] = await queryRows<{ window_start: Date | string }>(
    db,
    sql`insert into rate_limits (key, window_start, count) values (${key}, now(), ${threshold})
        on conflict (key) do update set count = greatest(rate_limits.count, ${threshold}), window_start = now()
        returning window_start`,
  );
  return new Date(new Date(row!.window_start).getTime() + lockSeconds * 1000);
}

/** Takes back one event counted for `key` (an attempt that turned out not to count, such as a successful sign-in). */
export async function uncountEvent(db: Executor, key: string): Promise<void> {
  await db.execute(sql`update rate_limits set count = count - 1 where key = ${key} and count > 0`);
}

export async function clearKey(db: Executor, key: string): Promise<void> {
  await db.execute(sql`delete from rate_limits where key = ${key}`);
}

/** Removes counters whose window ended long ago (housekeeping; nothing depends on it for correctness). */
export async function pruneRateLimits(db: Executor, olderThanSeconds = 86_400): Promise<number> {
  const rows = await queryRows<{ key: string }>(
    db,
    sql`delete from rate_limits where window_start < now() - make_interval(secs => ${olderThanSeconds}) returning key`,
  );
  return rows.length;
}
