import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { gzipSync } from "node:zlib";
import { SearchIndex, type TermChunk } from "@start/db/search";
import { chunkFileName, type SearchIndexFile } from "../../../portal/src/search/documents.js";
import { round } from "./load.js";
import { SEARCH_TERMS } from "./queries.js";

/** Bytes of a file and of its gzip (level 9, as a static host precompresses). */
function sizes(content: Buffer | string): { bytes: number; gzipBytes: number } {
  const buffer = Buffer.isBuffer(content) ? content : Buffer.from(content);
  return { bytes: buffer.length, gzipBytes: gzipSync(buffer, { level: 9 }).length };
}

export interface PageWeight {
  path: string;
  /** The HTML alone. */
  htmlBytes: number;
  htmlGzipBytes: number;
  /** HTML plus the stylesheets and scripts it loads (what a first visit downloads, images aside). */
  totalGzipBytes: number;
  stylesheets: number;
  /** Scripts the page loads (external files; JSON-LD data blocks are not scripts that run). */
  scripts: number;
}

/** A page's weight: its HTML, and its HTML with the CSS and JavaScript files it links. */
export function pageWeight(siteDir: string, pagePath: string): PageWeight {
  const file = path.join(siteDir, pagePath, "index.html");
  if (!existsSync(file)) throw new Error(`the build has no page ${pagePath}`);
  const html = readFileSync(file, "utf8");
  const stylesheets = [...html.matchAll(/<link[^>]+rel="?stylesheet"?[^>]*>/g)].map((match) => /href="?([^"\s>]+)/.exec(match[0])?.[1]).filter(Boolean) as string[];
  const scripts = [...html.matchAll(/<script\b([^>]*)>/g)]
    .filter((match) => !/type="?application\/(ld\+)?json/.test(match[1]!))
    .map((match) => /src="?([^"\s>]+)/.exec(match[1]!)?.[1] ?? "(inline)");
  const linked = [...stylesheets, ...scripts.filter((src) => src !== "(inline)")];
  let totalGzipBytes = sizes(html).gzipBytes;
  for (const href of linked) {
    const asset = path.join(siteDir, href.replace(/^\//, "").split("?")[0]!);
    if (existsSync(asset)) totalGzipBytes += sizes(readFileSync(asset)).gzipBytes;
  }
  const { bytes, gzipBytes } = sizes(html);
  return { path: pagePath, htmlBytes: bytes, htmlGzipBytes: gzipBytes, totalGzipBytes, stylesheets: stylesheets.length, scripts: scripts.length };
}

export function countPages(folder: string): number {
  let count = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.isDirectory()) count += countPages(path.join(folder, entry.name));
    else if (entry.name.endsWith(".html")) count += 1;
  }
  return count;
}

export interface SearchIndexFigures {
  locale: string;
  documents: number;
  /** Term chunk files (one per first character of the terms). */
  chunks: number;
  /** The manifest (documents, vocabulary, statistics; no terms), raw and gzipped. */
  manifestBytes: number;
  manifestGzipBytes: number;
  /** The manifest and every chunk: what offline search holds once the rest has followed. */
  bytes: number;
  gzipBytes: number;
  /** What a first search downloads (manifest + the chunks its words need), gzipped: the largest over the fixed queries. */
  firstSearchGzipBytes: number;
  /** The fixed query that downloads the most. */
  firstSearchQuery: string;
  /** Parsing the manifest and loading it into the engine, as the search page does on the first search. */
  loadMs: number;
  /** Then parsing every chunk and adding it (what the page does in the background after a first answer). */
  chunksLoadMs: number;
  /** The first query on the complete index (it compiles the postings of the terms it needs). */
  firstQueryMs: number;
  /** Per query of the fixed set on the complete index (each run `repeat` times): median and p95. */
  queryMedianMs: number;
  queryP95Ms: number;
  queries: number;
  /** Results of each query, to show the index answers. */
  hits: Record<string, number>;
}

/** Libya's date, as the search page passes it (vacancies past their deadline are left out). */
export const libyaToday = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Africa/Tripoli" }).format(new Date());

/**
 * The locale's search index as the build wrote it (/<locale>/search-index.<hash>.json and its
 * chunks /<locale>/search-index.<hash>.<n>.json): sizes, what a first search downloads, load time,
 * and query times with the engine the search page runs (@start/db/search) over the fixed queries.
 */
export async function searchIndexFigures(siteDir: string, locale: "ar" | "en" | "fr", repeat: number): Promise<SearchIndexFigures> {
  const folder = path.join(siteDir, locale);
  const name = readdirSync(folder).find((file) => /^search-index\.[0-9a-f]+\.json$/.test(file));
  if (!name) throw new Error(`the build has no search index for ${locale}`);
  const hash = /^search-index\.([0-9a-f]+)\.json$/.exec(name)![1]!;
  const raw = readFileSync(path.join(folder, name), "utf8");
  const manifest = sizes(raw);

  const loadStarted = performance.now();
  const file = JSON.parse(raw) as SearchIndexFile;
  const index = SearchIndex.load(file);
  const loadMs = performance.now() - loadStarted;

  const chunkFiles = Object.entries(file.files).map(([chunk, number]) => {
    const chunkPath = path.join(folder, chunkFileName(hash, number));
    if (!existsSync(chunkPath)) throw new Error(`the build lacks ${locale}/${chunkFileName(hash, number)} (chunk "${chunk}")`);
    const json = readFileSync(chunkPath, "utf8");
    return { chunk, json, ...sizes(json) };
  });
  const chunkGzip = new Map(chunkFiles.map((entry) => [entry.chunk, entry.gzipBytes]));
  const firstSearch = SEARCH_TERMS[locale].map((query) => ({
    query,
    gzipBytes: manifest.gzipBytes + index.chunksFor(query).reduce((sum, chunk) => sum + (chunkGzip.get(chunk) ?? 0), 0),
  }));
  const worst = firstSearch.reduce((a, b) => (b.gzipBytes > a.gzipBytes ? b : a));

  const chunksStarted = performance.now();
  index.addChunks(Object.fromEntries(chunkFiles.map((entry) => [entry.chunk, JSON.parse(entry.json) as TermChunk])));
  const chunksLoadMs = performance.now() - chunksStarted;
  // A chunk the manifest does not list holds no term of this build (a synonym's first letter no listing uses).
  const unloaded = (query: string) => index.missingChunks(query).filter((chunk) => file.files[chunk] !== undefined);
  if (SEARCH_TERMS[locale].some((query) => unloaded(query).length > 0)) throw new Error(`the ${locale} index still misses chunks after loading them all`);

  const today = libyaToday();
  const firstStarted = performance.now();
  index.search(SEARCH_TERMS[locale][0]!, { today });
  const firstQueryMs = performance.now() - firstStarted;
  const timings: number[] = [];
  const hits: Record<string, number> = {};
  for (const term of SEARCH_TERMS[locale]) hits[term] = index.search(term, { today }).length;
  for (let round = 0; round < repeat; round++) {
    for (const term of SEARCH_TERMS[locale]) {
      const started = performance.now();
      index.search(term, { today });
      timings.push(performance.now() - started);
    }
  }
  timings.sort((a, b) => a - b);
  const at = (p: number) => timings[Math.min(timings.length - 1, Math.floor(p * timings.length))]!;
  return {
    locale,
    documents: file.docs.length,
    chunks: chunkFiles.length,
    manifestBytes: manifest.bytes,
    manifestGzipBytes: manifest.gzipBytes,
    bytes: manifest.bytes + chunkFiles.reduce((sum, entry) => sum + entry.bytes, 0),
    gzipBytes: manifest.gzipBytes + chunkFiles.reduce((sum, entry) => sum + entry.gzipBytes, 0),
    firstSearchGzipBytes: worst.gzipBytes,
    firstSearchQuery: worst.query,
    loadMs: round(loadMs, 2),
    chunksLoadMs: round(chunksLoadMs, 2),
    firstQueryMs: round(firstQueryMs, 2),
    queryMedianMs: round(at(0.5), 3),
    queryP95Ms: round(at(0.95), 3),
    queries: timings.length,
    hits,
  };
}
