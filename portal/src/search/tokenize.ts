import { normalize } from "@start/db/text";

/**
 * Text → search tokens, the same at index time (build) and query time (browser), with the
 * normaliser the API's search uses (@start/db/text): Arabic letter variants, tashkeel and
 * tatweel, Arabic-Indic digits, accents (é → e), case.
 *
 * French elisions are cut off (l'hôpital → hopital, qu'il → il, d'urgence → urgence) so that
 * the article never becomes part of a word; the apostrophe variants are already ' here.
 */
const ELISION = /(^|[^\p{L}])(?:l|d|j|m|n|s|t|c|qu|lorsqu|puisqu|jusqu|quoiqu|presqu)'(?=\p{L})/gu;
const SEPARATOR = /[^\p{L}\p{N}]+/u;

export function tokenize(text: string): string[] {
  const normalized = normalize(text).replace(ELISION, "$1");
  // Single letters are noise (the s of "women's", a stray و), except digits (hotline 1515).
  return normalized.split(SEPARATOR).filter((token) => token.length > 1 || /^\d$/.test(token));
}

/** Tokens without repeats, in order (a query rarely needs a word twice). */
export function uniqueTokens(text: string): string[] {
  return [...new Set(tokenize(text))];
}
