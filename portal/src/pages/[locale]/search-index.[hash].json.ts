import type { APIContext } from "astro";
import { loadSite } from "../../data/site.js";
import { searchIndexFor } from "../../search/build-index.js";

/**
 * /<locale>/search-index.<hash>.json: the locale's search index manifest, and
 * /<locale>/search-index.<hash>.<n>.json: its term chunks (START's engine, @start/db/search).
 * The names change with the content, so the service worker may keep them cache-first; the
 * search page knows the manifest's name, the manifest its chunks'.
 */
export async function getStaticPaths() {
  const site = await loadSite();
  return site.locales.flatMap(({ code }) => {
    const built = searchIndexFor(site, code);
    return [
      { params: { locale: code, hash: built.hash }, props: { json: built.json } },
      ...built.chunks.map((chunk) => ({ params: { locale: code, hash: `${built.hash}.${chunk.number}` }, props: { json: chunk.json } })),
    ];
  });
}

export function GET({ props }: APIContext): Response {
  return new Response((props as { json: string }).json, { headers: { "content-type": "application/json" } });
}
