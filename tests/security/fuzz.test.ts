import fc from "fast-check";
import type { GraphQLObjectType } from "graphql";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_RESPONSE_CACHE } from "@start/api";
import { testDriver } from "../support/database.js";
import { editorialWorld } from "../editorial/support.js";
import { bombs, encodedAttempt, hostileString, httpAttempt, requestBody, schemaOperation } from "./corpus/operations.js";
import { alertInput, categoryInput, organizationInput, placeInput, rightsArticleInput, serviceInput, vacancyInput } from "./corpus/inputs.js";
import { HOSTILE_STRINGS } from "./corpus/hostile-strings.js";
import { startSecureApi, type SecureApi } from "./harness.js";
import { describeResponse, FULL_CHECKS, fuzzSettings, problemsOf, rawRequest, type RawRequest, type RawResponse } from "./support.js";

/**
 * Hostile input against the real HTTP server (START's whole HTTP application, as `pnpm start`
 * serves it): thousands of generated GraphQL operations, variables, bodies and HTTP requests.
 * Every answer must come within the time bound, never be a 5xx, never carry a stack trace, a
 * file path, SQL or an INTERNAL_SERVER_ERROR, and the server must log no internal error.
 */

/** A request that takes longer than this is a hung request (a generous bound on a shared 2-core machine). */
const HUNG_AFTER_MS = 20_000;
const FUZZ_TIMEOUT = FULL_CHECKS ? 3_600_000 : 300_000;

describe(`fuzzing the HTTP API with hostile input (${testDriver})`, () => {
  let t: SecureApi;
  let tokens: Awaited<ReturnType<typeof editorialWorld>>;
  let query: GraphQLObjectType;
  let mutation: GraphQLObjectType;
  const figures = { requests: 0, byStatus: new Map<number, number>(), slowestMs: 0, slowest: "" };
  const failures: string[] = [];
  /** Runs asked of fast-check over the whole file: each sends at least one request. */
  let runsAsked = 0;
  const settings = (...args: Parameters<typeof fuzzSettings>) => {
    const chosen = fuzzSettings(...args);
    runsAsked += chosen.numRuns;
    return chosen;
  };

  beforeAll(async () => {
    // Rate limits up: the fuzzer is one client sending thousands of sign-ins and reports. The
    // response cache on, as START's processes run it: its key sees every anonymous body first.
    t = await startSecureApi({ accounts: { loginAttemptsPerClient: 1_000_000, feedbackPerClient: 1_000_000 }, responseCache: DEFAULT_RESPONSE_CACHE });
    tokens = await editorialWorld(t.fixtures);
    await t.fixtures.service({
      slug: "fuzz-clinic",
      organization: "ngo-a",
      categories: ["health"],
      texts: { ar: { name: "عيادة", description: "علاج مجاني" }, en: { name: "Clinic" } },
      locations: [{ place: "tripoli", latitude: 32.9, longitude: 13.2, phones: [{ number: "+218912345678" }], schedules: [{ periods: [[1, "08:00", "14:00"]] }] }],
      phones: [{ number: "+218923456789", type: "whatsapp" }],
    });
    await t.fixtures.service({ slug: "fuzz-draft", organization: "ngo-b", state: "draft", texts: { ar: { name: "مسودة" } } });
    await t.fixtures.vacancy({ slug: "fuzz-nurse", organization: "ministry-a", place: "tripoli", deadline: "2099-01-01", texts: { ar: { title: "ممرضة" } } });
    await t.fixtures.rightsArticle({ slug: "fuzz-rights", country: "libya", texts: { ar: { title: "حق", body: "**نص**" } } });
    await t.fixtures.alert({ key: "fuzz-alert", validFrom: new Date(), texts: { ar: { title: "تنبيه" } } });
    query = t.api.schema.getQueryType()!;
    mutation = t.api.schema.getMutationType()!;
  });

  let testStarted = 0;
  let requestsBefore = 0;
  beforeEach(() => {
    testStarted = performance.now();
    requestsBefore = figures.requests;
  });
  afterEach((context) => {
    console.log(`fuzz step: ${figures.requests - requestsBefore} requests in ${((performance.now() - testStarted) / 1000).toFixed(1)} s (${context.task.name.slice(0, 60)})`);
  });

  afterAll(async () => {
    const statuses = [...figures.byStatus].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`).join(" ");
    console.log(`fuzz figures: ${figures.requests} requests (${statuses}); slowest ${Math.round(figures.slowestMs)} ms (${figures.slowest})`);
    await t?.close();
  });

  /** Sends one request and checks the answer; returns it for further checks. */
  async function send(request: RawRequest, label: string): Promise<RawResponse> {
    const response = await rawRequest(t.url, { timeoutMs: HUNG_AFTER_MS, ...request });
    figures.requests += 1;
    figures.byStatus.set(response.status, (figures.byStatus.get(response.status) ?? 0) + 1);
    if (response.ms > 2_000) console.log(`fuzz slow: ${Math.round(response.ms)} ms for ${label}: ${(typeof request.body === "string" ? request.body : request.path).slice(0, 160)}`);
    if (response.ms > figures.slowestMs) {
      figures.slowestMs = response.ms;
      figures.slowest = `${label}: ${request.method ?? "GET"} ${request.path.slice(0, 60)} (${(request.body?.length ?? 0).toLocaleString("en")} bytes)`;
    }
    const problems = problemsOf(response);
    if (problems.length) {
      const body = typeof request.body === "string" ? request.body.slice(0, 800) : "";
      failures.push(`${label}: ${problems.join(", ")}`);
      throw new Error(`${problems.join(", ")}\nrequest: ${request.method ?? "GET"} ${request.path.slice(0, 300)} ${JSON.stringify(request.headers)}\n${body}\nanswer: ${describeResponse(response)}`);
    }
    return response;
  }

  const postJson = (body: string, headers: Record<string, string> = {}): RawRequest => ({
    method: "POST",
    path: "/graphql",
    headers: { "content-type": "application/json", ...headers },
    body,
  });

  function tokenFor(draw: fc.GeneratorValue): Record<string, string> {
    const who = draw(fc.constantFrom, "public", "public", "editor", "publisher", "moderator", "admin");
    return who === "public" ? {} : { authorization: `Bearer ${tokens[who as keyof typeof tokens]}` };
  }

  it("answers operations generated from the schema — every root query, arguments of every type, aliases, fragments, directives, variables", async () => {
    await fc.assert(
      fc.asyncProperty(fc.gen(), async (draw) => {
        const operation = schemaOperation(draw, t.api.schema, query, "query");
        const response = await send(postJson(JSON.stringify(operation), { "accept-language": draw(fc.constantFrom, "ar", "en", "fr") , ...tokenFor(draw) }), "schema query");
        // A well-formed JSON answer, always.
        expect(() => JSON.parse(response.text), response.text.slice(0, 300)).not.toThrow();
      }),
      settings("schema queries", 300, 6_000),
    );
  }, FUZZ_TIMEOUT);

  it("answers generated mutations, as the public and as every role", async () => {
    await fc.assert(
      fc.asyncProperty(fc.gen(), async (draw) => {
        const operation = schemaOperation(draw, t.api.schema, mutation, "mutation");
        await send(postJson(JSON.stringify(operation), tokenFor(draw)), "schema mutation");
      }),
      settings("schema mutations", 150, 4_000),
    );
  }, FUZZ_TIMEOUT);

  it("answers valid editorial inputs with one value replaced by a hostile one (admin: past authorization, into validation and the database)", async () => {
    const organizationId = t.fixtures.id("organization:ngo-a");
    let counter = 0;
    const next = () => `fz${++counter}`;
    const operations: Record<string, () => { query: string; variables: Record<string, unknown> }> = {
      createService: () => ({ query: "mutation ($o: ID!, $i: ServiceInput!) { createService(organizationId: $o, input: $i) { id } }", variables: { o: organizationId, i: serviceInput() } }),
      createVacancy: () => ({ query: "mutation ($o: ID!, $i: VacancyInput!) { createVacancy(organizationId: $o, input: $i) { id } }", variables: { o: t.fixtures.id("organization:ministry-a"), i: vacancyInput() } }),
      createRightsArticle: () => ({ query: "mutation ($i: RightsArticleInput!) { createRightsArticle(input: $i) { id bodyHtml } }", variables: { i: rightsArticleInput() } }),
      createAlert: () => ({ query: "mutation ($i: AlertInput!) { createAlert(input: $i) { id } }", variables: { i: alertInput() } }),
      createOrganization: () => ({ query: "mutation ($i: OrganizationInput!) { createOrganization(input: $i) { id } }", variables: { i: organizationInput(`org-${next()}`) } }),
      createCategory: () => ({ query: "mutation ($i: CategoryInput!) { createCategory(input: $i) { id } }", variables: { i: categoryInput(`health.${next()}`) } }),
      createPlace: () => ({ query: "mutation ($i: PlaceInput!) { createPlace(input: $i) { id } }", variables: { i: placeInput(`place-${next()}`) } }),
      submitFeedback: () => ({
        query: "mutation ($l: ID!, $m: String) { submitFeedback(listing: $l, kind: OTHER, message: $m) { received } }",
        variables: { l: t.fixtures.id("service:fuzz-clinic"), m: "الرقم لا يجيب" },
      }),
      previewMarkdown: () => ({ query: "query ($m: String!) { previewMarkdown(markdown: $m) }", variables: { m: "**نص** [رابط](https://example.org)" } }),
      login: () => ({ query: "mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { user { id } } }", variables: { e: "admin@example.org", p: "not the password" } }),
      acceptInvitation: () => ({
        query: "mutation ($t: String!, $n: String!, $p: String!) { acceptInvitation(token: $t, displayName: $n, password: $p) { user { id } } }",
        variables: { t: "a".repeat(43), n: "سلمى", p: "a long enough password" },
      }),
      inviteUser: () => ({
        query: "mutation ($e: String!, $o: ID) { inviteUser(email: $e, role: ORG_EDITOR, organizationId: $o) { url } }",
        variables: { e: `${next()}@example.org`, o: organizationId },
      }),
      search: () => ({ query: "query ($q: String!, $p: String, $c: String) { search(query: $q, place: $p, category: $c) { totalCount } }", variables: { q: "عيادة", p: "tripoli", c: "health" } }),
      services: () => ({
        query: "query ($f: ServiceFilter, $a: String) { services(filter: $f, after: $a, first: 5) { totalCount } }",
        variables: { f: { query: "عيادة", place: "tripoli", categories: ["health"], languages: ["ar"], near: { latitude: 32.9, longitude: 13.2, radiusKm: 10 } }, a: null },
      }),
    };
    /** Every path to a leaf (a string, number or boolean) of a value. */
    const leaves = (value: unknown, path: (string | number)[] = []): (string | number)[][] => {
      if (Array.isArray(value)) return value.flatMap((item, index) => leaves(item, [...path, index]));
      if (value && typeof value === "object") return Object.entries(value).flatMap(([key, item]) => leaves(item, [...path, key]));
      return [path];
    };
    const replaced = (value: unknown, path: (string | number)[], by: unknown): unknown => {
      if (path.length === 0) return by;
      const [head, ...rest] = path;
      const copy: any = Array.isArray(value) ? [...value] : { ...(value as object) };
      copy[head!] = replaced(copy[head!], rest, by);
      return copy;
    };
    const replacement = fc.oneof(hostileString, hostileString, fc.constantFrom(...HOSTILE_STRINGS), fc.integer(), fc.constant(null), fc.double());
    await fc.assert(
      fc.asyncProperty(fc.gen(), async (draw) => {
        const name = draw(fc.constantFrom, ...Object.keys(operations));
        const operation = operations[name]!();
        const paths = leaves(operation.variables);
        const path = paths[draw(fc.integer, { min: 0, max: paths.length - 1 })]!;
        const by = draw(() => replacement);
        const variables = replaced(operation.variables, path, by) as Record<string, unknown>;
        await send(postJson(JSON.stringify({ query: operation.query, variables }), { authorization: `Bearer ${tokens.admin}`, "accept-language": "ar" }), `${name} with ${path.join(".")}`);
      }),
      settings("editorial inputs", 200, 8_000),
    );
  }, FUZZ_TIMEOUT);

  it("answers malformed bodies, wrong content types, odd methods and headers, batches, GET query strings, HSDS parameters and feedback forms", async () => {
    await fc.assert(
      fc.asyncProperty(fc.gen(), async (draw) => {
        const operation = draw(fc.integer, { min: 0, max: 3 }) === 0 ? draw(() => bombs) : schemaOperation(draw, t.api.schema, query, "query");
        const attempt = httpAttempt(draw, operation);
        const response = await send(attempt, `http ${attempt.method} ${attempt.path.split("?")[0]}`);
        // HEAD has no body; anything else that failed says why in a body (except Node's own 431
        // for oversized headers or URLs, answered before START sees the request).
        if (attempt.method !== "HEAD" && response.status >= 400 && ![404, 405, 431].includes(response.status)) {
          expect(response.text.length, `HTTP ${response.status} without a body for ${attempt.method} ${attempt.path.slice(0, 200)} ${JSON.stringify(attempt.headers)}`).toBeGreaterThan(0);
        }
      }),
      settings("http requests", 300, 8_000),
    );
  }, FUZZ_TIMEOUT);

  it("answers compressed bodies (valid, corrupt, truncated, each Content-Encoding), deeply nested JSON, numbers past what a parameter holds and malformed percent-escapes in paths", async () => {
    await fc.assert(
      fc.asyncProperty(fc.gen(), async (draw) => {
        const operation = schemaOperation(draw, t.api.schema, query, "query");
        const attempt = encodedAttempt(draw, operation);
        const response = await send(attempt, `encoded ${attempt.method} ${attempt.path.split("?")[0]!.slice(0, 40)}`);
        const where = `${attempt.method} ${attempt.path.slice(0, 200)} ${JSON.stringify(attempt.headers)}: ${describeResponse(response)}`;
        if (attempt.method === "HEAD") return;
        // A clear answer: the API's routes answer in JSON, whatever went wrong; anything else says something.
        const path = new URL(attempt.path, t.url).pathname;
        if (/^\/(?:graphql|hsds)(?:\/|$)/.test(path)) {
          expect(() => JSON.parse(response.text), where).not.toThrow();
        }
        expect(response.text.length, where).toBeGreaterThan(0);
        // A compressed body, valid or not, is answered as GraphQL or refused as bad input.
        if (attempt.headers["content-encoding"] && response.status >= 400) expect([400, 413, 415], where).toContain(response.status);
      }),
      settings("encoded requests", 150, 4_000),
    );
  }, FUZZ_TIMEOUT);

  it("refuses bombs — deep nesting, thousands of aliases and directives, fragment fan-out and cycles, deep variables, huge strings — quickly and cleanly", async () => {
    await fc.assert(
      fc.asyncProperty(bombs, fc.gen(), async (operation, draw) => {
        const body = draw(fc.integer, { min: 0, max: 4 }) === 0 ? requestBody(draw, operation) : JSON.stringify(operation);
        await send(postJson(body, tokenFor(draw)), "bomb");
      }),
      settings("bombs", 60, 2_000),
    );
  }, FUZZ_TIMEOUT);

  it("logged no internal error, and still answers", async () => {
    const internal = t.log.entries.filter((entry) => entry.level === "error");
    expect(internal.map((entry) => `${entry.message}: ${JSON.stringify(entry.fields).slice(0, 500)}`)).toEqual([]);
    expect(failures).toEqual([]);
    const ready = await rawRequest(t.url, { path: "/readyz" });
    expect(ready.status).toBe(200);
    expect(figures.requests).toBeGreaterThanOrEqual(runsAsked);
  });
});
