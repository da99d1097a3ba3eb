import { type SQL, sql } from "drizzle-orm";
import type { Database } from "@start/db";
import { MAX_QUERY_LENGTH, type SearchHit } from "@start/db/search";
import { badInput } from "../graphql/errors.js";
import type { RequestGeneration } from "./generation.js";
import { type ApiSearchMeta, type BuiltIndexes, searchIndexes } from "./indexes.js";

export { MAX_QUERY_LENGTH };

/**
 * Checks what a person typed: at most 200 characters, with at least one letter or digit (a query of
 * punctuation, emoji or invisible characters is refused with a message, not searched). A query of
 * stop words only ("where is") is valid and finds nothing.
 */
export function checkQuery(input: string, field = "query"): string {
  if (input.length > MAX_QUERY_LENGTH) throw badInput("queryLength", { max: MAX_QUERY_LENGTH }, field);
  if (!/[\p{L}\p{N}]/u.test(input)) throw badInput("queryLength", { max: MAX_QUERY_LENGTH }, field);
  return input;
}

/** The published records matching a query in a locale's index, best first (engine.ts ranks them); at the request's generation when given. */
export async function searchRecords(
  db: Database,
  query: string,
  locale: string,
  accept?: (document: ApiSearchMeta) => boolean,
  generation?: RequestGeneration,
): Promise<{ hits: SearchHit<ApiSearchMeta>[]; built: BuiltIndexes }> {
  const built = await searchIndexes(db).get(db, generation?.current());
  const index = built.index(locale);
  const hits = index.search(query, { today: built.today, ...(accept ? { accept: (position) => accept(index.docs[position]!) } : {}) });
  return { hits, built };
}

/** `select entity_id, score`: ranked ids as a relation to join (score: higher is better, by rank). */
export function rankedIds(hits: readonly SearchHit<ApiSearchMeta>[]) {
  const ids = hits.map((hit) => hit.document.id);
  const ranks = hits.map((_, position) => hits.length - position);
  return sql`select unnest(${sql.param(ids)}::uuid[]) as entity_id, unnest(${sql.param(ranks)}::float8[]) as score`;
}

/**
 * `select entity_id, score` for one kind of record: what the list queries (services, rights,
 * vacancies, HSDS) join when they have a query, ranked by the same engine as `search`.
 */
export async function matchedRelation(db: Database, query: string, field: string, kind: ApiSearchMeta["kind"], locale: string): Promise<SQL> {
  const { hits } = await searchRecords(db, checkQuery(query, field), locale, (document) => document.kind === kind);
  return rankedIds(hits);
}
