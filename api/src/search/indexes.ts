import { sql } from "drizzle-orm";
import { contentFolder, type Database, loadVocabulary, queryRows, readSearchLabels } from "@start/db";
import {
  AnalysedTexts,
  categoryLineage,
  type CompiledVocabulary,
  documentFields,
  EMPTY_VOCABULARY,
  placeLineage,
  type SearchContext,
  type SearchFields,
  SearchIndex,
  type SearchKind,
  type SearchMeta,
  type SearchSource,
} from "@start/db/search";
import { todayInLibya } from "../editorial/validation.js";
import { readSearchGeneration } from "./generation.js";
import { KeptRecords } from "./records.js";
import { readSearchSources } from "./sources.js";

/** What the API keeps per result: the record, its categories and places for filters, and its facets' keys. */
export interface ApiSearchMeta extends SearchMeta {
  kind: SearchKind;
  id: string;
  /** Codes of its categories (services). */
  ownCategories: string[];
  /** Slugs of its places (rights articles: their country). */
  ownPlaces: string[];
  /** Its categories and every category above them, by position in BuiltIndexes.facetIds.category. */
  categoryFacets: number[];
  /** Its places and every place around them, by position in BuiltIndexes.facetIds.place. */
  placeFacets: number[];
}

export interface BuiltIndexes {
  key: string;
  /** Libya's date the indexes are for (vacancies past their deadline are no results). */
  today: string;
  context: SearchContext;
  /** What the facets count, by position: the ids of the categories and places of the records. */
  facetIds: { category: string[]; place: string[] };
  /** The records searches answered with, kept for as long as these indexes. */
  records: KeptRecords;
  index(locale: string): SearchIndex<ApiSearchMeta>;
}

const KEY_PREFIX: Record<SearchKind, string> = { service: "services", rights_article: "rights", vacancy: "jobs" };

/** A record's key, the same on both surfaces (the portal's path below /<locale>/). */
export const searchKey = (kind: SearchKind, slug: string) => `${KEY_PREFIX[kind]}/${slug}`;

/** Ids by category code and by place slug. */
export interface SearchIds {
  categories: Map<string, string>;
  places: Map<string, string>;
}

export function buildIndexes(
  key: string,
  sources: SearchSource[],
  context: SearchContext,
  ids: SearchIds,
  analysed: AnalysedTexts,
): Omit<BuiltIndexes, "today"> {
  const ordered = [...sources].sort((a, b) => (searchKey(a.kind, a.slug) < searchKey(b.kind, b.slug) ? -1 : 1));
  const facetIds = { category: [] as string[], place: [] as string[] };
  const positions = { category: new Map<string, number>(), place: new Map<string, number>() };
  const facetsOf = (facet: "category" | "place", keys: string[]) =>
    keys.flatMap((item) => {
      const id = (facet === "category" ? ids.categories : ids.places).get(item);
      if (id === undefined) return [];
      let position = positions[facet].get(id);
      if (position === undefined) positions[facet].set(id, (position = facetIds[facet].push(id) - 1));
      return [position];
    });
  const metas = ordered.map(
    (source): ApiSearchMeta => ({
      key: searchKey(source.kind, source.slug),
      kind: source.kind,
      id: source.id,
      ...(source.sample ? { s: 1 as const } : {}),
      ...(source.closed ? { c: 1 as const } : {}),
      ...(source.deadline ? { x: source.deadline } : {}),
      ownCategories: source.categories,
      ownPlaces: source.places,
      categoryFacets: facetsOf("category", categoryLineage(context, source.categories)),
      placeFacets: facetsOf("place", placeLineage(context, source.places)),
    }),
  );
  const built = new Map<string, SearchIndex<ApiSearchMeta>>();
  return {
    key,
    context,
    facetIds,
    records: new KeptRecords(),
    index(locale) {
      let index = built.get(locale);
      if (!index) {
        const entries: { meta: ApiSearchMeta; fields: SearchFields }[] = ordered.map((source, i) => ({
          meta: metas[i]!,
          fields: documentFields(source, context, locale),
        }));
        built.set(locale, (index = SearchIndex.build(entries, analysed.vocabulary, analysed)));
      }
      return index;
    },
  };
}

/**
 * The search indexes of one API process, per database: built from the published records on first
 * use, one per locale, and rebuilt when the search generation (migration 0006: every committed
 * change to what documents are made of) or Libya's date has moved on. A search costs one small
 * statement while nothing changed (the request's generation check, shared with its locales);
 * concurrent searches after a change wait for the same rebuild.
 */
export class SearchIndexes {
  private current?: Promise<BuiltIndexes>;
  private currentKey?: string;
  private analysed?: AnalysedTexts;
  private labels?: SearchContext["labels"];

  constructor(private readonly contentRoot: string = contentFolder) {}

  /** The indexes of the search generation a request has read (else read now), and of Libya's date. */
  async get(db: Database, generation: Promise<bigint> = readSearchGeneration(db)): Promise<BuiltIndexes> {
    const seen = await generation;
    const today = todayInLibya();
    const key = `${seen}/${today}`;
    if (this.current && this.currentKey === key) return this.current;
    this.currentKey = key;
    const building = this.build(db, key, today);
    this.current = building;
    building.catch(() => {
      if (this.current === building) this.current = this.currentKey = undefined;
    });
    return building;
  }

  /**
   * content/search/ as compiled; a file that is not valid (the content checks refuse it before it
   * ships) leaves search without the vocabulary rather than without answers, with a warning.
   */
  private readVocabulary(): CompiledVocabulary {
    try {
      return loadVocabulary(this.contentRoot);
    } catch (error) {
      process.emitWarning(`search runs without its vocabulary: ${(error as Error).message}`, "StartSearchVocabulary");
      return EMPTY_VOCABULARY;
    }
  }

  private async build(db: Database, key: string, today: string): Promise<BuiltIndexes> {
    this.analysed ??= new AnalysedTexts(this.readVocabulary());
    this.analysed.forgetUnused();
    this.labels ??= readSearchLabels(this.contentRoot);
    const [{ sources, context }, ids] = await Promise.all([
      readSearchSources(db, this.labels),
      queryRows<{ kind: string; key: string; id: string }>(
        db,
        sql`select 'category' as kind, code as key, id::text as id from categories union all select 'place', slug, id::text from places`,
      ),
    ]);
    const byKey = (kind: string) => new Map(ids.filter((row) => row.kind === kind).map((row) => [row.key, row.id]));
    return { ...buildIndexes(key, sources, context, { categories: byKey("category"), places: byKey("place") }, this.analysed), today };
  }
}

const perDatabase = new WeakMap<Database, SearchIndexes>();

/** The process's search indexes for a database. */
export function searchIndexes(db: Database): SearchIndexes {
  let indexes = perDatabase.get(db);
  if (!indexes) perDatabase.set(db, (indexes = new SearchIndexes()));
  return indexes;
}
