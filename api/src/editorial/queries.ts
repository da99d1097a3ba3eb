import { and, desc, eq } from "drizzle-orm";
import { auditEntries, users } from "@start/db";
import { GraphQLDateTimeISO, GraphQLJSON } from "graphql-scalars";
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, Field, ID, Info, Int, ObjectType, Query, Resolver } from "type-graphql";
import { authorize, authorizeAny, organizationsFor } from "../auth/authorization.js";
import type { RequestContext } from "../graphql/context.js";
import { badInput, forbidden } from "../graphql/errors.js";
import { LOCALE_ARGUMENT, Localized } from "../graphql/localized.js";
import { isUuid } from "../graphql/relay.js";
import { AUDIT_ENTITY_TYPES, type AuditEntityType } from "./audit.js";
import { diffDocuments } from "./diff.js";
import { loadListings, STALE_AFTER_DAYS } from "./listings.js";
import { EditorListing, FieldChange, ListingKind } from "./types.js";

@ObjectType({ description: "One change to a record: who, what, when, and the record before and after." })
export class AuditEntry {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: "create, update, propose_changes, submit_for_review, publish, reject, archive, restore, verify…" })
  action!: string;
  @Field(() => String) entityType!: string;
  @Field(() => ID) entityId!: string;
  @Field(() => ID, { nullable: true, description: "Null when START itself acted (vacancy expiry, first start)." }) actorUserId!: string | null;
  @Field(() => String, { nullable: true }) actorName!: string | null;
  @Field(() => GraphQLDateTimeISO) createdAt!: Date;
  @Field(() => GraphQLJSON, { nullable: true }) before!: unknown;
  @Field(() => GraphQLJSON, { nullable: true }) after!: unknown;
  @Field(() => [FieldChange], { description: "What changed between before and after." }) changes!: FieldChange[];
}

/** Narrows a permission's organizations to one, when asked; FORBIDDEN when that one is outside them. */
function scopeFor(context: RequestContext, permission: "service.edit" | "vacancy.edit", organizationId: string | null | undefined) {
  const scope = organizationsFor(context.viewer, permission);
  if (organizationId == null) return scope;
  if (!isUuid(organizationId)) throw badInput("invalidId", { value: organizationId }, "organizationId");
  const id = organizationId.toLowerCase();
  return scope === "all" || scope.includes(id) ? [id] : [];
}

@Resolver()
export class EditorialQueryResolver {
  @Query(() => [EditorListing], {
    description:
      "The services and vacancies the viewer edits (their organization's; every one for moderators and admins), most recently changed first, with their state, missing translations, staleness and open reports. At most 500.",
  })
  @Localized()
  async editorListings(
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg("organizationId", () => ID, { nullable: true }) organizationId?: string,
    @Arg("kinds", () => [ListingKind], { nullable: true, description: "Default: both." }) kinds?: ListingKind[],
    @Arg("includeArchived", () => Boolean, { defaultValue: false }) includeArchived?: boolean,
    @Arg("locale", () => String, LOCALE_ARGUMENT) _locale?: string,
  ): Promise<EditorListing[]> {
    authorizeAny(context, ["service.edit", "vacancy.edit"]);
    const services = scopeFor(context, "service.edit", organizationId);
    const vacancies = scopeFor(context, "vacancy.edit", organizationId);
    if (organizationId != null && services.length === 0 && vacancies.length === 0) throw forbidden();
    const wanted = kinds?.length ? kinds : [ListingKind.SERVICE, ListingKind.VACANCY];
    const chain = context.locales.chainFor(info);
    const [serviceListings, vacancyListings] = await Promise.all([
      wanted.includes(ListingKind.SERVICE)
        ? loadListings(context.db, { organizations: services, kinds: [ListingKind.SERVICE], includeArchived }, chain)
        : [],
      wanted.includes(ListingKind.VACANCY)
        ? loadListings(context.db, { organizations: vacancies, kinds: [ListingKind.VACANCY], includeArchived }, chain)
        : [],
    ]);
    return [...serviceListings, ...vacancyListings].sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
  }

  @Query(() => [EditorListing], { description: "Services the viewer edits that nobody has verified in `days` days (180 by default), or ever." })
  @Localized()
  async staleListings(
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg("organizationId", () => ID, { nullable: true }) organizationId?: string,
    @Arg("days", () => Int, { defaultValue: STALE_AFTER_DAYS }) days?: number,
    @Arg("locale", () => String, LOCALE_ARGUMENT) _locale?: string,
  ): Promise<EditorListing[]> {
    authorizeAny(context, ["service.edit"]);
    if (!Number.isInteger(days) || days! < 1 || days! > 3650) throw badInput("tooLarge", { max: 3650 }, "days");
    const organizations = scopeFor(context, "service.edit", organizationId);
    if (organizationId != null && organizations.length === 0) throw forbidden();
    return loadListings(context.db, { organizations, kinds: [ListingKind.SERVICE], staleDays: days }, context.locales.chainFor(info));
  }

  @Query(() => [EditorListing], {
    description:
      "What waits for a moderator: drafts submitted for review and pending changes to published services and organizations, oldest first (moderators, admins).",
  })
  @Localized()
  async reviewQueue(
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg("locale", () => String, LOCALE_ARGUMENT) _locale?: string,
  ): Promise<EditorListing[]> {
    authorize(context, "service.publish");
    authorize(context, "organization.review");
    const listings = await loadListings(context.db, { organizations: "all", kinds: [ListingKind.SERVICE, ListingKind.ORGANIZATION], inReview: true }, context.locales.chainFor(info));
    const submitted = (listing: EditorListing) => listing.submittedAt?.getTime() ?? Number.MAX_SAFE_INTEGER;
    return listings.sort((a, b) => submitted(a) - submitted(b));
  }

  @Query(() => [AuditEntry], { description: "The audit trail of one record, newest first (moderators, admins)." })
  async auditTrail(
    @Ctx() context: RequestContext,
    @Arg("entityType", () => String, { description: `One of: ${AUDIT_ENTITY_TYPES.join(", ")}.` }) entityType: string,
    @Arg("entityId", () => ID) entityId: string,
    @Arg("first", () => Int, { defaultValue: 100, description: "At most 500." }) first: number,
  ): Promise<AuditEntry[]> {
    authorize(context, "audit.read");
    if (!AUDIT_ENTITY_TYPES.includes(entityType as AuditEntityType)) throw badInput("invalidValue", {}, "entityType");
    if (!isUuid(entityId)) throw badInput("invalidId", { value: entityId }, "entityId");
    if (!Number.isInteger(first) || first < 1 || first > 500) throw badInput("pageSize", { max: 500 }, "first");
    const rows = await context.db
      .select({ entry: auditEntries, actorName: users.displayName })
      .from(auditEntries)
      .leftJoin(users, eq(users.id, auditEntries.actorUserId))
      .where(and(eq(auditEntries.entityType, entityType), eq(auditEntries.entityId, entityId.toLowerCase())))
      .orderBy(desc(auditEntries.createdAt), desc(auditEntries.id))
      .limit(first);
    return rows.map(({ entry, actorName }) => ({
      id: String(entry.id),
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      actorUserId: entry.actorUserId,
      actorName,
      createdAt: entry.createdAt,
      before: entry.before,
      after: entry.after,
      changes: entry.before == null || entry.after == null ? [] : diffDocuments(entry.before, entry.after),
    }));
  }
}
