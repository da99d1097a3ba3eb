#!/usr/bin/env node
/**
 * Builds START's portal from the GraphQL API into a folder:
 *
 *   node portal/scripts/build.mjs --api http://127.0.0.1:4000/graphql --out /srv/start/portal-next
 *   START_API_URL=… START_PORTAL_OUT_DIR=… pnpm --filter @start/portal build
 *
 * --site (or START_SITE_URL) is the public origin, used only in canonical, OpenGraph, sitemap
 * and feed URLs; pages link to each other by path, so a build can be moved or swapped in as a
 * whole. The data is fetched once, in a few paginated queries. Exits 1 with a one-line reason
 * when the API cannot be reached or the build fails, and leaves no half-written folder claimed
 * as done: the caller swaps the folder in only after a zero exit.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const portalRoot = fileURLToPath(new URL("..", import.meta.url));

function fail(message) {
  process.stderr.write(`portal build failed: ${message}\n`);
  process.exit(1);
}

let options;
try {
  ({ values: options } = parseArgs({
    // `pnpm build:portal -- --api …` passes the "--" on.
    args: process.argv.slice(2).filter((arg, index) => !(index === 0 && arg === "--")),
    options: {
      api: { type: "string" },
      out: { type: "string" },
      site: { type: "string" },
      quiet: { type: "boolean", default: false },
      progress: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  }));
} catch (error) {
  fail(`${error.message}. Usage: build.mjs --api <graphql url> --out <folder> [--site <public origin>]`);
}
if (options.help) {
  process.stdout.write("Usage: node portal/scripts/build.mjs --api <graphql url> --out <folder> [--site <public origin>] [--quiet] [--progress]\n");
  process.exit(0);
}

const apiUrl = options.api ?? process.env.START_API_URL;
const outDir = path.resolve(options.out ?? process.env.START_PORTAL_OUT_DIR ?? path.join(portalRoot, "dist"));
const siteUrl = options.site ?? process.env.START_SITE_URL ?? "http://localhost:4000";
if (!apiUrl) fail("no API URL: pass --api <url> or set START_API_URL (such as http://127.0.0.1:4000/graphql)");
try {
  const url = new URL(apiUrl);
  if (!/^https?:$/.test(url.protocol)) throw new Error();
} catch {
  fail(`the API URL is not an http(s) URL: ${apiUrl}`);
}
try {
  const url = new URL(siteUrl);
  // Pages link to each other from the root (/ar/…): the site cannot live below a path.
  if (!/^https?:$/.test(url.protocol) || url.pathname !== "/" || url.search || url.hash) throw new Error();
} catch {
  fail(`the site URL must be an http(s) origin such as https://start.example.org (no path): ${siteUrl}`);
}
if (existsSync(outDir) && !statSync(outDir).isDirectory()) fail(`the output path exists and is not a folder: ${outDir}`);
if (existsSync(outDir) && readdirSync(outDir).length > 0 && !existsSync(path.join(outDir, "sw.js"))) {
  fail(`the output folder is not empty and does not hold an earlier portal build: ${outDir}`);
}

// Fail fast, before bundling, when the API is not there.
try {
  const response = await fetch(apiUrl, {
    method: "POST",
    headers: { "content-type": "application/json", "accept-language": "en" },
    body: JSON.stringify({ query: "{ locales { code } }" }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = await response.json().catch(() => null);
  if (!response.ok || !body?.data?.locales) throw new Error(`HTTP ${response.status}${body?.errors ? `: ${body.errors[0]?.message}` : ""}`);
} catch (error) {
  fail(`cannot reach the API at ${apiUrl}: ${error.cause?.code ?? error.message}`);
}

process.env.START_API_URL = apiUrl;
process.env.START_SITE_URL = siteUrl;
process.env.ASTRO_TELEMETRY_DISABLED = "1";
// A fresh folder: whatever an earlier build left there goes.
rmSync(outDir, { recursive: true, force: true });
mkdirSync(path.dirname(outDir), { recursive: true });

const started = performance.now();
// Astro renders the pages from a bundle it writes into the output folder when that folder is
// below the working directory, and into <cwd>/.astro (copied over afterwards) otherwise.
process.chdir(path.dirname(outDir));
// --progress: a line when the pages written so far change (looked at every 2 s; Astro writes each
// page as it renders it, after bundling, and announces no total), for START's log.
let reported = -1;
const progress = options.progress
  ? setInterval(() => {
      const written = countPages(outDir);
      if (written !== reported) process.stdout.write(`portal build progress: ${written} pages\n`);
      reported = written;
    }, 2_000)
  : undefined;
try {
  const { build } = await import("astro");
  await build({ root: portalRoot, outDir, site: siteUrl, logLevel: options.quiet ? "error" : "info", telemetry: false });
} catch (error) {
  rmSync(outDir, { recursive: true, force: true });
  // The first lines say what and where; a code frame may follow.
  const message = String(error?.message ?? error).trim().split("\n").slice(0, 4).join("\n");
  // Astro's own errors carry the file and a hint; keep them, but no stack trace.
  fail([message, error?.loc?.file && `at ${error.loc.file}:${error.loc.line ?? "?"}`, error?.hint].filter(Boolean).join("\n"));
}
clearInterval(progress);
const pages = countPages(outDir);
process.stdout.write(`portal built: ${pages} pages in ${((performance.now() - started) / 1000).toFixed(1)} s → ${outDir}\n`);

function countPages(folder) {
  let count = 0;
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return 0; // Not written yet.
  }
  for (const entry of entries) {
    if (entry.isDirectory()) count += countPages(path.join(folder, entry.name));
    else if (entry.name.endsWith(".html")) count += 1;
  }
  return count;
}
