import { type SQL, sql } from "drizzle-orm";
import type { SearchEntityType } from "@start/db";
import { normalize } from "@start/db/text";
import { badInput } from "../graphql/errors.js";

export const MAX_QUERY_LENGTH = 200;

/** The configurations start_search_config() gives documents; a query is matched against each. */
const SEARCH_CONFIGURATIONS = ["simple", "english", "french"] as const;

export interface SearchText {
  /** The query as start_normalize() writes it (for trigram similarity). */
  normalized: string;
  /** Its words, for the full-text query. */
  words: string[];
}

/**
 * Prepares what a person typed: the shared normaliser (the same as at index time), then words of
 * letters and digits only, so nothing typed ever reaches the tsquery parser as syntax.
 * One-letter words are dropped (Arabic "و", French "l'"), one-digit numbers kept.
 */
export function searchText(input: string, field = "query"): SearchText {
  if (input.length > MAX_QUERY_LENGTH) throw badInput("queryLength", { max: MAX_QUERY_LENGTH }, field);
  const normalized = normalize(input);
  const words = [...new Set(normalized.match(/[\p{L}\p{N}]+/gu) ?? [])].filter(
    (word) => word.length > 1 || /\p{N}/u.test(word),
  );
  if (!/[\p{L}\p{N}]/u.test(normalized)) throw badInput("queryLength", { max: MAX_QUERY_LENGTH }, field);
  return { normalized, words };
}

/**
 * The full-text query: every word must match, the last one as a prefix (people are often still
 * typing it). The same text goes through each configuration (stemmed for English and French), and
 * the results are OR-ed, so one constant tsquery serves documents in every locale and the GIN index.
 */
function tsquery(words: string[]): SQL | null {
  if (words.length === 0) return null;
  const text = words.map((word, index) => `'${word}'${index === words.length - 1 ? ":*" : ""}`).join(" & ");
  return sql.join(
    SEARCH_CONFIGURATIONS.map((configuration) => sql`to_tsquery(${configuration}::regconfig, ${text})`),
    sql` || `,
  );
}

/**
 * `select entity_type, entity_id, score from …`: the records of the given kinds whose documents
 * match, in any locale, by full text or by trigram similarity of their names (misspellings).
 * The score is the full-text rank plus a share of the similarity, a little lower for documents not
 * in the requested locale; a record scores what its best document scores.
 */
export function matchingRecords(text: SearchText, kinds: readonly SearchEntityType[], requestedLocale: string): SQL {
  const query = tsquery(text.words);
  const rank = query ? sql`ts_rank(d.document, ${query})` : sql`0`;
  const fullText = query ? sql`d.document @@ (${query}) or ` : sql``;
  return sql`select d.entity_type, d.entity_id,
      max((${rank} + 0.3 * word_similarity(${text.normalized}, d.names))
          * case when d.locale = ${requestedLocale} then 1.0 else 0.8 end) as score
    from search_documents d
    where d.entity_type = any(${sql.param([...kinds])}::text[]::search_entity_type[])
      and (${fullText}${text.normalized} <% d.names)
    group by d.entity_type, d.entity_id`;
}
