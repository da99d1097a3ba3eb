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

/** Arabic articles and the conjunctions before them, as start_search_without_article() strips them. */
const ARABIC_ARTICLE = /^[وف]?(?:ال|بال|كال|لل)(.{2,})$/u;

/**
 * One word as tsquery text: as a prefix when it is the last one (people are often still typing it),
 * and, for an Arabic word with the article, also without it (as documents are indexed).
 */
function wordQuery(word: string, prefix: boolean): string {
  const suffix = prefix ? ":*" : "";
  const bare = ARABIC_ARTICLE.exec(word)?.[1];
  return bare ? `('${word}'${suffix} | '${bare}'${suffix})` : `'${word}'${suffix}`;
}

/**
 * The same tsquery text through each configuration (stemmed for English and French), OR-ed: one
 * constant tsquery serves documents in every locale, and the GIN index.
 */
function tsquery(text: string): SQL {
  return sql.join(
    SEARCH_CONFIGURATIONS.map((configuration) => sql`to_tsquery(${configuration}::regconfig, ${text})`),
    sql` || `,
  );
}

/**
 * `select entity_type, entity_id, score from …`: the records of the given kinds with a document
 * (in any locale) that has every word of the query, each either as a full-text match or, for
 * misspellings, as a trigram match in the record's names. The score is the full-text rank plus a
 * share of the similarity of the whole query to the names, a little lower for documents not in the
 * requested locale; a record scores what its best document scores.
 */
export function matchingRecords(text: SearchText, kinds: readonly SearchEntityType[], requestedLocale: string): SQL {
  const { words, normalized } = text;
  const last = words.length - 1;
  const condition =
    words.length > 0
      ? sql.join(
          words.map((word, index) => sql`(d.document @@ (${tsquery(wordQuery(word, index === last))}) or ${word} <% d.names)`),
          sql` and `,
        )
      : sql`${normalized} <% d.names`;
  const rank =
    words.length > 0 ? sql`ts_rank(d.document, ${tsquery(words.map((word, index) => wordQuery(word, index === last)).join(" | "))})` : sql`0`;
  return sql`select d.entity_type, d.entity_id,
      max((${rank} + 0.3 * word_similarity(${normalized}, d.names))
          * case when d.locale = ${requestedLocale} then 1.0 else 0.8 end) as score
    from search_documents d
    where d.entity_type = any(${sql.param([...kinds])}::text[]::search_entity_type[])
      and ${condition}
    group by d.entity_type, d.entity_id`;
}
