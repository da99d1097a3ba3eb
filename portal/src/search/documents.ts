import type { CompactIndex } from "./codec.js";

/** The search index file of a locale (/<locale>/search-index.<hash>.json), as the search page reads it. */
export interface SearchIndexFile {
  /** Format version. */
  v: 2;
  locale: string;
  /** Documents by ref (the ref is the position in this list). */
  docs: SearchDocument[];
  /** lunr's serialised index, compactly written (codec.ts). */
  index: CompactIndex;
}

export type SearchDocumentType = "s" | "r" | "j";

export interface SearchDocument {
  /** s = service, r = rights article, j = job (vacancy). */
  k: SearchDocumentType;
  /** Title as shown. */
  t: string;
  /** Path below /<locale>/ ("services/abc/"). */
  u: string;
  /** A second line: organisation and place, country, deadline… */
  d: string;
  /** The title's locale, when it is not the page's (a fallback). */
  l?: string;
}
