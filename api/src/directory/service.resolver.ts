import { sql } from "drizzle-orm";
import { queryRows } from "@start/db";
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from "type-graphql";
import { visibilityFor } from "../auth/visibility.js";
import { Source } from "../graphql/common-types.js";
import { connectionComplexity, nestedListComplexity } from "../graphql/complexity.js";
import type { RequestContext } from "../graphql/context.js";
import { notFound } from "../graphql/errors.js";
import {
  inLocaleOrder,
  LOCALE_ARGUMENT,
  Localized,
  LocalizedText,
  LocalizedTextList,
  pickList,
  pickRequiredText,
  pickText,
} from "../graphql/localized.js";
import { idOrSlug } from "../graphql/references.js";
import { connection, countCandidates, decodeCursor, keysetPage, pageSize } from "../graphql/relay.js";
import { Category } from "../taxonomy/types.js";
import type { CategoryRecord } from "../taxonomy/loaders.js";
import { directoryLoaders, type OrganizationRecord, type PhoneRecord, type ScheduleRecord, type ServiceRecord } from "./loaders.js";
import type { ServiceLocationView } from "./location.resolver.js";
import { buildServiceQuery } from "./service-query.js";
import {
  Organization,
  Phone,
  Schedule,
  Service,
  ServiceConnection,
  ServiceFilter,
  ServiceLocation,
  ServiceSort,
  ServiceTranslation,
} from "./types.js";

@Resolver(() => Service)
export class ServiceResolver {
  @Query(() => ServiceConnection, {
    description: "The published directory of services, filtered, sorted and paginated (Relay: first ≤ 100, after).",
    complexity: connectionComplexity,
  })
  @Localized()
  async services(
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg("filter", () => ServiceFilter, { nullable: true }) filter?: ServiceFilter,
    @Arg("sort", () => ServiceSort, { nullable: true }) sort?: ServiceSort,
    @Arg("first", () => Int, { nullable: true, description: "Page size, 1 to 100 (default 20)." }) first?: number,
    @Arg("after", () => String, { nullable: true, description: "The endCursor of the previous page." }) after?: string,
    @Arg("locale", () => String, LOCALE_ARGUMENT) _locale?: string,
  ): Promise<ServiceConnection> {
    const size = pageSize(first);
    const query = await buildServiceQuery(context.db, context.viewer, filter ?? {}, sort, context.locales.chainFor(info));
    const cursor = decodeCursor(after, query.sort);
    const page = await keysetPage<{ distance_km: number | string | null; score: number | string | null }>(context.db, {
      candidates: query.candidates,
      sort: query.sort,
      first: size,
      after: cursor,
    });
    const loaders = context.loaders.use(directoryLoaders);
    const nodes = await loaders.serviceById.loadMany(page.rows.map((row) => row.id));
    return connection(
      page.rows.map((row, index) => ({
        node: nodes[index],
        cursor: row.cursor,
        distanceKm: row.distance_km == null ? null : Number(row.distance_km),
        score: row.score == null ? null : Number(row.score),
      })),
      page,
      () => countCandidates(context.db, query.candidates),
    );
  }

  @Query(() => Service, { nullable: true, description: "One published service, by id or by slug." })
  @Localized()
  async service(
    @Ctx() context: RequestContext,
    @Arg("id", () => ID, { nullable: true }) id?: string,
    @Arg("slug", () => String, { nullable: true }) slug?: string,
    @Arg("locale", () => String, LOCALE_ARGUMENT) _locale?: string,
  ): Promise<ServiceRecord> {
    const key = idOrSlug(id, slug);
    const [row] = await queryRows<{ id: string }>(
      context.db,
      sql`select s.id::text as id from services s
          where ${key.id ? sql`s.id = ${key.id}::uuid` : sql`s.slug = ${key.slug}`} and ${visibilityFor(context.viewer).service("s")}`,
    );
    const service = row && (await context.loaders.use(directoryLoaders).serviceById.load(row.id));
    if (!service) throw notFound("service");
    return service;
  }

  @FieldResolver(() => LocalizedText)
  name(@Root() service: ServiceRecord, @Ctx() context: RequestContext, @Info() info: GraphQLResolveInfo): LocalizedText {
    return pickRequiredText(service.translations, (t) => t.name, context.locales.chainFor(info));
  }

  @FieldResolver(() => LocalizedText, { nullable: true })
  alternateName(@Root() service: ServiceRecord, @Ctx() context: RequestContext, @Info() info: GraphQLResolveInfo) {
    return pickText(service.translations, (t) => t.alternateName, context.locales.chainFor(info));
  }

  @FieldResolver(() => LocalizedText, { nullable: true })
  description(@Root() service: ServiceRecord, @Ctx() context: RequestContext, @Info() info: GraphQLResolveInfo) {
    return pickText(service.translations, (t) => t.description, context.locales.chainFor(info));
  }

  @FieldResolver(() => LocalizedText, { nullable: true, description: "Who may use the service." })
  eligibilityDescription(@Root() service: ServiceRecord, @Ctx() context: RequestContext, @Info() info: GraphQLResolveInfo) {
    return pickText(service.translations, (t) => t.eligibilityDescription, context.locales.chainFor(info));
  }

  @FieldResolver(() => LocalizedText, { nullable: true, description: "How to apply or get the service." })
  applicationProcess(@Root() service: ServiceRecord, @Ctx() context: RequestContext, @Info() info: GraphQLResolveInfo) {
    return pickText(service.translations, (t) => t.applicationProcess, context.locales.chainFor(info));
  }

  @FieldResolver(() => LocalizedText, { nullable: true, description: "What it costs, in words." })
  feesDescription(@Root() service: ServiceRecord, @Ctx() context: RequestContext, @Info() info: GraphQLResolveInfo) {
    return pickText(service.translations, (t) => t.feesDescription, context.locales.chainFor(info));
  }

  @FieldResolver(() => LocalizedTextList, { nullable: true, description: "Documents to bring." })
  requiredDocuments(@Root() service: ServiceRecord, @Ctx() context: RequestContext, @Info() info: GraphQLResolveInfo) {
    return pickList(service.translations, (t) => t.requiredDocuments, context.locales.chainFor(info));
  }

  @FieldResolver(() => String, { nullable: true, description: "Who last verified the listing." })
  verifiedBy(@Root() service: ServiceRecord): string | null {
    return service.verifiedByName;
  }

  @FieldResolver(() => [Source], { description: "Where the information comes from." })
  sources(@Root() service: ServiceRecord): Source[] {
    return service.sources;
  }

  @FieldResolver(() => Organization)
  async organization(@Root() service: ServiceRecord, @Ctx() context: RequestContext): Promise<OrganizationRecord> {
    const organization = await context.loaders.use(directoryLoaders).organizationById.load(service.organizationId);
    if (!organization) throw new Error(`service ${service.id} has no organization`);
    return organization;
  }

  @FieldResolver(() => [Category], { complexity: nestedListComplexity })
  async categories(@Root() service: ServiceRecord, @Ctx() context: RequestContext): Promise<CategoryRecord[]> {
    return context.loaders.use(directoryLoaders).categoriesOfService.load(service.id);
  }

  @FieldResolver(() => [ServiceLocation], {
    complexity: nestedListComplexity,
    description: "Where the service is delivered, with the phones and opening hours that apply there.",
  })
  async locations(@Root() service: ServiceRecord, @Ctx() context: RequestContext): Promise<ServiceLocationView[]> {
    const links = await context.loaders.use(directoryLoaders).locationsOfService.load(service.id);
    return links.map((link) => ({ link, service }));
  }

  @FieldResolver(() => [Phone], { complexity: nestedListComplexity, description: "The service's own phone numbers." })
  async phones(@Root() service: ServiceRecord, @Ctx() context: RequestContext): Promise<PhoneRecord[]> {
    return context.loaders.use(directoryLoaders).phonesOfService.load(service.id);
  }

  @FieldResolver(() => [Schedule], {
    complexity: nestedListComplexity,
    description: "The service's own opening hours (each location may have its own: see locations.schedules).",
  })
  async schedules(@Root() service: ServiceRecord, @Ctx() context: RequestContext): Promise<ScheduleRecord[]> {
    return context.loaders.use(directoryLoaders).schedulesOfService.load(service.id);
  }

  @FieldResolver(() => Boolean, {
    description: "Whether the service is open now, from its opening hours in each location's time zone.",
  })
  async openNow(@Root() service: ServiceRecord, @Ctx() context: RequestContext): Promise<boolean> {
    return context.loaders.use(directoryLoaders).openNow.load(service.id);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "When a closure alert in force closes the service: the last day (YYYY-MM-DD, Libya time) it is closed; it reopens the day after. " +
      "Null when no alert closes it. A service closed by an alert is never open now.",
  })
  async closedUntil(@Root() service: ServiceRecord, @Ctx() context: RequestContext): Promise<string | null> {
    return context.loaders.use(directoryLoaders).closedUntil.load(service.id);
  }

  @FieldResolver(() => [ServiceTranslation], { description: "The texts in every locale (requested locale first), for editors." })
  translations(@Root() service: ServiceRecord, @Ctx() context: RequestContext, @Info() info: GraphQLResolveInfo) {
    return inLocaleOrder(service.translations, context.locales.chainFor(info));
  }
}

