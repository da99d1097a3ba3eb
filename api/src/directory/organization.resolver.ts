import { sql } from "drizzle-orm";
import { queryRows } from "@start/db";
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from "type-graphql";
import { visibilityFor } from "../auth/visibility.js";
import { Source } from "../graphql/common-types.js";
import { connectionComplexity, nestedListComplexity } from "../graphql/complexity.js";
import type { RequestContext } from "../graphql/context.js";
import { OrganizationKind } from "../graphql/enums.js";
import { notFound } from "../graphql/errors.js";
import { inLocaleOrder, Localized, LocalizedText, pickRequiredText, pickText, LOCALE_ARGUMENT } from "../graphql/localized.js";
import { idOrSlug } from "../graphql/references.js";
import { connection, countCandidates, decodeCursor, keysetPage, pageSize, localizedSortKey } from "../graphql/relay.js";
import { directoryLoaders, type OrganizationRecord, type PhoneRecord, type ServiceRecord } from "./loaders.js";
import { Organization, OrganizationConnection, OrganizationTranslation, Phone, Service } from "./types.js";

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => OrganizationConnection, {
    description: "Published organizations, by name in the requested locale (Relay: first ≤ 100, after).",
    complexity: connectionComplexity,
  })
  @Localized()
  async organizations(
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg("kind", () => OrganizationKind, { nullable: true }) kind?: string,
    @Arg("first", () => Int, { nullable: true, description: "Page size, 1 to 100 (default 20)." }) first?: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
    @Arg("locale", () => String, LOCALE_ARGUMENT) _locale?: string,
  ): Promise<OrganizationConnection> {
    const size = pageSize(first);
    const sort = { list: "organizations", name: "NAME", type: "text", direction: "asc" } as const;
    const chain = context.locales.chainFor(info);
    const candidates = sql`select o.id::text as id, ${localizedSortKey("organization_translations", "organization_id", "name_sort", "o", chain)} as sort_key
      from organizations o
      where ${visibilityFor(context.viewer).organization("o")} ${kind ? sql`and o.kind = ${kind}` : sql``}`;
    const page = await keysetPage(context.db, { candidates, sort, first: size, after: decodeCursor(after, sort) });
    const nodes = await context.loaders.use(directoryLoaders).organizationById.loadMany(page.rows.map((row) => row.id));
    return connection(
      page.rows.map((row, index) => ({ node: nodes[index], cursor: row.cursor })),
      page,
      () => countCandidates(context.db, candidates),
    );
  }

  @Query(() => Organization, { nullable: true, description: "One published organization, by id or by slug." })
  @Localized()
  async organization(
    @Ctx() context: RequestContext,
    @Arg("id", () => ID, { nullable: true }) id?: string,
    @Arg("slug", () => String, { nullable: true }) slug?: string,
    @Arg("locale", () => String, LOCALE_ARGUMENT) _locale?: string,
  ): Promise<OrganizationRecord> {
    const key = idOrSlug(id, slug);
    const [row] = await queryRows<{ id: string }>(
      context.db,
      sql`select o.id::text as id from organizations o
          where ${key.id ? sql`o.id = ${key.id}::uuid` : sql`o.slug = ${key.slug}`} and ${visibilityFor(context.viewer).organization("o")}`,
    );
    const organization = row && (await context.loaders.use(directoryLoaders).organizationById.load(row.id));
    if (!organization) throw notFound("organization");
    return organization;
  }

  @FieldResolver(() => LocalizedText)
  name(@Root() organization: OrganizationRecord, @Ctx() context: RequestContext, @Info() info: GraphQLResolveInfo) {
    return pickRequiredText(organization.translations, (t) => t.name, context.locales.chainFor(info));
  }

  @FieldResolver(() => LocalizedText, { nullable: true, description: "Acronym or other name (IOM, UNHCR…)." })
  alternateName(@Root() organization: OrganizationRecord, @Ctx() context: RequestContext, @Info() info: GraphQLResolveInfo) {
    return pickText(organization.translations, (t) => t.alternateName, context.locales.chainFor(info));
  }

  @FieldResolver(() => LocalizedText, { nullable: true })
  description(@Root() organization: OrganizationRecord, @Ctx() context: RequestContext, @Info() info: GraphQLResolveInfo) {
    return pickText(organization.translations, (t) => t.description, context.locales.chainFor(info));
  }

  @FieldResolver(() => [Source])
  sources(@Root() organization: OrganizationRecord): Source[] {
    return organization.sources;
  }

  @FieldResolver(() => [Phone], { complexity: nestedListComplexity })
  async phones(@Root() organization: OrganizationRecord, @Ctx() context: RequestContext): Promise<PhoneRecord[]> {
    return context.loaders.use(directoryLoaders).phonesOfOrganization.load(organization.id);
  }

  @FieldResolver(() => [Service], { complexity: ({ childComplexity }) => 1 + childComplexity * 10, description: "Its published services." })
  async services(@Root() organization: OrganizationRecord, @Ctx() context: RequestContext): Promise<ServiceRecord[]> {
    const loaders = context.loaders.use(directoryLoaders);
    const ids = await loaders.servicesOfOrganization.load(organization.id);
    const services = await loaders.serviceById.loadMany(ids);
    return services.filter((service): service is ServiceRecord => service !== null && !(service instanceof Error));
  }

  @FieldResolver(() => [OrganizationTranslation], { description: "The texts in every locale (requested locale first), for editors." })
  translations(@Root() organization: OrganizationRecord, @Ctx() context: RequestContext, @Info() info: GraphQLResolveInfo) {
    return inLocaleOrder(organization.translations, context.locales.chainFor(info));
  }
}
