import { sql } from "drizzle-orm";
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
import type { ApiSearchMeta } from "./indexes.js";
import { checkQuery, searchRecords } from "./matching.js";
import { SearchResult } from "./types.js";

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
    checkQuery(query);
    const kinds = new Set<SearchEntityType>(types?.length ? types : ["service", "rights_article", "vacancy"]);
    const visibility = visibilityFor(context.viewer);

    // Filters name records by id or code/slug, resolved (and reported when unknown) as elsewhere.
    let categoryCodes: Set<string> | null = null;
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
      categoryCodes = new Set(
        (await queryRows<{ code: string }>(context.db, sql`select code from categories where id in (select start_category_subtree(${sql.param(ids)}::uuid[]))`)).map(
          (row) => row.code,
        ),
      );
    }
    let placeSlugs: { inside: Set<string>; around: Set<string> } | null = null;
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
      const rows = await queryRows<{ slug: string; inside: boolean }>(
        context.db,
        sql`select slug, true as inside from places where id in (select start_place_subtree(${sql.param(ids)}::uuid[]))
            union all select slug, false from places where id in (select start_place_lineage(${sql.param(ids)}::uuid[]))`,
      );
      placeSlugs = {
        inside: new Set(rows.filter((row) => row.inside).map((row) => row.slug)),
        around: new Set(rows.map((row) => row.slug)),
      };
    }
    const accept = (document: ApiSearchMeta) => {
      if (!kinds.has(document.kind)) return false;
      if (categoryCodes && (document.kind !== "service" || !document.ownCategories.some((code) => categoryCodes.has(code)))) return false;
      if (placeSlugs) {
        // Rights articles are about a country: one about the place's country (or a place inside it) counts.
        const allowed = document.kind === "rights_article" ? placeSlugs.around : placeSlugs.inside;
        if (!document.ownPlaces.some((slug) => allowed.has(slug))) return false;
      }
      return true;
    };
    const { hits: matched, built } = await searchRecords(context.db, query, chain.requested, accept);

    const hits = await Promise.all(
      matched.slice(0, size).map(async ({ document, score }) => ({
        type: document.kind,
        score,
        item:
          document.kind === "service"
            ? await context.loaders.use(directoryLoaders).serviceById.load(document.id)
            : document.kind === "rights_article"
              ? await context.loaders.use(rightsLoaders).byId.load(document.id)
              : await context.loaders.use(jobLoaders).byId.load(document.id),
      })),
    );

    // Counts over every result, from the same candidates: by type, category (services, with the
    // categories above theirs) and place (with the places around them).
    const count = (keys: Iterable<string>) => {
      const counts = new Map<string, number>();
      for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
      return [...counts].map(([key, value]) => ({ key, count: value })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
    };
    const facetsOf = (facet: "type" | "category" | "place") =>
      facet === "type"
        ? count(matched.map((hit) => hit.document.kind))
        : facet === "category"
          ? count(matched.flatMap((hit) => hit.document.categories.map((code) => built.categoryIds.get(code)!).filter(Boolean)))
          : count(matched.flatMap((hit) => hit.document.places.map((slug) => built.placeIds.get(slug)!).filter(Boolean)));

    return {
      hits,
      get totalCount() {
        return matched.length;
      },
      facets: {
        get types() {
          return facetsOf("type").map((row) => ({ type: row.key, count: row.count }));
        },
        get categories() {
          return Promise.resolve(facetsOf("category")).then(async (rows) => {
            const categories = await context.loaders.use(categoryLoaders).byId.loadMany(rows.map((row) => row.key));
            return rows.flatMap((row, index) => {
              const category = categories[index];
              return category && !(category instanceof Error) ? [{ category, count: row.count }] : [];
            });
          }) as never;
        },
        get places() {
          return Promise.resolve(facetsOf("place")).then(async (rows) => {
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
