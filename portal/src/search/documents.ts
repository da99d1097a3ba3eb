import { placesNamed, type SearchIndex, type SearchIndexData, type SearchMeta } from "@start/db/search";

/**
 * The search index manifest of a locale (/<locale>/search-index.<hash>.json), as the search page
 * reads it: everything but the term chunks, which are /<locale>/search-index.<hash>.<number>.json.
 */
export interface SearchIndexFile extends SearchIndexData<PortalSearchMeta> {
  locale: string;
  /** Chunk (a term's first character) → the number in its file name. */
  files: Record<string, number>;
  /** The places the cards of services at several places name, with the places around them. */
  places: PlaceEntry[];
}

/**
 * A place a result may name: its name in the page's locale, the position of the place around it
 * (-1 for none), then each of its names and aliases in every locale as terms (SearchIndex.queryTerms)
 * joined by a space: what names it in a query.
 */
export type PlaceEntry = [name: string, parent: number, ...names: string[]];

/** A term chunk's path below /<locale>/. */
export const chunkFileName = (hash: string, number: number) => `search-index.${hash}.${number}.json`;

export type SearchDocumentType = "s" | "r" | "j";

/** What a result carries on the portal. Its link is /<locale>/<key>/. */
export interface PortalSearchMeta extends SearchMeta {
  /** s = service, r = rights article, j = job (vacancy). */
  k: SearchDocumentType;
  /** Title as shown. */
  t: string;
  /** A second line: organisation and place, country, deadline… (with `p`: the organisation). */
  d: string;
  /** A service at several places: them, by position in the file's `places` (resultLine names one of them). */
  p?: number[];
  /** The title's locale, when it is not the page's (a fallback). */
  l?: string;
}

/** The second line of a service's card: its organisation, its first place and how many more. */
export function serviceLine(organization: string, places: readonly string[]): string {
  const place = places.length ? places[0] + (places.length > 1 ? ` +${places.length - 1}` : "") : "";
  return [organization, place].filter(Boolean).join(" · ");
}

/** The places a query names («في سبها», "in Sebha"), by position in the file's `places`. */
export function namedPlaces(index: SearchIndex<PortalSearchMeta>, places: readonly PlaceEntry[], query: string): Set<number> {
  return new Set(placesNamed(index.queryTerms(query), places.map(([, , ...names]) => names.map((name) => name.split(" ")))));
}

/**
 * A result's second line: a service at several places names first the ones the query names (or
 * that are inside one it names), so that "doctor in Sabha" shows "IMC · Sabha +3", not the
 * service's first place.
 */
export function resultLine(document: PortalSearchMeta, places: readonly PlaceEntry[], named: ReadonlySet<number>): string {
  if (!document.p) return document.d;
  const inNamed = (position: number) => {
    for (let at = position, steps = 0; at >= 0 && steps <= places.length; at = places[at]?.[1] ?? -1, steps += 1) if (named.has(at)) return true;
    return false;
  };
  const first = document.p.filter(inNamed);
  const ordered = [...first, ...document.p.filter((position) => !first.includes(position))];
  return serviceLine(document.d, ordered.map((position) => places[position]?.[0] ?? ""));
}
