import { decodeIndex } from "./codec.js";
import type { SearchDocument, SearchIndexFile } from "./documents.js";
import { type PipelineFunction, lunr, reduce } from "./languages.js";
import { uniqueTokens } from "./tokenize.js";

/**
 * A query against a locale's index. The typed text never reaches lunr's query parser (which
 * throws on : - + ~ ^ *): it is tokenised like the index and each word becomes query-builder
 * clauses. Every word must match (as the API's search), by its stem, as the start of a word
 * (typing in progress), or with one typo.
 */
export interface SearchHit {
  document: SearchDocument;
  score: number;
}

export interface LoadedIndex {
  index: lunr.Index;
  docs: SearchDocument[];
  pipeline: PipelineFunction[];
}

export function loadIndex(file: SearchIndexFile, pipeline: PipelineFunction[]): LoadedIndex {
  return { index: lunr.Index.load(decodeIndex(file.index) as unknown as object), docs: file.docs, pipeline };
}

const MAX_WORDS = 8;
const TRAILING = lunr.Query.wildcard.TRAILING;

export function search({ index, docs, pipeline }: LoadedIndex, input: string): SearchHit[] {
  const words = uniqueTokens(input.slice(0, 200))
    .slice(0, MAX_WORDS)
    .map((raw) => ({ raw, stem: reduce(pipeline, raw) }))
    .filter((word) => word.stem !== "");
  if (words.length === 0) return [];
  let scores: Map<string, number> | null = null;
  for (const { raw, stem } of words) {
    const matches = index.query((query) => {
      query.term(stem, { usePipeline: false, boost: 10 });
      query.term(stem, { usePipeline: false, wildcard: TRAILING, boost: 3 });
      if (raw !== stem) query.term(raw, { usePipeline: false, wildcard: TRAILING, boost: 3 });
      if (stem.length >= 4) query.term(stem, { usePipeline: false, editDistance: 1, boost: 1 });
    });
    const next = new Map<string, number>();
    for (const match of matches) {
      if (scores && !scores.has(match.ref)) continue;
      next.set(match.ref, (scores?.get(match.ref) ?? 0) + match.score);
    }
    scores = next;
    if (scores.size === 0) return [];
  }
  return [...scores!]
    .map(([ref, score]) => ({ document: docs[Number(ref)]!, score }))
    .filter((hit) => hit.document)
    .sort((a, b) => b.score - a.score);
}
