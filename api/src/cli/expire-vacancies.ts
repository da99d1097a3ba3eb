import { createDatabase } from "@start/db";
import { pruneSessions } from "../accounts/sessions.js";
import { pruneRateLimits } from "../accounts/throttle.js";
import { expireVacancies } from "../publishing/expiry.js";
import { lockEmbeddedDatabase } from "./embedded-lock.js";

/**
 * `pnpm --filter @start/api expire:vacancies`: closes vacancies past their deadline (queuing a
 * portal rebuild when any closed), and drops expired sessions and old rate-limit counters.
 * Safe to run at any time, as often as wanted, from cron or by hand; the API also runs it hourly.
 * On the embedded database, not while START runs on the same data directory (it is refused).
 */
const unlock = lockEmbeddedDatabase();
const database = await createDatabase();
try {
  const { expired } = await expireVacancies(database.db);
  const sessions = await pruneSessions(database.db);
  const counters = await pruneRateLimits(database.db);
  console.log(
    expired.length ? `closed ${expired.length} expired vacancies: ${expired.join(", ")}` : "no vacancy to close",
    `(removed ${sessions} expired sessions and ${counters} old rate-limit counters)`,
  );
} finally {
  await database.close();
  unlock();
}
