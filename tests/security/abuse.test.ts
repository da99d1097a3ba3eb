import { request as httpRequest } from "node:http";
import { connect, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "@start/db";
import { createApp, createHttpApp, createHttpServer, DEFAULT_HTTP_TIMEOUTS, hashPassword, type HttpTimeouts, silentLogger, type StartApi } from "@start/api";
import { createTestDatabase, type TestDatabase, testDriver } from "../support/database.js";
import { Fixtures } from "../support/fixtures.js";
import { libyaDate } from "../editorial/support.js";
import { META_QUERY, SERVICE_PAGE_SIZE, SERVICES_QUERY } from "../../portal/src/data/queries.js";
import { USERS } from "../../portal/src/editor/queries.js";

/**
 * Abuse: guessing passwords, flooding feedback, expensive queries, oversized and slow requests,
 * many connections. START's defaults (no proxy trusted, 5 failures lock an address, 30 failures
 * per client before each failure locks at once, 10 reports per client per hour, depth 12, complexity 25,000, 64 kB bodies); only
 * the HTTP timeouts are shortened so that a slow client is cut off within seconds.
 *
 * Already asserted elsewhere, not repeated: sequential lock-out with identical answers for unknown
 * addresses, unlock after the window, the per-client limit and that successes do not count
 * (tests/editorial/accounts.test.ts); the feedback limit through the form and through GraphQL one
 * after the other (tests/editorial/content.test.ts); depth through fragments, aliased pages, the
 * page size through a variable (tests/api/limits.test.ts); a 70 kB body with Content-Length
 * (tests/api/http.test.ts).
 */

const PASSWORD = "correct horse battery staple";
const TIMEOUTS: Partial<HttpTimeouts> = { headersMs: 1_000, requestMs: 2_000, checkIntervalMs: 200 };
/** A second client: the loopback interface answers on all of 127.0.0.0/8, so a socket bound here is another address. */
const OTHER_CLIENT = "127.0.0.2";
const LOGIN = `mutation ($email: String!, $password: String!) { login(email: $email, password: $password, bearer: true) { token } }`;
const SUBMIT = `mutation ($id: ID!) { submitFeedback(listing: $id, kind: OUTDATED, message: "Closed since June.") { received } }`;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  body: any;
}

describe(`abuse (${testDriver})`, () => {
  let database: TestDatabase;
  let api: StartApi;
  let server: ReturnType<typeof createHttpServer>;
  let port: number;
  let fixtures: Fixtures;
  let clinic: string;
  const cases: string[] = [];
  const figures: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    fixtures = new Fixtures(database.db);
    api = await createApp({ database, logger: silentLogger });
    server = createHttpServer(createHttpApp(api, { site: null, logger: silentLogger }), TIMEOUTS);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
    await fixtures.world();
    await fixtures.organization({ slug: "aid", names: { en: "Aid" } });
    clinic = await fixtures.service({ slug: "clinic", organization: "aid", categories: ["health"], texts: { en: { name: "Clinic" } } });
    await fixtures.vacancy({ slug: "nurse", organization: "aid", place: "tripoli", deadline: libyaDate(10), texts: { en: { title: "Nurse" } } });
    const hash = await hashPassword(PASSWORD);
    for (const key of ["target", "burst", "aliased", "colleague", "holder"]) await fixtures.user({ key, passwordHash: hash, roles: [{ role: "org_editor", organization: "aid" }] });
  });

  afterAll(async () => {
    console.log(`abuse (${testDriver}): ${cases.length} cases\n  ${figures.join("\n  ")}`);
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await api?.close();
    await database?.dispose();
  });

  // Every test starts with fresh counters: the whole file comes from the same loopback client.
  beforeEach(async () => {
    await database.db.execute(sql`delete from rate_limits`);
    await database.db.execute(sql`update users set locked_until = null, failed_login_count = 0`);
  });

  /** One request over a fresh connection (optionally from another local address); never hangs. */
  function send(options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer; from?: string; timeoutMs?: number }): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const request = httpRequest(
        { host: "127.0.0.1", port, method: options.method ?? "POST", path: options.path, headers: options.headers, localAddress: options.from, agent: false },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => {
            clearTimeout(timer);
            const text = Buffer.concat(chunks).toString("utf8");
            let body: any = null;
            try {
              body = JSON.parse(text);
            } catch {
              // not JSON
            }
            resolve({ status: response.statusCode ?? 0, headers: response.headers, text, body });
          });
        },
      );
      const timer = setTimeout(() => {
        request.destroy();
        reject(new Error(`no answer within ${options.timeoutMs ?? 20_000} ms for ${options.path}`));
      }, options.timeoutMs ?? 20_000);
      request.on("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
      if (options.body !== undefined) request.write(options.body);
      request.end();
    });
  }

  const graphql = (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}, from?: string) =>
    send({ path: "/graphql", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query, variables }), from });
  const codeOf = (answer: Answer): string | undefined => answer.body?.errors?.[0]?.extensions?.code;
  const tally = (codes: Array<string | undefined>) =>
    codes.reduce<Record<string, number>>((counts, code) => ({ ...counts, [code ?? "OK"]: (counts[code ?? "OK"] ?? 0) + 1 }), {});
  const count = async (query: ReturnType<typeof sql>) => Number((await queryRows<{ n: string }>(database.db, query))[0]!.n);

  describe("password guessing", () => {
    it("checks at most 5 guesses for one address under a burst of parallel attempts, then refuses even the right password", async () => {
      cases.push("login burst on one account");
      const burst = await Promise.all(
        Array.from({ length: 20 }, (_, index) => graphql(LOGIN, { email: index % 2 ? "burst@example.org" : " BURST@example.org ", password: `guess ${index}` })),
      );
      const codes = tally(burst.map(codeOf));
      figures.push(`20 parallel wrong guesses at one account: ${JSON.stringify(codes)}`);
      expect(codes.UNAUTHENTICATED ?? 0).toBeLessThanOrEqual(4);
      expect((codes.UNAUTHENTICATED ?? 0) + (codes.TOO_MANY_REQUESTS ?? 0)).toBe(20);
      // How many guesses were actually checked against the password: each failure checked is counted on the account.
      const checked = await count(sql`select failed_login_count::text as n from users where email = 'burst@example.org'`);
      figures.push(`… of which checked against the password: ${checked}`);
      expect(checked).toBeLessThanOrEqual(5);
      expect(codeOf(await graphql(LOGIN, { email: "burst@example.org", password: PASSWORD }))).toBe("TOO_MANY_REQUESTS");
    });

    it("says so in the reader's language, with the minutes to wait", async () => {
      cases.push("lock-out message in ar/en/fr");
      for (let attempt = 0; attempt < 5; attempt++) await graphql(LOGIN, { email: "target@example.org", password: "wrong" });
      const messages: Record<string, string> = {};
      for (const language of ["ar", "en", "fr"]) {
        const answer = await graphql(LOGIN, { email: "target@example.org", password: PASSWORD }, { "accept-language": language });
        expect(codeOf(answer)).toBe("TOO_MANY_REQUESTS");
        expect(answer.body.errors[0].extensions.retryAfterMinutes).toBe(15);
        messages[language] = answer.body.errors[0].message;
      }
      expect(messages).toEqual({
        ar: "محاولات كثيرة جدًا. انتظر 15 دقيقة ثم حاول مجددًا.",
        en: "Too many attempts. Wait 15 minutes, then try again.",
        fr: "Trop de tentatives. Attendez 15 minutes, puis réessayez.",
      });
    });

    it("gets nothing more out of aliases: a request stops at its first failed sign-in", async () => {
      cases.push("aliased login mutations");
      const aliases = Array.from({ length: 20 }, (_, index) => `a${index}: login(email: "aliased@example.org", password: "guess ${index}") { token }`).join("\n");
      const answer = await graphql(`mutation { ${aliases} }`, {}, { "accept-language": "en" });
      // Mutations run one after the other and a failed non-null field ends the operation: one guess per request.
      expect(answer.body.errors.map((error: any) => error.extensions.code)).toEqual(["UNAUTHENTICATED"]);
      expect(await count(sql`select failed_login_count::text as n from users where email = 'aliased@example.org'`)).toBe(1);
    });

    it("does not let an open session guess the account's password through changePassword", async () => {
      cases.push("changePassword guessing");
      const session = await fixtures.session("holder");
      const CHANGE = `mutation ($current: String!) { changePassword(currentPassword: $current, newPassword: "a brand new passphrase") }`;
      const codes: Array<string | undefined> = [];
      for (let attempt = 0; attempt < 7; attempt++) {
        codes.push(codeOf(await graphql(CHANGE, { current: `guess ${attempt}` }, { authorization: `Bearer ${session}` })));
      }
      expect(codes).toEqual([...Array(4).fill("BAD_USER_INPUT"), ...Array(3).fill("TOO_MANY_REQUESTS")]);
      // Locked like a sign-in: the right current password is refused, and so is signing in.
      expect(codeOf(await graphql(CHANGE, { current: PASSWORD }, { authorization: `Bearer ${session}` }))).toBe("TOO_MANY_REQUESTS");
      expect(codeOf(await graphql(LOGIN, { email: "holder@example.org", password: PASSWORD }, {}, OTHER_CLIENT))).toBe("TOO_MANY_REQUESTS");
      await database.db.execute(sql`delete from rate_limits`);
      expect(codeOf(await graphql(CHANGE, { current: PASSWORD }, { authorization: `Bearer ${session}` }))).toBeUndefined();
    });

    it("limits one client to 30 failures whatever it claims in X-Forwarded-For (no proxy is trusted by default): past them each failure locks its account, a right password still opens one", async () => {
      cases.push("per-client limit with spoofed X-Forwarded-For");
      const attempts = await Promise.all(
        Array.from({ length: 40 }, (_, index) =>
          graphql(LOGIN, { email: `nobody-${index}@example.org`, password: "guess" }, { "x-forwarded-for": `198.51.100.${index}`, "accept-language": "fr" }),
        ),
      );
      const codes = tally(attempts.map(codeOf));
      figures.push(`40 parallel failures from one client, each under its own X-Forwarded-For: ${JSON.stringify(codes)}`);
      expect(codes.UNAUTHENTICATED).toBeLessThanOrEqual(30);
      expect(codes.TOO_MANY_REQUESTS).toBeGreaterThanOrEqual(10);
      expect(attempts.find((answer) => codeOf(answer) === "TOO_MANY_REQUESTS")!.body.errors[0].message).toMatch(/^Trop de tentatives\. Attendez \d+ minutes, puis réessayez\.$/);
      // Each of those refused failures locked the address it tried (one guess each, not five)…
      const refused = attempts.map((answer, index) => (codeOf(answer) === "TOO_MANY_REQUESTS" ? index : -1)).filter((index) => index >= 0);
      for (const index of refused) {
        expect(codeOf(await graphql(LOGIN, { email: `nobody-${index}@example.org`, password: "guess" }, {}, OTHER_CLIENT))).toBe("TOO_MANY_REQUESTS");
      }
      // …and so does the next wrong guess at a real account from this client, wherever the right password comes from then.
      expect(codeOf(await graphql(LOGIN, { email: "target@example.org", password: "guess" }))).toBe("TOO_MANY_REQUESTS");
      expect(codeOf(await graphql(LOGIN, { email: "target@example.org", password: PASSWORD }, {}, OTHER_CLIENT))).toBe("TOO_MANY_REQUESTS");
      // The right password of an account that is not locked still opens it from this client (an office behind one address).
      const colleague = await graphql(LOGIN, { email: "colleague@example.org", password: PASSWORD });
      expect(colleague.body.data.login.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    });
  });

  describe("feedback flood", () => {
    it("stores 10 reports per client per hour under a parallel flood, spoofed X-Forwarded-For included; the form shares the count; other clients still report", async () => {
      cases.push("feedback flood");
      const before = await count(sql`select count(*)::text as n from feedback`);
      const flood = await Promise.all(
        Array.from({ length: 25 }, (_, index) => graphql(SUBMIT, { id: clinic }, { "x-forwarded-for": `203.0.113.${index}`, "accept-language": "en" })),
      );
      const codes = tally(flood.map(codeOf));
      figures.push(`25 parallel reports from one client: ${JSON.stringify(codes)}`);
      expect(codes).toEqual({ OK: 10, TOO_MANY_REQUESTS: 15 });
      expect(flood.find((answer) => codeOf(answer) === "TOO_MANY_REQUESTS")!.body.errors[0].message).toBe("Too many requests from this connection. Please try again later.");
      const form = await send({ path: "/feedback", headers: { "content-type": "application/x-www-form-urlencoded" }, body: `listing=${clinic}&kind=closed&locale=en` });
      expect(form.status).toBe(303);
      expect(form.headers.location).toBe("/en/feedback/error/");
      expect(await count(sql`select count(*)::text as n from feedback`)).toBe(before + 10);
      const other = await graphql(SUBMIT, { id: clinic }, {}, OTHER_CLIENT);
      expect(other.body.data.submitFeedback.received).toBe(true);
    });

    it("counts every aliased report: 15 in one request store 10", async () => {
      cases.push("aliased feedback");
      const before = await count(sql`select count(*)::text as n from feedback`);
      const aliases = Array.from({ length: 15 }, (_, index) => `r${index}: submitFeedback(listing: "${clinic}", kind: CLOSED) { received }`).join("\n");
      const answer = await graphql(`mutation { ${aliases} }`);
      expect(answer.body.errors.map((error: any) => error.extensions.code)).toEqual(["TOO_MANY_REQUESTS"]);
      expect(await count(sql`select count(*)::text as n from feedback`)).toBe(before + 10);
    });

    it("refuses an oversized form post and stores nothing", async () => {
      cases.push("oversized feedback form");
      const before = await count(sql`select count(*)::text as n from feedback`);
      const answer = await send({
        path: "/feedback",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: `listing=${clinic}&kind=closed&locale=en&message=${"x".repeat(20_000)}`,
      });
      expect(answer.status).toBe(303);
      expect(answer.headers.location).toBe("/ar/feedback/error/");
      expect(await count(sql`select count(*)::text as n from feedback`)).toBe(before);
    });
  });

  describe("query cost", () => {
    const NODE = `slug name { text } organization { name { text } }
      locations { location { address { text } place { name { text } } } phones { number } schedules { periods { weekday opensAt closesAt } } }
      categories { code name { text } } phones { number }`;
    const eight = (page: (index: number) => string) => `{ ${Array.from({ length: 8 }, (_, index) => page(index)).join(" ")} }`;

    it("costs a page the same spread through named fragments, nested fragments and inline fragments as written out", async () => {
      cases.push("complexity through fragments");
      const named = await graphql(`${eight((index) => `p${index}: services(first: 100) { ...Page }`)}
        fragment Page on ServiceConnection { edges { node { ...Node } } } fragment Node on Service { ${NODE} }`);
      expect(codeOf(named)).toBe("QUERY_TOO_COMPLEX");
      const inline = await graphql(eight((index) => `p${index}: services(first: 100) { ... on ServiceConnection { edges { node { ... on Service { ${NODE} } } } } }`));
      expect(codeOf(inline)).toBe("QUERY_TOO_COMPLEX");
      // One page written out is allowed: the fragments, not the limit, make the difference above.
      expect((await graphql(`{ services(first: 100) { edges { node { ${NODE} } } } }`)).status).toBe(200);
      // The same fragment spread several times in one selection is one selection, as graphql-js merges it: still one page's cost.
      const repeated = await graphql(`{ services(first: 100) { ...Page ...Page ...Page ...Page } } fragment Page on ServiceConnection { edges { node { slug } } }`);
      expect(repeated.status).toBe(200);
    });

    it("refuses fragment cycles, repeated directives and search hits nested too deeply before running anything", async () => {
      cases.push("fragment cycle, directive flood, deep union");
      const cycle = await graphql(`{ categories { ...A } } fragment A on Category { children { ...B } } fragment B on Category { children { ...A } }`);
      expect(cycle.status).toBe(400);
      expect(codeOf(cycle)).toBe("GRAPHQL_VALIDATION_FAILED");
      const directives = await graphql(`{ locales ${"@include(if: true) ".repeat(500)} { code } }`);
      expect(directives.status).toBe(400);
      expect(codeOf(directives)).toBe("GRAPHQL_VALIDATION_FAILED");
      const nested = (depth: number): string => (depth === 0 ? "code" : `code children { ${nested(depth - 1)} }`);
      const deep = await graphql(`{ search(query: "clinic") { hits { item { ... on Service { categories { ${nested(9)} } } } } } }`);
      expect(codeOf(deep)).toBe("QUERY_TOO_DEEP");
    });

    it("counts every alias: a cheap root field repeated a few thousand times is refused before it runs", async () => {
      // Each root field runs its own statements (locales: 2 each, 5,000 for 2,500 aliases, 15 s here before the fix).
      cases.push("alias flood");
      const manyPages = await graphql(`{ ${Array.from({ length: 300 }, (_, index) => `s${index}: services(first: 100) { totalCount edges { node { slug } } }`).join(" ")} }`);
      expect(codeOf(manyPages)).toBe("QUERY_TOO_COMPLEX");
      for (const [field, times] of [["locales { code }", 2_500], ["services(first: 1) { totalCount }", 1_500], ["__typename", 2_500]] as const) {
        const aliases = Array.from({ length: times }, (_, index) => `a${index}: ${field}`).join(" ");
        const started = performance.now();
        const answer = await graphql(`{ ${aliases} }`, {}, { "accept-language": "en" });
        figures.push(`${times} aliases of ${field} (${Math.round(aliases.length / 1024)} kB): HTTP ${answer.status} ${codeOf(answer) ?? "answered"} in ${Math.round(performance.now() - started)} ms`);
        if (field === "__typename") expect(answer.status).toBe(200);
        else expect(codeOf(answer)).toBe("QUERY_TOO_COMPLEX");
      }
      // A few root fields together are fine, and so are the portal's build queries and the editor's.
      const few = await graphql(`{ locales { code } categories { code } places { slug } services(first: 20) { totalCount } alerts { id } }`);
      expect(few.status).toBe(200);
      expect(codeOf(await graphql(META_QUERY))).toBeUndefined();
      expect(codeOf(await graphql(SERVICES_QUERY, { first: SERVICE_PAGE_SIZE }))).toBeUndefined();
      expect(codeOf(await graphql(USERS))).toBe("UNAUTHENTICATED");
    });

    it("does not let introspection nest without bound when it is on", async () => {
      cases.push("deep introspection");
      const typeRef = (depth: number): string => (depth === 0 ? "name" : `name fields { name type { ${typeRef(depth - 1)} } }`);
      const answer = await graphql(`{ __schema { types { ${typeRef(8)} } } }`);
      figures.push(`introspection nested 8 times through fields/type: HTTP ${answer.status} ${codeOf(answer) ?? `answered, ${Math.round(answer.text.length / 1024)} kB`}`);
      expect(answer.status).toBe(400);
      // graphql-js's own rule (MaxIntrospectionDepthRule) stops it at validation.
      expect(codeOf(answer)).toBe("GRAPHQL_VALIDATION_FAILED");
      expect(answer.body.errors[0].extensions.detail).toMatch(/introspection depth/i);
    });
  });

  describe("oversized requests", () => {
    it("refuses a chunked body over 64 kB (no Content-Length) with 413", async () => {
      cases.push("chunked oversized body");
      const answer = await send({
        path: "/graphql",
        headers: { "content-type": "application/json", "transfer-encoding": "chunked" },
        body: JSON.stringify({ query: `{ locales { code } } # ${"x".repeat(100_000)}` }),
      });
      expect(answer.status).toBe(413);
      expect(codeOf(answer)).toBe("PAYLOAD_TOO_LARGE");
    });

    it("refuses a gzip body that inflates past 64 kB with 413 (a compression bomb)", async () => {
      cases.push("gzip bomb");
      const inflated = JSON.stringify({ query: `{ locales { code } } # ${" ".repeat(5_000_000)}` });
      const bomb = gzipSync(inflated);
      figures.push(`gzip bomb: ${Math.round(bomb.length / 1024)} kB inflating to ${Math.round(inflated.length / 1_048_576)} MB`);
      const answer = await send({ path: "/graphql", headers: { "content-type": "application/json", "content-encoding": "gzip" }, body: bomb });
      expect(answer.status).toBe(413);
      expect(codeOf(answer)).toBe("PAYLOAD_TOO_LARGE");
    });

    it("does not wait for a declared 1 GB body: the request timeout cuts it off", async () => {
      // body-parser reads off (and drops) an oversized body before answering 413; what bounds that is the request timeout.
      cases.push("huge Content-Length");
      const started = performance.now();
      const answer = await send({ path: "/graphql", headers: { "content-type": "application/json", "content-length": "1000000000" }, body: '{"query":' });
      figures.push(`declared 1 GB body, 9 bytes sent: HTTP ${answer.status} after ${Math.round(performance.now() - started)} ms`);
      expect(answer.status).toBe(408);
    });

    it("refuses headers over Node's 16 kB with 431", async () => {
      cases.push("oversized headers");
      const answer = await send({ method: "GET", path: "/healthz", headers: { "x-padding": "x".repeat(20_000) } });
      expect(answer.status).toBe(431);
    });
  });

  describe("slow clients", () => {
    /** Opens a raw connection; resolves with how long the server kept it open, once it closes it. */
    function trickle(head: string, next: (step: number) => string | null, everyMs: number): Promise<{ closedAfterMs: number; sent: number; answer: string }> {
      return new Promise((resolve, reject) => {
        const started = performance.now();
        const socket: Socket = connect(port, "127.0.0.1");
        let sent = 0;
        let answer = "";
        let timer: NodeJS.Timeout | undefined;
        const giveUp = setTimeout(() => {
          socket.destroy();
          reject(new Error(`the server kept a slow connection open for 20 s (${sent} pieces sent)`));
        }, 20_000);
        socket.on("connect", () => {
          socket.write(head);
          timer = setInterval(() => {
            const piece = next(sent);
            if (piece === null || socket.destroyed) return;
            sent++;
            socket.write(piece);
          }, everyMs);
        });
        socket.on("data", (chunk) => (answer += chunk.toString("utf8")));
        socket.on("error", () => {
          // The server closed while we were writing: that is the point.
        });
        socket.on("close", () => {
          clearInterval(timer);
          clearTimeout(giveUp);
          resolve({ closedAfterMs: Math.round(performance.now() - started), sent, answer });
        });
      });
    }

    it("cuts off a client that trickles its headers (slowloris) after the headers timeout", async () => {
      cases.push("slow headers");
      const result = await trickle("POST /graphql HTTP/1.1\r\nHost: localhost\r\n", (step) => `X-Slow-${step}: 1\r\n`, 200);
      figures.push(`slow headers cut off after ${result.closedAfterMs} ms (headers timeout ${TIMEOUTS.headersMs} ms), ${result.sent} header lines sent`);
      expect(result.answer).toMatch(/^HTTP\/1\.1 408/);
    });

    it("cuts off a client that trickles its body after the request timeout", async () => {
      cases.push("slow body");
      const body = JSON.stringify({ query: "{ locales { code } }" }).padEnd(2_000, " ");
      const head = `POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
      const result = await trickle(head, (step) => (step < body.length ? body[step]! : null), 50);
      figures.push(`slow body cut off after ${result.closedAfterMs} ms (request timeout ${TIMEOUTS.requestMs} ms), ${result.sent} of ${body.length} bytes sent`);
      expect(result.sent).toBeLessThan(body.length);
      expect(result.answer).toMatch(/^HTTP\/1\.1 408/);
    });

    it("closes a connection that sends nothing", async () => {
      cases.push("silent connection");
      const result = await trickle("", () => null, 1_000);
      figures.push(`silent connection closed after ${result.closedAfterMs} ms`);
      expect(result.answer).toMatch(/^HTTP\/1\.1 408/);
    });

    it("serves other clients while one client holds 200 slow connections (START has no per-client connection cap: a reverse proxy's job)", async () => {
      cases.push("many connections from one client");
      const sockets: Socket[] = [];
      for (let index = 0; index < 200; index++) {
        const socket = connect(port, "127.0.0.1");
        socket.on("error", () => {});
        socket.write("GET /healthz HTTP/1.1\r\nHost: localhost\r\n");
        sockets.push(socket);
      }
      try {
        await new Promise((resolve) => setTimeout(resolve, 200));
        const started = performance.now();
        const answer = await graphql("{ services(first: 5) { totalCount } }", {}, {}, OTHER_CLIENT);
        figures.push(`a query from another client while 200 slow connections are open: ${Math.round(performance.now() - started)} ms`);
        expect(answer.body.data.services.totalCount).toBe(1);
      } finally {
        for (const socket of sockets) socket.destroy();
      }
    });

    it("gives `pnpm start`'s server timeouts far below Node's defaults", () => {
      cases.push("default timeouts");
      const started = createHttpServer(() => {});
      expect(started.headersTimeout).toBe(DEFAULT_HTTP_TIMEOUTS.headersMs);
      expect(started.requestTimeout).toBe(DEFAULT_HTTP_TIMEOUTS.requestMs);
      expect(DEFAULT_HTTP_TIMEOUTS.requestMs).toBeLessThan(300_000);
      expect(DEFAULT_HTTP_TIMEOUTS.headersMs).toBeLessThanOrEqual(DEFAULT_HTTP_TIMEOUTS.requestMs);
    });
  });
});
