/// <reference lib="dom" />
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { eq } from "drizzle-orm";
import { hashPassword, newBuildId, SiteDirectory } from "@start/api";
import { memberships, organizations, users } from "@start/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDriver } from "../support/database.js";
import { runBuild } from "../support/portal.js";
import { type SecureApi, startSecureApi } from "../security/harness.js";

/**
 * The editor's pages in Chromium, served by START's own HTTP app (the API and the portal's build on
 * one origin, the server's log captured): the sign-in page, signing in, the editor's home, the
 * invitation page. Every request stays on START's origin, nothing breaks the Content-Security-
 * Policy, the only cookie is the session's (HttpOnly, SameSite=Lax) and only after signing in,
 * and the server's log never sees the password or the e-mail address typed in. The public
 * portal's pages are checked the same way in tests/browser/portal.test.ts.
 */
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"];
const EDITOR = { email: "privacy.editor@example.org", password: "Browser-Privacy-Passphrase-4e1f", organization: "libyan-red-crescent" };

describe(`the editor's pages make no third-party request and keep the session cookie private (${testDriver})`, () => {
  let t: SecureApi;
  let root: string;
  let browser: Browser;
  let context: BrowserContext;
  const requested: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), "start-browser-privacy-"));
    const site = new SiteDirectory(path.join(root, "site"));
    t = await startSecureApi({ site, content: "content" });
    const db = t.database.db;
    const [organization] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, EDITOR.organization));
    const [user] = await db
      .insert(users)
      .values({ email: EDITOR.email, displayName: "Privacy Editor", passwordHash: await hashPassword(EDITOR.password) })
      .returning({ id: users.id });
    await db.insert(memberships).values({ userId: user!.id, role: "org_editor", organizationId: organization!.id });

    const id = newBuildId(1);
    const result = await runBuild(["--api", `${t.url}/graphql`, "--out", await site.prepareBuild(id), "--site", t.url, "--quiet"]);
    if (result.code !== 0) throw new Error(`the portal build failed (exit ${result.code}):\n${result.stderr}\n${result.stdout.slice(-2000)}`);
    await site.swapIn({ id, builtAt: new Date().toISOString(), sourceStamp: "browser-privacy-test", durationMs: 0, jobIds: [] });

    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
    context = await browser.newContext({ viewport: { width: 360, height: 640 }, locale: "ar" });
    context.on("request", (request) => requested.push(request.url()));
    context.on("page", (page: Page) => {
      page.on("pageerror", (error) => problems.push(`${page.url()}: ${error.message}`));
      page.on("console", (message) => {
        if (message.type() === "error" && /Content Security Policy|Refused to/.test(message.text())) problems.push(`${page.url()}: ${message.text()}`);
      });
    });
  }, 600_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it("signs in on the editor's page: requests only START's origin, and the one cookie is the HttpOnly, SameSite session", async () => {
    const page = await context.newPage();
    await page.goto(`${t.url}/ar/editor/`);
    await page.locator("#sign-in-email").waitFor();
    expect(await context.cookies()).toEqual([]);

    await page.fill("#sign-in-email", EDITOR.email);
    await page.fill("#sign-in-password", EDITOR.password);
    await page.click("button[data-action=sign-in]");
    await page.locator(".editor-toolbar").waitFor();
    const cookies = await context.cookies();
    expect(cookies.map(({ name, httpOnly, sameSite, path: cookiePath }) => ({ name, httpOnly, sameSite, path: cookiePath }))).toEqual([
      { name: "start_session", httpOnly: true, sameSite: "Lax", path: "/" },
    ]);
    // Script on the page cannot read it.
    expect(await page.evaluate(() => document.cookie)).toBe("");

    await page.goto(`${t.url}/fr/editor/invite/`);
    await page.waitForLoadState("networkidle");
    await page.goto(`${t.url}/en/`);
    await page.waitForLoadState("networkidle");

    const origin = new URL(t.url).origin;
    const foreign = requested.filter((url) => !url.startsWith("data:") && new URL(url).origin !== origin);
    expect(requested.filter((url) => url.includes("/graphql")).length).toBeGreaterThan(0);
    expect(requested.length).toBeGreaterThan(5);
    expect(foreign).toEqual([]);
    expect(problems).toEqual([]);

    const log = t.log.text();
    expect(t.log.entries.some((entry) => entry.message === "request" && String(entry.fields.path).startsWith("/graphql"))).toBe(true);
    expect(log).not.toContain(EDITOR.password);
    expect(log).not.toContain(EDITOR.email);
    expect(log).not.toContain(cookies[0]!.value);
    expect(log).not.toMatch(/\b(?:\d{1,3}\.){3}\d{1,3}\b/);
  });
});
