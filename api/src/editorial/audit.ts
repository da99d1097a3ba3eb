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

/** Dates as ISO strings, undefined dropped: what JSON keeps. */
function toJson(value: unknown): unknown {
  return value === null ? null : JSON.parse(JSON.stringify(value));
}
