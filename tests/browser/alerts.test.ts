/// <reference lib="dom" />
import { mkdirSync } from "node:fs";
import path from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDriver } from "../support/database.js";
import { type BuiltPortal, buildPortalFromContent, repositoryRoot, serveBuild, type StaticServer } from "../support/portal.js";

/**
 * A closure alert in Chromium at 360×640, in Arabic and French: the shipped sample closure of the
 * sample Sabha clinic shows on the clinic's page, on Sabha's page and on the alerts page, and the
 * clinic is labelled closed, never "open now", even at an hour its timetable says it is open. The
 * day after the closure's last day (Libya time), the phone drops the alert and the label and says
 * it is open again. The browser's clock is set to moments computed from the closure's dates (the
 * content is rebased to the tests' today), never to the real day.
 */
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"];
const VIEWPORT = { width: 360, height: 640 };
const SCREENSHOTS = path.join(repositoryRoot, "tests/output/alerts");
const CLINIC = "sample-sabha-primary-care-clinic";
const DAY = 86_400_000;

/** 10:00 in Libya on a day (YYYY-MM-DD) moved by `days`, skipping Fridays (the clinic's day off). */
function openingHour(day: string, days: number): Date {
  let moment = Date.parse(`${day}T10:00:00+02:00`) + days * DAY;
  while (new Date(moment + 2 * 3_600_000).getUTCDay() === 5) moment += days < 0 ? -DAY : DAY;
  return new Date(moment);
}

describe(`a closure alert in Chromium (${testDriver})`, () => {
  let portal: BuiltPortal;
  let server: StaticServer;
  let browser: Browser;
  let closure: { id: string; closedUntil: string; validFrom: string; translations: { locale: string; title: string }[] };
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];

  async function at(moment: Date): Promise<Page> {
    const context = await browser.newContext({ viewport: VIEWPORT });
    contexts.push(context);
    const page = await context.newPage();
    page.on("pageerror", (error) => problems.push(`${page.url()}: ${error.message}`));
    await page.clock.setFixedTime(moment);
    return page;
  }

  async function open(page: Page, pathname: string): Promise<void> {
    const response = await page.goto(`${server.url}${pathname}`);
    expect(response?.status(), pathname).toBe(200);
  }

  const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  const alertIn = (page: Page, scope: string) => page.locator(`${scope} [data-alert="${closure.id}"]`);

  beforeAll(async () => {
    portal = await buildPortalFromContent();
    server = await serveBuild(portal.outDir, portal.api.url);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
    mkdirSync(SCREENSHOTS, { recursive: true });
    const { alerts } = (await portal.api.graphql(`{ alerts { id closedUntil validFrom services { slug } translations { locale title } } }`)).data! as {
      alerts: (typeof closure & { services: { slug: string }[] })[];
    };
    closure = alerts.find((alert) => alert.closedUntil && alert.services.some((service) => service.slug === CLINIC))!;
    expect(closure).toBeDefined();
  }, 600_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
    await portal?.close();
  });

  for (const locale of ["ar", "fr"] as const) {
    it(`in ${locale}: the clinic's page, Sabha's page and the alerts page show the closure, and the clinic is closed, not open now`, async () => {
      // During the closure, at an hour the clinic's timetable says it is open.
      const page = await at(openingHour(closure.closedUntil, -1));
      const title = closure.translations.find((text) => text.locale === locale)!.title;

      await open(page, `/${locale}/services/${CLINIC}/`);
      const alert = alertIn(page, "[data-alerts]");
      expect(await alert.isVisible()).toBe(true);
      expect(await alert.locator(".alert-title").textContent()).toContain(title);
      const label = page.locator(`.badges [data-closed-until="${closure.closedUntil}"]`);
      expect(await label.isVisible()).toBe(true);
      const status = page.locator("[data-open-status]").first();
      expect(await status.isVisible()).toBe(true);
      expect(await status.getAttribute("class")).toContain("is-closed");
      expect((await status.textContent())!.trim()).toBe((await label.textContent())!.trim());
      const labels = JSON.parse((await status.getAttribute("data-labels"))!) as Record<string, string>;
      expect(await status.textContent()).not.toContain(labels.open!);
      expect(await status.textContent()).not.toContain(labels.until!.split("{{")[0]!.trim());
      // The alert comes before the hours.
      const alertTop = (await alert.boundingBox())!.y;
      expect(alertTop).toBeLessThan((await page.locator(".hours").first().boundingBox())!.y);
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await page.screenshot({ path: path.join(SCREENSHOTS, `${locale}-service-closed.png`) });
      await page.screenshot({ path: path.join(SCREENSHOTS, `${locale}-service-closed-full.png`), fullPage: true });

      await open(page, `/${locale}/services/place/sabha/`);
      expect(await alertIn(page, "[data-alerts]").isVisible()).toBe(true);
      const card = page.locator(".cards > li").filter({ has: page.locator(`a[href="/${locale}/services/${CLINIC}/"]`) });
      expect(await card.locator(`[data-closed-until="${closure.closedUntil}"]`).isVisible()).toBe(true);
      expect(await page.locator('head link[rel="alternate"][type="application/atom+xml"]').evaluateAll((links) => links.map((link) => link.getAttribute("href")))).toContain(
        `/${locale}/alerts/sabha/feed.xml`,
      );
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await page.screenshot({ path: path.join(SCREENSHOTS, `${locale}-place.png`) });

      await open(page, `/${locale}/alerts/`);
      const listed = alertIn(page, "main");
      expect(await listed.isVisible()).toBe(true);
      expect(await listed.locator(".alert-closure").isVisible()).toBe(true);
      expect(await listed.locator(`.alert-concerns a[href="/${locale}/services/${CLINIC}/"]`).count()).toBe(1);
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await page.screenshot({ path: path.join(SCREENSHOTS, `${locale}-alerts.png`), fullPage: true });
    });
  }

  it("the day after the closure's last day, the phone drops the alert and the label and says the clinic is open", async () => {
    const page = await at(openingHour(closure.closedUntil, 1));
    await open(page, `/fr/services/${CLINIC}/`);
    expect(await alertIn(page, "[data-alerts]").isVisible()).toBe(false);
    // Its section goes with it: no heading left over an empty list.
    expect(await page.locator("[data-alerts]").isVisible()).toBe(false);
    expect(await page.locator(`.badges [data-closed-until="${closure.closedUntil}"]`).isVisible()).toBe(false);
    const status = page.locator("[data-open-status]").first();
    expect(await status.getAttribute("class")).toContain("is-open");
    await open(page, `/fr/services/place/sabha/`);
    expect(await page.locator("[data-closed-until]:visible").count()).toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, "fr-service-reopened.png") });
  });

  it("ran without a script error", () => {
    expect(problems).toEqual([]);
  });
});
