import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createDatabase, queryRows } from "@start/db";
import { createApp, ensureFirstAdmin, hashPassword, silentLogger, verifyPassword } from "@start/api";
import supertest from "supertest";
import { createTestDatabase, testDriver } from "../support/database.js";
import { dataOf, startTestApi, type TestApi } from "../support/api.js";
import { editorialWorld, sha256 } from "./support.js";

const PASSWORD = "correct horse battery staple";
const LOGIN = `mutation ($email: String!, $password: String!, $bearer: Boolean) {
  login(email: $email, password: $password, bearer: $bearer) { token expiresAt user { email displayName roles { role organizationId } } } }`;
const ME = "{ me { email displayName roles { role organization { slug } } } }";

describe(`accounts and sessions (${testDriver})`, () => {
  let t: TestApi;
  let sessions: Awaited<ReturnType<typeof editorialWorld>>;
  let client = 0;
  /** Requests from a distinct client address each time it is called (the API trusts the loopback proxy). */
  const fromClient = () => ({ "x-forwarded-for": `203.0.113.${++client}` });

  beforeAll(async () => {
    t = await startTestApi({ trustProxy: "loopback", accounts: { loginAttemptsPerClient: 12, lockThreshold: 5, lockMinutes: 15, invitationChecksPerClient: 6 } });
    sessions = await editorialWorld(t.fixtures);
    const hash = await hashPassword(PASSWORD);
    await t.fixtures.user({ key: "nadia", displayName: "Nadia", passwordHash: hash, roles: [{ role: "org_editor", organization: "ngo-a" }] });
    await t.fixtures.user({ key: "locked", passwordHash: hash });
    await t.fixtures.user({ key: "rami", passwordHash: hash, roles: [{ role: "org_editor", organization: "ngo-b" }] });
  });
  afterAll(async () => {
    await t?.close();
  });

  const login = (email: string, password: string, headers: Record<string, string> = fromClient(), bearer = false) =>
    t.graphql(LOGIN, { email, password, bearer }, headers);

  describe("signing in", () => {
    it("opens a session in an HttpOnly, SameSite=Lax cookie, stored only as a hash", async () => {
      const response = await login("Nadia@Example.org", PASSWORD);
      const user = dataOf(response).login;
      expect(user.user).toMatchObject({ email: "nadia@example.org", displayName: "Nadia", roles: [{ role: "ORG_EDITOR" }] });
      expect(user.token).toBeNull();
      const cookie = (response.headers["set-cookie"] as unknown as string[]).find((line) => line.startsWith("start_session="))!;
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Lax/i);
      expect(cookie).toMatch(/Path=\//);
      expect(cookie).not.toMatch(/Secure/i);
      const token = /^start_session=([^;]+)/.exec(cookie)![1]!;
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const stored = await queryRows<{ token_hash: string }>(t.database.db, sql`select token_hash from sessions`);
      expect(stored.map((row) => row.token_hash)).toContain(sha256(token));
      expect(JSON.stringify(stored)).not.toContain(token);
      expect(response.headers["cache-control"]).toBe("private, no-store");

      const me = await t.graphql(ME, {}, { cookie: `start_session=${token}` });
      expect(dataOf(me).me).toMatchObject({ email: "nadia@example.org", roles: [{ role: "ORG_EDITOR", organization: { slug: "ngo-a" } }] });
      expect(me.headers["cache-control"]).toBe("private, no-store");
    });

    it("marks the cookie Secure when the request came over HTTPS through the trusted proxy", async () => {
      const response = await login("nadia@example.org", PASSWORD, { ...fromClient(), "x-forwarded-proto": "https" });
      expect((response.headers["set-cookie"] as unknown as string[]).join()).toMatch(/start_session=[^;]+;.*Secure/i);
    });

    it("gives API clients a bearer token instead of a cookie", async () => {
      const response = await login("nadia@example.org", PASSWORD, fromClient(), true);
      const token = dataOf(response).login.token;
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(response.headers["set-cookie"]).toBeUndefined();
      expect(dataOf(await t.graphqlAs(token, ME)).me.email).toBe("nadia@example.org");
    });

    it("answers the public without a session: me is null, and no cookie is set", async () => {
      const response = await t.graphql(ME);
      expect(dataOf(response).me).toBeNull();
      expect(response.headers["set-cookie"]).toBeUndefined();
    });
  });

  describe("lock-out and rate limits", () => {
    it("locks an address after repeated failures, with exactly the same answers whether or not it has an account", async () => {
      const attempts = async (email: string) => {
        const answers: Array<{ code: string; message: string }> = [];
        for (let attempt = 0; attempt < 6; attempt++) {
          const response = await login(email, "wrong password");
          answers.push({ code: response.errors![0]!.extensions!.code, message: response.errors![0]!.message });
        }
        return answers;
      };
      const existing = await attempts("locked@example.org");
      const unknown = await attempts("nobody-here@example.org");
      expect(existing).toEqual(unknown);
      expect(existing.slice(0, 4).map((answer) => answer.code)).toEqual(Array(4).fill("UNAUTHENTICATED"));
      expect(existing.slice(4).map((answer) => answer.code)).toEqual(["TOO_MANY_REQUESTS", "TOO_MANY_REQUESTS"]);
      expect(existing[0]!.message).toBe("البريد الإلكتروني أو كلمة المرور غير صحيحة.");
      expect(existing[4]!.message).toMatch(/^محاولات كثيرة جدًا\. انتظر 15 دقيقة/);

      // Locked: even the right password is refused, the same way.
      const right = await login("locked@example.org", PASSWORD);
      expect(right.errors![0]!.extensions!.code).toBe("TOO_MANY_REQUESTS");
      const [user] = await queryRows<{ locked: boolean; failures: number | string }>(
        t.database.db,
        sql`select locked_until > now() as locked, failed_login_count as failures from users where email = 'locked@example.org'`,
      );
      expect(user).toMatchObject({ locked: true });
      expect(Number(user!.failures)).toBe(5);

      // Fifteen minutes later (moved back in the database, where the lock lives) it opens again.
      await t.database.db.execute(sql`update rate_limits set window_start = window_start - interval '16 minutes' where key like 'login-email:%'`);
      expect(dataOf(await login("locked@example.org", PASSWORD)).login.user.email).toBe("locked@example.org");
    });

    it("limits how many attempts one client makes, whatever the addresses it tries, and stores no client address", async () => {
      const headers = { "x-forwarded-for": "198.51.100.77" };
      const codes: string[] = [];
      for (let attempt = 0; attempt < 13; attempt++) {
        const response = await login(`someone-${attempt}@example.org`, "wrong password", headers);
        codes.push(response.errors![0]!.extensions!.code);
      }
      expect(codes.slice(0, 12)).toEqual(Array(12).fill("UNAUTHENTICATED"));
      expect(codes[12]).toBe("TOO_MANY_REQUESTS");
      expect(dataOf(await login("nadia@example.org", PASSWORD)).login.user.email).toBe("nadia@example.org");
      const dump = await queryRows<{ row: string }>(
        t.database.db,
        sql`select row(r.*)::text as row from rate_limits r union all select row(a.*)::text from audit_entries a union all select row(s.*)::text from sessions s`,
      );
      const text = dump.map((row) => row.row).join("\n");
      expect(text).not.toContain("198.51.100.77");
      expect(text).not.toContain("127.0.0.1");
      expect(text).not.toContain("someone-3@example.org");
    });

    it("locks per account: guessing from one address never keeps another account behind it from signing in, but past the client's limit each failure locks the account it tried", async () => {
      const hash = await hashPassword(PASSWORD);
      for (const key of ["office-a", "office-b", "office-c"]) await t.fixtures.user({ key, passwordHash: hash });
      const office = { "x-forwarded-for": "198.51.100.99" };
      const codes: string[] = [];
      for (let attempt = 0; attempt < 14; attempt++) {
        codes.push((await login("office-a@example.org", `guess ${attempt}`, office)).errors![0]!.extensions!.code);
      }
      expect(codes).toEqual([...Array(4).fill("UNAUTHENTICATED"), ...Array(10).fill("TOO_MANY_REQUESTS")]);

      // A colleague at the same address, past its limit, signs in with the right password.
      expect(dataOf(await login("office-b@example.org", PASSWORD, office)).login.user.email).toBe("office-b@example.org");

      // A wrong guess at another account from there is not checked five times: it locks that account at once…
      const guess = await login("office-c@example.org", "one more guess", { ...office, "accept-language": "en" });
      expect(guess.errors![0]!.extensions).toMatchObject({ code: "TOO_MANY_REQUESTS", retryAfterMinutes: 15 });
      expect(guess.errors![0]!.message).toBe("Too many attempts. Wait 15 minutes, then try again.");
      // …everywhere, like any lock, with the same answer for an address without an account.
      expect((await login("office-c@example.org", PASSWORD)).errors![0]!.extensions!.code).toBe("TOO_MANY_REQUESTS");
      const unknown = await login("nobody-at-the-office@example.org", "one more guess", { ...office, "accept-language": "en" });
      expect(unknown.errors![0]!.message).toBe(guess.errors![0]!.message);
      const [user] = await queryRows<{ locked: boolean; failures: number | string }>(
        t.database.db,
        sql`select locked_until > now() as locked, failed_login_count as failures from users where email = 'office-c@example.org'`,
      );
      expect({ locked: user!.locked, failures: Number(user!.failures) }).toEqual({ locked: true, failures: 1 });
      // The colleague is still not locked out.
      expect(dataOf(await login("office-b@example.org", PASSWORD, office)).login.user.email).toBe("office-b@example.org");
    });

    it("does not count successful sign-ins against a client: an office behind one address is never locked out", async () => {
      const headers = { "x-forwarded-for": "198.51.100.88" };
      for (let attempt = 0; attempt < 14; attempt++) {
        expect(dataOf(await login("nadia@example.org", PASSWORD, headers)).login.user.email).toBe("nadia@example.org");
      }
    });
  });

  describe("sessions", () => {
    it("ends at logout: the session row is deleted, the cookie cleared, the token refused", async () => {
      const token = dataOf(await login("nadia@example.org", PASSWORD, fromClient(), true)).login.token;
      const response = await t.graphqlAs(token, "mutation { logout }");
      expect(dataOf(response).logout).toBe(true);
      expect((response.headers["set-cookie"] as unknown as string[]).join()).toMatch(/start_session=;.*Expires=Thu, 01 Jan 1970/);
      expect(await queryRows(t.database.db, sql`select 1 from sessions where token_hash = ${sha256(token)}`)).toHaveLength(0);
      expect(dataOf(await t.graphqlAs(token, ME)).me).toBeNull();
      const denied = await t.graphqlAs(token, `{ editorListings { id } }`);
      expect(denied.errors![0]!.extensions!.code).toBe("UNAUTHENTICATED");
    });

    it("expires: an expired session is refused and its cookie cleared; use pushes the idle expiry back, never past the absolute limit", async () => {
      const token = dataOf(await login("nadia@example.org", PASSWORD, fromClient(), true)).login.token;
      await t.database.db.execute(
        sql`update sessions set created_at = now() - interval '1 hour', expires_at = now() - interval '1 second' where token_hash = ${sha256(token)}`,
      );
      expect(dataOf(await t.graphqlAs(token, ME)).me).toBeNull();
      const viaCookie = await t.graphql(ME, {}, { cookie: `start_session=${token}` });
      expect((viaCookie.headers["set-cookie"] as unknown as string[]).join()).toMatch(/start_session=;/);

      const sliding = dataOf(await login("nadia@example.org", PASSWORD, fromClient(), true)).login.token;
      await t.database.db.execute(
        sql`update sessions set last_seen_at = now() - interval '2 hours', expires_at = now() + interval '10 hours' where token_hash = ${sha256(sliding)}`,
      );
      expect(dataOf(await t.graphqlAs(sliding, ME)).me.email).toBe("nadia@example.org");
      const [pushed] = await queryRows<{ hours: number | string }>(
        t.database.db,
        sql`select extract(epoch from expires_at - now()) / 3600 as hours from sessions where token_hash = ${sha256(sliding)}`,
      );
      expect(Number(pushed!.hours)).toBeGreaterThan(11.9);

      await t.database.db.execute(
        sql`update sessions set created_at = now() - interval '30 days' + interval '1 hour', last_seen_at = now() - interval '2 hours' where token_hash = ${sha256(sliding)}`,
      );
      await t.graphqlAs(sliding, ME);
      const [capped] = await queryRows<{ hours: number | string }>(
        t.database.db,
        sql`select extract(epoch from expires_at - now()) / 3600 as hours from sessions where token_hash = ${sha256(sliding)}`,
      );
      expect(Number(capped!.hours)).toBeLessThan(1.01);
    });

    it("work across API processes: nothing is kept in memory", async () => {
      const second = t.database.driver === "postgres" ? await createDatabase({ url: secondUrl(t), maxConnections: 2 }) : t.database;
      const other = await createApp({ database: second, logger: silentLogger });
      try {
        const token = dataOf(await login("nadia@example.org", PASSWORD, fromClient(), true)).login.token;
        const ask = (query: string) =>
          supertest(other.app).post("/graphql").set({ "content-type": "application/json", authorization: `Bearer ${token}` }).send({ query });
        expect((await ask(ME)).body.data.me.email).toBe("nadia@example.org");
        expect((await ask("mutation { logout }")).body.data.logout).toBe(true);
        expect(dataOf(await t.graphqlAs(token, ME)).me).toBeNull();
      } finally {
        await other.close();
        if (second !== t.database) await second.close();
      }
    });

    it("changes a password: the current one is checked, other sessions end, this one stays", async () => {
      const current = dataOf(await login("rami@example.org", PASSWORD, fromClient(), true)).login.token;
      const elsewhere = dataOf(await login("rami@example.org", PASSWORD, fromClient(), true)).login.token;
      const CHANGE = `mutation ($current: String!, $next: String!) { changePassword(currentPassword: $current, newPassword: $next) }`;
      const wrong = await t.graphqlAs(current, CHANGE, { current: "not it at all", next: "a brand new passphrase" }, { "accept-language": "fr" });
      expect(wrong.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [{ path: "currentPassword", message: "Le mot de passe actuel n’est pas correct." }] });
      const short = await t.graphqlAs(current, CHANGE, { current: PASSWORD, next: "short" }, { "accept-language": "en" });
      expect(short.errors![0]!.extensions!.fields).toEqual([{ path: "newPassword", message: "The password must be 12 to 256 characters long." }]);
      expect(dataOf(await t.graphqlAs(current, CHANGE, { current: PASSWORD, next: "a brand new passphrase" })).changePassword).toBe(true);
      expect(dataOf(await t.graphqlAs(current, ME)).me.email).toBe("rami@example.org");
      expect(dataOf(await t.graphqlAs(elsewhere, ME)).me).toBeNull();
      expect(dataOf(await login("rami@example.org", "a brand new passphrase")).login.user.email).toBe("rami@example.org");
      const audit = await queryRows<{ row: string }>(t.database.db, sql`select row(a.*)::text as row from audit_entries a`);
      expect(audit.map((row) => row.row).join()).not.toMatch(/argon2|password_hash|brand new passphrase/);
    });
  });

  describe("invitations", () => {
    const INVITE = `mutation ($email: String!, $org: ID, $role: Role!) { inviteUser(email: $email, role: $role, organizationId: $org, linkLocale: "fr") {
      url invitation { id email role status expiresAt organization { slug } } } }`;
    const ACCEPT = `mutation ($token: String!, $name: String!) { acceptInvitation(token: $token, displayName: $name, password: "a long enough password") {
      user { email displayName roles { role organization { slug } } } } }`;
    const invite = async (email: string, role = "ORG_EDITOR", org: string | null = t.fixtures.id("organization:ngo-a")) =>
      dataOf(await t.graphqlAs(sessions.admin, INVITE, { email, role, org })).inviteUser;
    const tokenOf = (url: string) => url.split("#")[1]!;

    it("gives a one-time link with an expiry; the invitee sets a password and is signed in with the role", async () => {
      const link = await invite("hana@example.org");
      expect(link.url).toMatch(/^\/fr\/editor\/invite\/#[A-Za-z0-9_-]{43}$/);
      expect(link.invitation).toMatchObject({ email: "hana@example.org", role: "ORG_EDITOR", status: "OPEN", organization: { slug: "ngo-a" } });
      const days = (new Date(link.invitation.expiresAt).getTime() - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(6.9);
      expect(days).toBeLessThanOrEqual(7);
      const stored = await queryRows<{ token_hash: string }>(t.database.db, sql`select token_hash from invitations where email = 'hana@example.org'`);
      expect(stored[0]!.token_hash).toBe(sha256(tokenOf(link.url)));

      const accepted = await t.graphql(ACCEPT, { token: tokenOf(link.url), name: "Hana" });
      expect(dataOf(accepted).acceptInvitation.user).toEqual({
        email: "hana@example.org",
        displayName: "Hana",
        roles: [{ role: "ORG_EDITOR", organization: { slug: "ngo-a" } }],
      });
      expect((accepted.headers["set-cookie"] as unknown as string[]).join()).toMatch(/start_session=[A-Za-z0-9_-]{43};/);
      expect(dataOf(await login("hana@example.org", "a long enough password")).login.user.displayName).toBe("Hana");

      const again = await t.graphql(ACCEPT, { token: tokenOf(link.url), name: "Someone else" }, { "accept-language": "en" });
      expect(again.errors![0]!.extensions!.code).toBe("INVALID_STATE");
      expect(again.errors![0]!.message).toMatch(/has expired, has been used already or was withdrawn/);
    });

    it("refuses an expired link, a withdrawn one, and a made-up one", async () => {
      const expired = await invite("late@example.org");
      await t.database.db.execute(sql`update invitations set created_at = now() - interval '8 days', expires_at = now() - interval '1 day' where email = 'late@example.org'`);
      expect((await t.graphql(ACCEPT, { token: tokenOf(expired.url), name: "Late" })).errors![0]!.extensions!.code).toBe("INVALID_STATE");

      const withdrawn = await invite("withdrawn@example.org");
      dataOf(await t.graphqlAs(sessions.admin, `mutation ($id: ID!) { revokeInvitation(id: $id) { status } }`, { id: withdrawn.invitation.id }));
      expect((await t.graphql(ACCEPT, { token: tokenOf(withdrawn.url), name: "Withdrawn" })).errors![0]!.extensions!.code).toBe("INVALID_STATE");

      expect((await t.graphql(ACCEPT, { token: "x".repeat(43), name: "Nobody" })).errors![0]!.extensions!.code).toBe("INVALID_STATE");
      const users = await queryRows(t.database.db, sql`select 1 from users where email in ('late@example.org', 'withdrawn@example.org')`);
      expect(users).toHaveLength(0);
    });

    it("tells a link's page whether the link can be used (usable, used, expired, withdrawn, unknown), nothing more, never cached, limited per client", async () => {
      const STATUS = "query ($token: String!) { invitationStatus(token: $token) }";
      const status = async (token: string, headers: Record<string, string> = fromClient()) => {
        const answer = await t.graphql(STATUS, { token }, headers);
        expect(answer.headers["cache-control"]).toBe("private, no-store");
        // The status and nothing else: no address, role, organization or date.
        expect(Object.keys(answer.data ?? {})).toEqual(["invitationStatus"]);
        return dataOf(answer).invitationStatus;
      };
      const fresh = await invite("status@example.org");
      expect(await status(tokenOf(fresh.url))).toBe("USABLE");
      dataOf(await t.graphql(ACCEPT, { token: tokenOf(fresh.url), name: "Status" }));
      expect(await status(tokenOf(fresh.url))).toBe("USED");

      const late = await invite("status-late@example.org");
      await t.database.db.execute(sql`update invitations set created_at = now() - interval '8 days', expires_at = now() - interval '1 day' where email = 'status-late@example.org'`);
      expect(await status(tokenOf(late.url))).toBe("EXPIRED");

      const older = await invite("status-twice@example.org");
      const newer = await invite("status-twice@example.org");
      expect(await status(tokenOf(older.url))).toBe("WITHDRAWN");
      expect(await status(tokenOf(newer.url))).toBe("USABLE");

      for (const made of ["x".repeat(43), "short", "", "../../etc", "' or 1=1 --"]) expect(await status(made), made).toBe("UNKNOWN");

      // One client: 6 checks per window, then a localised refusal that says when to try again.
      const one = fromClient();
      for (let check = 0; check < 6; check += 1) expect(await status("y".repeat(43), one)).toBe("UNKNOWN");
      const refused = await t.graphql(STATUS, { token: tokenOf(newer.url) }, { ...one, "accept-language": "fr" });
      expect(refused.errors![0]!.extensions).toMatchObject({ code: "TOO_MANY_REQUESTS" });
      expect(refused.errors![0]!.extensions!.retryAfterMinutes).toBeGreaterThan(0);
      expect(refused.errors![0]!.message).toBe("Trop de requêtes depuis cette connexion. Veuillez réessayer plus tard.");
      // Another client is not held back by it.
      expect(await status(tokenOf(newer.url))).toBe("USABLE");
    });

    it("keeps only the newest link for an address, refuses addresses that have an account, and checks role and organization", async () => {
      const first = await invite("twice@example.org");
      const second = await invite("twice@example.org");
      expect((await t.graphql(ACCEPT, { token: tokenOf(first.url), name: "Twice" })).errors![0]!.extensions!.code).toBe("INVALID_STATE");
      dataOf(await t.graphql(ACCEPT, { token: tokenOf(second.url), name: "Twice" }));

      const taken = await t.graphqlAs(sessions.admin, INVITE, { email: "Nadia@example.org", role: "ORG_EDITOR", org: t.fixtures.id("organization:ngo-a") });
      expect(taken.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [{ path: "email" }] });
      const moderatorWithOrganization = await t.graphqlAs(
        sessions.admin,
        INVITE,
        { email: "mod@example.org", role: "MODERATOR", org: t.fixtures.id("organization:ngo-a") },
        { "accept-language": "ar" },
      );
      expect(moderatorWithOrganization.errors![0]!.extensions!.fields).toEqual([
        { path: "organizationId", message: "محررو المنظمات وناشرو الوزارات يتبعون منظمة، أما المشرفون والمديرون فلا." },
      ]);
    });
  });

  describe("administering accounts", () => {
    const USERS = `{ users { id email version disabled roles { role } } }`;
    const userByEmail = async (email: string) =>
      dataOf(await t.graphqlAs(sessions.admin, USERS)).users.find((user: any) => user.email === email);

    it("disabling an account ends its sessions at once; enabling it lifts a lock-out too", async () => {
      const token = dataOf(await login("nadia@example.org", PASSWORD, fromClient(), true)).login.token;
      const nadia = await userByEmail("nadia@example.org");
      const disabled = dataOf(await t.graphqlAs(sessions.admin, `mutation ($id: ID!, $v: Int!) { disableUser(userId: $id, expectedVersion: $v) { disabled version } }`, { id: nadia.id, v: nadia.version })).disableUser;
      expect(disabled).toEqual({ disabled: true, version: nadia.version + 1 });
      expect(dataOf(await t.graphqlAs(token, ME)).me).toBeNull();
      expect((await login("nadia@example.org", PASSWORD)).errors![0]!.extensions!.code).toBe("UNAUTHENTICATED");
      const stale = await t.graphqlAs(sessions.admin, `mutation ($id: ID!) { enableUser(userId: $id, expectedVersion: 1) { disabled } }`, { id: nadia.id });
      expect(stale.errors![0]!.extensions).toMatchObject({ code: "CONFLICT", currentVersion: nadia.version + 1 });
      dataOf(await t.graphqlAs(sessions.admin, `mutation ($id: ID!, $v: Int!) { enableUser(userId: $id, expectedVersion: $v) { disabled } }`, { id: nadia.id, v: nadia.version + 1 }));
      expect(dataOf(await login("nadia@example.org", PASSWORD)).login.user.email).toBe("nadia@example.org");
    });

    it("never leaves START without an active admin", async () => {
      const admin = await userByEmail("admin@example.org");
      const demote = await t.graphqlAs(
        sessions.admin,
        `mutation ($id: ID!, $v: Int!) { setUserRoles(userId: $id, expectedVersion: $v, roles: [{ role: MODERATOR }]) { id } }`,
        { id: admin.id, v: admin.version },
        { "accept-language": "en" },
      );
      expect(demote.errors![0]!.extensions!.code).toBe("INVALID_STATE");
      expect(demote.errors![0]!.message).toMatch(/at least one active administrator/);
      const disable = await t.graphqlAs(sessions.admin, `mutation ($id: ID!, $v: Int!) { disableUser(userId: $id, expectedVersion: $v) { id } }`, {
        id: admin.id,
        v: admin.version,
      });
      expect(disable.errors![0]!.extensions!.code).toBe("INVALID_STATE");
      expect((await userByEmail("admin@example.org")).roles).toEqual([{ role: "ADMIN" }]);
    });
  });
});

describe(`the first admin (${testDriver})`, () => {
  it("comes from START_ADMIN_EMAIL and START_ADMIN_PASSWORD on first start, and only then", async () => {
    const database = await createTestDatabase();
    try {
      const created = await ensureFirstAdmin(database.db, { START_ADMIN_EMAIL: "coordinator@example.org", START_ADMIN_PASSWORD: "a very long admin password" });
      expect(created).toEqual({ created: true, email: "coordinator@example.org", generatedPassword: undefined });
      const [row] = await queryRows<{ password_hash: string; role: string }>(
        database.db,
        sql`select u.password_hash, m.role from users u join memberships m on m.user_id = u.id where u.email = 'coordinator@example.org'`,
      );
      expect(row!.role).toBe("admin");
      expect(row!.password_hash).toMatch(/^\$argon2id\$/);
      expect(await verifyPassword(row!.password_hash, "a very long admin password")).toBe(true);
      expect(await ensureFirstAdmin(database.db, { START_ADMIN_EMAIL: "other@example.org", START_ADMIN_PASSWORD: "another long password" })).toEqual({ created: false });
    } finally {
      await database.dispose();
    }
  });

  it("gets a random password, given back once to print, when no e-mail and password are set", async () => {
    const database = await createTestDatabase();
    try {
      const [first, second] = await Promise.all([ensureFirstAdmin(database.db, {}), ensureFirstAdmin(database.db, {})]);
      const created = [first, second].filter((result) => result.created);
      expect(created).toHaveLength(1);
      expect(created[0]!.generatedPassword).toMatch(/^[A-Za-z0-9_-]{24}$/);
      const [row] = await queryRows<{ password_hash: string }>(database.db, sql`select password_hash from users where email = ${created[0]!.email}`);
      expect(await verifyPassword(row!.password_hash, created[0]!.generatedPassword!)).toBe(true);
      const everything = await queryRows<{ row: string }>(database.db, sql`select row(a.*)::text as row from audit_entries a`);
      expect(everything.map((entry) => entry.row).join()).not.toContain(created[0]!.generatedPassword!);
    } finally {
      await database.dispose();
    }
  });
});

function secondUrl(t: TestApi): string {
  // The test database's own URL (createTestDatabase copies DATABASE_URL's database under a new name).
  return t.database.location.replace("***", "");
}
