import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword, newBuildId, SiteDirectory } from "@start/api";
import { testDriver } from "../support/database.js";
import { type SecureApi, startSecureApi } from "./harness.js";

/**
 * What START keeps about the people who use it, seen from outside: the server's log after
 * sign-ins, failed sign-ins, an invitation, a password change, searches and feedback holds no
 * password, token, e-mail address, search text or client address; the public gets no cookie
 * anywhere; the session cookie is HttpOnly and SameSite (Secure over HTTPS); every answer, API or
 * page, carries the security headers.
 *
 * That the portal's pages request nothing from another origin is checked in a browser by
 * tests/browser/portal.test.ts ("sets no cookie and sends no request to another origin", every
 * kind of public page); the editor's pages by tests/browser/privacy.test.ts.
 */

const ADMIN = { email: "yusuf.admin@example.org", password: "Admin-Passphrase-7f3c9e" };
const INVITEE = { email: "hana.invitee@example.org", password: "Invitee-Passphrase-2b81d4" };
const NEW_PASSWORD = "Changed-Passphrase-c0ffee";
const WRONG_PASSWORD = "Wrong-Guess-Passphrase-91ab";
/** The visitor's address as the trusted proxy reports it, and the address the test's own sockets come from. */
const FORWARDED_CLIENT = "198.51.100.23";
const SOCKET_CLIENT = "127.0.0.77";
const SEARCH_TEXT = "عيادةسريةجدا";
const FEEDBACK_TEXT = "The phone number is my neighbour's private line 0912345678";

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  cookies: string[];
  text: string;
  json: any;
}

/** One HTTP request from SOCKET_CLIENT (a loopback address of its own), through the trusted proxy's headers when given. */
function send(origin: string, options: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      new URL(options.path, origin),
      { method: options.method ?? "GET", headers: options.headers, localAddress: SOCKET_CLIENT, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: response.statusCode ?? 0, headers: response.headers, cookies: response.headers["set-cookie"] ?? [], text, json });
        });
      },
    );
    request.setTimeout(30_000, () => request.destroy(new Error(`no answer to ${options.path}`)));
    request.on("error", reject);
    if (options.body !== undefined) request.write(options.body);
    request.end();
  });
}

const viaProxy = (extra: Record<string, string> = {}) => ({ "x-forwarded-for": FORWARDED_CLIENT, ...extra });

function graphqlPost(origin: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<Answer> {
  return send(origin, { method: "POST", path: "/graphql", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query, variables }) });
}

function graphqlGet(origin: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<Answer> {
  const search = new URLSearchParams({ query, variables: JSON.stringify(variables) });
  return send(origin, { path: `/graphql?${search}`, headers: { "apollo-require-preflight": "true", ...headers } });
}

const LOGIN = `mutation ($email: String!, $password: String!, $bearer: Boolean!) { login(email: $email, password: $password, bearer: $bearer) { token user { email } } }`;

/** The directives of a Content-Security-Policy header. */
function directives(policy: string | string[] | undefined): Map<string, string[]> {
  expect(typeof policy, "a Content-Security-Policy header").toBe("string");
  return new Map(
    (policy as string)
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name!.toLowerCase(), values]),
  );
}

/** The headers every answer of START carries, whatever it is. */
function expectSecurityHeaders(what: string, answer: Answer): Map<string, string[]> {
  const csp = directives(answer.headers["content-security-policy"]);
  const scripts = csp.get("script-src") ?? csp.get("default-src");
  expect(scripts, `${what}: scripts are restricted`).toBeDefined();
  for (const unsafe of ["'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:", "https:"]) expect(scripts, `${what}: script-src`).not.toContain(unsafe);
  expect(csp.get("frame-ancestors"), `${what}: frame-ancestors`).toEqual(["'none'"]);
  expect(answer.headers["x-content-type-options"], `${what}: X-Content-Type-Options`).toBe("nosniff");
  expect(["no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"], `${what}: Referrer-Policy`).toContain(answer.headers["referrer-policy"]);
  expect(answer.headers["x-powered-by"], `${what}: X-Powered-By`).toBeUndefined();
  return csp;
}

/** A small portal build (the headers and cookies do not depend on what the pages say). */
async function handMadeSite(root: string): Promise<SiteDirectory> {
  const site = new SiteDirectory(root);
  const id = newBuildId(1);
  const dir = await site.prepareBuild(id);
  const page = (title: string) => `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>${title}</title><script type="module" src="/_astro/app.1a2b3c4d.js"></script></head><body><h1>${title}</h1></body></html>`;
  for (const folder of ["", "ar", "en/editor", "fr/editor/invite", "ar/services/clinic"]) {
    mkdirSync(path.join(dir, folder), { recursive: true });
    writeFileSync(path.join(dir, folder, "index.html"), page(folder || "START"));
  }
  writeFileSync(path.join(dir, "404.html"), page("404"));
  mkdirSync(path.join(dir, "_astro"));
  writeFileSync(path.join(dir, "_astro", "app.1a2b3c4d.js"), "export {};\n");
  await site.swapIn({ id, builtAt: new Date().toISOString(), sourceStamp: "privacy-test", durationMs: 0, jobIds: [] });
  return site;
}

describe(`privacy: logs, cookies and security headers (${testDriver})`, () => {
  let t: SecureApi;
  let siteRoot: string;
  let serviceId: string;
  /** Every secret the server was given or gave out during the test, by what it is. */
  const secrets = new Map<string, string>([
    ["the admin's password", ADMIN.password],
    ["the invitee's password", INVITEE.password],
    ["the new password", NEW_PASSWORD],
    ["a wrong password", WRONG_PASSWORD],
    ["the admin's e-mail address", ADMIN.email],
    ["the invitee's e-mail address", INVITEE.email],
    ["the visitor's forwarded address", FORWARDED_CLIENT],
    ["the visitor's socket address", SOCKET_CLIENT],
    ["a search", SEARCH_TEXT],
    ["a feedback message", "neighbour's private line"],
    ["a phone number in feedback", "0912345678"],
  ]);

  beforeAll(async () => {
    siteRoot = mkdtempSync(path.join(tmpdir(), "start-privacy-"));
    t = await startSecureApi({ trustProxy: "loopback", site: await handMadeSite(path.join(siteRoot, "site")) });
    await t.fixtures.world();
    await t.fixtures.organization({ slug: "ngo-a", names: { ar: "جمعية أ", en: "NGO A" } });
    serviceId = await t.fixtures.service({ slug: "clinic", organization: "ngo-a", texts: { ar: { name: "عيادة" }, en: { name: "Clinic" } } });
    await t.fixtures.user({ key: "admin", email: ADMIN.email, passwordHash: await hashPassword(ADMIN.password), roles: [{ role: "admin" }] });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(siteRoot, { recursive: true, force: true });
  });

  describe("sessions", () => {
    let cookieToken: string;
    let bearer: string;

    it("sign-in with a cookie: HttpOnly, SameSite=Lax, Path=/, not Secure over plain HTTP", async () => {
      const wrong = await graphqlPost(t.url, LOGIN, { email: ADMIN.email, password: WRONG_PASSWORD, bearer: false }, viaProxy());
      expect(wrong.json.errors[0].extensions.code).toBe("UNAUTHENTICATED");
      expect(wrong.cookies).toEqual([]);

      const answer = await graphqlPost(t.url, LOGIN, { email: ADMIN.email, password: ADMIN.password, bearer: false }, viaProxy());
      expect(answer.json.data.login.user.email).toBe(ADMIN.email);
      expect(answer.cookies).toHaveLength(1);
      const cookie = answer.cookies[0]!;
      expect(cookie).toMatch(/^start_session=[A-Za-z0-9_-]{43};/);
      expect(cookie).toMatch(/;\s*HttpOnly/i);
      expect(cookie).toMatch(/;\s*SameSite=Lax/i);
      expect(cookie).toMatch(/;\s*Path=\/(;|$)/);
      expect(cookie).not.toMatch(/;\s*Secure/i);
      expect(cookie).not.toMatch(/;\s*Domain=/i);
      cookieToken = /^start_session=([^;]+)/.exec(cookie)![1]!;
      secrets.set("the session cookie", cookieToken);
    });

    it("marks it Secure when the trusted proxy says the request came over HTTPS", async () => {
      const answer = await graphqlPost(t.url, LOGIN, { email: ADMIN.email, password: ADMIN.password, bearer: false }, viaProxy({ "x-forwarded-proto": "https" }));
      const cookie = answer.cookies[0]!;
      expect(cookie).toMatch(/;\s*Secure/i);
      expect(cookie).toMatch(/;\s*HttpOnly/i);
      expect(cookie).toMatch(/;\s*SameSite=Lax/i);
      secrets.set("the HTTPS session cookie", /^start_session=([^;]+)/.exec(cookie)![1]!);
    });

    it("gives API clients a bearer token and no cookie", async () => {
      const answer = await graphqlPost(t.url, LOGIN, { email: ADMIN.email, password: ADMIN.password, bearer: true }, viaProxy());
      bearer = answer.json.data.login.token;
      expect(bearer).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(answer.cookies).toEqual([]);
      secrets.set("a bearer token", bearer);
      const me = await graphqlPost(t.url, "{ me { email } }", {}, { cookie: `start_session=${cookieToken}` });
      expect(me.json.data.me.email).toBe(ADMIN.email);
    });

    it("an invitation accepted, a password changed and a sign-out: the cookie keeps its flags, and is cleared with them", async () => {
      const invited = await graphqlPost(
        t.url,
        `mutation ($email: String!, $org: ID) { inviteUser(email: $email, role: ORG_EDITOR, organizationId: $org) { url } }`,
        { email: INVITEE.email, org: t.fixtures.id("organization:ngo-a") },
        { authorization: `Bearer ${bearer}`, ...viaProxy() },
      );
      const link: string = invited.json.data.inviteUser.url;
      const invitation = link.split("#")[1]!;
      expect(invitation).toMatch(/^[A-Za-z0-9_-]{43}$/);
      secrets.set("the invitation token", invitation);

      const accepted = await graphqlPost(
        t.url,
        `mutation ($token: String!, $password: String!) { acceptInvitation(token: $token, displayName: "Hana", password: $password) { user { email } } }`,
        { token: invitation, password: INVITEE.password },
        viaProxy(),
      );
      expect(accepted.json.data.acceptInvitation.user.email).toBe(INVITEE.email);
      const cookie = accepted.cookies[0]!;
      expect(cookie).toMatch(/^start_session=[A-Za-z0-9_-]{43};/);
      expect(cookie).toMatch(/;\s*HttpOnly/i);
      expect(cookie).toMatch(/;\s*SameSite=Lax/i);
      const session = /^start_session=([^;]+)/.exec(cookie)![1]!;
      secrets.set("the invitee's session cookie", session);

      const changed = await graphqlPost(
        t.url,
        `mutation ($current: String!, $next: String!) { changePassword(currentPassword: $current, newPassword: $next) }`,
        { current: INVITEE.password, next: NEW_PASSWORD },
        { cookie: `start_session=${session}`, ...viaProxy() },
      );
      expect(changed.json.data.changePassword).toBe(true);
      const refused = await graphqlPost(
        t.url,
        `mutation ($current: String!, $next: String!) { changePassword(currentPassword: $current, newPassword: $next) }`,
        { current: WRONG_PASSWORD, next: `${NEW_PASSWORD}-again` },
        { cookie: `start_session=${session}` },
      );
      expect(refused.json.errors[0].extensions.code).toBe("BAD_USER_INPUT");

      const out = await graphqlPost(t.url, "mutation { logout }", {}, { cookie: `start_session=${session}`, ...viaProxy() });
      expect(out.json.data.logout).toBe(true);
      const cleared = out.cookies.join("\n");
      expect(cleared).toMatch(/^start_session=;/);
      expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970/);
      expect(cleared).toMatch(/;\s*HttpOnly/i);
      expect(cleared).toMatch(/;\s*SameSite=Lax/i);
      // The ended session's cookie, sent again, is cleared rather than kept.
      const stale = await graphqlPost(t.url, "{ me { email } }", {}, { cookie: `start_session=${session}` });
      expect(stale.json.data.me).toBeNull();
      expect(stale.cookies.join("\n")).toMatch(/^start_session=;/);
    });
  });

  describe("the public", () => {
    it("gets no cookie from GraphQL (GET and POST), the HSDS endpoints, the feedback form, health checks or the portal", async () => {
      const answers: Array<[string, Answer]> = [
        ["GraphQL POST", await graphqlPost(t.url, `{ services(first: 5, locale: "en") { edges { node { id name { text } } } } }`, {}, viaProxy())],
        ["GraphQL GET search", await graphqlGet(t.url, `query ($q: String!) { search(query: $q, locale: "ar") { totalCount } }`, { q: SEARCH_TEXT }, viaProxy())],
        ["GraphQL POST search", await graphqlPost(t.url, `query ($q: String!) { search(query: $q, locale: "ar") { totalCount } }`, { q: SEARCH_TEXT })],
        ["GraphQL error", await graphqlPost(t.url, `{ nothingHere }`, {}, viaProxy())],
        ["HSDS root", await send(t.url, { path: "/hsds/", headers: viaProxy() })],
        ["HSDS services", await send(t.url, { path: `/hsds/services?search=${encodeURIComponent(SEARCH_TEXT)}`, headers: viaProxy() })],
        ["HSDS service", await send(t.url, { path: `/hsds/services/${serviceId}`, headers: viaProxy() })],
        ["HSDS error", await send(t.url, { path: "/hsds/services?per_page=1000", headers: viaProxy() })],
        [
          "feedback form",
          await send(t.url, {
            method: "POST",
            path: "/feedback",
            headers: { "content-type": "application/x-www-form-urlencoded", ...viaProxy() },
            body: new URLSearchParams({ listing: serviceId, kind: "wrong_contact", message: FEEDBACK_TEXT, locale: "en" }).toString(),
          }),
        ],
        ["health", await send(t.url, { path: "/healthz" })],
        ["readiness", await send(t.url, { path: "/readyz" })],
        ["portal page", await send(t.url, { path: "/ar/", headers: viaProxy() })],
        ["editor's sign-in page", await send(t.url, { path: "/en/editor/", headers: viaProxy() })],
        ["portal 404", await send(t.url, { path: "/ar/services/unknown/" })],
      ];
      for (const [what, answer] of answers) {
        expect(answer.status, `${what}: ${answer.text.slice(0, 300)}`).toBeLessThan(500);
        expect(answer.cookies, what).toEqual([]);
      }
      const [, feedback] = answers.find(([what]) => what === "feedback form")!;
      expect(feedback.status).toBe(303);
      expect(feedback.headers.location).toBe("/en/feedback/thanks/");
      expect(answers.find(([what]) => what === "HSDS service")![1].status).toBe(200);
    });
  });

  describe("security headers", () => {
    it("on the portal's pages, its editor, its scripts, redirects and 404s: the portal's policy, no inline script, no framing", async () => {
      for (const pathname of ["/ar/", "/en/editor/", "/fr/editor/invite/", "/ar/services/clinic/", "/_astro/app.1a2b3c4d.js", "/ar/services/unknown/"]) {
        const answer = await send(t.url, { path: pathname });
        expect([200, 404], pathname).toContain(answer.status);
        const csp = expectSecurityHeaders(pathname, answer);
        expect(csp.get("default-src"), pathname).toEqual(["'self'"]);
        expect(csp.get("object-src"), pathname).toEqual(["'none'"]);
        expect(csp.get("base-uri"), pathname).toEqual(["'self'"]);
        expect(csp.get("form-action"), pathname).toEqual(["'self'"]);
      }
      // A folder without its slash is redirected by the file server, whose answer allows nothing at all.
      const redirect = await send(t.url, { path: "/ar" });
      expect(redirect.status).toBe(301);
      expect(directives(redirect.headers["content-security-policy"]).get("default-src")).toEqual(["'none'"]);
      expect(redirect.headers["x-content-type-options"]).toBe("nosniff");
      expect(redirect.cookies).toEqual([]);
    });

    it("on every answer of the API: GraphQL, its errors, HSDS, the feedback form's redirect, health checks and unknown paths", async () => {
      const answers: Array<[string, Answer]> = [
        ["GraphQL POST", await graphqlPost(t.url, `{ locales { code } }`)],
        ["GraphQL GET", await graphqlGet(t.url, `{ locales { code } }`)],
        ["GraphQL malformed body", await send(t.url, { method: "POST", path: "/graphql", headers: { "content-type": "application/json" }, body: `{"query": "{ locales` })],
        ["GraphQL wrong content type", await send(t.url, { method: "POST", path: "/graphql", headers: { "content-type": "text/plain" }, body: "{ locales { code } }" })],
        ["HSDS", await send(t.url, { path: "/hsds/services" })],
        ["HSDS not found", await send(t.url, { path: "/hsds/services/00000000-0000-4000-8000-000000000000" })],
        ["HSDS other method", await send(t.url, { method: "DELETE", path: "/hsds/services" })],
        ["feedback form", await send(t.url, { method: "POST", path: "/feedback", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "kind=other" })],
        ["health", await send(t.url, { path: "/healthz" })],
        ["readiness", await send(t.url, { path: "/readyz" })],
        ["POST to a page", await send(t.url, { method: "POST", path: "/ar/", body: "x" })],
      ];
      for (const [what, answer] of answers) {
        expect(answer.status, what).toBeLessThan(500);
        expectSecurityHeaders(what, answer);
      }
    });
  });

  describe("the log", () => {
    it("holds no password, token, e-mail address, search, feedback text or client address — only what a request was", async () => {
      // A malformed body carrying a password, and a sign-in that is refused: errors are where secrets leak.
      await send(t.url, { method: "POST", path: "/graphql", headers: { "content-type": "application/json", ...viaProxy() }, body: `{"query": "mutation { login(email: \\"${ADMIN.email}\\", password: \\"${WRONG_PASSWORD}` });
      await graphqlPost(t.url, LOGIN, { email: INVITEE.email, password: WRONG_PASSWORD, bearer: true }, viaProxy());
      await send(t.url, { path: `/hsds/services?search=${encodeURIComponent(SEARCH_TEXT)}&lang=xx`, headers: viaProxy() });

      const log = t.log.text();
      const requests = t.log.entries.filter((entry) => entry.message === "request");
      expect(requests.length).toBeGreaterThan(40);
      expect(requests.some((entry) => String(entry.fields.path).startsWith("/graphql") && entry.fields.status === 200)).toBe(true);
      expect(secrets.size).toBeGreaterThanOrEqual(16);
      const found = [...secrets].filter(([, secret]) => log.includes(secret) || log.includes(encodeURIComponent(secret)) || log.includes(JSON.stringify(secret).slice(1, -1)));
      expect(found.map(([what]) => what)).toEqual([]);
      // No client address of any form, and no field meant for one.
      expect(log).not.toMatch(/\b(?:\d{1,3}\.){3}\d{1,3}\b/);
      expect(log).not.toMatch(/"(?:ip|ips|remoteAddress|clientAddress|x-forwarded-for|userAgent|user-agent|cookie|authorization)"/i);
      expect(t.log.errors()).toEqual([]);
    });
  });
});
