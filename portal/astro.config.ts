import { readFileSync } from "node:fs";
import { defineConfig, passthroughImageService } from "astro/config";
import { parse } from "yaml";
import { siteFiles } from "./src/integrations/site-files.js";

/**
 * START's public portal: a static site, one folder per locale (/ar/, /en/, /fr/), with a
 * language picker at /. Run through scripts/build.mjs, which takes the API URL and the output
 * folder; START_SITE_URL is the public origin, used only in canonical, OpenGraph, sitemap and
 * feed URLs (pages link to each other by path, so a build can be served from any origin).
 */
const locales = (parse(readFileSync(new URL("../content/locales.yaml", import.meta.url), "utf8")) as { code: string }[]).map(
  (locale) => locale.code,
);

export default defineConfig({
  site: process.env.START_SITE_URL || "http://localhost:4000",
  output: "static",
  trailingSlash: "always",
  build: { format: "directory", inlineStylesheets: "never", assets: "_astro", concurrency: 4 },
  compressHTML: true,
  devToolbar: { enabled: false },
  prefetch: false,
  image: { service: passthroughImageService() },
  i18n: {
    locales,
    defaultLocale: locales[0]!,
    routing: { prefixDefaultLocale: true, redirectToDefaultLocale: false },
  },
  integrations: [siteFiles()],
  vite: {
    // Workspace packages resolve to their TypeScript sources ("source" export condition):
    // the search page and the index builder share @start/db/search (and its normaliser) with the API.
    resolve: { conditions: ["source", "module", "browser", "development|production"] },
    // The pages are rendered from a bundle that holds its dependencies, so that it runs from
    // any output folder (scripts/build.mjs builds wherever the rebuild worker asks).
    ssr: { noExternal: true, resolve: { conditions: ["source", "module", "node", "development|production"], externalConditions: ["source"] } },
    // Scripts stay external files, never inlined: the server's CSP allows script-src 'self' only.
    build: { assetsInlineLimit: 0 },
    // The editor's JSX (Preact, automatic runtime from tsconfig.json) in its production form
    // whatever NODE_ENV the build inherits (a test runner sets "test", which would otherwise
    // compile every element with its source file path and line).
    esbuild: { jsxDev: false },
  },
});
