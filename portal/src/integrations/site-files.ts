import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { transformSync } from "esbuild";
import { prefetchSnapshot } from "../data/fetch-snapshot.js";

/**
 * The build's own steps: the API snapshot is fetched as soon as the build starts; once the pages
 * exist, each locale's 404 page is put at <locale>/404.html, and the sitemap (with hreflang
 * alternates), robots.txt and the service worker, whose precache list names this build's hashed
 * assets, are written.
 */

/** Pages that are not worth a search engine's time (the editor's too: robots.txt keeps crawlers out of it). */
const UNLISTED = /^(404\/|[a-z]{2,3}\/(404|offline|search|feedback\/[^/]+|editor|editor\/invite)\/)$/;

function xmlEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export function sitemapXml(site: string, pathnames: string[], locales: string[]): string {
  const pages = new Set(pathnames);
  const url = (path: string) => xmlEscape(new URL(path, site).href);
  const entries: string[] = [];
  for (const pathname of [...pages].sort()) {
    if (pathname !== "" && !pathname.endsWith("/")) continue;
    if (UNLISTED.test(pathname)) continue;
    const match = /^([a-z]{2,3})\/(.*)$/.exec(pathname);
    const alternates: string[] = [];
    if (match && locales.includes(match[1]!)) {
      const rest = match[2]!;
      for (const locale of locales) {
        if (pages.has(`${locale}/${rest}`)) alternates.push(`<xhtml:link rel="alternate" hreflang="${locale}" href="${url(`/${locale}/${rest}`)}"/>`);
      }
      const fallback = rest === "" ? "" : `${locales[0]}/${rest}`;
      alternates.push(`<xhtml:link rel="alternate" hreflang="x-default" href="${url(`/${fallback}`)}"/>`);
    }
    entries.push(`<url><loc>${url(`/${pathname}`)}</loc>${alternates.join("")}</url>`);
  }
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n` +
    entries.join("\n") +
    `\n</urlset>\n`
  );
}

export function siteFiles(): AstroIntegration {
  let site = "http://localhost:4000";
  let locales: string[] = [];
  return {
    name: "start-site-files",
    hooks: {
      "astro:config:done": ({ config }) => {
        site = config.site ?? site;
        locales = config.i18n?.locales.map((locale) => (typeof locale === "string" ? locale : locale.path)) ?? [];
      },
      "astro:build:start": () => {
        // Download the data while Vite bundles; the pages wait for it in loadSite().
        const apiUrl = process.env.START_API_URL;
        if (apiUrl && !process.env.START_PORTAL_SNAPSHOT) prefetchSnapshot(apiUrl);
      },
      "astro:build:done": ({ dir, pages, logger }) => {
        const out = fileURLToPath(dir);
        // Left over by Astro's content layer, which the portal does not use.
        for (const name of ["content-assets.mjs", "content-modules.mjs"]) rmSync(`${out}/${name}`, { force: true });
        // Each locale's "not found" page where servers and static hosts look for it: <locale>/404.html.
        for (const locale of locales) {
          if (!existsSync(`${out}/${locale}/404/index.html`)) continue;
          renameSync(`${out}/${locale}/404/index.html`, `${out}/${locale}/404.html`);
          rmSync(`${out}/${locale}/404`, { recursive: true, force: true });
        }
        writeFileSync(`${out}/sitemap.xml`, sitemapXml(site, pages.map((page) => page.pathname), locales));
        writeFileSync(`${out}/robots.txt`, `User-agent: *\nAllow: /\nDisallow: /*/editor/\nSitemap: ${new URL("/sitemap.xml", site).href}\n`);

        // Visitors' phones keep the site's stylesheets, not the editor's (only editor pages link it).
        const stylesheetsOf = (page: string) => [...readFileSync(`${out}/${page}`, "utf8").matchAll(/<link[^>]+href="(\/_astro\/[^"]+\.css)"/g)].map((match) => match[1]!);
        const publicStylesheets = new Set(locales.flatMap((locale) => stylesheetsOf(`${locale}/index.html`)));
        const editorOnly = new Set(locales.flatMap((locale) => stylesheetsOf(`${locale}/editor/index.html`)).filter((href) => !publicStylesheets.has(href)));
        const stylesheets = readdirSync(`${out}/_astro`)
          .filter((name) => name.endsWith(".css"))
          .map((name) => `/_astro/${name}`)
          .filter((href) => !editorOnly.has(href));
        // The offline page must work offline with its script (the list of saved pages).
        const offlineScripts = locales.flatMap((locale) => {
          const html = readFileSync(`${out}/${locale}/offline/index.html`, "utf8");
          return [...html.matchAll(/<script[^>]+src="(\/_astro\/[^"]+)"/g)].map((match) => match[1]!);
        });
        // The one script of the public pages, loaded by every page a phone opens: minified.
        const siteScript = readFileSync(`${out}/site.js`, "utf8");
        const minified = transformSync(siteScript, { minify: true, target: "es2017", legalComments: "none" }).code;
        writeFileSync(`${out}/site.js`, minified);
        const assets = [...new Set([...stylesheets, ...offlineScripts, "/site.js", "/icons.svg"])].sort();
        // site.js keeps its name from build to build: its content is part of the version.
        const version = createHash("sha256").update(assets.join("\n")).update(minified).digest("hex").slice(0, 10);
        const template = readFileSync(new URL("../service-worker/sw.js", import.meta.url), "utf8");
        const build = JSON.stringify({ version, locales, assets });
        writeFileSync(`${out}/sw.js`, template.replace("self.__START_BUILD__", build));
        logger.info(`sitemap, robots.txt and service worker (${version}) written`);
      },
    },
  };
}
