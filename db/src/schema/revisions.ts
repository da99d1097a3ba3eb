import { sql } from "drizzle-orm";
import { check, index, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts.js";
import { createdAt, id, updatedAt } from "./common.js";
import { organizations } from "./organizations.js";
import { services } from "./services.js";

/**
 * Where a proposed change to a published service is: being written (draft), waiting for a
 * moderator (in_review), or closed (applied to the published record, rejected, or discarded).
 */
export const revisionStatus = pgEnum("revision_status", ["draft", "in_review", "applied", "rejected", "discarded"]);
export const REVISION_STATUSES = revisionStatus.enumValues;
export type RevisionStatus = (typeof REVISION_STATUSES)[number];

/** The columns every kind of revision has: its status, the proposed record, who did what when. */
const revisionColumns = () => ({
  id: id(),
  status: revisionStatus("status").notNull().default("draft"),
  proposed: jsonb("proposed").notNull(),
  createdByUserId: uuid("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  submittedAt: timestamp("submitted_at", { withTimezone: true }),
  submittedByUserId: uuid("submitted_by_user_id").references(() => users.id, { onDelete: "set null" }),
  decidedAt: timestamp("decided_at", { withTimezone: true }),
  decidedByUserId: uuid("decided_by_user_id").references(() => users.id, { onDelete: "set null" }),
  rejectionReason: text("rejection_reason"),
});

/**
 * Changes to a published service that the public must not see yet. `proposed` holds the complete
 * editable record (the API's service document) as the editor wants it; publishing applies it to
 * the service's tables in one transaction. At most one revision per service is open (draft or
 * in_review); closed ones stay as history (and keep the reason of a rejection).
 */
export const serviceRevisions = pgTable(
  "service_revisions",
  {
    ...revisionColumns(),
    serviceId: uuid("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "cascade" }),
  },
  (t) => [
    uniqueIndex("service_revisions_one_open").on(t.serviceId).where(sql`${t.status} in ('draft', 'in_review')`),
    index("service_revisions_service_idx").on(t.serviceId, t.createdAt),
    index("service_revisions_status_idx").on(t.status),
    check("service_revisions_proposed_object", sql`jsonb_typeof(${t.proposed}) = 'object'`),
    check(
      "service_revisions_decision_consistent",
      sql`(${t.status} in ('draft', 'in_review')) = (${t.decidedAt} is null)`,
    ),
    check("service_revisions_rejection_has_reason", sql`${t.status} <> 'rejected' or ${t.rejectionReason} is not null`),
  ],
);

/**
 * Changes to a published organization (its names, description, web site, e-mail, phones…) that
 * the public must not see yet: an org editor's proposal waiting for a moderator, the same way as a
 * service's. `proposed` holds the complete editable record; at most one is open per organization.
 */
export const organizationRevisions = pgTable(
  "organization_revisions",
  {
    ...revisionColumns(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
  },
  (t) => [
    uniqueIndex("organization_revisions_one_open").on(t.organizationId).where(sql`${t.status} in ('draft', 'in_review')`),
    index("organization_revisions_organization_idx").on(t.organizationId, t.createdAt),
    index("organization_revisions_status_idx").on(t.status),
    check("organization_revisions_proposed_object", sql`jsonb_typeof(${t.proposed}) = 'object'`),
    check(
      "organization_revisions_decision_consistent",
      sql`(${t.status} in ('draft', 'in_review')) = (${t.decidedAt} is null)`,
    ),
    check("organization_revisions_rejection_has_reason", sql`${t.status} <> 'rejected' or ${t.rejectionReason} is not null`),
  ],
);
