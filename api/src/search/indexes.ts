import { sql } from "drizzle-orm";
import { contentFolder, type Database, loadVocabulary, queryRows, readSearchLabels } from "@start/db";
import {
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
import { readSearchSources } from "./sources.js";

/** What the API keeps per result: the record, and its categories and places for filters and facets. */
export interface ApiSearchMeta extends SearchMeta {
  kind: SearchKind;
  id: string;
  /** Codes of its categories (services), and of every category above them. */
  categories: string[];
  ownCategories: string[];
  /** Slugs of its places (and, for `places`, every place around them). */
  places: string[];
  ownPlaces: string[];
}

export interface BuiltIndexes {
  key: string;
  context: SearchContext;
  categoryIds: Map<string, string>;
  placeIds: Map<string, string>;
  index(locale: string): SearchIndex<ApiSearchMeta>;
}

const KEY_PREFIX: Record<SearchKind, string> = { service: "services", rights_article: "rights", vacancy: "jobs" };

/** A record's key, the same on both surfaces (the portal's path below /<locale>/). */
export const searchKey = (kind: SearchKind, slug: string) => `${KEY_PREFIX[kind]}/${slug}`;

export function buildIndexes(
  key: string,
  sources: SearchSource[],
  context: SearchContext,
  vocabulary: CompiledVocabulary,
): Omit<BuiltIndexes, "categoryIds" | "placeIds"> {
  const ordered = [...sources].sort((a, b) => (searchKey(a.kind, a.slug) < searchKey(b.kind, b.slug) ? -1 : 1));
  const metas = ordered.map(
    (source): ApiSearchMeta => ({
      key: searchKey(source.kind, source.slug),
      kind: source.kind,
      id: source.id,
      ...(source.sample ? { s: 1 as const } : {}),
      ...(source.closed ? { c: 1 as const } : {}),
      ...(source.deadline ? { x: source.deadline } : {}),
      categories: categoryLineage(context, source.categories),
      ownCategories: source.categories,
      places: placeLineage(context, source.places),
      ownPlaces: source.places,
    }),
  );
  const built = new Map<string, SearchIndex<ApiSearchMeta>>();
  return {
    key,
    context,
    index(locale) {
      let index = built.get(locale);
      if (!index) {
        const entries: { meta: ApiSearchMeta; fields: SearchFields }[] = ordered.map((source, i) => ({
          meta: metas[i]!,
          fields: documentFields(source, context, locale),
        }));
        built.set(locale, (index = SearchIndex.build(entries, vocabulary)));
      }
      return index;
    },
  };
}

/**
 * The search indexes of one API process, per database: built from the published records on first
 * use, one per locale, and rebuilt when the search generation (migration 0006: every committed
 * change to what documents are made of) or Libya's date has moved on. A search costs one small
 * statement while nothing changed; concurrent searches after a change wait for the same rebuild.
 */
export class SearchIndexes {
  private current?: Promise<BuiltIndexes>;
  private currentKey?: string;
  private vocabulary?: CompiledVocabulary;
  private labels?: SearchContext["labels"];

  constructor(private readonly contentRoot: string = contentFolder) {}

  async get(db: Database): Promise<BuiltIndexes> {
    const [row] = await queryRows<{ generation: string | number }>(db, sql`select generation::text as generation from search_changes where id = 1`);
    const key = `${row?.generation ?? 0}/${todayInLibya()}`;
    if (this.current && this.currentKey === key) return this.current;
    this.currentKey = key;
    const building = this.build(db, key);
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

  private async build(db: Database, key: string): Promise<BuiltIndexes> {
    this.vocabulary ??= this.readVocabulary();
    this.labels ??= readSearchLabels(this.contentRoot);
    const [{ sources, context }, ids] = await Promise.all([
      readSearchSources(db, this.labels),
      queryRows<{ kind: string; key: string; id: string }>(
        db,
        sql`select 'category' as kind, code as key, id::text as id from categories union all select 'place', slug, id::text from places`,
      ),
    ]);
    return {
      ...buildIndexes(key, sources, context, this.vocabulary),
      categoryIds: new Map(ids.filter((row) => row.kind === "category").map((row) => [row.key, row.id])),
      placeIds: new Map(ids.filter((row) => row.kind === "place").map((row) => [row.key, row.id])),
    };
  }
}

const perDatabase = new WeakMap<Database, SearchIndexes>();

/** The process's search indexes for a database. */
export function searchIndexes(db: Database): SearchIndexes {
  let indexes = perDatabase.get(db);
  if (!indexes) perDatabase.set(db, (indexes = new SearchIndexes()));
  return indexes;
}
