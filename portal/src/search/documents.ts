import type { SearchIndexData, SearchMeta } from "@start/db/search";

/**
 * The search index manifest of a locale (/<locale>/search-index.<hash>.json), as the search page
 * reads it: everything but the term chunks, which are /<locale>/search-index.<hash>.<number>.json.
 */
export interface SearchIndexFile extends SearchIndexData<PortalSearchMeta> {
  locale: string;
  /** Chunk (a term's first character) → the number in its file name. */
  files: Record<string, number>;
}

/** A term chunk's path below /<locale>/. */
export const chunkFileName = (hash: string, number: number) => `search-index.${hash}.${number}.json`;

export type SearchDocumentType = "s" | "r" | "j";

/** What a result carries on the portal. Its link is /<locale>/<key>/. */
export interface PortalSearchMeta extends SearchMeta {
  /** s = service, r = rights article, j = job (vacancy). */
  k: SearchDocumentType;
  /** Title as shown. */
  t: string;
  /** A second line: organisation and place, country, deadline… */
  d: string;
  /** The title's locale, when it is not the page's (a fallback). */
  l?: string;
}
