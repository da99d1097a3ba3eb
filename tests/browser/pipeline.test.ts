/// <reference lib="dom" />
import { mkdirSync } from "node:fs";
import path from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDriver } from "../support/database.js";
import { CONTENT_SECURITY_POLICY, repositoryRoot } from "../support/portal.js";
import {
  publishedServiceWithPhone,
  separateDatabase,
  startProcess,
  type StartedProcess,
  swapped,
  waitForSwap,
  temporaryDataDir,
} from "../support/system.js";
import { contentFolder } from "@start/db";

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"];
const ADMIN = { email: "admin@example.org", password: "pipeline-e2e-password-1" };
const SCREENSHOTS = path.join(repositoryRoot, "tests/output/pipeline");
/** The order the editor's status line goes through (publishing.tsx); a quick build may skip a step between two polls. */
const PUBLISH_STATES = ["queued", "building", "live"];

/**
 * START as the README runs it (`pnpm start`, a free port, a fresh data directory), in Chromium:
 * an admin signs in to the editor and changes a published service's phone number, and the public
 * page shows the new number without anything else being done. Prints how long that took. The
 * editor says how the change goes out — queued, building, live — with a link to the public page.
 */
describe(`publish to visible, end to end (${testDriver})`, () => {
  const data = temporaryDataDir();
  let database: Awaited<ReturnType<typeof separateDatabase>>;
  let start: StartedProcess | undefined;
  let browser: Browser;
  const refused: string[] = [];
  /** The service's number on the public site, as the last test left it. */
  let current: { id: string; slug: string; number: string } | undefined;

  beforeAll(async () => {
    database = await separateDatabase();
    start = await startProcess({
      entry: "start",
      viaPnpm: true,
      dataDir: data.dir,
      databaseUrl: database.url,
      // The whole shipped content, as a first start has it: the time it prints is the README's figure.
      env: { START_ADMIN_EMAIL: ADMIN.email, START_ADMIN_PASSWORD: ADMIN.password, START_CONTENT_DIR: contentFolder },
      readyTimeoutMs: 300_000,
    });
    await waitForSwap(start, 300_000);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await start?.stop();
    await database?.drop();
    data.remove();
  });

  /**
   * Signs in to the editor (/{locale}/editor/), opens the service's form, replaces the phone number
   * and saves. From the form's first showing, notes each state its publish status line shows.
   */
  async function signInAndChangePhone(page: Page, url: string, service: { id: string; number: string }, number: string, locale = "en"): Promise<void> {
    await page.goto(`${url}/${locale}/editor/`);
    await page.fill("#sign-in-email", ADMIN.email);
    await page.fill("#sign-in-password", ADMIN.password);
    await page.click('button[data-action="sign-in"]');
    await page.locator(".sign-in-form").waitFor({ state: "detached" });
    await page.goto(`${url}/${locale}/editor/#/services/${service.id}`);
    // The service's own numbers are phones.0.number, phones.1.number…: the one shown on the public page.
    const phones = page.locator('fieldset[data-path="phones"] input[id^="f-phones-"][id$="-number"]');
    await phones.first().waitFor();
    const values = await phones.evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value.replace(/[^+\d]/g, "")));
    const index = values.indexOf(service.number);
    expect(index, `the form shows the number ${service.number}`).toBeGreaterThanOrEqual(0);
    await phones.nth(index).fill(number);
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { publishStates: string[] }).publishStates = seen;
      const note = () => {
        const state = document.querySelector<HTMLElement>(".publish-status")?.dataset.publishState;
        if (state && seen[seen.length - 1] !== state) seen.push(state);
      };
      new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-publish-state"] });
    });
    await page.click('button[data-action="save"]');
    await page.locator(".save-status-ok").waitFor({ timeout: 30_000 });
  }

  /** START's log without the requests: what the worker did. */
  const workerLog = () =>
    start!
      .logs()
      .filter((entry) => entry.message !== "request")
      .map((entry) => JSON.stringify(entry))
      .join("\n")
      .slice(-6000);

  /** Waits until the editor's status line says the change is live; returns the states it showed, in order. */
  async function waitUntilLive(page: Page): Promise<string[]> {
    const status = page.locator(".publish-status");
    expect(await status.getAttribute("role")).toBe("status");
    expect(await status.getAttribute("aria-live")).toBe("polite");
    try {
      await page.locator('.publish-status[data-publish-state="live"]').waitFor({ timeout: 240_000 });
    } catch (error) {
      throw new Error(`the editor never said live (it says "${await status.textContent()}"):\n${workerLog()}`, { cause: error });
    }
    const seen = await page.evaluate(() => (window as unknown as { publishStates: string[] }).publishStates);
    // Forwards only, ending live: never failed, never back to queued.
    expect(seen.at(-1)).toBe("live");
    expect(seen.map((state) => PUBLISH_STATES.indexOf(state))).toEqual([...seen.map((state) => PUBLISH_STATES.indexOf(state))].sort());
    expect(seen.every((state) => PUBLISH_STATES.includes(state)), seen.join(" → ")).toBe(true);
    return seen;
  }

  it("shows a published service's new phone number on its public page, by itself, after an admin changes it", async () => {
    const url = start!.url;
    const service = await publishedServiceWithPhone(url);
    const number = `+21892${String(Date.now() % 10_000_000).padStart(7, "0")}`;
    expect(number).not.toBe(service.number);

    // No service worker: the editor's link to the public page must reach the new build, not a saved copy.
    const context = await browser.newContext({ viewport: { width: 360, height: 640 }, serviceWorkers: "block" });
    const page = await context.newPage();
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to/.test(message.text())) refused.push(`${page.url()}: ${message.text()}`);
    });
    const before = await page.goto(`${url}/en/services/${service.slug}/`);
    expect(before?.status()).toBe(200);
    expect(before?.headers()["content-security-policy"]).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.locator(`a[href="tel:${service.number}"]`).count()).toBeGreaterThan(0);
    // The public gets no cookie.
    expect(await context.cookies()).toEqual([]);

    const logsBefore = start!.logs().length;
    await signInAndChangePhone(page, url, service, number);
    const saved = performance.now();
    // An admin's edit of a published service is public at once (no review): it queued a rebuild.
    await start!.waitForLog(
      (entry) => entry.message === "publish queued" && (entry.reasons as string[]).includes(`published service edited: service ${service.slug}`),
      10_000,
      logsBefore,
    );

    // A visitor reloads the page until the new number is there: no manual step in between.
    const visitor = await browser.newContext({ viewport: { width: 360, height: 640 }, serviceWorkers: "block" });
    const reader = await visitor.newPage();
    let visibleAfter = 0;
    for (;;) {
      const response = await reader.goto(`${url}/en/services/${service.slug}/`);
      expect(response?.status()).toBe(200);
      if ((await reader.locator(`a[href="tel:${number}"]`).count()) > 0) {
        visibleAfter = performance.now() - saved;
        break;
      }
      if (performance.now() - saved > 240_000) throw new Error(`the new number never appeared:\n${workerLog()}`);
      await reader.waitForTimeout(250);
    }
    expect(await reader.locator(`a[href="tel:${service.number}"]`).count()).toBe(0);
    expect(await visitor.cookies()).toEqual([]);

    // The editor followed the change: queued, building, then live, with the public page a tap away.
    const seen = await waitUntilLive(page);
    expect(await page.locator(".publish-status").textContent()).toContain("Live on the public site");
    const link = page.locator('.publish-status a[data-action="public-page"]');
    expect(await link.getAttribute("href")).toBe(`/en/services/${service.slug}/`);
    const [opened] = await Promise.all([page.waitForNavigation(), link.click()]);
    expect(opened?.status()).toBe(200);
    expect(page.url()).toBe(`${url}/en/services/${service.slug}/`);
    expect(await page.locator(`a[href="tel:${number}"]`).count()).toBeGreaterThan(0);
    console.log(`the editor's status line showed: ${seen.join(" → ")}`);
    current = { ...service, number };

    const build = start!.logs().slice(logsBefore).find(swapped)!;
    expect(build).toBeTruthy();
    console.log(
      `publish to visible on the seeded data (${testDriver}): ${(visibleAfter / 1000).toFixed(1)} s from the saved change to the new number on the public page ` +
        `(worker: ${((build.publishedInMs as number) / 1000).toFixed(1)} s from the queued change to the swap, of which the build ${((build.durationMs as number) / 1000).toFixed(1)} s for ${build.pages} pages)`,
    );
    expect(refused).toEqual([]);
    await visitor.close();
    await context.close();
  }, 300_000);

  it("says in Arabic how a change goes out, on a phone's screen", async () => {
    const url = start!.url;
    expect(current, "the test before changed the number").toBeDefined();
    const service = current!;
    const number = `+21891${String(Date.now() % 10_000_000).padStart(7, "0")}`;
    const context = await browser.newContext({ viewport: { width: 360, height: 640 }, serviceWorkers: "block", locale: "ar" });
    const page = await context.newPage();
    await signInAndChangePhone(page, url, service, number, "ar");
    const status = page.locator(".publish-status");
    await page.locator(".publish-status p").waitFor();
    expect(await page.getAttribute("html", "dir")).toBe("rtl");
    const early = (await status.getAttribute("data-publish-state"))!;
    expect(PUBLISH_STATES).toContain(early);
    mkdirSync(SCREENSHOTS, { recursive: true });
    // In the middle of the screen: the "saved" message floats at its foot for a few seconds.
    await status.evaluate((element) => element.scrollIntoView({ block: "center" }));
    await page.screenshot({ path: path.join(SCREENSHOTS, `ar-publish-status-${early}.png`) });

    await waitUntilLive(page);
    expect(await status.textContent()).toContain("منشور على الموقع العام");
    const link = status.locator('a[data-action="public-page"]');
    expect(await link.textContent()).toBe("افتح الصفحة العامة");
    expect(await link.getAttribute("href")).toBe(`/ar/services/${service.slug}/`);
    // In the middle of the screen: the "saved" message floats at its foot for a few seconds.
    await status.evaluate((element) => element.scrollIntoView({ block: "center" }));
    await page.screenshot({ path: path.join(SCREENSHOTS, "ar-publish-status-live.png") });
    const [opened] = await Promise.all([page.waitForNavigation(), link.click()]);
    expect(opened?.status()).toBe(200);
    expect(await page.locator(`a[href="tel:${number}"]`).count()).toBeGreaterThan(0);
    expect(refused).toEqual([]);
    await context.close();
  }, 300_000);

  it("stops on Ctrl-C (SIGINT to the process group, as a terminal sends it) cleanly", async () => {
    start!.signal("SIGINT", true);
    const ended = await start!.exited;
    expect(ended.code).toBe(0);
    expect(start!.logs().map((entry) => entry.message)).toContain("stopped");
    start = undefined;
  }, 60_000);
});
