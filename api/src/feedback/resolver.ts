import { eq, sql } from "drizzle-orm";
import { type Executor, feedback, queryRows } from "@start/db";
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, ID, Info, Int, Mutation, Query, Resolver } from "type-graphql";
import { authorize, authorizeAny, organizationsFor, requireViewer } from "../auth/authorization.js";
import { recordAudit } from "../editorial/audit.js";
import { loadListings } from "../editorial/listings.js";
import { checkVersion, mutation } from "../editorial/records.js";
import { ListingKind } from "../editorial/types.js";
import { optionalText, parseInput } from "../editorial/validation.js";
import { FeedbackKind, FeedbackResolution, FeedbackStatus } from "../graphql/enums.js";
import type { RequestContext } from "../graphql/context.js";
import { badInput, forbidden, invalidState, notFound } from "../graphql/errors.js";
import { LOCALE_ARGUMENT, Localized } from "../graphql/localized.js";
import { isUuid } from "../graphql/relay.js";
import { submitFeedback } from "./submit.js";
import { FeedbackReceipt, FeedbackReport } from "./types.js";

type FeedbackRow = typeof feedback.$inferSelect;

/** The organization a report's listing belongs to, and the permission that handles it. */
async function listingOf(executor: Executor, row: FeedbackRow) {
  const [listing] = await queryRows<{ organization_id: string }>(
    executor,
    row.serviceId
      ? sql`select organization_id::text as organization_id from services where id = ${row.serviceId}`
      : sql`select organization_id::text as organization_id from vacancies where id = ${row.vacancyId}`,
  );
  return { organizationId: listing!.organization_id, permission: row.serviceId ? ("service.edit" as const) : ("vacancy.edit" as const) };
}

@Resolver()
export class FeedbackResolver {
  @Mutation(() => FeedbackReceipt, {
    description:
      "Reports that a published listing (a service or a vacancy) is wrong. No account and no personal data needed; rate-limited per client (the portal's HTML form posts to /feedback instead).",
  })
  async submitFeedback(
    @Ctx() context: RequestContext,
    @Arg("listing", () => ID, { description: "The service's (or vacancy's) id." }) listing: string,
    @Arg("kind", () => FeedbackKind) kind: string,
    @Arg("message", () => String, { nullable: true, description: "What is wrong, at most 2,000 characters." }) message?: string,
    @Arg("locale", () => String, { nullable: true, description: "The locale the reader was reading in." }) locale?: string,
  ): Promise<FeedbackReceipt> {
    if (!context.http) throw new Error("feedback needs an HTTP request");
    await submitFeedback(context.db, context.http.request, context.accounts, { listing, kind, message, locale });
    return { received: true };
  }

  @Query(() => [FeedbackReport], {
    description: "Reports on the listings the viewer edits (their organization's; every one for moderators and admins), oldest first.",
  })
  @Localized()
  async feedbackReports(
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg("organizationId", () => ID, { nullable: true }) organizationId?: string,
    @Arg("status", () => FeedbackStatus, { nullable: true, defaultValue: "open" }) status?: string,
    @Arg("locale", () => String, LOCALE_ARGUMENT) _locale?: string,
  ) {
    const viewer = authorizeAny(context, ["service.edit", "vacancy.edit"]);
    if (organizationId != null && !isUuid(organizationId)) throw badInput("invalidId", { value: organizationId }, "organizationId");
    const narrow = (scope: "all" | string[]) =>
      organizationId == null ? scope : scope === "all" || scope.includes(organizationId.toLowerCase()) ? [organizationId.toLowerCase()] : [];
    const serviceScope = narrow(organizationsFor(viewer, "service.edit"));
    const vacancyScope = narrow(organizationsFor(viewer, "vacancy.edit"));
    if (organizationId != null && serviceScope.length === 0 && vacancyScope.length === 0) throw forbidden();
    const scopeSql = (column: string, scope: "all" | string[]) =>
      scope === "all" ? sql`true` : sql`${sql.raw(column)} = any(${sql.param(scope)}::uuid[])`;
    const rows = await queryRows<{ id: string }>(
      context.db,
      sql`select f.id::text as id from feedback f
          left join services s on s.id = f.service_id
          left join vacancies v on v.id = f.vacancy_id
          where f.status = ${status ?? "open"}::feedback_status
            and ((s.id is not null and ${scopeSql("s.organization_id", serviceScope)}) or (v.id is not null and ${scopeSql("v.organization_id", vacancyScope)}))
          order by f.created_at, f.id
          limit 500`,
    );
    if (rows.length === 0) return [];
    const reports = await context.db.query.feedback.findMany({ where: (table, { inArray }) => inArray(table.id, rows.map((row) => row.id)) });
    const chain = context.locales.chainFor(info);
    const listings = await loadListings(
      context.db,
      {
        organizations: "all",
        kinds: [ListingKind.SERVICE, ListingKind.VACANCY],
        includeArchived: true,
        serviceIds: reports.flatMap((report) => (report.serviceId ? [report.serviceId] : [])),
        vacancyIds: reports.flatMap((report) => (report.vacancyId ? [report.vacancyId] : [])),
      },
      chain,
    );
    return rows.map(({ id }) => {
      const report = reports.find((candidate) => candidate.id === id)!;
      return { ...report, listing: listings.find((listing) => listing.id === (report.serviceId ?? report.vacancyId))! };
    });
  }

  @Mutation(() => FeedbackReport, { description: "Marks a report handled (resolved or dismissed), with an optional note." })
  @Localized()
  async resolveFeedback(
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg("id", () => ID) id: string,
    @Arg("expectedVersion", () => Int) expectedVersion: number,
    @Arg("resolution", () => FeedbackResolution) resolution: string,
    @Arg("note", () => String, { nullable: true, description: "At most 2,000 characters." }) note?: string,
  ) {
    requireViewer(context);
    if (!isUuid(id)) throw badInput("invalidId", { value: id }, "id");
    const text = parseInput(optionalText(2000), note, "note");
    const updated = await mutation(context, async (tx) => {
      const [row] = await tx.select().from(feedback).where(eq(feedback.id, id)).for("update");
      if (!row) throw notFound("feedback");
      const listing = await listingOf(tx, row);
      const viewer = authorize(context, listing.permission, listing.organizationId);
      checkVersion(row, expectedVersion, "feedback");
      if (row.status !== "open") throw invalidState("alreadyHandled");
      const [after] = await tx
        .update(feedback)
        .set({
          status: resolution as "resolved" | "dismissed",
          resolutionNote: text,
          resolvedAt: sql`now()`,
          resolvedByUserId: viewer.userId,
          version: sql`${feedback.version} + 1`,
        })
        .where(eq(feedback.id, id))
        .returning();
      await recordAudit(tx, { actorUserId: viewer.userId, action: resolution === "resolved" ? "resolve" : "dismiss", entityType: "feedback", entityId: id, before: row, after });
      return after!;
    });
    const [listing] = await loadListings(
      context.db,
      {
        organizations: "all",
        kinds: [ListingKind.SERVICE, ListingKind.VACANCY],
        includeArchived: true,
        ...(updated.serviceId ? { serviceIds: [updated.serviceId] } : { vacancyIds: [updated.vacancyId!] }),
      },
      context.locales.chainFor(info),
    );
    return { ...updated, listing: listing! };
  }
}

