import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PUBLIC_CACHE_CONTROL } from "@start/api";
import { testDriver } from "../support/database.js";
import { dataOf, startTestApi, type TestApi } from "../support/api.js";

/** HTTP behaviour of /graphql, /healthz and /readyz: status codes, headers, localised errors. */
describe(`the API over HTTP (${testDriver})`, () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi();
    await t.fixtures.world();
    await t.fixtures.organization({ slug: "aid", names: { ar: "منظمة العون", en: "Aid", fr: "Aide" } });
    await t.fixtures.service({ slug: "clinic", organization: "aid", texts: { ar: { name: "عيادة" }, en: { name: "Clinic" } } });
  });
  afterAll(async () => {
    await t?.close();
  });

  const SERVICES = "{ services(first: 5) { totalCount edges { node { slug } } } }";

  it("reports the process up on /healthz and the database reachable on /readyz", async () => {
    const health = await t.http.get("/healthz");
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: "ok" });
    const ready = await t.http.get("/readyz");
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: "ready" });
    expect(ready.headers["cache-control"]).toBe("no-store");
  });

  it("answers a POST query, not cacheable, with a request id", async () => {
    const response = await t.graphql(SERVICES);
    expect(response.status).toBe(200);
    expect(dataOf(response).services.totalCount).toBe(1);
    expect(response.headers["cache-control"]).toBe("no-store");
    expect(response.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("keeps a well-formed incoming X-Request-Id and replaces anything else", async () => {
    const kept = await t.http.get("/healthz").set("X-Request-Id", "edge-1234abcd");
    expect(kept.headers["x-request-id"]).toBe("edge-1234abcd");
    const replaced = await t.http.get("/healthz").set("X-Request-Id", "<script>");
    expect(replaced.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("answers GET queries, cacheable for a short while, varying by language", async () => {
    const response = await t.http
      .get("/graphql")
      .query({ query: SERVICES })
      .set("Apollo-Require-Preflight", "true");
    expect(response.status).toBe(200);
    expect(response.body.data.services.edges).toEqual([{ node: { slug: "clinic" } }]);
    expect(response.headers["cache-control"]).toBe(PUBLIC_CACHE_CONTROL);
    expect(response.headers["cache-control"]).toMatch(/^public, max-age=60/);
    expect(response.headers.vary).toMatch(/Accept-Language/);
  });

  it("does not let a GET with errors be cached", async () => {
    const response = await t.http
      .get("/graphql")
      .query({ query: '{ service(slug: "nothing-here") { slug } }' })
      .set("Apollo-Require-Preflight", "true");
    expect(response.status).toBe(200);
    expect(response.body.errors[0].extensions.code).toBe("NOT_FOUND");
    expect(response.headers["cache-control"]).toBe("no-store");
  });

  it("blocks a GET without a preflight header as possible CSRF, with a localised message", async () => {
    const response = await t.http.get("/graphql").query({ query: SERVICES }).set("Accept-Language", "fr");
    expect(response.status).toBe(400);
    expect(response.body.errors[0].extensions.code).toBe("BAD_REQUEST");
    expect(response.body.errors[0].message).toMatch(/falsification de requête intersite/);
  });

  it("refuses a body that is not JSON with 400, in Arabic by default", async () => {
    const response = await t.http.post("/graphql").set("Content-Type", "text/plain").send(SERVICES);
    expect(response.status).toBe(400);
    expect(response.body.errors[0].extensions.code).toBe("BAD_REQUEST");
    expect(response.body.errors[0].message).toBe("أرسل طلبات GraphQL بصيغة JSON مع الترويسة Content-Type: application/json.");
  });

  it("refuses a JSON body in a charset it cannot read with 400", async () => {
    const response = await t.http
      .post("/graphql")
      .set({ "Content-Type": "application/json; charset=latin-7", "Accept-Language": "fr" })
      .send(JSON.stringify({ query: SERVICES }));
    expect(response.status).toBe(400);
    expect(response.body.errors[0]).toMatchObject({
      message: "Envoyez les requêtes GraphQL en JSON, avec l’en-tête Content-Type réglé sur application/json.",
      extensions: { code: "BAD_REQUEST" },
    });
  });

  it("answers malformed JSON with 400 in the language asked for", async () => {
    const response = await t.http
      .post("/graphql")
      .set({ "Content-Type": "application/json", "Accept-Language": "en-GB,en;q=0.9" })
      .send('{"query": "{ services { totalCount } }"');
    expect(response.status).toBe(400);
    expect(response.body.errors[0]).toMatchObject({
      message: "The request body is not valid JSON.",
      extensions: { code: "BAD_REQUEST" },
    });
    expect(response.body.errors[0].extensions.requestId).toBe(response.headers["x-request-id"]);
  });

  it("refuses a body over the size limit with 413", async () => {
    const response = await t.http
      .post("/graphql")
      .set("Content-Type", "application/json")
      .send(JSON.stringify({ query: `{ services { totalCount } } # ${"x".repeat(70_000)}` }));
    expect(response.status).toBe(413);
    expect(response.body.errors[0].extensions.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("answers a syntax error with 400 and the parser's detail", async () => {
    const response = await t.graphql("{ services(first: 5 { totalCount } }", undefined, { "Accept-Language": "fr" });
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions?.code).toBe("GRAPHQL_PARSE_FAILED");
    expect(response.errors?.[0]?.message).toBe("La requête est illisible\u202f: ce n’est pas du GraphQL valide.");
    expect(response.errors?.[0]?.extensions?.detail).toMatch(/Syntax Error/);
  });

  it("answers an unknown field with 400 and says which field", async () => {
    const response = await t.graphql("{ services { edges { node { nameOfTheDirector } } } }");
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(response.errors?.[0]?.extensions?.detail).toMatch(/nameOfTheDirector/);
  });

  it("answers variables of the wrong type, or missing, with 400", async () => {
    const query = "query Page($first: Int!) { services(first: $first) { totalCount } }";
    const wrong = await t.graphql(query, { first: "ten" }, { "Accept-Language": "en" });
    expect(wrong.status).toBe(400);
    expect(wrong.errors?.[0]).toMatchObject({
      message: "A variable is missing or has the wrong type.",
      extensions: { code: "BAD_USER_INPUT" },
    });
    const missing = await t.graphql(query, {});
    expect(missing.status).toBe(400);
    expect(missing.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const enumValue = await t.graphql("query ($a: [Audience!]) { services(filter: { audiences: $a }) { totalCount } }", { a: ["ALIENS"] });
    expect(enumValue.status).toBe(400);
  });

  it("never answers a malformed request with 500", async () => {
    const attempts = [
      t.http.post("/graphql").set("Content-Type", "application/json").send(""),
      t.http.post("/graphql").set("Content-Type", "application/json").send("[]"),
      t.http.post("/graphql").set("Content-Type", "application/json").send('"just a string"'),
      t.http.post("/graphql").set("Content-Type", "application/json").send(JSON.stringify({ query: 42 })),
      t.http.post("/graphql").set("Content-Type", "application/json").send(JSON.stringify({ query: SERVICES, variables: "[]" })),
      t.http.post("/graphql").set("Content-Type", "application/json").send(JSON.stringify([{ query: SERVICES }, { query: SERVICES }])),
      t.http.post("/graphql").set("Content-Type", "application/json").send(JSON.stringify({ query: "mutation { deleteEverything }" })),
      t.http.post("/graphql").set("Content-Type", "application/json").send(JSON.stringify({ query: "query A { locales { code } } query B { locales { code } }" })),
      t.http.put("/graphql").set("Content-Type", "application/json").send(JSON.stringify({ query: SERVICES })),
      t.http.get("/graphql").set("Apollo-Require-Preflight", "true"),
      t.http.get("/graphql").query({ query: SERVICES, variables: "{not json" }).set("Apollo-Require-Preflight", "true"),
      t.http.post("/graphql").set("Content-Type", "application/json; charset=latin-7").send(JSON.stringify({ query: SERVICES })),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status, response.text).toBeGreaterThanOrEqual(400);
      expect(response.status, response.text).toBeLessThan(500);
      expect(response.body.errors[0].message).toEqual(expect.any(String));
      expect(response.body.errors[0].extensions.code).toEqual(expect.any(String));
    }
  });

  it("writes error messages in the query's locale, else Accept-Language, else Arabic", async () => {
    const query = (locale?: string) => `{ service(slug: "nowhere"${locale ? `, locale: "${locale}"` : ""}) { slug } }`;
    const french = await t.graphql(query("fr"), undefined, { "Accept-Language": "en" });
    expect(french.errors?.[0]?.message).toBe("Cet élément («\u202fservice\u202f») n’existe pas ou n’est pas publié.");
    expect(french.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const english = await t.graphql(query(), undefined, { "Accept-Language": "en" });
    expect(english.errors?.[0]?.message).toBe("This service does not exist or is not published.");
    const arabic = await t.graphql(query());
    expect(arabic.errors?.[0]?.message).toBe("العنصر المطلوب (خدمة) غير موجود أو غير منشور.");
  });

  it("refuses a locale START does not publish in", async () => {
    const response = await t.graphql('{ services(locale: "xx") { totalCount } }', undefined, { "Accept-Language": "en" });
    // Raised while the operation runs: 200 with "data": null (GraphQL over HTTP).
    expect(response.status).toBe(200);
    expect(response.data).toBeNull();
    expect(response.errors?.[0]).toMatchObject({
      message: "The locale “xx” is not available. Available locales: ar, en, fr.",
      extensions: { code: "BAD_USER_INPUT", field: "locale" },
    });
  });

  it("lists the locales in the platform's order", async () => {
    const body = dataOf(await t.graphql("{ locales { code autonym direction } }"));
    expect(body.locales).toEqual([
      { code: "ar", autonym: "العربية", direction: "rtl" },
      { code: "en", autonym: "English", direction: "ltr" },
      { code: "fr", autonym: "Français", direction: "ltr" },
    ]);
  });
});

describe(`internal errors (${testDriver})`, () => {
  it("never reach the client: a generic localised message with the request id, no stack, no SQL", async () => {
    const t = await startTestApi();
    try {
      await t.fixtures.world();
      // The database goes away under the running server.
      await t.database.close();
      const response = await t.graphql("{ services { totalCount } }", undefined, { "Accept-Language": "en" });
      expect(response.status).toBeLessThan(600);
      const error = response.errors?.[0];
      const requestId = response.headers["x-request-id"];
      expect(error?.extensions).toEqual({ code: "INTERNAL_SERVER_ERROR", requestId });
      expect(error?.message).toBe(`Something went wrong on our side. If it happens again, give this reference: ${requestId}.`);
      expect(JSON.stringify(response)).not.toMatch(/select|stack|Failed query|at .*\.ts/i);

      const ready = await t.http.get("/readyz").set("Accept-Language", "fr");
      expect(ready.status).toBe(503);
      expect(ready.body.status).toBe("unavailable");
      expect(ready.body.errors[0].message).toBe("La base de données est injoignable.");
    } finally {
      await new Promise<void>((resolve) => t.server.close(() => resolve()));
      await t.api.close();
      await t.database.dispose().catch(() => {});
    }
  });
});
