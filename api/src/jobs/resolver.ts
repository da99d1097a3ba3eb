import { type SQL, sql } from "drizzle-orm";
import { queryRows } from "@start/db";
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from "type-graphql";
import { visibilityFor } from "../auth/visibility.js";
import { directoryLoaders, type OrganizationRecord } from "../directory/loaders.js";
import { Organization } from "../directory/types.js";
import { Source } from "../graphql/common-types.js";
import { connectionComplexity } from "../graphql/complexity.js";
import type { RequestContext } from "../graphql/context.js";
import { badInput, notFound } from "../graphql/errors.js";
import { inLocaleOrder, Localized, LocalizedText, pickRequiredText, pickText, LOCALE_ARGUMENT } from "../graphql/localized.js";
import { idOrSlug, resolveReferences } from "../graphql/references.js";
import { connection, countCandidates, decodeCursor, keysetPage, pageSize, type SortOrder } from "../graphql/relay.js";
import { placeLoaders, type PlaceRecord } from "../places/loaders.js";
import { Place } from "../places/types.js";
import { matchedRelation } from "../search/matching.js";
import { jobLoaders, type VacancyRecord } from "./loaders.js";
import { Salary, Vacancy, VacancyConnection, VacancyFilter, VacancySort, VacancyTranslation } from "./types.js";

@Resolver(() => Vacancy)
export class VacancyResolver {
  @Query(() => VacancyConnection, {
    description: "Published vacancy notices whose deadline has not passed (Relay: first ≤ 100, after).",
    complexity: connectionComplexity,
  })
  @Localized()
  async vacancies(
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg("filter", () => VacancyFilter, { nullable: true }) filter?: VacancyFilter,
    @Arg("sort", () => VacancySort, { nullable: true }) sort?: VacancySort,
    @Arg("first", () => Int, { nullable: true, description: "Page size, 1 to 100 (default 20)." }) first?: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
    @Arg("locale", () => String, LOCALE_ARGUMENT) _locale?: string,
  ): Promise<VacancyConnection> {
    const size = pageSize(first);
    const chain = context.locales.chainFor(info);
    const visibility = visibilityFor(context.viewer);
    const conditions: SQL[] = [visibility.vacancy("v", { openOnly: filter?.openOnly ?? true })];
    let join = sql``;
    let score = sql`null::float8`;
    if (filter?.sectors?.length) conditions.push(sql`v.sector = any(${sql.param(filter.sectors)}::text[])`);
    if (filter?.employmentTypes?.length) {
      conditions.push(sql`v.employment_type = any(${sql.param(filter.employmentTypes)}::text[]::employment_type[])`);
    }
    if (filter?.place != null) {
      const ids = await resolveReferences(context.db, {
        from: "places p",
        alias: "p",
        keyColumn: "slug",
        visible: visibility.place("p"),
        values: [filter.place],
        entity: "place",
        field: "filter.place",
      });
      conditions.push(sql`v.place_id in (select start_place_subtree(${sql.param(ids)}::uuid[]))`);
    }
    if (filter?.organization != null) {
      const [id] = await resolveReferences(context.db, {
        from: "organizations o",
        alias: "o",
        keyColumn: "slug",
        visible: visibility.organization("o"),
        values: [filter.organization],
        entity: "organization",
        field: "filter.organization",
      });
      conditions.push(sql`v.organization_id = ${id}::uuid`);
    }
    if (filter?.query != null) {
      join = sql`join (${await matchedRelation(context.db, filter.query, "filter.query", "vacancy", chain.requested)}) m on m.entity_id = v.id`;
      score = sql`m.score`;
    }
    const sortName = sort ?? (filter?.query != null ? VacancySort.RELEVANCE : VacancySort.NEWEST);
    let order: SortOrder;
    let key: SQL;
    if (sortName === VacancySort.RELEVANCE) {
      if (filter?.query == null) throw badInput("sortNeedsQuery", {}, "sort");
      order = { list: "vacancies", name: sortName, type: "numeric", direction: "desc" };
      key = sql`round(m.score::numeric, 6)`;
    } else if (sortName === VacancySort.DEADLINE) {
      order = { list: "vacancies", name: sortName, type: "numeric", direction: "asc" };
      key = sql`(v.deadline - date '2000-01-01')::numeric`;
    } else {
      order = { list: "vacancies", name: VacancySort.NEWEST, type: "numeric", direction: "desc" };
      key = sql`extract(epoch from coalesce(v.published_on::timestamp, v.published_at, v.created_at))::numeric`;
    }
    const candidates = sql`select v.id::text as id, ${key} as sort_key, ${score} as score
      from vacancies v ${join} where ${sql.join(conditions, sql` and `)}`;
    const page = await keysetPage<{ score: number | string | null }>(context.db, {
      candidates,
      sort: order,
      first: size,
      after: decodeCursor(after, order),
    });
    const nodes = await context.loaders.use(jobLoaders).byId.loadMany(page.rows.map((row) => row.id));
    return connection(
      page.rows.map((row, index) => ({ node: nodes[index], cursor: row.cursor, score: row.score == null ? null : Number(row.score) })),
      page,
      () => countCandidates(context.db, candidates),
    );
  }

  @Query(() => Vacancy, { nullable: true, description: "One published vacancy notice, by id or by slug (also when closed early)." })
  @Localized()
  async vacancy(
    @Ctx() context: RequestContext,
    @Arg("id", () => ID, { nullable: true }) id?: string,
    @Arg("slug", () => String, { nullable: true }) slug?: string,
    @Arg("locale", () => String, LOCALE_ARGUMENT) _locale?: string,
  ): Promise<VacancyRecord> {
    const key = idOrSlug(id, slug);
    const [row] = await queryRows<{ id: string }>(
      context.db,
      sql`select v.id::text as id from vacancies v
          where ${key.id ? sql`v.id = ${key.id}::uuid` : sql`v.slug = ${key.slug}`} and ${visibilityFor(context.viewer).vacancy("v")}`,
    );
    const vacancy = row && (await context.loaders.use(jobLoaders).byId.load(row.id));
    if (!vacancy) throw notFound("vacancy");
    return vacancy;
  }

  @FieldResolver(() => LocalizedText)
  title(@Root() vacancy: VacancyRecord, @Ctx() context: RequestContext, @Info() info: GraphQLResolveInfo) {
    return pickRequiredText(vacancy.translations, (t) => t.title, context.locales.chainFor(info));
  }

  @FieldResolver(() => LocalizedText, { nullable: true })
  description(@Root() vacancy: VacancyRecord, @Ctx() context: RequestContext, @Info() info: GraphQLResolveInfo) {
    return pickText(vacancy.translations, (t) => t.description, context.locales.chainFor(info));
  }

  @FieldResolver(() => LocalizedText, { nullable: true })
  requirements(@Root() vacancy: VacancyRecord, @Ctx() context: RequestContext, @Info() info: GraphQLResolveInfo) {
    return pickText(vacancy.translations, (t) => t.requirements, context.locales.chainFor(info));
  }

  @FieldResolver(() => LocalizedText, { nullable: true })
  howToApply(@Root() vacancy: VacancyRecord, @Ctx() context: RequestContext, @Info() info: GraphQLResolveInfo) {
    return pickText(vacancy.translations, (t) => t.howToApply, context.locales.chainFor(info));
  }

  @FieldResolver(() => Boolean, { description: "Still taking applications: not closed early by its publisher." })
  isOpen(@Root() vacancy: VacancyRecord): boolean {
    return vacancy.closedAt === null;
  }

  @FieldResolver(() => Salary, { nullable: true })
  salary(@Root() vacancy: VacancyRecord): Salary | null {
    if (!vacancy.salaryCurrency || (vacancy.salaryMin === null && vacancy.salaryMax === null)) return null;
    return {
      min: vacancy.salaryMin === null ? null : Number(vacancy.salaryMin),
      max: vacancy.salaryMax === null ? null : Number(vacancy.salaryMax),
      currency: vacancy.salaryCurrency,
      period: vacancy.salaryPeriod,
    };
  }

  @FieldResolver(() => Organization, { description: "The ministry or employer that published the notice." })
  async organization(@Root() vacancy: VacancyRecord, @Ctx() context: RequestContext): Promise<OrganizationRecord> {
    const organization = await context.loaders.use(directoryLoaders).organizationById.load(vacancy.organizationId);
    if (!organization) throw new Error(`vacancy ${vacancy.id} has no organization`);
    return organization;
  }

  @FieldResolver(() => Place)
  async place(@Root() vacancy: VacancyRecord, @Ctx() context: RequestContext): Promise<PlaceRecord> {
    const place = await context.loaders.use(placeLoaders).byId.load(vacancy.placeId);
    if (!place) throw new Error(`vacancy ${vacancy.id} has no visible place`);
    return place;
  }

  @FieldResolver(() => [Source])
  sources(@Root() vacancy: VacancyRecord): Source[] {
    return vacancy.sources;
  }

  @FieldResolver(() => [VacancyTranslation], { description: "The texts in every locale (requested locale first), for editors." })
  translations(@Root() vacancy: VacancyRecord, @Ctx() context: RequestContext, @Info() info: GraphQLResolveInfo) {
    return inLocaleOrder(vacancy.translations, context.locales.chainFor(info));
  }
}

