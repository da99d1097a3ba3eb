import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { gzipSync } from "node:zlib";
import type { SearchIndexFile } from "../../../portal/src/search/documents.js";
import { languagePipeline } from "../../../portal/src/search/languages.js";
import { loadIndex, search } from "../../../portal/src/search/query.js";
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
  bytes: number;
  gzipBytes: number;
  /** Parsing the file and loading it into lunr, as the search page does on the first search. */
  loadMs: number;
  /** Per query of the fixed set (each run `repeat` times): median and slowest. */
  queryMedianMs: number;
  queryP95Ms: number;
  queries: number;
  /** Results of each query, to show the index answers. */
  hits: Record<string, number>;
}

/** The locale's search index: its size, and lunr query times over the fixed queries of that language. */
export async function searchIndexFigures(siteDir: string, locale: "ar" | "en" | "fr", repeat: number): Promise<SearchIndexFigures> {
  const folder = path.join(siteDir, locale);
  const name = readdirSync(folder).find((file) => /^search-index\.[0-9a-f]+\.json$/.test(file));
  if (!name) throw new Error(`the build has no search index for ${locale}`);
  const raw = readFileSync(path.join(folder, name), "utf8");
  const pipeline = await languagePipeline(locale);
  const loadStarted = performance.now();
  const file = JSON.parse(raw) as SearchIndexFile;
  const loaded = loadIndex(file, pipeline);
  const loadMs = performance.now() - loadStarted;
  const timings: number[] = [];
  const hits: Record<string, number> = {};
  for (const term of SEARCH_TERMS[locale]) hits[term] = search(loaded, term).length;
  for (let round = 0; round < repeat; round++) {
    for (const term of SEARCH_TERMS[locale]) {
      const started = performance.now();
      search(loaded, term);
      timings.push(performance.now() - started);
    }
  }
  timings.sort((a, b) => a - b);
  const at = (p: number) => timings[Math.min(timings.length - 1, Math.floor(p * timings.length))]!;
  return {
    locale,
    documents: file.docs.length,
    ...sizes(raw),
    loadMs: round(loadMs, 1),
    queryMedianMs: round(at(0.5), 3),
    queryP95Ms: round(at(0.95), 3),
    queries: timings.length,
    hits,
  };
}
