import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { type Executor, queryRows, serviceRevisions, services, users } from "@start/db";
import { diffDocuments, type FieldChange } from "../diff.js";
import { loadServiceDocument, proposedDocument, type ServiceDocument } from "./document.js";

export interface RevisionView {
  id: string;
  status: string;
  proposed: ServiceDocument;
  createdAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
  rejectionReason: string | null;
  decidedAt: Date | null;
}

export interface EditableServiceView {
  id: string;
  organizationId: string;
  state: string;
  archived: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
  publishedAt: Date | null;
  verifiedAt: Date | null;
  verifiedBy: string | null;
  rejectionReason: string | null;
  current: ServiceDocument;
  pendingChanges: RevisionView | null;
  lastRejectedChanges: RevisionView | null;
  form: ServiceDocument;
  changes: FieldChange[];
  missingLocales: string[];
  openFeedbackCount: number;
}

const revisionView = async (db: Executor, row: typeof serviceRevisions.$inferSelect): Promise<RevisionView> => ({
  id: row.id,
  status: row.status,
  proposed: await proposedDocument(db, row.proposed),
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
  submittedAt: row.submittedAt,
  rejectionReason: row.rejectionReason,
  decidedAt: row.decidedAt,
});

/** A service as its editors see it (no authorization here: callers check it first). */
export async function loadEditableService(db: Executor, id: string): Promise<EditableServiceView | null> {
  const [row] = await db
    .select({ service: services, verifiedBy: users.displayName })
    .from(services)
    .leftJoin(users, eq(users.id, services.verifiedByUserId))
    .where(eq(services.id, id));
  if (!row) return null;
  const service = row.service;
  const current = (await loadServiceDocument(db, id))!;
  const [open] = await db
    .select()
    .from(serviceRevisions)
    .where(and(eq(serviceRevisions.serviceId, id), inArray(serviceRevisions.status, ["draft", "in_review"])));
  const [rejected] = await db
    .select()
    .from(serviceRevisions)
    .where(and(eq(serviceRevisions.serviceId, id), eq(serviceRevisions.status, "rejected")))
    .orderBy(desc(serviceRevisions.decidedAt))
    .limit(1);
  const [counts] = await queryRows<{ open_feedback: number | string; missing: string[] | string | null }>(
    db,
    sql`select (select count(*) from feedback f where f.service_id = ${id} and f.status = 'open') as open_feedback,
               (select coalesce(array_agg(l.code order by l.position), '{}') from locales l where l.enabled) as missing`,
  );
  const enabled = typeof counts?.missing === "string" ? counts.missing.replace(/[{}]/g, "").split(",").filter(Boolean) : (counts?.missing ?? []);
  const pending = open ? await revisionView(db, open) : null;
  const form = pending?.proposed ?? current;
  return {
    id: service.id,
    organizationId: service.organizationId,
    state: service.state,
    archived: service.archivedAt !== null,
    version: service.version,
    createdAt: service.createdAt,
    updatedAt: service.updatedAt,
    submittedAt: pending?.submittedAt ?? service.submittedAt,
    publishedAt: service.publishedAt,
    verifiedAt: service.verifiedAt,
    verifiedBy: row.verifiedBy ?? service.verifiedByName,
    rejectionReason: service.rejectionReason,
    current,
    pendingChanges: pending,
    lastRejectedChanges: rejected ? await revisionView(db, rejected) : null,
    form,
    changes: pending ? diffDocuments(current, pending.proposed) : [],
    missingLocales: enabled.filter((locale) => !form.texts.some((text) => text.locale === locale)),
    openFeedbackCount: Number(counts?.open_feedback ?? 0),
  };
}
