import { sql } from "drizzle-orm";
import { queryRows, type SearchEntityType } from "@start/db";
import type DataLoader from "dataloader";
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

const KINDS: readonly ApiSearchMeta["kind"][] = ["service", "rights_article", "vacancy"];
const KIND_POSITION: Record<ApiSearchMeta["kind"], readonly number[]> = { service: [0], rights_article: [1], vacancy: [2] };

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
    const { hits: matched, built } = await searchRecords(context.db, query, chain.requested, accept, context.generation);

    // The page of hits, and the facets' categories and places, come from the records kept with
    // the indexes (read once per generation, records.ts).
    const page = matched.slice(0, size);
    const idsOf = (kind: ApiSearchMeta["kind"]) => page.filter((hit) => hit.document.kind === kind).map((hit) => hit.document.id);
    const [services, articles, vacancies] = await Promise.all([
      built.records.load("service", context.loaders.use(directoryLoaders).serviceById, idsOf("service")),
      built.records.load("rights_article", context.loaders.use(rightsLoaders).byId, idsOf("rights_article")),
      built.records.load("vacancy", context.loaders.use(jobLoaders).byId, idsOf("vacancy")),
    ]);
    const items = new Map<string, unknown>();
    for (const [kind, records] of [["service", services], ["rights_article", articles], ["vacancy", vacancies]] as const) {
      idsOf(kind).forEach((id, index) => {
        const record = records[index];
        if (record instanceof Error) throw record;
        items.set(id, record);
      });
    }
    // What hits name most often: their organizations.
    const organizations = [...services, ...vacancies].flatMap((record) => (record && !(record instanceof Error) ? [record.organizationId] : []));
    await built.records.load("organization", context.loaders.use(directoryLoaders).organizationById, organizations);
    const hits = page.map(({ document, score }) => ({ type: document.kind, score, item: items.get(document.id) ?? null }));

    // Counts over every result, from the same candidates: by type, category (services, with the
    // categories above theirs) and place (with the places around them).
    const count = (keys: readonly string[], positionsOf: (document: ApiSearchMeta) => readonly number[]) => {
      const counts = new Uint32Array(keys.length);
      for (const hit of matched) for (const position of positionsOf(hit.document)) counts[position]! += 1;
      const rows: { key: string; count: number }[] = [];
      counts.forEach((value, position) => {
        if (value > 0) rows.push({ key: keys[position]!, count: value });
      });
      return rows.sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
    };
    const withRecords = async <V>(kind: "category" | "place", loader: DataLoader<string, V | null>, rows: { key: string; count: number }[]) => {
      const records = await built.records.load(kind, loader, rows.map((row) => row.key));
      return rows.flatMap((row, index) => {
        const record = records[index];
        return record && !(record instanceof Error) ? [{ record, count: row.count }] : [];
      });
    };

    return {
      hits,
      get totalCount() {
        return matched.length;
      },
      facets: {
        get types() {
          return count(KINDS, (document) => KIND_POSITION[document.kind]).map((row) => ({ type: row.key, count: row.count }));
        },
        get categories() {
          return withRecords("category", context.loaders.use(categoryLoaders).byId, count(built.facetIds.category, (document) => document.categoryFacets)).then((rows) =>
            rows.map(({ record, count }) => ({ category: record, count })),
          ) as never;
        },
        get places() {
          return withRecords("place", context.loaders.use(placeLoaders).byId, count(built.facetIds.place, (document) => document.placeFacets)).then((rows) =>
            rows.map(({ record, count }) => ({ place: record, count })),
          ) as never;
        },
      },
    };
  }
}
