import { count, eq, sql } from "drizzle-orm";
import { type DatabaseHandle, formatSeedReport, locales, seedFromContent, settings } from "@start/db";
import { ensureFirstAdmin, type FirstAdminResult } from "../accounts/first-admin.js";
import type { Logger } from "../server/logger.js";

/** Set once the shipped content has been loaded: later starts never seed again (the editors own the data). */
export const CONTENT_SEEDED_KEY = "content_seeded_at";

export interface Prepared {
  /** True when this start loaded content/ into an empty database. */
  seeded: boolean;
  admin: FirstAdminResult;
}

/**
 * Brings the database up to date before serving: migrations, the shipped content on the very
 * first start only, and a first admin. On PostgreSQL several processes may start together: an
 * advisory lock, held by a transaction while the work runs on other pooled connections, lets one
 * at a time through.
 */
export async function prepareDatabase(database: DatabaseHandle, logger: Logger): Promise<Prepared> {
  const work = async (): Promise<Prepared> => {
    logger.info("migrating the database");
    await database.migrate();
    const db = database.db;
    const [marker] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, CONTENT_SEEDED_KEY));
    let seeded = false;
    if (!marker) {
      const [row] = await db.select({ n: count() }).from(locales);
      // A database someone seeded by hand (pnpm db:seed) is not seeded again.
      if (Number(row?.n ?? 0) === 0) {
        logger.info("first start: loading content/ into the database");
        const report = await seedFromContent(db);
        const rows = Object.values(report).reduce((sum, c) => sum + c.inserted, 0);
        logger.info("content loaded", { rows, summary: formatSeedReport(report).split("\n").at(-1)?.trim() });
        seeded = true;
      }
      await db.insert(settings).values({ key: CONTENT_SEEDED_KEY, value: new Date().toISOString() }).onConflictDoNothing();
    }
    const admin = await ensureFirstAdmin(db);
    return { seeded, admin };
  };
  if (database.driver === "pglite") return work();
  return database.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('start:bootstrap'))`);
    return work();
  });
}

/** The message that shows a generated admin password, once, on the console (never in the log). */
export function firstAdminNotice(admin: FirstAdminResult): string | null {
  if (!admin.created || !admin.generatedPassword) return null;
  return (
    `START had no administrator: one was created.\n  e-mail:   ${admin.email}\n  password: ${admin.generatedPassword}\n` +
    "Sign in and change this password (or set START_ADMIN_EMAIL and START_ADMIN_PASSWORD before the first start)."
  );
}
