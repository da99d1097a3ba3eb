import MiniSearch, { type AsPlainObject, type Options } from "minisearch";
import { stem, words } from "./analysis.js";
import { FIELD_BOOSTS, type SearchFields } from "./documents.js";

/**
 * START's search engine, the same code on the API (in memory, per locale) and in the browser (the
 * portal's offline search, loading the files the build wrote): MiniSearch's BM25 over the fields
 * (title, other-locale titles, borrowed names, body, other-locale summaries) on terms analysed by
 * analysis.ts, with START's query rules on top:
 *
 * - any word may match: a query's words (stop words left out) and the vocabulary's phrases each
 *   form a group of alternatives (the word, its synonyms, what a need phrase means);
 * - ranked by coverage first: results that match every group, then most of them, a group matched
 *   only with a typo counting half; then by BM25 (what the vocabulary adds weighs half);
 * - at equal coverage a sample counts 0.9 and a temporarily closed service 0.8 of its score, so
 *   real, open listings come first; ties go by key, so both surfaces order them the same way;
 * - the last word may be a prefix while it is being typed; a word of 4 letters or more may have
 *   one typo, of 8 or more two, never in its first letter.
 *
 * Terms are kept in chunks by their first character: a query needs only the chunks of its words
 * and their alternatives (prefixes and typos keep the first letter), so the portal downloads those
 * first and the rest later, and gets exactly the API's results.
 */

/**
 * The vocabulary (content/search/, compiled by the content loader): stop words (normalised), groups
 * of terms that go together, and the phrases (terms joined by a space) that bring in each group.
 */
export interface CompiledVocabulary {
  stop: string[];
  groups: string[][];
  phrases: Record<string, number[]>;
}

export const EMPTY_VOCABULARY: CompiledVocabulary = { stop: [], groups: [], phrases: {} };

/** The longest phrase (in terms) the query matcher tries. */
export const LONGEST_PHRASE = 5;

export interface SearchMeta {
  /** A stable, unique key (services/<slug>): the tie-breaker. */
  key: string;
  /** 1 for a sample record. */
  s?: 1;
  /** 1 for a temporarily closed service. */
  c?: 1;
  /** A vacancy's deadline (YYYY-MM-DD, inclusive). */
  x?: string;
}

/**
 * One chunk's terms with their postings, compactly: per term, for each field it occurs in, the
 * field number, how many documents, then per document (by number, delta-coded) `delta × 2 + 1`
 * followed by the term's frequency when above 1, else `delta × 2`. Lossless: the API, which
 * never encodes, and the portal, which decodes, score alike.
 */
export type TermChunk = [term: string, postings: number[]][];
type MiniSearchEntries = AsPlainObject["index"];

/** What BM25 needs besides the postings: per document and field, the field's length (in terms). */
export interface SearchStats {
  documentCount: number;
  averageFieldLength: number[];
  fieldLength: number[][];
}

export interface SearchIndexData<D extends SearchMeta> {
  v: 5;
  vocabulary: CompiledVocabulary;
  docs: D[];
  stats: SearchStats;
  /** Term chunks by first character (all of them on the API; the portal fetches them on demand). */
  chunks: Record<string, TermChunk>;
}

function encodeEntries(entries: MiniSearchEntries): TermChunk {
  return entries.map(([term, fields]) => {
    const numbers: number[] = [];
    for (const [field, documents] of Object.entries(fields)) {
      const postings = Object.entries(documents as Record<string, number>)
        .map(([document, frequency]) => [Number(document), frequency] as const)
        .sort((a, b) => a[0] - b[0]);
      numbers.push(Number(field), postings.length);
      let previous = 0;
      for (const [document, frequency] of postings) {
        numbers.push((document - previous) * 2 + (frequency > 1 ? 1 : 0));
        if (frequency > 1) numbers.push(frequency);
        previous = document;
      }
    }
    return [term, numbers];
  });
}

function decodeEntries(chunk: TermChunk): MiniSearchEntries {
  return chunk.map(([term, numbers]) => {
    const fields: Record<string, Record<string, number>> = {};
    for (let at = 0; at < numbers.length; ) {
      const field = numbers[at++]!;
      const count = numbers[at++]!;
      const documents: Record<string, number> = {};
      let document = 0;
      for (let n = 0; n < count; n += 1) {
        const value = numbers[at++]!;
        document += value >> 1;
        documents[document] = value & 1 ? numbers[at++]! : 1;
      }
      fields[field] = documents;
    }
    return [term, fields];
  });
}

function toStats(plain: Omit<AsPlainObject, "index">): SearchStats {
  const lengths = plain.fieldLength as Record<string, number[]>;
  return {
    documentCount: plain.documentCount,
    averageFieldLength: plain.averageFieldLength,
    fieldLength: Array.from({ length: plain.documentCount }, (_, shortId) => lengths[shortId]!),
  };
}

function fromStats(stats: SearchStats, index: MiniSearchEntries): AsPlainObject {
  const ids = Object.fromEntries(stats.fieldLength.map((_, shortId) => [shortId, shortId]));
  return {
    documentCount: stats.documentCount,
    nextId: stats.documentCount,
    documentIds: ids,
    fieldIds: Object.fromEntries(FIELDS.map((field, number) => [field, number])),
    fieldLength: Object.fromEntries(stats.fieldLength.map((lengths, shortId) => [shortId, lengths])),
    averageFieldLength: stats.averageFieldLength,
    storedFields: {},
    dirtCount: 0,
    index,
    serializationVersion: 2,
  };
}

export interface SearchHit<D extends SearchMeta> {
  document: D;
  /** Query groups matched (a typo-only match counts ½). */
  coverage: number;
  score: number;
}

export interface SearchRequest {
  /** Libya's date (YYYY-MM-DD): vacancies past their deadline are left out. */
  today?: string;
  /** Only documents this accepts (a category or place filter). */
  accept?: (position: number) => boolean;
}

/** A query longer than this is cut (the API refuses it with a message, the portal's field stops there). */
export const MAX_QUERY_LENGTH = 200;
const MAX_WORDS = 12;
const SAMPLE_FACTOR = 0.9;
const CLOSED_FACTOR = 0.8;
const SYNONYM_WEIGHT = 0.5;
const PREFIX_WEIGHT = 0.6;
const FUZZY_WEIGHT = 0.3;
/** At most this many completions of a prefix (the shortest, then alphabetical). */
const MAX_COMPLETIONS = 40;

const FIELDS = Object.keys(FIELD_BOOSTS) as (keyof SearchFields)[];
const splitTerms = (text: string) => (text === "" ? [] : text.split(" "));
const MINISEARCH_OPTIONS: Options = {
  idField: "i",
  fields: FIELDS,
  storeFields: [],
  tokenize: splitTerms,
  processTerm: (term) => term,
};

/** The chunk a term lives in: its first character. */
export const chunkOf = (term: string) => String.fromCodePoint(term.codePointAt(0) ?? 32);

interface QueryGroup {
  /** Terms any of which matches the group: typed (weight 1) or added by the vocabulary. */
  terms: Map<string, number>;
  /** The terms as typed (stemmed): only they may match as a prefix or with a typo. */
  typed: string[];
}

/** Levenshtein distance if it is at most `limit`, else limit + 1. */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j += 1) {
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length]!;
}

const typosAllowed = (term: string) => (term.length >= 8 ? 2 : term.length >= 4 ? 1 : 0);

/**
 * Texts as the index holds them (their terms joined by a space), remembered: an index per locale
 * is built from mostly the same texts (names are indexed in every locale), and the API rebuilds
 * its indexes after a change from texts that mostly did not change. What the builds since the last
 * `forgetUnused()` analysed is kept, the rest dropped then.
 */
export class AnalysedTexts {
  private readonly stop: Set<string>;
  private used = new Map<string, string>();
  private before = new Map<string, string>();

  constructor(readonly vocabulary: CompiledVocabulary) {
    this.stop = new Set(vocabulary.stop);
  }

  analyse(text: string): string {
    let result = this.used.get(text);
    if (result === undefined) {
      result =
        this.before.get(text) ??
        words(text)
          .filter((word) => !this.stop.has(word))
          .map(stem)
          .join(" ");
      this.used.set(text, result);
    }
    return result;
  }

  /** Forgets the texts no build analysed since the last call. */
  forgetUnused(): void {
    this.before = this.used;
    this.used = new Map();
  }
}

export class SearchIndex<D extends SearchMeta> {
  private readonly stop: Set<string>;
  /** Loaded terms by chunk, sorted. */
  private readonly terms = new Map<string, string[]>();
  private readonly entries = new Map<string, MiniSearchEntries>();
  private engine: MiniSearch | null;

  private constructor(
    engine: MiniSearch | null,
    readonly docs: D[],
    readonly vocabulary: CompiledVocabulary,
    private readonly stats: SearchStats,
    chunks: Map<string, MiniSearchEntries>,
  ) {
    this.stop = new Set(vocabulary.stop);
    this.engine = engine;
    for (const [chunk, entries] of chunks) this.addEntries(chunk, entries);
  }

  /**
   * Builds an index from documents' fields (documentFields) and what each result carries; with
   * `analysed`, texts analysed by an earlier build (of another locale, or before a change) are not
   * analysed again.
   */
  static build<D extends SearchMeta>(
    entries: readonly { meta: D; fields: SearchFields }[],
    vocabulary: CompiledVocabulary,
    analysed: AnalysedTexts = new AnalysedTexts(vocabulary),
  ): SearchIndex<D> {
    if (analysed.vocabulary !== vocabulary) throw new Error("texts analysed with another vocabulary");
    const engine = new MiniSearch(MINISEARCH_OPTIONS);
    engine.addAll(
      entries.map(({ fields }, i) => ({
        i,
        t: analysed.analyse(fields.t),
        a: analysed.analyse(fields.a),
        n: analysed.analyse(fields.n),
        b: analysed.analyse(fields.b),
        o: analysed.analyse(fields.o),
      })),
    );
    const { index, ...plain } = engine.toJSON();
    const chunks = new Map<string, MiniSearchEntries>();
    for (const entry of index) {
      const chunk = chunkOf(entry[0]);
      const list = chunks.get(chunk);
      if (list) list.push(entry);
      else chunks.set(chunk, [entry]);
    }
    return new SearchIndex(engine, entries.map(({ meta }) => meta), vocabulary, toStats(plain), chunks);
  }

  /** An index from its data: every chunk (the API, a test) or only some (the portal, which adds the others as it needs them). */
  static load<D extends SearchMeta>(data: SearchIndexData<D>): SearchIndex<D> {
    const chunks = new Map(Object.entries(data.chunks).map(([chunk, encoded]) => [chunk, decodeEntries(encoded)]));
    return new SearchIndex(null, data.docs, data.vocabulary, data.stats, chunks);
  }

  toData(): SearchIndexData<D> {
    const chunks = Object.fromEntries([...this.entries].map(([chunk, entries]) => [chunk, encodeEntries(entries)]));
    return { v: 5, vocabulary: this.vocabulary, docs: this.docs, stats: this.stats, chunks };
  }

  /** Adds term chunks (fetched by the portal). */
  addChunks(chunks: Record<string, TermChunk>): void {
    for (const [chunk, encoded] of Object.entries(chunks)) if (!this.entries.has(chunk)) this.addEntries(chunk, decodeEntries(encoded));
    this.engine = null;
  }

  private addEntries(chunk: string, entries: MiniSearchEntries): void {
    this.entries.set(chunk, entries);
    this.terms.set(chunk, entries.map(([term]) => term).sort());
  }

  private scorer(): MiniSearch {
    this.engine ??= MiniSearch.loadJS(fromStats(this.stats, [...this.entries.values()].flat()), MINISEARCH_OPTIONS);
    return this.engine;
  }

  /** The query's groups: phrases the vocabulary knows (longest first), then single words. */
  private groups(input: string): { groups: QueryGroup[]; prefix: string | null } {
    const typed = words(input.slice(0, MAX_QUERY_LENGTH))
      .filter((word) => !this.stop.has(word))
      .slice(0, MAX_WORDS)
      .map(stem);
    const { phrases, groups: vocabularyGroups } = this.vocabulary;
    const groups: QueryGroup[] = [];
    const seen = new Set<string>();
    for (let start = 0; start < typed.length; ) {
      let length = Math.min(LONGEST_PHRASE, typed.length - start);
      while (length > 1 && !phrases[typed.slice(start, start + length).join(" ")]) length -= 1;
      const span = typed.slice(start, start + length);
      start += length;
      const terms = new Map<string, number>();
      for (const group of phrases[span.join(" ")] ?? []) for (const term of vocabularyGroups[group] ?? []) terms.set(term, SYNONYM_WEIGHT);
      for (const term of span) terms.set(term, 1);
      const signature = [...terms.keys()].sort().join(" ");
      if (seen.has(signature)) continue;
      seen.add(signature);
      groups.push({ terms, typed: span });
    }
    // The last word is a prefix only while it is being typed (no space after it).
    const last = typed.at(-1) ?? null;
    const prefix = last && last.length >= 2 && !/\s$/u.test(input) ? last : null;
    return { groups, prefix };
  }

  /** The chunks a query needs (all must be loaded before search() answers it in full). */
  chunksFor(input: string): string[] {
    const chunks = new Set<string>();
    for (const group of this.groups(input).groups) for (const term of group.terms.keys()) chunks.add(chunkOf(term));
    return [...chunks].sort();
  }

  /** Chunks the query needs that are not loaded. */
  missingChunks(input: string): string[] {
    return this.chunksFor(input).filter((chunk) => !this.entries.has(chunk));
  }

  /** The index terms a group looks for, each with its weight, and whether a match is exact (not a typo). */
  private candidates(group: QueryGroup, prefix: string | null): Map<string, { weight: number; exact: boolean }> {
    const found = new Map<string, { weight: number; exact: boolean }>();
    const consider = (term: string, weight: number, exact: boolean) => {
      const known = found.get(term);
      if (!known || known.weight < weight) found.set(term, { weight, exact: exact || (known?.exact ?? false) });
    };
    for (const [term, weight] of group.terms) {
      const list = this.terms.get(chunkOf(term));
      if (list && binarySearch(list, term) >= 0) consider(term, weight, true);
    }
    for (const typed of group.typed) {
      const list = this.terms.get(chunkOf(typed)) ?? [];
      if (typed === prefix) {
        const completions: string[] = [];
        for (let at = lowerBound(list, typed); at < list.length && list[at]!.startsWith(typed); at += 1) if (list[at] !== typed) completions.push(list[at]!);
        completions.sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
        for (const term of completions.slice(0, MAX_COMPLETIONS)) consider(term, PREFIX_WEIGHT, true);
      }
      const limit = typosAllowed(typed);
      if (limit === 0) continue;
      for (const term of list) {
        if (term !== typed && term[0] === typed[0] && distance(typed, term, limit) <= limit) consider(term, FUZZY_WEIGHT, false);
      }
    }
    return found;
  }

  /** Every matching document, best first. */
  search(input: string, request: SearchRequest = {}): SearchHit<D>[] {
    const { groups, prefix } = this.groups(input);
    const found = new Map<number, { coverage: number; score: number }>();
    for (const group of groups) {
      const candidates = this.candidates(group, prefix);
      if (candidates.size === 0) continue;
      const results = this.scorer().search(
        { combineWith: "OR", queries: [...candidates.keys()] },
        { boost: FIELD_BOOSTS, boostTerm: (term) => candidates.get(term)?.weight ?? 1, prefix: false, fuzzy: false },
      );
      for (const result of results) {
        const position = result.id as number;
        const exact = result.terms.some((term) => candidates.get(term)?.exact);
        const entry = found.get(position) ?? { coverage: 0, score: 0 };
        entry.coverage += exact ? 1 : 0.5;
        entry.score += result.score;
        found.set(position, entry);
      }
    }
    const hits: SearchHit<D>[] = [];
    for (const [position, { coverage, score }] of found) {
      const document = this.docs[position]!;
      if (request.today && document.x && document.x < request.today) continue;
      if (request.accept && !request.accept(position)) continue;
      const factor = (document.s ? SAMPLE_FACTOR : 1) * (document.c ? CLOSED_FACTOR : 1);
      hits.push({ document, coverage, score: Math.round(score * factor * 1000) / 1000 });
    }
    return hits.sort(
      (a, b) => b.coverage - a.coverage || b.score - a.score || (a.document.key < b.document.key ? -1 : a.document.key > b.document.key ? 1 : 0),
    );
  }

}

function lowerBound(list: readonly string[], value: string): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (list[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

function binarySearch(list: readonly string[], value: string): number {
  const at = lowerBound(list, value);
  return list[at] === value ? at : -1;
}
