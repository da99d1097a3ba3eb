import MiniSearch, { type AsPlainObject, type Options } from "minisearch";
import { stem, words } from "./analysis.js";
import { FIELD_BOOSTS, type SearchFields } from "./documents.js";

/**
 * START's search engine, the same code on the API (in memory, per locale) and in the browser (the
 * portal's offline search, loading the files the build wrote): MiniSearch's index and its BM25+
 * over the fields (title, other-locale titles, borrowed names, body, other-locale summaries) on
 * terms analysed by analysis.ts, with START's query rules on top. MiniSearch builds the postings;
 * `search` scores them itself, with MiniSearch's formula and order of operations (the same
 * scores), in typed arrays instead of an object per matched document and term: a search is one
 * synchronous pass on a single-threaded server.
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

/** Levenshtein distance if it is at most `limit`, else limit + 1 (two rows, kept between calls). */
let previousRow = new Int32Array(64);
let currentRow = new Int32Array(64);
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (previousRow.length <= b.length) {
    previousRow = new Int32Array(b.length + 1);
    currentRow = new Int32Array(b.length + 1);
  }
  let previous = previousRow;
  let current = currentRow;
  for (let j = 0; j <= b.length; j += 1) previous[j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    current[0] = i;
    let best = i;
    for (let j = 1; j <= b.length; j += 1) {
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      current[j] = value;
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    const swap = previous;
    previous = current;
    current = swap;
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
  /** Loaded terms by chunk, sorted, and their entries in the same order. */
  private readonly terms = new Map<string, string[]>();
  private readonly sortedEntries = new Map<string, MiniSearchEntries>();
  private readonly entries = new Map<string, MiniSearchEntries>();
  /** Postings of the terms searched so far, as scoring reads them. */
  private readonly postings = new Map<string, Postings>();
  private scratch?: Scratch;

  private constructor(
    readonly docs: D[],
    readonly vocabulary: CompiledVocabulary,
    private readonly stats: SearchStats,
    chunks: Map<string, MiniSearchEntries>,
  ) {
    this.stop = new Set(vocabulary.stop);
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
    return new SearchIndex(entries.map(({ meta }) => meta), vocabulary, toStats(plain), chunks);
  }

  /** An index from its data: every chunk (the API, a test) or only some (the portal, which adds the others as it needs them). */
  static load<D extends SearchMeta>(data: SearchIndexData<D>): SearchIndex<D> {
    const chunks = new Map(Object.entries(data.chunks).map(([chunk, encoded]) => [chunk, decodeEntries(encoded)]));
    return new SearchIndex(data.docs, data.vocabulary, data.stats, chunks);
  }

  toData(): SearchIndexData<D> {
    const chunks = Object.fromEntries([...this.entries].map(([chunk, entries]) => [chunk, encodeEntries(entries)]));
    return { v: 5, vocabulary: this.vocabulary, docs: this.docs, stats: this.stats, chunks };
  }

  /** Adds term chunks (fetched by the portal). */
  addChunks(chunks: Record<string, TermChunk>): void {
    for (const [chunk, encoded] of Object.entries(chunks)) if (!this.entries.has(chunk)) this.addEntries(chunk, decodeEntries(encoded));
  }

  private addEntries(chunk: string, entries: MiniSearchEntries): void {
    this.entries.set(chunk, entries);
    const sorted = [...entries].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    this.sortedEntries.set(chunk, sorted);
    this.terms.set(chunk, sorted.map(([term]) => term));
  }

  /** A loaded term's postings (field by field, in the fields' order), compiled on first use. */
  private postingsOf(term: string): Postings | undefined {
    let postings = this.postings.get(term);
    if (postings === undefined) {
      const chunk = chunkOf(term);
      const at = binarySearch(this.terms.get(chunk) ?? [], term);
      if (at < 0) return undefined;
      const fields = this.sortedEntries.get(chunk)![at]![1] as Record<string, Record<string, number>>;
      postings = Object.keys(fields)
        .map(Number)
        .sort((a, b) => a - b)
        .map((field) => {
          const documents = fields[field]!;
          const ids = Object.keys(documents);
          const docs = new Int32Array(ids.length);
          const frequencies = new Int32Array(ids.length);
          ids.forEach((id, n) => {
            docs[n] = Number(id);
            frequencies[n] = documents[id]!;
          });
          return { field, boost: FIELD_BOOSTS[FIELDS[field]!], docs, frequencies };
        });
      this.postings.set(term, postings);
    }
    return postings;
  }

  /** A text's terms as this index analyses a query: normalised, stop words left out, stemmed (at most 12). */
  queryTerms(input: string): string[] {
    return words(input.slice(0, MAX_QUERY_LENGTH))
      .filter((word) => !this.stop.has(word))
      .slice(0, MAX_WORDS)
      .map(stem);
  }

  /** The query's groups: phrases the vocabulary knows (longest first), then single words. */
  private groups(input: string): { groups: QueryGroup[]; prefix: string | null } {
    const typed = this.queryTerms(input);
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

  /**
   * Every matching document, best first. A group's score for a document is MiniSearch's, as its
   * `search` gave it with the group's terms OR-ed (field boosts, each term's weight): per term, the
   * BM25 of each field it is in, summed in the fields' order; the terms' sums added in the terms'
   * order; times the number of the group's terms the document has. The same operations in the
   * same order, so the same numbers, without a result object per document and term.
   */
  search(input: string, request: SearchRequest = {}): SearchHit<D>[] {
    const { groups, prefix } = this.groups(input);
    const count = this.stats.documentCount;
    const scratch = (this.scratch ??= newScratch(count));
    const { termScore, groupScore, coverage, score, termCount, groupFlags, touchedByTerm, touchedByGroup, found } = scratch;
    let foundCount = 0;
    for (const group of groups) {
      const candidates = this.candidates(group, prefix);
      if (candidates.size === 0) continue;
      let groupTouched = 0;
      for (const [term, { weight, exact }] of candidates) {
        const postings = this.postingsOf(term);
        if (!postings) continue;
        let termTouched = 0;
        for (const { field, boost, docs, frequencies } of postings) {
          const matching = docs.length;
          const averageLength = this.stats.averageFieldLength[field]!;
          for (let n = 0; n < matching; n += 1) {
            const position = docs[n]!;
            const weighted = weight * boost * bm25(frequencies[n]!, matching, count, this.stats.fieldLength[position]![field]!, averageLength);
            if (termCount[position] === 0) {
              termCount[position] = 1;
              termScore[position] = weighted;
              touchedByTerm[termTouched++] = position;
            } else termScore[position] = termScore[position]! + weighted;
          }
        }
        for (let n = 0; n < termTouched; n += 1) {
          const position = touchedByTerm[n]!;
          termCount[position] = 0;
          if (groupFlags[position] === 0) {
            groupFlags[position] = exact ? EXACT : MATCHED;
            groupScore[position] = termScore[position]!;
            touchedByGroup[groupTouched++] = position;
          } else {
            groupScore[position] = groupScore[position]! + termScore[position]!;
            if (exact) groupFlags[position] = EXACT;
          }
          termCount[count + position] = termCount[count + position]! + 1;
        }
      }
      for (let n = 0; n < groupTouched; n += 1) {
        const position = touchedByGroup[n]!;
        if (coverage[position] === 0) found[foundCount++] = position;
        coverage[position] = coverage[position]! + (groupFlags[position] === EXACT ? 1 : 0.5);
        score[position] = score[position]! + groupScore[position]! * termCount[count + position]!;
        groupFlags[position] = 0;
        termCount[count + position] = 0;
      }
    }
    const hits: SearchHit<D>[] = [];
    let n = 0;
    try {
      for (; n < foundCount; n += 1) {
        const position = found[n]!;
        const documentCoverage = coverage[position]!;
        const documentScore = score[position]!;
        coverage[position] = 0;
        score[position] = 0;
        const document = this.docs[position]!;
        if (request.today && document.x && document.x < request.today) continue;
        if (request.accept && !request.accept(position)) continue;
        const factor = (document.s ? SAMPLE_FACTOR : 1) * (document.c ? CLOSED_FACTOR : 1);
        hits.push({ document, coverage: documentCoverage, score: Math.round(documentScore * factor * 1000) / 1000 });
      }
    } finally {
      // The scratch is left clean for the next search even when `accept` throws.
      for (n += 1; n < foundCount; n += 1) coverage[found[n]!] = score[found[n]!] = 0;
    }
    return hits.sort(
      (a, b) => b.coverage - a.coverage || b.score - a.score || (a.document.key < b.document.key ? -1 : a.document.key > b.document.key ? 1 : 0),
    );
  }

}

/** One field's postings of a term: the documents (ascending) and the term's frequency in each. */
type Postings = { field: number; boost: number; docs: Int32Array; frequencies: Int32Array }[];

/** MiniSearch's BM25+ (its default parameters), operation for operation. */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
function bm25(frequency: number, matching: number, documents: number, fieldLength: number, averageFieldLength: number): number {
  const { k, b, d } = BM25;
  const inverseFrequency = Math.log(1 + (documents - matching + 0.5) / (matching + 0.5));
  return inverseFrequency * (d + (frequency * (k + 1)) / (frequency + k * (1 - b + (b * fieldLength) / averageFieldLength)));
}

const MATCHED = 1;
const EXACT = 2;

/** Per-document working space of one search, reused (search is synchronous); zero between searches. */
interface Scratch {
  termScore: Float64Array;
  groupScore: Float64Array;
  coverage: Float64Array;
  score: Float64Array;
  /** [0, n): seen by the current term; [n, 2n): how many of the group's terms matched. */
  termCount: Uint32Array;
  groupFlags: Uint8Array;
  touchedByTerm: Int32Array;
  touchedByGroup: Int32Array;
  found: Int32Array;
}

const newScratch = (count: number): Scratch => ({
  termScore: new Float64Array(count),
  groupScore: new Float64Array(count),
  coverage: new Float64Array(count),
  score: new Float64Array(count),
  termCount: new Uint32Array(count * 2),
  groupFlags: new Uint8Array(count),
  touchedByTerm: new Int32Array(count),
  touchedByGroup: new Int32Array(count),
  found: new Int32Array(count),
});

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
