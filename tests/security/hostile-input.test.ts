import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_RESPONSE_CACHE } from "@start/api";
import { testDriver } from "../support/database.js";
import { startSecureApi, type SecureApi } from "./harness.js";
import { describeResponse, problemsOf, rawRequest, type RawRequest, type RawResponse } from "./support.js";

/**
 * Hostile input that used to end in HTTP 500, each answered now with a clear 4xx: request bodies
 * that are not the compressed data their Content-Encoding says, variables nested thousands deep
 * (the response cache's key overflowed the stack), page numbers past what the database can count,
 * and paths with malformed percent-escapes. START's whole HTTP application, response cache on (as
 * `pnpm start` runs it).
 */

const QUERY = JSON.stringify({ query: "{ locales { code } }" });
const ENCODINGS: Record<string, (data: Buffer) => Buffer> = { gzip: gzipSync, deflate: deflateSync, br: brotliCompressSync };
const COMPRESSED_BODY_INVALID = {
  ar: "تعذّر فكّ ضغط محتوى الطلب: البيانات ليست بصيغة الترميز المذكور في Content-Encoding أو أنها مبتورة.",
  en: "The request body could not be decompressed: it is not valid data in the Content-Encoding it names, or it is cut short.",
  fr: "Le corps de la requête n’a pas pu être décompressé\u202f: ce ne sont pas des données valides dans l’encodage indiqué par Content-Encoding, ou elles sont tronquées.",
};
const VARIABLES_TOO_DEEP = {
  ar: "المتغيرات متداخلة بعمق كبير جدًا (الحد الأقصى لعدد المستويات: 32).",
  en: "The variables are nested too deeply (the limit is 32 levels).",
  fr: "Les variables sont imbriquées trop profondément (32 niveaux au maximum).",
};
const PAGED_ROUTES = ["/hsds/services", "/hsds/organizations", "/hsds/service_at_locations", "/hsds/taxonomies", "/hsds/taxonomy_terms"];
const RECORD_KINDS = ["services", "organizations", "service_at_locations", "taxonomies", "taxonomy_terms"];
const BAD_ESCAPES = ["%FF", "%E0%A4%A", "%", "%ZZ", "%C0%80", "a%2", "%ED%A0%80"];

describe(`hostile input answered with 4xx, never 5xx (${testDriver})`, () => {
  let t: SecureApi;
  beforeAll(async () => {
    t = await startSecureApi({ responseCache: DEFAULT_RESPONSE_CACHE });
    await t.fixtures.world();
    await t.fixtures.organization({ slug: "aid", names: { en: "Aid" } });
    await t.fixtures.service({ slug: "clinic", organization: "aid", texts: { en: { name: "Clinic" } } });
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Sends a request; it must not be a 5xx, leak internals or log an internal error. */
  async function send(request: RawRequest): Promise<RawResponse & { body: any }> {
    const errorsBefore = t.log.errors().length;
    const response = await rawRequest(t.url, request);
    expect(problemsOf(response), `${request.method ?? "GET"} ${request.path}: ${describeResponse(response)}`).toEqual([]);
    expect(t.log.errors().slice(errorsBefore)).toEqual([]);
    let body: any;
    try {
      body = JSON.parse(response.text);
    } catch {
      throw new Error(`not JSON: ${describeResponse(response)}`);
    }
    return { ...response, body };
  }

  const postCompressed = (encoding: string, body: Buffer, language = "en") =>
    send({ method: "POST", path: "/graphql", headers: { "content-type": "application/json", "content-encoding": encoding, "accept-language": language }, body });

  describe("compressed request bodies", () => {
    it.each(Object.keys(ENCODINGS))("answers a valid %s body, and refuses one that is not compressed data with 400, in the reader's language", async (encoding) => {
      const valid = await postCompressed(encoding, ENCODINGS[encoding]!(Buffer.from(QUERY)));
      expect(valid.status).toBe(200);
      expect(valid.body.data.locales.map((locale: { code: string }) => locale.code)).toEqual(["ar", "en", "fr"]);
      for (const [language, message] of Object.entries(COMPRESSED_BODY_INVALID)) {
        const response = await postCompressed(encoding, Buffer.from(`${QUERY} — not compressed at all`), language);
        expect(response.status).toBe(400);
        expect(response.body.errors).toEqual([{ message, extensions: { code: "BAD_REQUEST", requestId: response.headers["x-request-id"] } }]);
      }
    });

    it.each(Object.keys(ENCODINGS))("refuses a truncated %s stream with 400", async (encoding) => {
      const whole = ENCODINGS[encoding]!(Buffer.from(JSON.stringify({ query: `{ locales { code } } # ${"padding ".repeat(200)}` })));
      for (const length of [1, Math.floor(whole.length / 2), whole.length - 1]) {
        const response = await postCompressed(encoding, whole.subarray(0, length), "fr");
        expect(response.status, `${encoding} cut at ${length} of ${whole.length} bytes`).toBe(400);
        expect(response.body.errors[0].message).toBe(COMPRESSED_BODY_INVALID.fr);
      }
    });
  });

  describe("deeply nested variables", () => {
    const QUERY_WITH_LIST = "query ($c: [String!]) { services(filter: { categories: $c }) { totalCount } }";
    /** Written out by hand: JSON.stringify itself overflows the stack on a few thousand levels. */
    const nestedJson = (depth: number) => `${"[".repeat(depth)}"x"${"]".repeat(depth)}`;
    const deep = (depth: number) => `{"query":${JSON.stringify(QUERY_WITH_LIST)},"variables":{"c":${nestedJson(depth)}}}`;

    it("refuses 5,000 nested arrays from an anonymous client with 400 BAD_USER_INPUT, in the reader's language", async () => {
      const body = deep(5_000);
      expect(body.length).toBeLessThan(64 * 1024);
      for (const [language, message] of Object.entries(VARIABLES_TOO_DEEP)) {
        const response = await send({ method: "POST", path: "/graphql", headers: { "content-type": "application/json", "accept-language": language }, body });
        expect(response.status).toBe(400);
        expect(response.body.errors).toEqual([{ message, extensions: { code: "BAD_USER_INPUT", requestId: response.headers["x-request-id"] } }]);
      }
    });

    it("refuses them in a GET query string too", async () => {
      const params = new URLSearchParams({ query: QUERY_WITH_LIST, variables: `{"c":${nestedJson(40)}}` });
      const response = await send({ path: `/graphql?${params}`, headers: { "apollo-require-preflight": "true", "accept-language": "ar" } });
      expect(response.status).toBe(400);
      expect(response.body.errors[0]).toMatchObject({ message: VARIABLES_TOO_DEEP.ar, extensions: { code: "BAD_USER_INPUT" } });
    });

    it("lets variables nested as deep as the limit through to GraphQL, which names the wrong variable", async () => {
      const response = await send({
        method: "POST",
        path: "/graphql",
        headers: { "content-type": "application/json", "accept-language": "en" },
        // The variables object and 31 lists: 32 levels.
        body: deep(31),
      });
      expect(response.status).toBe(400);
      expect(response.body.errors[0]).toMatchObject({ message: "A variable is missing or has the wrong type.", extensions: { code: "BAD_USER_INPUT", fields: [{ path: "c.0" }] } });
      const deeper = await send({ method: "POST", path: "/graphql", headers: { "content-type": "application/json", "accept-language": "en" }, body: deep(32) });
      expect(deeper.body.errors[0].message).toBe(VARIABLES_TOO_DEEP.en);
    });

    it("does not overflow the response cache's key on any deep body (extensions nested 5,000 deep)", async () => {
      const body = `{"query":"{ locales { code } }","extensions":{"nested":${nestedJson(5_000)}}}`;
      const response = await send({ method: "POST", path: "/graphql", headers: { "content-type": "application/json" }, body });
      expect(response.status).toBe(200);
      expect(response.body.data.locales).toHaveLength(3);
    });
  });

  describe("page numbers past what can be counted", () => {
    it.each(PAGED_ROUTES)("refuses %s?page=200000000000000000 with 400 naming the parameter, and serves the last page allowed", async (route) => {
      const response = await send({ path: `${route}?page=200000000000000000`, headers: { "accept-language": "en" } });
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({
        code: "BAD_REQUEST",
        parameter: "page",
        message: "The parameter “page” is not valid: a whole number from 1 to 1000000.",
      });
      const last = await send({ path: `${route}?page=1000000&per_page=100` });
      expect(last.status).toBe(200);
      expect(last.body).toMatchObject({ page_number: 1_000_000, empty: true, contents: [] });
    });

    it.each(PAGED_ROUTES)("refuses %s with a per_page or page too long for a number, in the reader's language", async (route) => {
      for (const parameter of ["page", "per_page"]) {
        const response = await send({ path: `${route}?${parameter}=${"9".repeat(400)}&lang=fr` });
        expect(response.status).toBe(400);
        expect(response.body.error).toMatchObject({ code: "BAD_REQUEST", parameter });
        expect(response.body.error.message).toMatch(new RegExp(`^Le paramètre «\u202f${parameter}\u202f» n’est pas valide`));
      }
    });
  });

  describe("malformed percent-escapes in paths", () => {
    it.each(RECORD_KINDS)("answers /hsds/%s/{id} with a malformed escape with 400 and a JSON error", async (kind) => {
      for (const escape of BAD_ESCAPES) {
        const response = await send({ path: `/hsds/${kind}/${escape}`, headers: { "accept-language": "en" } });
        expect(response.status, `/hsds/${kind}/${escape}`).toBe(400);
        expect(response.body.error).toEqual({ code: "BAD_REQUEST", message: "The address is not valid: it holds a % that does not start a valid escape such as %20.", requestId: response.headers["x-request-id"] });
      }
    });
  });
});
