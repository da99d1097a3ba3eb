import { type SQL, sql } from "drizzle-orm";
import { queryRows } from "@start/db";
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, FieldResolver, Info, Int, Query, Resolver, Root } from "type-graphql";
import { visibilityFor } from "../auth/visibility.js";
import { Source } from "../graphql/common-types.js";
import { connectionComplexity } from "../graphql/complexity.js";
import type { RequestContext } from "../graphql/context.js";
import { badInput, notFound } from "../graphql/errors.js";
import { inLocaleOrder, Localized, LocalizedText, pickRequiredText, LOCALE_ARGUMENT } from "../graphql/localized.js";
import { resolveReferences } from "../graphql/references.js";
import { connection, countCandidates, decodeCursor, keysetPage, pageSize, type SortOrder, localizedSortKey } from "../graphql/relay.js";
import { placeLoaders, type PlaceRecord } from "../places/loaders.js";
import { Place } from "../places/types.js";
import { matchedRelation } from "../search/matching.js";
import { renderMarkdown } from "../rendering/markdown.js";
import { rightsLoaders, type RightsArticleRecord } from "./loaders.js";
import {
  RightsArticle,
  RightsArticleConnection,
  RightsArticleFilter,
  RightsArticleSort,
  RightsArticleTranslation,
} from "./types.js";

@Resolver(() => RightsArticle)
export class RightsArticleResolver {
  @Query(() => RightsArticleConnection, {
    description: "Published rights information (Relay: first ≤ 100, after).",
    complexity: connectionComplexity,
  })
  @Localized()
  async rightsArticles(
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg("filter", () => RightsArticleFilter, { nullable: true }) filter?: RightsArticleFilter,
    @Arg("sort", () => RightsArticleSort, { nullable: true }) sort?: RightsArticleSort,
    @Arg("first", () => Int, { nullable: true, description: "Page size, 1 to 100 (default 20)." }) first?: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
    @Arg("locale", () => String, LOCALE_ARGUMENT) _locale?: string,
  ): Promise<RightsArticleConnection> {
    const size = pageSize(first);
    const chain = context.locales.chainFor(info);
    const visibility = visibilityFor(context.viewer);
    const conditions: SQL[] = [visibility.rightsArticle("a")];
    let join = sql``;
    let score = sql`null::float8`;
    if (filter?.country != null) {
      const ids = await resolveReferences(context.db, {
        from: "places p",
        alias: "p",
        keyColumn: "slug",
        visible: visibility.place("p"),
        values: [filter.country],
        entity: "place",
        field: "filter.country",
      });
      conditions.push(sql`a.country_id in (select start_place_lineage(${sql.param(ids)}::uuid[]))`);
    }
    if (filter?.audience != null) conditions.push(sql`a.audience in (${filter.audience}::audience, 'anyone')`);
    if (filter?.topic != null) conditions.push(sql`a.topic = ${filter.topic}`);
    if (filter?.query != null) {
      join = sql`join (${await matchedRelation(context.db, filter.query, "filter.query", "rights_article", chain.requested)}) m on m.entity_id = a.id`;
      score = sql`m.score`;
    }
    const sortName = sort ?? (filter?.query != null ? RightsArticleSort.RELEVANCE : RightsArticleSort.TITLE);
    let order: SortOrder;
    let key: SQL;
    if (sortName === RightsArticleSort.RELEVANCE) {
      if (filter?.query == null) throw badInput("sortNeedsQuery", {}, "sort");
      order = { list: "rightsArticles", name: sortName, type: "numeric", direction: "desc" };
      key = sql`round(m.score::numeric, 6)`;
    } else if (sortName === RightsArticleSort.RECENTLY_REVIEWED) {
      order = { list: "rightsArticles", name: sortName, type: "numeric", direction: "desc" };
      key = sql`(a.reviewed_on - date '2000-01-01')::numeric`;
    } else {
      order = { list: "rightsArticles", name: RightsArticleSort.TITLE, type: "text", direction: "asc" };
      key = localizedSortKey("rights_article_translations", "article_id", "title_sort", "a", chain);
    }
    const candidates = sql`select a.id::text as id, ${key} as sort_key, ${score} as score
      from rights_articles a ${join} where ${sql.join(conditions, sql` and `)}`;
    const page = await keysetPage<{ score: number | string | null }>(context.db, {
      candidates,
      sort: order,
      first: size,
      after: decodeCursor(after, order),
    });
    const nodes = await context.loaders.use(rightsLoaders).byId.loadMany(page.rows.map((row) => row.id));
    return connection(
      page.rows.map((row, index) => ({ node: nodes[index], cursor: row.cursor, score: row.score == null ? null : Number(row.score) })),
      page,
      () => countCandidates(context.db, candidates),
    );
  }

  @Query(() => RightsArticle, { nullable: true, description: "One published rights article, by slug." })
  @Localized()
  async rightsArticle(
    @Ctx() context: RequestContext,
    @Arg("slug", () => String) slug: string,
    @Arg("locale", () => String, LOCALE_ARGUMENT) _locale?: string,
  ): Promise<RightsArticleRecord> {
    const [row] = await queryRows<{ id: string }>(
      context.db,
      sql`select a.id::text as id from rights_articles a where a.slug = ${slug} and ${visibilityFor(context.viewer).rightsArticle("a")}`,
    );
    const article = row && (await context.loaders.use(rightsLoaders).byId.load(row.id));
    if (!article) throw notFound("rightsArticle");
    return article;
  }

  @FieldResolver(() => LocalizedText)
  title(@Root() article: RightsArticleRecord, @Ctx() context: RequestContext, @Info() info: GraphQLResolveInfo) {
    return pickRequiredText(article.translations, (t) => t.title, context.locales.chainFor(info));
  }

  @FieldResolver(() => LocalizedText)
  summary(@Root() article: RightsArticleRecord, @Ctx() context: RequestContext, @Info() info: GraphQLResolveInfo) {
    return pickRequiredText(article.translations, (t) => t.summary, context.locales.chainFor(info));
  }

  @FieldResolver(() => LocalizedText, { description: "Markdown: render it with a sanitising Markdown renderer (or use bodyHtml)." })
  body(@Root() article: RightsArticleRecord, @Ctx() context: RequestContext, @Info() info: GraphQLResolveInfo) {
    return pickRequiredText(article.translations, (t) => t.body, context.locales.chainFor(info));
  }

  @FieldResolver(() => LocalizedText, {
    description: "The body rendered to safe HTML (START's one sanitising renderer, @start/api/markdown): no raw HTML, links only to http, https, mailto and tel.",
  })
  bodyHtml(@Root() article: RightsArticleRecord, @Ctx() context: RequestContext, @Info() info: GraphQLResolveInfo) {
    const body = pickRequiredText(article.translations, (t) => t.body, context.locales.chainFor(info));
    return { ...body, text: renderMarkdown(body.text) };
  }

  @FieldResolver(() => Place, { description: "The country the article applies to." })
  async country(@Root() article: RightsArticleRecord, @Ctx() context: RequestContext): Promise<PlaceRecord> {
    const place = await context.loaders.use(placeLoaders).byId.load(article.countryId);
    if (!place) throw new Error(`rights article ${article.id} has no visible country`);
    return place;
  }

  @FieldResolver(() => [Source], { description: "Laws, conventions and official pages the article rests on." })
  sources(@Root() article: RightsArticleRecord): Source[] {
    return article.sources;
  }

  @FieldResolver(() => [RightsArticleTranslation], { description: "The texts in every locale (requested locale first), for editors." })
  translations(@Root() article: RightsArticleRecord, @Ctx() context: RequestContext, @Info() info: GraphQLResolveInfo) {
    return inLocaleOrder(article.translations, context.locales.chainFor(info));
  }
}
