/// <reference lib="dom" />
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDriver } from "../support/database.js";
import { CONTENT_SECURITY_POLICY } from "../support/portal.js";
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

/**
 * START as the README runs it (`pnpm start`, a free port, a fresh data directory), in Chromium:
 * an admin signs in to the editor and changes a published service's phone number, and the public
 * page shows the new number without anything else being done. Prints how long that took.
 */
describe(`publish to visible, end to end (${testDriver})`, () => {
  const data = temporaryDataDir();
  let database: Awaited<ReturnType<typeof separateDatabase>>;
  let start: StartedProcess | undefined;
  let browser: Browser;
  const refused: string[] = [];

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

  /** Signs in to the editor (/en/editor/), opens the service's form, replaces the phone number and saves. */
  async function signInAndChangePhone(page: Page, url: string, service: { id: string; number: string }, number: string): Promise<void> {
    await page.goto(`${url}/en/editor/`);
    await page.fill("#sign-in-email", ADMIN.email);
    await page.fill("#sign-in-password", ADMIN.password);
    await page.click('button[data-action="sign-in"]');
    await page.locator(".sign-in-form").waitFor({ state: "detached" });
    await page.goto(`${url}/en/editor/#/services/${service.id}`);
    // The service's own numbers are phones.0.number, phones.1.number…: the one shown on the public page.
    const phones = page.locator('fieldset[data-path="phones"] input[id^="f-phones-"][id$="-number"]');
    await phones.first().waitFor();
    const values = await phones.evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value.replace(/[^+\d]/g, "")));
    const index = values.indexOf(service.number);
    expect(index, `the form shows the number ${service.number}`).toBeGreaterThanOrEqual(0);
    await phones.nth(index).fill(number);
    await page.click('button[data-action="save"]');
    await page.locator(".save-status-ok").waitFor({ timeout: 30_000 });
  }

  it("shows a published service's new phone number on its public page, by itself, after an admin changes it", async () => {
    const url = start!.url;
    const service = await publishedServiceWithPhone(url);
    const number = `+21892${String(Date.now() % 10_000_000).padStart(7, "0")}`;
    expect(number).not.toBe(service.number);

    const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
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
      if (performance.now() - saved > 240_000) throw new Error(`the new number never appeared:\n${start!.output().slice(-4000)}`);
      await reader.waitForTimeout(250);
    }
    expect(await reader.locator(`a[href="tel:${service.number}"]`).count()).toBe(0);
    expect(await visitor.cookies()).toEqual([]);

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

  it("stops on Ctrl-C (SIGINT to the process group, as a terminal sends it) cleanly", async () => {
    start!.signal("SIGINT", true);
    const ended = await start!.exited;
    expect(ended.code).toBe(0);
    expect(start!.logs().map((entry) => entry.message)).toContain("stopped");
    start = undefined;
  }, 60_000);
});
