import { sql } from "drizzle-orm";
import { type Database, queryRows } from "@start/db";
import { recordAudit } from "../editorial/audit.js";
import { enqueuePublish } from "./queue.js";

/**
 * Marks published vacancies whose deadline has passed (Libya time) as closed, and queues one
 * portal rebuild when any was. The read side already treats a past deadline as closed, so this
 * is bookkeeping (editors see the notice closed, the portal drops it at the next build), not
 * what makes expiry correct. Idempotent: a second run finds nothing to do and queues nothing.
 */
export async function expireVacancies(db: Database): Promise<{ expired: string[] }> {
  return db.transaction(async (tx) => {
    const rows = await queryRows<{ id: string; slug: string; version: number | string; closed_at: Date | string }>(
      tx,
      sql`update vacancies set closed_at = now(), version = version + 1, updated_at = now()
          where state = 'published' and archived_at is null and closed_at is null
            and deadline < (now() at time zone 'Africa/Tripoli')::date
          returning id::text as id, slug, version, closed_at`,
    );
    for (const row of rows) {
      await recordAudit(tx, {
        actorUserId: null,
        action: "expire",
        entityType: "vacancy",
        entityId: row.id,
        before: { closedAt: null, version: Number(row.version) - 1 },
        after: { closedAt: new Date(row.closed_at).toISOString(), version: Number(row.version) },
      });
    }
    if (rows.length > 0) {
      await enqueuePublish(tx, { reason: `vacancies expired: ${rows.map((row) => row.slug).join(", ")}`.slice(0, 1000) });
    }
    return { expired: rows.map((row) => row.slug) };
  });
}
