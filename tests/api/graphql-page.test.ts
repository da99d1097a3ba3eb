import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "node-html-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../support/api.js";
import { testDriver } from "../support/database.js";
import { repositoryRoot } from "../support/portal.js";

/**
 * /graphql opened in a browser: a page about the API in the request's language, whose examples
 * run; every GraphQL-over-HTTP request still reaches GraphQL (tests/api/graphql-over-http.test.ts
 * audits the rest).
 */
const BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

describe(`GET /graphql in a browser (${testDriver})`, () => {
  let t: TestApi;
  let closed: TestApi;
  beforeAll(async () => {
    t = await startTestApi({ introspection: true }, { content: "content" });
    closed = await startTestApi({ introspection: false });
  });
  afterAll(async () => {
    await t?.close();
    await closed?.close();
  });

  const open = (api: TestApi, language?: string) =>
    api.http.get("/graphql").set({ accept: BROWSER_ACCEPT, ...(language ? { "accept-language": language } : {}) });

  it("answers a page in the browser's language (Arabic when it asks for none), right to left in Arabic", async () => {
    for (const [language, locale, title] of [
      ["fr-FR,fr;q=0.9,en;q=0.8", "fr", "L’API GraphQL de START"],
      ["en-GB,en;q=0.9", "en", "START's GraphQL API"],
      ["ar-LY,ar;q=0.9", "ar", "واجهة GraphQL لمنصة START"],
      [undefined, "ar", "واجهة GraphQL لمنصة START"],
    ] as const) {
      const response = await open(t, language);
      expect(response.status, language).toBe(200);
      expect(response.headers["content-type"]).toBe("text/html; charset=utf-8");
      expect(response.headers["content-language"]).toBe(locale);
      expect(response.headers.vary).toContain("Accept-Language");
      const root = parse(response.text);
      expect(root.querySelector("html")!.getAttribute("lang")).toBe(locale);
      expect(root.querySelector("html")!.getAttribute("dir")).toBe(locale === "ar" ? "rtl" : "ltr");
      expect(root.querySelector("h1")!.text).toBe(title);
    }
  });

  it("runs no script and loads nothing: its CSP allows only its own stylesheet, by hash", async () => {
    const response = await open(t, "en");
    const csp = String(response.headers["content-security-policy"]);
    expect(csp).toMatch(/^default-src 'none'; /);
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("script-src");
    const root = parse(response.text);
    expect(root.querySelectorAll("script")).toHaveLength(0);
    const style = root.querySelector("style")!.innerHTML;
    expect(csp).toContain(`'sha256-${createHash("sha256").update(style).digest("base64")}'`);
    expect(root.querySelectorAll("[src], link[href]")).toHaveLength(0);
    for (const link of root.querySelectorAll("a[href]")) expect(link.getAttribute("href")).toMatch(/^\/(?!\/)/);
  });

  it("links the HSDS endpoints and the schema, which is api/schema.graphql", async () => {
    const root = parse((await open(t, "en")).text);
    const links = root.querySelectorAll("a").map((link) => link.getAttribute("href"));
    expect(links).toEqual(expect.arrayContaining(["/hsds/", "/hsds/openapi.json", "/graphql/schema.graphql"]));
    expect((await t.http.get("/hsds/")).status).toBe(200);
    const schema = await t.http.get("/graphql/schema.graphql");
    expect(schema.status).toBe(200);
    expect(schema.headers["content-type"]).toBe("text/plain; charset=utf-8");
    expect(schema.text).toBe(readFileSync(path.join(repositoryRoot, "api/schema.graphql"), "utf8"));
  });

  it("with introspection off, says where the schema is published and does not serve it", async () => {
    const root = parse((await open(closed, "fr")).text);
    expect(root.querySelectorAll("a").map((link) => link.getAttribute("href"))).not.toContain("/graphql/schema.graphql");
    expect(root.querySelector("main")!.text).toContain("api/schema.graphql");
    const schema = await closed.http.get("/graphql/schema.graphql");
    expect(schema.text).not.toContain("type Query");
  });

  it("shows example queries that run: a directory page, a search and a service, in the page's language", async () => {
    for (const locale of ["ar", "en", "fr"]) {
      // <pre> parsed as markup (node-html-parser keeps it as raw text by default).
      const blocks = parse((await open(t, locale)).text, { blockTextElements: { script: true, style: true } })
        .querySelectorAll("pre code")
        .map((code) => code.text);
      const queries = blocks.filter((block) => /^(query|\{)/.test(block));
      expect(queries, locale).toHaveLength(3);
      const [directory, search, service] = await Promise.all(queries.map((query) => t.graphql(query, { after: null })));
      for (const answer of [directory, search, service]) expect(answer?.errors, locale).toBeUndefined();
      expect(directory!.data!.services.totalCount, locale).toBeGreaterThan(0);
      expect(search!.data!.search.totalCount, locale).toBeGreaterThan(0);
      expect(service!.data!.service.name.locale, locale).toBe(locale);
      expect(service!.data!.service.phones.length + service!.data!.service.locations.length, locale).toBeGreaterThan(0);
      // The curl lines name this server.
      expect(blocks.filter((block) => block.startsWith("curl")).every((block) => block.includes(`${t.url}/graphql`)), locale).toBe(true);
    }
  });

  it("leaves GraphQL over HTTP as it was: a query in the address, an Accept that prefers JSON, a POST", async () => {
    const get = await t.http
      .get("/graphql")
      .query({ query: "{ locales { code } }" })
      .set({ accept: BROWSER_ACCEPT, "apollo-require-preflight": "true" });
    expect(get.status).toBe(200);
    expect(get.headers["content-type"]).toMatch(/^application\/json/);
    expect(JSON.parse(get.text).data.locales.map((locale: { code: string }) => locale.code)).toEqual(["ar", "en", "fr"]);
    // A query in the address without the preflight header is still refused as before (CSRF).
    const csrf = await t.http.get("/graphql").query({ query: "{ locales { code } }" }).set({ accept: BROWSER_ACCEPT });
    expect(csrf.status).toBe(400);
    expect(csrf.headers["content-type"]).toMatch(/^application\/json/);
    for (const accept of ["application/json", "application/graphql-response+json", "*/*"]) {
      const response = await t.http.get("/graphql").set({ accept });
      expect(response.headers["content-type"], accept).not.toMatch(/html/);
      expect(response.status, accept).toBeGreaterThanOrEqual(400);
    }
    const post = await t.http
      .post("/graphql")
      .set({ accept: BROWSER_ACCEPT, "content-type": "application/json" })
      .send(JSON.stringify({ query: "{ locales { code } }" }));
    expect(post.status).toBe(200);
    expect(JSON.parse(post.text).data.locales).toHaveLength(3);
  });
});
