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

/** Whether `key` already counts `max` events in its current window (without counting one more). */
export async function limitReached(db: Executor, key: string, max: number, windowSeconds: number): Promise<WindowCount | null> {
  const [row] = await queryRows<{ count: number | string; window_start: Date | string }>(
    db,
    sql`select count, window_start from rate_limits
        where key = ${key} and count >= ${max} and window_start > now() - make_interval(secs => ${windowSeconds})`,
  );
  return row ? { count: Number(row.count), windowStart: new Date(row.window_start) } : null;
}

/**
 * Counts a failure towards a lock-out: `threshold` failures within `lockSeconds` lock the key for
 * `lockSeconds` from the last of them. Returns whether the key is now locked.
 */
export async function countFailure(db: Executor, key: string, threshold: number, lockSeconds: number): Promise<{ locked: boolean; until: Date }> {
  const [row] = await queryRows<{ count: number | string; window_start: Date | string }>(
    db,
    sql`insert into rate_limits (key, window_start, count) values (${key}, now(), 1)
        on conflict (key) do update set
          count = case when rate_limits.window_start <= now() - make_interval(secs => ${lockSeconds}) then 1 else rate_limits.count + 1 end,
          window_start = case
            when rate_limits.window_start <= now() - make_interval(secs => ${lockSeconds}) then now()
            when rate_limits.count + 1 >= ${threshold} then now()
            else rate_limits.window_start end
        returning count, window_start`,
  );
  const windowStart = new Date(row!.window_start);
  return { locked: Number(row!.count) >= threshold, until: new Date(windowStart.getTime() + lockSeconds * 1000) };
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
