import type { APIContext } from "astro";
import { loadSite } from "../../data/site.js";
import { searchIndexFor } from "../../search/build-index.js";

/**
 * /<locale>/search-index.<hash>.json: the locale's lunr index. The name changes with the
 * content, so the service worker may keep it cache-first; the search page knows the name.
 */
export async function getStaticPaths() {
  const site = await loadSite();
  return Promise.all(
    site.locales.map(async ({ code }) => {
      const built = await searchIndexFor(site, code);
      return { params: { locale: code, hash: built.hash }, props: { json: built.json } };
    }),
  );
}

export function GET({ props }: APIContext): Response {
  return new Response((props as { json: string }).json, { headers: { "content-type": "application/json" } });
}
