/// <reference lib="dom" />
import { mkdirSync } from "node:fs";
import path from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDriver } from "../support/database.js";
import { repositoryRoot } from "../support/portal.js";
import { graphql, separateDatabase, signIn, startProcess, type StartedProcess, swapped, temporaryDataDir, waitForSwap } from "../support/system.js";

/**
 * Correcting a wrong phone number where it lives, end to end, as START runs (`pnpm start`, the
 * trimmed content): a location's own number is shown on the public page; its organization's editor
 * corrects it in the editor (Arabic, 360×640), submits it; a moderator compares before and after
 * on the review page (Arabic, then French) and approves; the portal rebuilds by itself, and the
 * public page (Arabic and French) calls the new number and no longer shows the old one.
 */
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"];
const VIEWPORT = { width: 360, height: 640 };
const SCREENSHOTS = path.join(repositoryRoot, "tests/output/contacts");
const ADMIN = { email: "admin@example.org", password: "contacts-e2e-password-1" };
const EDITOR = { email: "focal.point@legal-aid.example.org", name: "هدى المحررة", password: "editor password for contacts" };
const MODERATOR = { email: "moderator@start.example.org", name: "Mona Moderator", password: "moderator password for contacts" };
const TAP_TARGETS = "button:not([hidden]), input:not([type=checkbox]):not([type=radio]), select, summary, .badge-link";

describe(`correcting a location's phone number, editor to public page (${testDriver})`, () => {
  const data = temporaryDataDir();
  let database: Awaited<ReturnType<typeof separateDatabase>>;
  let start: StartedProcess | undefined;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    database = await separateDatabase();
    start = await startProcess({
      entry: "start",
      viaPnpm: true,
      dataDir: data.dir,
      databaseUrl: database.url,
      env: { START_ADMIN_EMAIL: ADMIN.email, START_ADMIN_PASSWORD: ADMIN.password },
      readyTimeoutMs: 300_000,
    });
    await waitForSwap(start, 300_000);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 600_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await start?.stop();
    await database?.drop();
    data.remove();
  });

  async function newPage(locale: string, options: { serviceWorkers?: "block" } = {}): Promise<Page> {
    const context = await browser.newContext({ viewport: VIEWPORT, locale, ...options });
    contexts.push(context);
    const page = await context.newPage();
    page.on("pageerror", (error) => problems.push(`${page.url()}: ${error.message}`));
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to/.test(message.text())) problems.push(`${page.url()}: ${message.text()}`);
    });
    page.on("dialog", (dialog) => void dialog.accept());
    return page;
  }

  /** An account made the way START makes them: an admin's invitation, accepted with a password. */
  async function invite(admin: string, person: { email: string; name: string; password: string }, role: string, organizationId: string | null) {
    const invited = await graphql<{ inviteUser: { url: string } }>(
      start!.url,
      `mutation ($email: String!, $role: Role!, $org: ID) { inviteUser(email: $email, role: $role, organizationId: $org) { url } }`,
      { email: person.email, role, org: organizationId },
      { authorization: `Bearer ${admin}` },
    );
    const token = invited.data!.inviteUser.url.split("#")[1]!;
    const accepted = await graphql(start!.url, `mutation ($t: String!, $n: String!, $p: String!) { acceptInvitation(token: $t, displayName: $n, password: $p) { user { id } } }`, {
      t: token,
      n: person.name,
      p: person.password,
    });
    expect(accepted.errors).toBeUndefined();
  }

  async function signInToEditor(page: Page, locale: string, person: { email: string; password: string }) {
    await page.goto(`${start!.url}/${locale}/editor/`);
    await page.fill("#sign-in-email", person.email);
    await page.fill("#sign-in-password", person.password);
    await page.click("button[data-action=sign-in]");
    await page.locator(".editor-toolbar").waitFor();
  }

  const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  const smallTargets = (page: Page, within: string) =>
    page.evaluate(
      ([scope, selector]) =>
        [...document.querySelectorAll<HTMLElement>(`${scope} :is(${selector})`)]
          .filter((element) => element.offsetParent !== null && element.getClientRects().length > 0)
          .map((element) => ({ name: (element.getAttribute("name") || element.textContent || "").trim().slice(0, 40), height: element.getBoundingClientRect().height }))
          .filter((item) => item.height < 43.5),
      [within, TAP_TARGETS] as const,
    );

  it("an org editor corrects a location's number, a moderator approves it, and the rebuilt public page calls the new number only", async () => {
    const url = start!.url;
    const admin = await signIn(url, ADMIN.email, ADMIN.password);
    // A published service whose location has a number of its own, as the public page shows it.
    const listed = await graphql<{ services: { edges: { node: { id: string; slug: string; organization: { id: string; slug: string }; locations: { location: { phones: { number: string; type: string }[] } }[] } }[] } }>(
      url,
      `{ services(first: 100, locale: "en") { edges { node { id slug organization { id slug } locations { location { phones { number type } } } } } } }`,
    );
    const service = listed.data!.services.edges
      .map((edge) => edge.node)
      .find((node) => node.organization.slug === "sample-legal-aid-centre" && node.locations.some((entry) => entry.location.phones.some((phone) => phone.type === "VOICE")))!;
    expect(service, "a published service of the legal aid centre with a location's own number").toBeTruthy();
    const locationIndex = service.locations.findIndex((entry) => entry.location.phones.length > 0);
    const oldNumber = service.locations[locationIndex]!.location.phones[0]!.number;
    const newNumber = "+21800000299";
    expect(newNumber).not.toBe(oldNumber);

    const visitor = await newPage("ar", { serviceWorkers: "block" });
    await visitor.goto(`${url}/ar/services/${service.slug}/`);
    expect(await visitor.locator(`a[href="tel:${oldNumber}"]`).count()).toBeGreaterThan(0);

    await invite(admin, EDITOR, "ORG_EDITOR", service.organization.id);
    await invite(admin, MODERATOR, "MODERATOR", null);

    // The org editor, in Arabic on a phone-sized screen.
    const editor = await newPage("ar");
    await signInToEditor(editor, "ar", EDITOR);
    await editor.evaluate((id) => (location.hash = `#/services/${id}`), service.id);
    const field = editor.locator(`input[name="locations.${locationIndex}.locationPhones.0.number"]`);
    await field.waitFor();
    // The number the public sees is in the form, where it lives: the location's own numbers.
    expect((await field.inputValue()).replace(/[^+\d]/g, "")).toBe(oldNumber);
    const card = editor.locator(`[data-path="locations.${locationIndex}"]`);
    expect(await card.locator(`fieldset[data-path="locations.${locationIndex}.locationPhones"] legend`).textContent()).toBe("أرقام هاتف المكان نفسه");

    // Not a number: the editor says so next to the field, in Arabic, and nothing is sent.
    await field.fill("٠٩١ ٢٣٤");
    await editor.click("button[data-action=save]");
    const error = editor.locator(`#f-locations-${locationIndex}-locationPhones-0-number-error`);
    await error.waitFor();
    expect(await error.textContent()).toBe("اكتب الرقم مع رمز البلد، مثل ‎+218912345678.");
    expect(await field.getAttribute("aria-invalid")).toBe("true");
    expect(await editor.locator("#error-summary").textContent()).toContain("أرقام هاتف المكان نفسه");

    await field.fill(newNumber.replace(/^(\+218)(\d{2})(\d+)$/, "$1 $2 $3"));
    await field.scrollIntoViewIfNeeded();
    expect(await overflow(editor)).toBe(0);
    expect(await smallTargets(editor, `[data-path="locations.${locationIndex}"]`)).toEqual([]);
    await editor.screenshot({ path: path.join(SCREENSHOTS, "ar-location-phone-form.png") });
    await editor.screenshot({ path: path.join(SCREENSHOTS, "ar-location-phone-form-full.png"), fullPage: true });
    await editor.click("button[data-action=save]");
    await editor.locator(".save-status-ok").waitFor();
    await editor.click("button[data-action=submit]");
    await expect
      .poll(async () => (await graphql<{ editableService: { pendingChanges: { status: string } | null } }>(url, `query ($id: ID!) { editableService(id: $id) { pendingChanges { status } } }`, { id: service.id }, { authorization: `Bearer ${admin}` })).data?.editableService.pendingChanges?.status, { timeout: 15_000 })
      .toBe("IN_REVIEW");
    // Waiting for review: the public page still shows the published number.
    await visitor.reload();
    expect(await visitor.locator(`a[href="tel:${oldNumber}"]`).count()).toBeGreaterThan(0);

    // The moderator compares before and after, in Arabic.
    const moderator = await newPage("ar");
    await signInToEditor(moderator, "ar", MODERATOR);
    await moderator.evaluate(() => (location.hash = "#/review"));
    await moderator.locator(`[data-listing="${service.id}"] a`).click();
    const row = moderator.locator(`tr[data-change="locations.${locationIndex}.locationPhones.0.number"]`);
    await row.waitFor();
    expect(await row.getAttribute("data-change-kind")).toBe("changed");
    expect(await row.locator(".change-before").textContent()).toBe(`\u2066${oldNumber}\u2069`);
    expect(await row.locator(".change-after").textContent()).toBe(`\u2066${newNumber}\u2069`);
    expect(await row.locator("th").textContent()).toContain("أرقام هاتف المكان نفسه");
    // Nothing else changed.
    expect(await moderator.locator(".changes-table tbody tr").count()).toBe(1);
    expect(await overflow(moderator)).toBe(0);
    await row.scrollIntoViewIfNeeded();
    await moderator.screenshot({ path: path.join(SCREENSHOTS, "ar-location-phone-review.png") });
    await moderator.screenshot({ path: path.join(SCREENSHOTS, "ar-location-phone-review-full.png"), fullPage: true });

    // The same review in French, where the moderator approves it.
    const french = await newPage("fr");
    await signInToEditor(french, "fr", MODERATOR);
    await french.evaluate((id) => (location.hash = `#/review/${id}`), service.id);
    const frenchRow = french.locator(`tr[data-change="locations.${locationIndex}.locationPhones.0.number"]`);
    await frenchRow.waitFor();
    expect(await frenchRow.locator("th").textContent()).toContain("Numéros de téléphone du lieu lui-même");
    expect(await french.locator(".changes-table thead").textContent()).toContain("Avant");
    expect(await overflow(french)).toBe(0);
    await french.screenshot({ path: path.join(SCREENSHOTS, "fr-location-phone-review.png"), fullPage: true });
    const logsBefore = start!.logs().length;
    const approved = performance.now();
    await french.click("button[data-action=approve]");
    await french.waitForURL(/#\/review$/);
    await start!.waitForLog(
      (entry) => entry.message === "publish queued" && (entry.reasons as string[]).includes(`changes published: service ${service.slug}`),
      15_000,
      logsBefore,
    );
    const build = await start!.waitForLog(swapped, 240_000, logsBefore);
    console.log(
      `approved to public (${testDriver}, trimmed content): ${((performance.now() - approved) / 1000).toFixed(1)} s from the moderator's approval to the rebuilt site ` +
        `(build ${((build.durationMs as number) / 1000).toFixed(1)} s for ${build.pages} pages)`,
    );

    // The rebuilt public page, in Arabic and in French: the new number to tap, the old one gone.
    for (const locale of ["ar", "fr"]) {
      const response = await visitor.goto(`${url}/${locale}/services/${service.slug}/`);
      expect(response?.status()).toBe(200);
      const call = visitor.locator(`a.button-call[href="tel:${newNumber}"]`);
      expect(await call.count(), `${locale}: a call button for the new number`).toBeGreaterThan(0);
      expect((await call.first().boundingBox())!.height).toBeGreaterThanOrEqual(44);
      expect(await visitor.locator(`a[href="tel:${oldNumber}"]`).count(), `${locale}: the old number is gone`).toBe(0);
      expect(await visitor.content()).not.toContain(oldNumber.slice(1));
      expect(await overflow(visitor)).toBe(0);
      await visitor.screenshot({ path: path.join(SCREENSHOTS, `${locale}-public-page-after.png`), fullPage: true });
    }
    expect(problems).toEqual([]);
  }, 420_000);
});
