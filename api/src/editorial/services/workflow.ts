import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { queryRows, serviceRevisions, services, type Transaction } from "@start/db";
import { authorize, can, requireViewer } from "../../auth/authorization.js";
import type { Viewer } from "../../auth/viewer.js";
import type { RequestContext } from "../../graphql/context.js";
import { badInput, invalidFields, invalidState } from "../../graphql/errors.js";
import { isUuid } from "../../graphql/relay.js";
import { enqueuePublish } from "../../publishing/queue.js";
import { recordAudit } from "../audit.js";
import { assertNotArchived, bumpVersion, checkVersion, lockRow, mutation } from "../records.js";
import { parseInput, requiredText } from "../validation.js";
import { loadServiceDocument, proposedDocument, resolveServiceDocument, type ServiceDocument, serviceInputSchema, writeServiceDocument } from "./document.js";

/**
 * The editorial workflow of services. A service never published is a draft edited in place:
 * draft → in_review (submit) → published (publish) or rejected (reject, with a reason; editing it
 * again makes it a draft). A published service stays online while it changes: an org editor's
 * edits go to a pending revision (service_revisions: the complete proposed record) that the
 * public never sees until a moderator publishes it; publishing applies it in one transaction,
 * rejecting keeps the published version and records the reason. Moderators and admins hold the
 * publish right, so their own edit of a published service with nothing pending applies directly;
 * when a revision is pending, every edit (theirs too) goes to that revision, so that publishing it
 * can never undo a change made in the meantime. One `version` per service governs every save.
 */

type ServiceRow = typeof services.$inferSelect;
type RevisionRow = typeof serviceRevisions.$inferSelect;

async function openRevision(tx: Transaction, serviceId: string): Promise<RevisionRow | undefined> {
  const [row] = await tx
    .select()
    .from(serviceRevisions)
    .where(and(eq(serviceRevisions.serviceId, serviceId), inArray(serviceRevisions.status, ["draft", "in_review"])))
    .for("update");
  return row;
}

/** What the audit trail keeps of a service: its workflow fields, the published record and any pending revision. */
async function snapshot(tx: Transaction, serviceId: string) {
  const [row] = await tx.select().from(services).where(eq(services.id, serviceId));
  if (!row) return null;
  const revision = await openRevision(tx, serviceId);
  return {
    organizationId: row.organizationId,
    state: row.state,
    archivedAt: row.archivedAt,
    version: row.version,
    verifiedAt: row.verifiedAt,
    verifiedByUserId: row.verifiedByUserId,
    rejectionReason: row.rejectionReason,
    submittedAt: row.submittedAt,
    publishedAt: row.publishedAt,
    record: await loadServiceDocument(tx, serviceId),
    pendingChanges: revision ? { id: revision.id, status: revision.status, proposed: revision.proposed } : null,
  };
}

/** Locks the service, checks the viewer may edit it and that the version is the one the client saw. */
async function begin(
  context: RequestContext,
  tx: Transaction,
  id: string,
  expectedVersion: number,
  permission: "service.edit" | "service.publish",
): Promise<{ row: ServiceRow; viewer: Viewer; before: Awaited<ReturnType<typeof snapshot>> }> {
  requireViewer(context);
  const row = await lockRow(tx, services, id, "service");
  const viewer = authorize(context, permission, row.organizationId);
  checkVersion(row, expectedVersion, "service");
  return { row, viewer, before: await snapshot(tx, row.id) };
}

async function finish(
  context: RequestContext,
  tx: Transaction,
  viewer: Viewer,
  row: ServiceRow,
  action: string,
  before: unknown,
  publicReason: string | null,
): Promise<void> {
  await recordAudit(tx, { actorUserId: viewer.userId, action, entityType: "service", entityId: row.id, before, after: await snapshot(tx, row.id) });
  if (publicReason) context.queuedPublishJob = await enqueuePublish(tx, { reason: `${publicReason}: service ${row.slug}`, requestedByUserId: viewer.userId });
}

async function parseDocument(
  context: RequestContext,
  tx: Transaction,
  input: unknown,
  target: { organizationId: string; serviceId: string | null; currentSlug: string | null },
  locales: string[],
): Promise<ServiceDocument> {
  const parsed = parseInput(serviceInputSchema(locales), input);
  return resolveServiceDocument(tx, parsed, target);
}

const enabledLocales = async (context: RequestContext) => (await context.locales.available()).map((locale) => locale.code);

export async function createService(context: RequestContext, givenOrganizationId: string, input: unknown): Promise<string> {
  requireViewer(context);
  if (!isUuid(givenOrganizationId)) throw badInput("invalidId", { value: givenOrganizationId }, "organizationId");
  const organizationId = givenOrganizationId.toLowerCase();
  const viewer = authorize(context, "service.edit", organizationId);
  const locales = await enabledLocales(context);
  return mutation(context, async (tx) => {
    const organization = await queryRows<{ id: string }>(tx, sql`select id::text as id from organizations where id = ${organizationId}::uuid for share`);
    if (organization.length === 0) {
      throw invalidFields([{ path: "organizationId", key: "unknownReference", params: { entity: "organization", value: organizationId } }]);
    }
    const document = await parseDocument(context, tx, input, { organizationId, serviceId: null, currentSlug: null }, locales);
    const [created] = await tx
      .insert(services)
      .values({ organizationId, slug: document.slug, state: "draft" })
      .returning();
    await writeServiceDocument(tx, created!.id, organizationId, document);
    await recordAudit(tx, { actorUserId: viewer.userId, action: "create", entityType: "service", entityId: created!.id, before: null, after: await snapshot(tx, created!.id) });
    return created!.id;
  });
}

export async function updateService(context: RequestContext, id: string, expectedVersion: number, input: unknown): Promise<string> {
  const locales = await enabledLocales(context);
  return mutation(context, async (tx) => {
    const { row, viewer, before } = await begin(context, tx, id, expectedVersion, "service.edit");
    assertNotArchived(row, "service");
    const document = await parseDocument(context, tx, input, { organizationId: row.organizationId, serviceId: row.id, currentSlug: row.slug }, locales);
    let action: string;
    let publicReason: string | null = null;
    if (row.state === "published") {
      const revision = await openRevision(tx, row.id);
      if (revision) {
        await tx.update(serviceRevisions).set({ proposed: document, updatedAt: sql`now()` }).where(eq(serviceRevisions.id, revision.id));
        action = "update_pending_changes";
      } else if (can(viewer, "service.publish", row.organizationId)) {
        await writeServiceDocument(tx, row.id, row.organizationId, document);
        action = "update_published";
        publicReason = "published service edited";
      } else {
        await tx.insert(serviceRevisions).values({ serviceId: row.id, proposed: document, createdByUserId: viewer.userId });
        action = "propose_changes";
      }
      await bumpVersion(tx, services, row.id);
    } else {
      await writeServiceDocument(tx, row.id, row.organizationId, document);
      // A rejected draft being reworked is a draft again (the reason stays until it is resubmitted).
      await bumpVersion(tx, services, row.id, row.state === "rejected" ? { state: "draft" } : {});
      action = "update";
    }
    await finish(context, tx, viewer, row, action, before, publicReason);
    return row.id;
  });
}

export async function submitServiceForReview(context: RequestContext, id: string, expectedVersion: number): Promise<string> {
  return mutation(context, async (tx) => {
    const { row, viewer, before } = await begin(context, tx, id, expectedVersion, "service.edit");
    assertNotArchived(row, "service");
    if (row.state === "published") {
      const revision = await openRevision(tx, row.id);
      if (!revision) throw invalidState("nothingToSubmit");
      if (revision.status === "in_review") throw invalidState("alreadyInReview", { entity: "service" });
      await tx
        .update(serviceRevisions)
        .set({ status: "in_review", submittedAt: sql`now()`, submittedByUserId: viewer.userId, updatedAt: sql`now()` })
        .where(eq(serviceRevisions.id, revision.id));
      await bumpVersion(tx, services, row.id);
    } else {
      if (row.state === "in_review") throw invalidState("alreadyInReview", { entity: "service" });
      await bumpVersion(tx, services, row.id, { state: "in_review", submittedAt: sql`now()` as never, rejectionReason: null });
    }
    await finish(context, tx, viewer, row, "submit_for_review", before, null);
    return row.id;
  });
}

export async function publishService(context: RequestContext, id: string, expectedVersion: number): Promise<string> {
  return mutation(context, async (tx) => {
    const { row, viewer, before } = await begin(context, tx, id, expectedVersion, "service.publish");
    assertNotArchived(row, "service");
    if (row.state === "published") {
      const revision = await openRevision(tx, row.id);
      if (!revision) throw invalidState("alreadyPublished", { entity: "service" });
      await writeServiceDocument(tx, row.id, row.organizationId, await proposedDocument(tx, revision.proposed));
      await tx
        .update(serviceRevisions)
        .set({ status: "applied", decidedAt: sql`now()`, decidedByUserId: viewer.userId, updatedAt: sql`now()` })
        .where(eq(serviceRevisions.id, revision.id));
      await bumpVersion(tx, services, row.id, { rejectionReason: null });
      await finish(context, tx, viewer, row, "publish_changes", before, "changes published");
    } else {
      await bumpVersion(tx, services, row.id, {
        state: "published",
        publishedAt: (row.publishedAt ?? sql`now()`) as never,
        rejectionReason: null,
      });
      await finish(context, tx, viewer, row, "publish", before, "service published");
    }
    return row.id;
  });
}

export const rejectionReason = requiredText(2000);

export async function rejectService(context: RequestContext, id: string, expectedVersion: number, reason: string): Promise<string> {
  return mutation(context, async (tx) => {
    const { row, viewer, before } = await begin(context, tx, id, expectedVersion, "service.publish");
    const text = parseInput(rejectionReason, reason, "reason");
    if (row.state === "published") {
      const revision = await openRevision(tx, row.id);
      if (!revision || revision.status !== "in_review") throw invalidState("notInReview");
      await tx
        .update(serviceRevisions)
        .set({ status: "rejected", rejectionReason: text, decidedAt: sql`now()`, decidedByUserId: viewer.userId, updatedAt: sql`now()` })
        .where(eq(serviceRevisions.id, revision.id));
      await bumpVersion(tx, services, row.id);
      await finish(context, tx, viewer, row, "reject_changes", before, null);
    } else {
      if (row.state !== "in_review") throw invalidState("notInReview");
      await bumpVersion(tx, services, row.id, { state: "rejected", rejectionReason: text });
      await finish(context, tx, viewer, row, "reject", before, null);
    }
    return row.id;
  });
}

export async function discardServiceChanges(context: RequestContext, id: string, expectedVersion: number): Promise<string> {
  return mutation(context, async (tx) => {
    const { row, viewer, before } = await begin(context, tx, id, expectedVersion, "service.edit");
    const revision = await openRevision(tx, row.id);
    if (!revision) throw invalidState("noPendingChanges", { entity: "service" });
    await tx
      .update(serviceRevisions)
      .set({ status: "discarded", decidedAt: sql`now()`, decidedByUserId: viewer.userId, updatedAt: sql`now()` })
      .where(eq(serviceRevisions.id, revision.id));
    await bumpVersion(tx, services, row.id);
    await finish(context, tx, viewer, row, "discard_changes", before, null);
    return row.id;
  });
}

export async function archiveService(context: RequestContext, id: string, expectedVersion: number): Promise<string> {
  return mutation(context, async (tx) => {
    const { row, viewer, before } = await begin(context, tx, id, expectedVersion, "service.edit");
    assertNotArchived(row, "service");
    await bumpVersion(tx, services, row.id, { archivedAt: sql`now()` as never });
    await finish(context, tx, viewer, row, "archive", before, row.state === "published" ? "service archived" : null);
    return row.id;
  });
}

export async function restoreService(context: RequestContext, id: string, expectedVersion: number): Promise<string> {
  return mutation(context, async (tx) => {
    const { row, viewer, before } = await begin(context, tx, id, expectedVersion, "service.edit");
    if (row.archivedAt === null) throw invalidState("notArchived", { entity: "service" });
    await bumpVersion(tx, services, row.id, { archivedAt: null });
    await finish(context, tx, viewer, row, "restore", before, row.state === "published" ? "service restored" : null);
    return row.id;
  });
}

/** "Still correct": sets the verification date (shown publicly) and who verified it. */
export async function verifyService(context: RequestContext, id: string, expectedVersion: number): Promise<string> {
  return mutation(context, async (tx) => {
    const { row, viewer, before } = await begin(context, tx, id, expectedVersion, "service.edit");
    assertNotArchived(row, "service");
    await bumpVersion(tx, services, row.id, { verifiedAt: sql`now()` as never, verifiedByUserId: viewer.userId, verifiedByName: null });
    await finish(context, tx, viewer, row, "verify", before, row.state === "published" ? "service verified" : null);
    return row.id;
  });
}

/** The most recent rejection of a service's changes (or of the service itself), for the editor to read. */
export async function lastRevisionRejection(tx: Transaction | RequestContext["db"], serviceId: string) {
  const [row] = await tx
    .select({ reason: serviceRevisions.rejectionReason, decidedAt: serviceRevisions.decidedAt })
    .from(serviceRevisions)
    .where(and(eq(serviceRevisions.serviceId, serviceId), eq(serviceRevisions.status, "rejected")))
    .orderBy(desc(serviceRevisions.decidedAt))
    .limit(1);
  return row ?? null;
}
