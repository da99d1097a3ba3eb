import { and, desc, eq, inArray, sql } from "drizzle-orm";
import {
  ORGANIZATION_KINDS,
  organizationRevisions,
  organizations,
  organizationTranslations,
  type Executor,
  type SourceReference,
  type Transaction,
} from "@start/db";
import { z } from "zod";
import { can } from "../auth/authorization.js";
import type { RequestContext } from "../graphql/context.js";
import { invalidState } from "../graphql/errors.js";
import { type PhoneDocument, phoneDocuments, phoneList, phoneRelation, replacePhones } from "./contacts.js";
import { diffDocuments, type FieldChange } from "./diff.js";
import { archive, changeRecord, createRecord, type RecordKind, replaceTexts, restore } from "./kit.js";
import { keyAvailable } from "./references.js";
import {
  FieldErrors,
  localeCode,
  oneOf,
  optionalEmail,
  optionalText,
  optionalWebLink,
  parseInput,
  perLocale,
  requiredText,
  slug as slugRule,
  sourceReference,
  sources,
} from "./validation.js";

/**
 * Organizations: admins create, publish, archive and restore them. Their record (names,
 * description, web site, e-mail, phones…) is edited like a service's: a draft changes in place; a
 * published organization stays online while it changes — its org editors' edits wait as pending
 * changes (organization_revisions: the complete proposed record) until a moderator publishes or
 * rejects them. Moderators and admins hold that right, so their own edit with nothing pending
 * applies directly; while changes are pending, every edit goes to them, so that publishing them
 * never undoes a change made in the meantime. One `version` per organization governs every save.
 */

type OrganizationRow = typeof organizations.$inferSelect;
type RevisionRow = typeof organizationRevisions.$inferSelect;

export interface OrganizationDocument {
  slug: string;
  kind: string;
  website: string | null;
  email: string | null;
  logo: string | null;
  sources: SourceReference[];
  texts: Array<{ locale: string; name: string; alternateName: string | null; description: string | null }>;
  phones: PhoneDocument[];
}

export function organizationSchema(locales: readonly string[]) {
  return z.object({
    slug: slugRule,
    kind: oneOf(ORGANIZATION_KINDS),
    website: optionalWebLink,
    email: optionalEmail,
    // A path the portal serves itself: never a third-party URL.
    logo: optionalText(200).refine((value) => value === null || /^\/[A-Za-z0-9/_.-]+$/.test(value), { message: "invalidValue" }),
    sources,
    texts: perLocale(
      z.object({ locale: localeCode(locales), name: requiredText(200), alternateName: optionalText(100), description: optionalText(5000) }),
      { requireOne: "name" },
    ),
    phones: phoneList(locales),
  });
}

async function organizationDocument(tx: Transaction, input: unknown, locales: readonly string[], id: string | null, currentSlug: string | null) {
  const parsed = parseInput(organizationSchema(locales), input);
  const errors = new FieldErrors();
  if (parsed.slug !== currentSlug && !(await keyAvailable(tx, "organizations", "slug", parsed.slug, id))) errors.add("slug", "slugTaken");
  errors.throwIfAny();
  return parsed satisfies OrganizationDocument;
}

export async function loadOrganizationDocument(tx: Executor, id: string): Promise<OrganizationDocument> {
  const row = await tx.query.organizations.findFirst({ where: eq(organizations.id, id), with: { translations: true, phones: phoneRelation } });
  if (!row) throw new Error(`organization ${id} vanished`);
  return {
    slug: row.slug,
    kind: row.kind,
    website: row.website,
    email: row.email,
    logo: row.logo,
    sources: row.sources.map(sourceReference),
    texts: row.translations
      .map((t) => ({ locale: t.locale, name: t.name, alternateName: t.alternateName, description: t.description }))
      .sort((a, b) => a.locale.localeCompare(b.locale)),
    phones: phoneDocuments(row.phones),
  };
}

/** Makes the organization's tables say what the document says (the one writer of an organization's record). */
async function writeOrganization(tx: Transaction, id: string, document: OrganizationDocument) {
  const { texts, phones, ...columns } = document;
  await tx
    .update(organizations)
    .set(columns as Partial<typeof organizations.$inferInsert>)
    .where(eq(organizations.id, id));
  await replaceTexts(tx, organizationTranslations, organizationTranslations.organizationId, id, texts.map((text) => ({ ...text, organizationId: id })));
  await replacePhones(tx, { organizationId: id }, phones);
}

async function openRevision(executor: Executor, organizationId: string, lock = false): Promise<RevisionRow | undefined> {
  const query = executor
    .select()
    .from(organizationRevisions)
    .where(and(eq(organizationRevisions.organizationId, organizationId), inArray(organizationRevisions.status, ["draft", "in_review"])));
  const [row] = lock ? await query.for("update") : await query;
  return row;
}

export const organizationKind: RecordKind<OrganizationRow, OrganizationDocument> = {
  entity: "organization",
  auditType: "organization",
  table: organizations,
  permission: "organization.admin",
  // Its own org editors edit it (organization.edit); the other permissions are platform-wide.
  organizationOf: (row) => row.id,
  isPublic: (row) => row.state === "published" && row.archivedAt === null,
  label: (row) => row.slug,
  load: loadOrganizationDocument,
  async pending(executor, id) {
    const revision = await openRevision(executor, id);
    return revision ? { id: revision.id, status: revision.status, proposed: revision.proposed } : null;
  },
};

const locales = async (context: RequestContext) => (await context.locales.available()).map((locale) => locale.code);

export async function createOrganization(context: RequestContext, input: unknown): Promise<string> {
  const enabled = await locales(context);
  return createRecord(context, organizationKind, null, async (tx) => {
    const document = await organizationDocument(tx, input, enabled, null, null);
    const [created] = await tx
      .insert(organizations)
      .values({ slug: document.slug, kind: document.kind as (typeof ORGANIZATION_KINDS)[number], state: "draft" })
      .returning({ id: organizations.id });
    await writeOrganization(tx, created!.id, document);
    return created!.id;
  });
}

/**
 * Replaces an organization's record: a draft changes in place; a published one keeps its
 * published version online and the change waits as pending changes, except when a moderator or
 * admin edits it with nothing pending (applied directly, with a portal rebuild).
 */
export async function updateOrganization(context: RequestContext, id: string, expectedVersion: number, input: unknown): Promise<string> {
  const enabled = await locales(context);
  return changeRecord(
    context,
    organizationKind,
    id,
    expectedVersion,
    "update",
    async (tx, row, viewer) => {
      const document = await organizationDocument(tx, input, enabled, row.id, row.slug);
      if (row.state !== "published") {
        await writeOrganization(tx, row.id, document);
        return { public: false };
      }
      const revision = await openRevision(tx, row.id, true);
      if (revision) {
        await tx.update(organizationRevisions).set({ proposed: document, updatedAt: sql`now()` }).where(eq(organizationRevisions.id, revision.id));
        return { public: false, action: "update_pending_changes" };
      }
      if (can(viewer, "organization.review", row.id)) {
        await writeOrganization(tx, row.id, document);
        return { public: organizationKind.isPublic(row) };
      }
      await tx.insert(organizationRevisions).values({ organizationId: row.id, proposed: document, createdByUserId: viewer.userId });
      return { public: false, action: "propose_changes" };
    },
    { permission: "organization.edit" },
  );
}

/** Sends an organization's pending changes to the moderators. */
export async function submitOrganizationChanges(context: RequestContext, id: string, expectedVersion: number): Promise<string> {
  return changeRecord(
    context,
    organizationKind,
    id,
    expectedVersion,
    "submit_for_review",
    async (tx, row, viewer) => {
      const revision = await openRevision(tx, row.id, true);
      if (!revision) throw invalidState("nothingToSubmit");
      if (revision.status === "in_review") throw invalidState("alreadyInReview", { entity: "organization" });
      await tx
        .update(organizationRevisions)
        .set({ status: "in_review", submittedAt: sql`now()`, submittedByUserId: viewer.userId, updatedAt: sql`now()` })
        .where(eq(organizationRevisions.id, revision.id));
      return { public: false };
    },
    { permission: "organization.edit" },
  );
}

/** Applies an organization's pending changes to its record (moderators, admins); the public sees them after the rebuild it queues. */
export async function publishOrganizationChanges(context: RequestContext, id: string, expectedVersion: number): Promise<string> {
  return changeRecord(
    context,
    organizationKind,
    id,
    expectedVersion,
    "publish_changes",
    async (tx, row, viewer) => {
      const revision = await openRevision(tx, row.id, true);
      if (!revision) throw invalidState("noPendingChanges", { entity: "organization" });
      await writeOrganization(tx, row.id, revision.proposed as OrganizationDocument);
      await tx
        .update(organizationRevisions)
        .set({ status: "applied", decidedAt: sql`now()`, decidedByUserId: viewer.userId, updatedAt: sql`now()` })
        .where(eq(organizationRevisions.id, revision.id));
      return { public: organizationKind.isPublic(row) };
    },
    { permission: "organization.review" },
  );
}

/** A moderator's reason for refusing changes, as for a service's. */
const rejectionReason = requiredText(2000);

/** Refuses an organization's changes waiting for review, with a reason for its editors; the published record stays. */
export async function rejectOrganizationChanges(context: RequestContext, id: string, expectedVersion: number, reason: string): Promise<string> {
  return changeRecord(
    context,
    organizationKind,
    id,
    expectedVersion,
    "reject_changes",
    async (tx, row, viewer) => {
      const text = parseInput(rejectionReason, reason, "reason");
      const revision = await openRevision(tx, row.id, true);
      if (!revision || revision.status !== "in_review") throw invalidState("notInReview");
      await tx
        .update(organizationRevisions)
        .set({ status: "rejected", rejectionReason: text, decidedAt: sql`now()`, decidedByUserId: viewer.userId, updatedAt: sql`now()` })
        .where(eq(organizationRevisions.id, revision.id));
      return { public: false };
    },
    { permission: "organization.review" },
  );
}

/** Drops an organization's pending changes. */
export async function discardOrganizationChanges(context: RequestContext, id: string, expectedVersion: number): Promise<string> {
  return changeRecord(
    context,
    organizationKind,
    id,
    expectedVersion,
    "discard_changes",
    async (tx, row, viewer) => {
      const revision = await openRevision(tx, row.id, true);
      if (!revision) throw invalidState("noPendingChanges", { entity: "organization" });
      await tx
        .update(organizationRevisions)
        .set({ status: "discarded", decidedAt: sql`now()`, decidedByUserId: viewer.userId, updatedAt: sql`now()` })
        .where(eq(organizationRevisions.id, revision.id));
      return { public: false };
    },
    { permission: "organization.edit" },
  );
}

/** Publishing an organization makes its published services and vacancies public too. */
export async function publishOrganization(context: RequestContext, id: string, expectedVersion: number): Promise<string> {
  return changeRecord(context, organizationKind, id, expectedVersion, "publish", async (_tx, row) => {
    if (row.state === "published") throw invalidState("alreadyPublished", { entity: "organization" });
    return { set: { state: "published" as const, publishedAt: row.publishedAt ?? new Date() }, public: true };
  });
}

export const archiveOrganization = (context: RequestContext, id: string, expectedVersion: number) =>
  archive(context, organizationKind, id, expectedVersion);
export const restoreOrganization = (context: RequestContext, id: string, expectedVersion: number) =>
  restore(context, organizationKind, id, expectedVersion);

// The editor's view --------------------------------------------------------------------------

export interface OrganizationRevisionView {
  id: string;
  status: string;
  proposed: OrganizationDocument;
  createdAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
  rejectionReason: string | null;
  decidedAt: Date | null;
}

export interface EditableOrganizationView extends OrganizationRow {
  archived: boolean;
  /** What the form edits: the pending changes when there are some, else the record. */
  values: OrganizationDocument;
  current: OrganizationDocument;
  pendingChanges: OrganizationRevisionView | null;
  lastRejectedChanges: OrganizationRevisionView | null;
  changes: FieldChange[];
}

const revisionView = (row: RevisionRow): OrganizationRevisionView => ({
  id: row.id,
  status: row.status,
  proposed: row.proposed as OrganizationDocument,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
  submittedAt: row.submittedAt,
  rejectionReason: row.rejectionReason,
  decidedAt: row.decidedAt,
});

/** An organization as its editors see it (no authorization here: callers check it first). */
export async function loadEditableOrganization(db: Executor, row: OrganizationRow): Promise<EditableOrganizationView> {
  const current = await loadOrganizationDocument(db, row.id);
  const open = await openRevision(db, row.id);
  const [rejected] = await db
    .select()
    .from(organizationRevisions)
    .where(and(eq(organizationRevisions.organizationId, row.id), eq(organizationRevisions.status, "rejected")))
    .orderBy(desc(organizationRevisions.decidedAt))
    .limit(1);
  const pending = open ? revisionView(open) : null;
  return {
    ...row,
    archived: row.archivedAt !== null,
    values: pending?.proposed ?? current,
    current,
    pendingChanges: pending,
    lastRejectedChanges: rejected ? revisionView(rejected) : null,
    changes: pending ? diffDocuments(current, pending.proposed) : [],
  };
}
