import { type SQL, sql } from "drizzle-orm";
import { auditEntries, type Executor } from "@start/db";

/** What an audit entry is about: the kinds of record the editor changes. */
export type AuditEntityType =
  | "service"
  | "vacancy"
  | "rights_article"
  | "alert"
  | "category"
  | "place"
  | "organization"
  | "user"
  | "invitation"
  | "feedback";

export const AUDIT_ENTITY_TYPES: readonly AuditEntityType[] = [
  "service",
  "vacancy",
  "rights_article",
  "alert",
  "category",
  "place",
  "organization",
  "user",
  "invitation",
  "feedback",
];

/**
 * Appends one audit entry: who (null for the system), what (action on a record), when (now), and
 * the record before and after. Written in the transaction of the change it describes. Secrets
 * (password hashes, tokens) never go in: callers pass snapshots built for the purpose.
 */
export async function recordAudit(
  executor: Executor,
  entry: {
    actorUserId: string | null;
    action: string;
    entityType: AuditEntityType;
    entityId: string;
    before?: unknown;
    after?: unknown;
  },
): Promise<void> {
  await executor.insert(auditEntries).values({
    actorUserId: entry.actorUserId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before === undefined ? null : toJson(entry.before),
    after: entry.after === undefined ? null : toJson(entry.after),
  });
}

/**
 * One statement that runs `change` (a data-modifying statement returning the changed rows' `id`)
 * and appends the same entry (no before or after) for every row it changed, none when it changed
 * none. The work is the same whether or not the record exists: sign-in uses it so that a failure
 * for an account takes as long as one for an unknown address.
 */
export function auditEachChanged(
  change: SQL,
  entry: { actorUserId: string | null; action: string; entityType: AuditEntityType },
): SQL {
  return sql`with changed as (${change})
    insert into ${auditEntries} (${sql.identifier(auditEntries.actorUserId.name)}, ${sql.identifier(auditEntries.action.name)}, ${sql.identifier(auditEntries.entityType.name)}, ${sql.identifier(auditEntries.entityId.name)})
    select ${entry.actorUserId}::uuid, ${entry.action}, ${entry.entityType}, changed.id from changed`;
}

/** Dates as ISO strings, undefined dropped: what JSON keeps. */
function toJson(value: unknown): unknown {
  return value === null ? null : JSON.parse(JSON.stringify(value));
}
