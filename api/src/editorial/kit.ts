import { eq } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Executor, Transaction } from "@start/db";
import { authorize, type Permission, requireViewer } from "../auth/authorization.js";
import type { Viewer } from "../auth/viewer.js";
import type { RequestContext } from "../graphql/context.js";
import { invalidState } from "../graphql/errors.js";
import { enqueuePublish } from "../publishing/queue.js";
import { type AuditEntityType, recordAudit } from "./audit.js";
import { assertNotArchived, bumpVersion, checkVersion, lockRow, mutation, type VersionedTable } from "./records.js";

/**
 * The workflow shared by the records edited as a whole (vacancies, rights articles, alerts,
 * categories, places, organizations): each change is one transaction that locks the record,
 * checks the permission and the version, writes, bumps the version, appends the audit entry
 * (the record and its document before and after) and, when the public sees the change, queues
 * a portal rebuild.
 */
export interface RecordKind<Row extends { id: string; version: number; archivedAt: Date | null }, Document> {
  /** For messages ("vacancy") and the audit trail ("vacancy"). */
  entity: string;
  auditType: AuditEntityType;
  table: VersionedTable & { archivedAt: PgColumn };
  permission: Permission;
  /** The organization whose members may change it (null: platform-wide records). */
  organizationOf(row: Row): string | null;
  /** Whether the public sees the record as it is (published and not archived, or always for categories and places). */
  isPublic(row: Row): boolean;
  /** How the publish job names it. */
  label(row: Row): string;
  load(executor: Executor, id: string): Promise<Document>;
  /** Changes waiting for review, for kinds that have them (kept in the audit trail with the record). */
  pending?(executor: Executor, id: string): Promise<unknown>;
}

export async function snapshotOf<Row extends { id: string; version: number; archivedAt: Date | null }, Document>(
  tx: Transaction,
  kind: RecordKind<Row, Document>,
  id: string,
) {
  const [row] = (await tx
    .select()
    .from(kind.table as PgTable)
    .where(eq(kind.table.id, id))) as Row[];
  const document = await kind.load(tx, id);
  return kind.pending ? { ...row, document, pendingChanges: await kind.pending(tx, id) } : { ...row, document };
}

export interface ChangeOutcome<Row> {
  /** Columns to set with the new version. */
  set?: Partial<Row>;
  /** Whether the public sees the change (a publish job is queued). */
  public: boolean;
  /** What the audit trail calls the change, when it is not the action asked for (an update that became a proposal). */
  action?: string;
}

/** One change to an existing record, as one transaction; returns the record's id. */
export async function changeRecord<Row extends { id: string; version: number; archivedAt: Date | null }, Document>(
  context: RequestContext,
  kind: RecordKind<Row, Document>,
  id: string,
  expectedVersion: number,
  action: string,
  change: (tx: Transaction, row: Row, viewer: Viewer) => Promise<ChangeOutcome<Row>>,
  options: { allowArchived?: boolean; permission?: Permission } = {},
): Promise<string> {
  requireViewer(context);
  return mutation(context, async (tx) => {
    const row = (await lockRow(tx, kind.table, id, kind.entity)) as unknown as Row;
    const viewer = authorize(context, options.permission ?? kind.permission, kind.organizationOf(row));
    checkVersion(row, expectedVersion, kind.entity);
    if (!options.allowArchived) assertNotArchived(row, kind.entity);
    const before = await snapshotOf(tx, kind, row.id);
    const outcome = await change(tx, row, viewer);
    await bumpVersion(tx, kind.table, row.id, (outcome.set ?? {}) as never);
    const after = await snapshotOf(tx, kind, row.id);
    const done = outcome.action ?? action;
    await recordAudit(tx, { actorUserId: viewer.userId, action: done, entityType: kind.auditType, entityId: row.id, before, after });
    if (outcome.public) {
      context.queuedPublishJob = await enqueuePublish(tx, { reason: `${kind.entity} ${done}: ${kind.label(after as unknown as Row)}`, requestedByUserId: viewer.userId });
    }
    return row.id;
  });
}

/** A new record, as one transaction; `create` inserts it and returns its id. */
export async function createRecord<Row extends { id: string; version: number; archivedAt: Date | null }, Document>(
  context: RequestContext,
  kind: RecordKind<Row, Document>,
  organizationId: string | null,
  create: (tx: Transaction, viewer: Viewer) => Promise<string>,
): Promise<string> {
  const viewer = authorize(context, kind.permission, organizationId);
  return mutation(context, async (tx) => {
    const id = await create(tx, viewer);
    const after = await snapshotOf(tx, kind, id);
    await recordAudit(tx, { actorUserId: viewer.userId, action: "create", entityType: kind.auditType, entityId: id, before: null, after });
    if (kind.isPublic(after as unknown as Row)) {
      context.queuedPublishJob = await enqueuePublish(tx, { reason: `${kind.entity} created: ${kind.label(after as unknown as Row)}`, requestedByUserId: viewer.userId });
    }
    return id;
  });
}

/** Archive and restore, the same for every kind: the record keeps its state and comes back in it. */
export function archive<Row extends { id: string; version: number; archivedAt: Date | null }, Document>(
  context: RequestContext,
  kind: RecordKind<Row, Document>,
  id: string,
  expectedVersion: number,
  check?: (tx: Transaction, row: Row) => Promise<void>,
): Promise<string> {
  return changeRecord(context, kind, id, expectedVersion, "archive", async (tx, row) => {
    await check?.(tx, row);
    return { set: { archivedAt: new Date() } as Partial<Row>, public: kind.isPublic(row) };
  });
}

export function restore<Row extends { id: string; version: number; archivedAt: Date | null }, Document>(
  context: RequestContext,
  kind: RecordKind<Row, Document>,
  id: string,
  expectedVersion: number,
  check?: (tx: Transaction, row: Row) => Promise<void>,
): Promise<string> {
  return changeRecord(
    context,
    kind,
    id,
    expectedVersion,
    "restore",
    async (tx, row) => {
      if (row.archivedAt === null) throw invalidState("notArchived", { entity: kind.entity });
      await check?.(tx, row);
      return { set: { archivedAt: null } as Partial<Row>, public: kind.isPublic({ ...row, archivedAt: null }) };
    },
    { allowArchived: true },
  );
}

/** Replaces a record's per-locale texts: locales no longer given are removed. */
export async function replaceTexts(
  tx: Transaction,
  table: PgTable,
  foreignKey: PgColumn,
  id: string,
  rows: Array<Record<string, unknown>>,
): Promise<void> {
  await tx.delete(table).where(eq(foreignKey, id));
  if (rows.length) await tx.insert(table).values(rows as never);
}
