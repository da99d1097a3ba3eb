import { serverAudits } from "graphql-http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDriver } from "../support/database.js";
import { startTestApi, type TestApi } from "../support/api.js";

/**
 * /graphql against the GraphQL-over-HTTP specification, audited by graphql-http (the reference
 * implementation's own conformance audits) over the real HTTP server: every MUST and every
 * SHOULD passes. The MAYs are choices the specification leaves to the server.
 */
describe(`GraphQL over HTTP conformance (${testDriver})`, () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi();
  });
  afterAll(async () => {
    await t?.close();
  });

  const audits = serverAudits({ url: () => `${t.url}/graphql` }).filter((audit) => !audit.name.startsWith("MAY"));

  it("audits every MUST and SHOULD of the specification", () => {
    expect(audits.filter((audit) => audit.name.startsWith("MUST")).length).toBeGreaterThan(10);
    expect(audits.filter((audit) => audit.name.startsWith("SHOULD")).length).toBeGreaterThan(5);
  });

  for (const audit of audits) {
    it(audit.name, async () => {
      const result = await audit.fn();
      // On failure, the audit's reason and the answer that failed it.
      const failure = result.status === "ok" ? undefined : `${result.reason} — HTTP ${result.response.status}: ${await result.response.clone().text()}`;
      expect(failure).toBeUndefined();
    });
  }

  describe("status codes beyond the audits", () => {
    /** A POST with this Accept header, or none at all (supertest sends none; fetch would send its own). */
    const post = async (accept: string | undefined, query: string, variables?: Record<string, unknown>) => {
      const response = await t.http
        .post("/graphql")
        .set({ "content-type": "application/json", "accept-language": "en", ...(accept ? { accept } : {}) })
        .send(JSON.stringify({ query, variables }));
      return { status: response.status, contentType: String(response.headers["content-type"]), body: JSON.parse(response.text) };
    };
    const CURSOR = "query ($after: String) { services(first: 5, after: $after) { totalCount } }";

    it.each([["application/json"], ["*/*"], ["application/graphql-response+json"], [undefined]])(
      "answers an error that nulls data while the operation runs (a bad cursor) with 200 and \"data\": null (Accept: %s)",
      async (accept) => {
        const response = await post(accept, CURSOR, { after: "not-a-cursor" });
        expect(response.status).toBe(200);
        expect(response.body.data).toBeNull();
        expect(response.body.errors[0]).toMatchObject({
          message: "The cursor “after” does not belong to this list or this sort order.",
          extensions: { code: "BAD_USER_INPUT", field: "after" },
        });
      },
    );

    it("answers a request error with 200 in application/json, and with 400 and no data for application/graphql-response+json or no Accept", async () => {
      for (const query of ["{ services(first: 5 { totalCount } }", "{ services { nameOfTheDirector } }"]) {
        for (const accept of ["application/json", "*/*"]) {
          const json = await post(accept, query);
          expect(json.status, `${query} (${accept})`).toBe(200);
          expect(json.contentType).toMatch(/^application\/json/);
          expect(json.body).not.toHaveProperty("data");
          expect(json.body.errors[0].extensions.code).toMatch(/^GRAPHQL_(PARSE|VALIDATION)_FAILED$/);
        }
        for (const accept of ["application/graphql-response+json", undefined]) {
          const strict = await post(accept, query);
          expect(strict.status, `${query} (${accept})`).toBe(400);
          expect(strict.body).not.toHaveProperty("data");
          expect(strict.body.errors[0].extensions.code).toMatch(/^GRAPHQL_(PARSE|VALIDATION)_FAILED$/);
        }
      }
    });

    it("keeps 4xx for what is not a well-formed GraphQL request, whatever the client accepts", async () => {
      const notJson = await fetch(`${t.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", accept: "application/json" }, body: "{" });
      expect(notJson.status).toBe(400);
      const mutationOverGet = await fetch(`${t.url}/graphql?query=${encodeURIComponent("mutation { logout }")}`, {
        headers: { accept: "application/json", "apollo-require-preflight": "true" },
      });
      expect(mutationOverGet.status).toBe(405);
    });
  });
});
