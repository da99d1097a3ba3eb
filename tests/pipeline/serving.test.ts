import { mkdirSync, mkdtempSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import supertest from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpApp, newBuildId, SiteDirectory, silentLogger } from "@start/api";
import { startTestApi, type TestApi } from "../support/api.js";
import { testDriver } from "../support/database.js";
import { CONTENT_SECURITY_POLICY } from "../support/portal.js";

/**
 * The portal and the API on one origin, served by START's HTTP app from the site directory
 * (builds/<id> + the `current` link): the page before the first build, atomic swaps, cache and
 * security headers, compression, 404s, hashed files of earlier builds, pruning. The builds here
 * are small hand-made folders; tests/pipeline/worker.test.ts makes real ones.
 */
describe(`serving the portal next to the API (${testDriver})`, () => {
  let t: TestApi;
  let root: string;
  let site: SiteDirectory;
  let server: Server;
  let http: ReturnType<typeof supertest>;
  let clock = Date.UTC(2026, 0, 1, 8, 0, 0);

  /** Writes a build the way the build script lays it out, then swaps it in. */
  async function publish(label: string, asset = `app.${label}1234.js`): Promise<string> {
    clock += 60_000;
    const id = newBuildId(label.length, new Date(clock));
    const dir = await site.prepareBuild(id);
    mkdirSync(path.join(dir, "_astro"), { recursive: true });
    mkdirSync(path.join(dir, "ar", "services", "clinic"), { recursive: true });
    const page = (title: string) =>
      `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>${title}</title><script src="/_astro/${asset}"></script></head><body><h1>${title} — ${label}</h1>${"<p>نص طويل بما يكفي لضغطه.</p>".repeat(80)}</body></html>`;
    writeFileSync(path.join(dir, "index.html"), page("START"));
    writeFileSync(path.join(dir, "ar", "index.html"), page("الرئيسية"));
    writeFileSync(path.join(dir, "ar", "services", "clinic", "index.html"), page("عيادة"));
    writeFileSync(path.join(dir, "404.html"), page("404"));
    writeFileSync(path.join(dir, "ar", "404.html"), page("غير موجودة"));
    writeFileSync(path.join(dir, "_astro", asset), `console.log(${JSON.stringify(label)});\n`.repeat(100));
    writeFileSync(path.join(dir, "ar", "search-index.0123abcd4567.json"), JSON.stringify({ label, filler: "x".repeat(4000) }));
    writeFileSync(path.join(dir, "ar", "manifest.webmanifest"), JSON.stringify({ name: "START" }));
    writeFileSync(path.join(dir, "sw.js"), "self.addEventListener('fetch', () => {});\n");
    writeFileSync(path.join(dir, "site.js"), "void 0;\n");
    mkdirSync(path.join(dir, "ar", "jobs"), { recursive: true });
    writeFileSync(path.join(dir, "ar", "jobs", "feed.xml"), `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>${label}</title></feed>\n`);
    writeFileSync(path.join(dir, "sitemap.xml"), `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n`);
    await site.swapIn({ id, builtAt: new Date(clock).toISOString(), sourceStamp: "test", durationMs: 1, jobIds: [] });
    return id;
  }

  beforeAll(async () => {
    t = await startTestApi();
    root = mkdtempSync(path.join(tmpdir(), "start-serving-"));
    site = new SiteDirectory(path.join(root, "site"));
    server = createServer(createHttpApp(t.api, { site, logger: silentLogger }));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    http = supertest(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await t?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("before the first build, answers every portal path with a 503 page in Arabic, English and French, and the API as usual", async () => {
    for (const pathname of ["/", "/ar/", "/en/services/clinic/"]) {
      const response = await http.get(pathname);
      expect(response.status).toBe(503);
      expect(response.headers["retry-after"]).toBe("5");
      expect(response.headers["cache-control"]).toBe("no-store");
      expect(response.headers["content-security-policy"]).toBe(CONTENT_SECURITY_POLICY);
      expect(response.text).toContain('<html lang="ar" dir="rtl">');
      expect(response.text).toContain("جارٍ تجهيز موقع START");
      expect(response.text).toContain("START is being prepared");
      expect(response.text).toContain("START est en cours de préparation");
      expect(response.text).toMatch(/<meta http-equiv="refresh" content="5">/);
      expect(response.text).not.toMatch(/<script|<style|style=/);
    }
    expect((await http.get("/healthz")).status).toBe(200);
    const api = await http.post("/graphql").set("content-type", "application/json").send({ query: "{ locales { code } }" });
    expect(api.status).toBe(200);
    expect(api.body.data.locales).toEqual([]);
  });

  it("serves the current build with the portal's security headers, short caching for pages and long for hashed files", async () => {
    await publish("first");
    const page = await http.get("/ar/services/clinic/");
    expect(page.status).toBe(200);
    expect(page.text).toContain("عيادة — first");
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(page.headers["cache-control"]).toBe("no-cache");
    expect(page.headers.etag).toBeTruthy();
    expect(page.headers["content-security-policy"]).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers["x-content-type-options"]).toBe("nosniff");
    expect(page.headers["referrer-policy"]).toBe("same-origin");
    expect(page.headers["set-cookie"]).toBeUndefined();

    const revalidated = await http.get("/ar/services/clinic/").set("if-none-match", page.headers.etag!);
    expect(revalidated.status).toBe(304);

    expect((await http.get("/_astro/app.first1234.js")).headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect((await http.get("/ar/search-index.0123abcd4567.json")).headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect((await http.get("/sw.js")).headers["cache-control"]).toBe("no-cache");
    expect((await http.get("/ar/manifest.webmanifest")).headers["cache-control"]).toBe("no-cache");
    expect((await http.get("/site.js")).headers["cache-control"]).toBe("public, max-age=300");

    // The Atom feed as Atom (feed readers and browsers tell it from other XML by its type); other XML as XML.
    const feed = await http.get("/ar/jobs/feed.xml");
    expect(feed.status).toBe(200);
    expect(feed.headers["content-type"]).toBe("application/atom+xml; charset=utf-8");
    expect(feed.headers["cache-control"]).toBe("public, max-age=300");
    expect(feed.headers["content-security-policy"]).toBe(CONTENT_SECURITY_POLICY);
    expect((await http.get("/sitemap.xml")).headers["content-type"]).toMatch(/^application\/xml/);

    const folder = await http.get("/ar").redirects(0);
    expect(folder.status).toBe(301);
    expect(folder.headers.location).toBe("/ar/");
    expect((await http.head("/ar/")).status).toBe(200);
  });

  it("compresses pages, scripts and JSON with brotli or gzip, as the browser accepts", async () => {
    const brotli = await http.get("/ar/").set("accept-encoding", "br, gzip");
    expect(brotli.headers["content-encoding"]).toBe("br");
    expect(brotli.text).toContain("الرئيسية — first");
    const gzip = await http.get("/_astro/app.first1234.js").set("accept-encoding", "gzip");
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(gzip.headers.vary).toMatch(/Accept-Encoding/i);
    const plain = await http.get("/ar/").set("accept-encoding", "identity");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    const api = await http.post("/graphql").set("content-type", "application/json").set("accept-encoding", "gzip").send({ query: `{ __schema { types { name } } }` });
    expect(api.status).toBe(200);
    expect(api.headers["content-encoding"]).toBe("gzip");
  });

  it("answers unknown paths with the 404 page of their locale (else the build's root one), and leaves other methods to the API", async () => {
    const missing = await http.get("/ar/services/no-such-service/");
    expect(missing.status).toBe(404);
    expect(missing.text).toContain("غير موجودة — first");
    expect(missing.headers["content-security-policy"]).toBe(CONTENT_SECURITY_POLICY);
    expect(missing.headers["cache-control"]).toBe("no-cache");
    // A locale folder without its own page, and paths outside every locale: the root page.
    for (const pathname of ["/en/services/x/", "/no-such-page", "/arx/", "/_astro/gone.js"]) {
      const response = await http.get(pathname);
      expect(response.status, pathname).toBe(404);
      expect(response.text, pathname).toContain("404 — first");
    }
    expect((await http.get("/.current-x")).status).toBe(404);
    expect((await http.get("/../../etc/passwd")).status).toBe(404);
    expect((await http.post("/ar/").send("x")).status).toBe(404);
  });

  it("swaps a new build in at once, and still serves the hashed files of the builds before it", async () => {
    const firstId = readlinkSync(site.currentLink);
    await publish("second", "app.second1234.js");
    expect(readlinkSync(site.currentLink)).not.toBe(firstId);
    expect((await http.get("/ar/")).text).toContain("الرئيسية — second");
    // A page of the first build, loaded just before the swap, asks for its own script.
    const old = await http.get("/_astro/app.first1234.js");
    expect(old.status).toBe(200);
    expect(old.text).toContain('console.log("first")');
    expect(old.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    // Only hashed files come from earlier builds.
    expect((await http.get("/_astro/app.never1234.js")).status).toBe(404);
  });

  it("keeps the current build and the two before it when old builds are removed", async () => {
    await publish("third");
    const fourth = await publish("fourth");
    const removed = await site.prune(2);
    expect(removed).toHaveLength(1);
    const kept = (await site.completed()).map((build) => build.id);
    expect(kept).toHaveLength(3);
    expect(kept[0]).toBe(fourth);
    expect((await site.current())?.id).toBe(fourth);
    expect((await http.get("/ar/")).text).toContain("الرئيسية — fourth");
    // The first build is gone, and its files with it.
    expect((await http.get("/_astro/app.first1234.js")).status).toBe(404);
  });
});
