import { type SQL, sql } from "drizzle-orm";
import { queryRows, type SearchEntityType } from "@start/db";
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, Info, Int, Query, Resolver } from "type-graphql";
import { visibilityFor } from "../auth/visibility.js";
import { directoryLoaders } from "../directory/loaders.js";
import { SearchType } from "../graphql/enums.js";
import type { RequestContext } from "../graphql/context.js";
import { Localized, LOCALE_ARGUMENT } from "../graphql/localized.js";
import { resolveReferences } from "../graphql/references.js";
import { pageSize } from "../graphql/relay.js";
import { jobLoaders } from "../jobs/loaders.js";
import { placeLoaders } from "../places/loaders.js";
import { rightsLoaders } from "../rights/loaders.js";
import { categoryLoaders } from "../taxonomy/loaders.js";
import { matchingRecords, searchText } from "./matching.js";
import { SearchResult } from "./types.js";

type FacetRow = {
  facet: "type" | "category" | "place";
  key: string;
  count: number | string;
};

@Resolver()
export class SearchResolver {
  @Query(() => SearchResult, {
    description:
      "One search across services, rights articles and vacancies, best matches first, with counts by type, category and place. " +
      "Arabic spelling variants (أ/إ/آ/ا, ى/ي, ة/ه, tashkeel, tatweel, Arabic-Indic digits), accents, place aliases (Trablus → Tripoli) " +
      "and small misspellings are matched.",
    complexity: ({ args, childComplexity }) => 1 + childComplexity * (typeof args.first === "number" ? args.first : 20),
  })
  @Localized()
  async search(
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg("query", () => String, { description: "What to look for, as typed (at most 200 characters)." }) query: string,
    @Arg("types", () => [SearchType], { nullable: true, description: "Kinds of record to search (default: all)." }) types?: SearchEntityType[],
    @Arg("first", () => Int, { nullable: true, description: "How many results, 1 to 100 (default 20)." }) first?: number,
    @Arg("category", () => String, { nullable: true, description: "Only services in this category (id or code) or below it." })
    category?: string,
    @Arg("place", () => String, {
      nullable: true,
      description: "Only results in this place (id or slug) or inside it; rights articles about its country.",
    })
    place?: string,
    @Arg("locale", () => String, LOCALE_ARGUMENT) _locale?: string,
  ): Promise<SearchResult> {
    const size = pageSize(first);
    const chain = context.locales.chainFor(info);
    const text = searchText(query);
    const kinds: SearchEntityType[] = types?.length ? [...new Set(types)] : ["service", "rights_article", "vacancy"];
    const visibility = visibilityFor(context.viewer);

    const serviceConditions: SQL[] = [visibility.service("s")];
    const vacancyConditions: SQL[] = [visibility.vacancy("v", { openOnly: true })];
    const articleConditions: SQL[] = [visibility.rightsArticle("a")];
    if (category != null) {
      const ids = await resolveReferences(context.db, {
        from: "categories c",
        alias: "c",
        keyColumn: "code",
        visible: visibility.category("c"),
        values: [category],
        entity: "category",
        field: "category",
      });
      serviceConditions.push(sql`exists (select 1 from service_categories sc where sc.service_id = s.id
        and sc.category_id in (select start_category_subtree(${sql.param(ids)}::uuid[])))`);
      vacancyConditions.push(sql`false`);
      articleConditions.push(sql`false`);
    }
    if (place != null) {
      const ids = await resolveReferences(context.db, {
        from: "places p",
        alias: "p",
        keyColumn: "slug",
        visible: visibility.place("p"),
        values: [place],
        entity: "place",
        field: "place",
      });
      serviceConditions.push(sql`exists (select 1 from service_at_locations sal join locations l on l.id = sal.location_id
        where sal.service_id = s.id and ${visibility.location("l")} and l.place_id in (select start_place_subtree(${sql.param(ids)}::uuid[])))`);
      vacancyConditions.push(sql`v.place_id in (select start_place_subtree(${sql.param(ids)}::uuid[]))`);
      articleConditions.push(sql`(a.country_id in (select start_place_lineage(${sql.param(ids)}::uuid[]))
        or a.country_id in (select start_place_subtree(${sql.param(ids)}::uuid[])))`);
    }
    const and = (conditions: SQL[]) => sql.join(conditions, sql` and `);
    const results = sql`with matched as (${matchingRecords(text, kinds, chain.requested)}),
      results as (
        select m.entity_type, m.entity_id, m.score from matched m
        where (m.entity_type = 'service' and exists (select 1 from services s where s.id = m.entity_id and ${and(serviceConditions)}))
           or (m.entity_type = 'rights_article' and exists (select 1 from rights_articles a where a.id = m.entity_id and ${and(articleConditions)}))
           or (m.entity_type = 'vacancy' and exists (select 1 from vacancies v where v.id = m.entity_id and ${and(vacancyConditions)}))
      )`;

    const hitRows = await queryRows<{ entity_type: SearchEntityType; entity_id: string; score: number | string }>(
      context.db,
      sql`${results} select entity_type::text as entity_type, entity_id::text as entity_id, score::float8 as score
          from results order by score desc, entity_id limit ${size}`,
    );
    const hits = await Promise.all(
      hitRows.map(async (row) => ({
        type: row.entity_type,
        score: Number(row.score),
        item:
          row.entity_type === "service"
            ? await context.loaders.use(directoryLoaders).serviceById.load(row.entity_id)
            : row.entity_type === "rights_article"
              ? await context.loaders.use(rightsLoaders).byId.load(row.entity_id)
              : await context.loaders.use(jobLoaders).byId.load(row.entity_id),
      })),
    );

    // Counts and facets: one more statement, only when asked for.
    let facets: Promise<FacetRow[]> | undefined;
    const facetRows = () =>
      (facets ??= queryRows<FacetRow>(
        context.db,
        sql`${results}
          select 'type' as facet, entity_type::text as key, count(*)::int as count from results group by entity_type
          union all
          select 'category', lineage.id::text, count(distinct r.entity_id)::int
          from results r
          join service_categories sc on r.entity_type = 'service' and sc.service_id = r.entity_id
          cross join lateral start_category_lineage(array[sc.category_id]) as lineage(id)
          group by lineage.id
          union all
          select 'place', lineage.id::text, count(distinct r.entity_id)::int
          from results r
          cross join lateral (
            select l.place_id from service_at_locations sal join locations l on l.id = sal.location_id
            where r.entity_type = 'service' and sal.service_id = r.entity_id and ${visibility.location("l")}
            union select v.place_id from vacancies v where r.entity_type = 'vacancy' and v.id = r.entity_id
            union select a.country_id from rights_articles a where r.entity_type = 'rights_article' and a.id = r.entity_id
          ) as located
          cross join lateral start_place_lineage(array[located.place_id]) as lineage(id)
          group by lineage.id`,
      ));
    const facetsOf = async (facet: FacetRow["facet"]) =>
      (await facetRows())
        .filter((row) => row.facet === facet)
        .map((row) => ({ key: row.key, count: Number(row.count) }))
        .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));

    return {
      hits,
      get totalCount() {
        return facetsOf("type").then((rows) => rows.reduce((sum, row) => sum + row.count, 0)) as unknown as number;
      },
      facets: {
        get types() {
          return facetsOf("type").then((rows) => rows.map((row) => ({ type: row.key, count: row.count }))) as never;
        },
        get categories() {
          return facetsOf("category").then(async (rows) => {
            const categories = await context.loaders.use(categoryLoaders).byId.loadMany(rows.map((row) => row.key));
            return rows.flatMap((row, index) => {
              const category = categories[index];
              return category && !(category instanceof Error) ? [{ category, count: row.count }] : [];
            });
          }) as never;
        },
        get places() {
          return facetsOf("place").then(async (rows) => {
            const places = await context.loaders.use(placeLoaders).byId.loadMany(rows.map((row) => row.key));
            return rows.flatMap((row, index) => {
              const place = places[index];
              return place && !(place instanceof Error) ? [{ place, count: row.count }] : [];
            });
          }) as never;
        },
      },
    };
  }
}
