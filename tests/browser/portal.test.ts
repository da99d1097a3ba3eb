/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from "playwright-core";
import { eq } from "drizzle-orm";
import { feedback } from "@start/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDriver } from "../support/database.js";
import { type BuiltPortal, buildPortalFromContent, FALLBACK_SERVICE, LOCALES, repositoryRoot, serveBuild, type StaticServer } from "../support/portal.js";

/**
 * The portal in Debian's Chromium at 360×640, as a person on a cheap phone sees it: search in
 * Arabic, browsing without JavaScript, no horizontal scrolling, no request to another origin,
 * no cookie, no serious accessibility violation, and pages that still open offline.
 */
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"];
const VIEWPORT = { width: 360, height: 640 };
const SCREENSHOTS = path.join(repositoryRoot, "tests/output/portal");
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** One page of each kind (paths below /<locale>/). */
const PAGE_TYPES: Record<string, string> = {
  home: "",
  services: "services/",
  category: "services/category/health/",
  place: "services/place/sabha/",
  service: `services/${FALLBACK_SERVICE.slug}/`,
  "service (many locations)": "services/mofa-passports-at-missions-abroad/",
  organizations: "organizations/",
  organization: "organizations/libyan-red-crescent/",
  rights: "rights/",
  "rights article": "rights/residence-for-libyans-in-tunisia/",
  jobs: "jobs/",
  "jobs by sector": "jobs/sector/health/",
  vacancy: "jobs/sample-pharmacists-ghat/",
  emergency: "emergency/",
  about: "about/",
  privacy: "privacy/",
  search: "search/",
  offline: "offline/",
  "feedback thanks": "feedback/thanks/",
  "feedback error": "feedback/error/",
};

/** What a person taps: each must be at least 44 px high (WCAG 2.5.5). Links inside running text are exempt. */
const TAP_TARGETS = [
  ".main-nav a",
  ".languages a",
  ".brand",
  ".emergency-link",
  ".button",
  "button:not([hidden])",
  ".chips a",
  ".tiles a",
  ".card-title a",
  ".link-list a",
  ".breadcrumbs a",
  ".site-footer a",
  "summary",
  "select",
  "input[type=search]",
  ".picker-choices a",
].join(", ");

describe(`portal in Chromium (${testDriver})`, () => {
  let portal: BuiltPortal;
  let server: StaticServer;
  let browser: Browser;
  const requested: string[] = [];
  const problems: string[] = [];
  const contexts: BrowserContext[] = [];

  async function newContext(options: BrowserContextOptions = {}): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport: VIEWPORT, ...options });
    context.on("request", (request) => requested.push(request.url()));
    context.on("page", (page) => {
      page.on("pageerror", (error) => problems.push(`${page.url()}: ${error.message}`));
      page.on("console", (message) => {
        if (message.type() === "error" && /Content Security Policy|Refused to/.test(message.text())) problems.push(`${page.url()}: ${message.text()}`);
      });
    });
    contexts.push(context);
    return context;
  }

  async function open(context: BrowserContext, pathname: string): Promise<Page> {
    const page = context.pages()[0] ?? (await context.newPage());
    const response = await page.goto(`${server.url}${pathname}`);
    expect(response?.status(), pathname).toBeLessThan(400);
    return page;
  }

  const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  beforeAll(async () => {
    portal = await buildPortalFromContent();
    server = await serveBuild(portal.outDir, portal.api.url);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 600_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
    await portal?.close();
  });

  it("in Arabic: searches with a spelling variant, opens the service and finds its tap-to-call link", async () => {
    const context = await newContext();
    const page = await open(context, "/ar/");
    // "عياده" for "عيادة" (ة written as ه), as people type it.
    await page.fill("#home-search", "عياده الاختبار");
    await page.press("#home-search", "Enter");
    await page.waitForURL(/\/ar\/search\/\?q=/);
    const result = page.locator(`.search-results a[href="/ar/services/${FALLBACK_SERVICE.slug}/"]`);
    await result.waitFor();
    expect(await page.locator("[data-search-status]").textContent()).toContain("عياده الاختبار");
    await page.screenshot({ path: path.join(SCREENSHOTS, "ar-search-results.png"), fullPage: true });
    await result.click();
    await page.waitForURL(`**/ar/services/${FALLBACK_SERVICE.slug}/`);
    expect(await page.locator("h1").textContent()).toContain(FALLBACK_SERVICE.name);
    const call = page.locator(`a[href="tel:${FALLBACK_SERVICE.phone}"]`);
    expect(await call.count()).toBe(1);
    expect(await call.isVisible()).toBe(true);
    const box = (await call.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(44);
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(VIEWPORT.width);
  });

  it("browses a category with JavaScript disabled: every service listed, filters out of the way, service pages open", async () => {
    const context = await newContext({ javaScriptEnabled: false });
    const page = await open(context, "/ar/services/");
    await page.click('a[href="/ar/services/category/health/"]');
    await page.waitForURL("**/ar/services/category/health/");
    const cards = page.locator("[data-filter-list] > li");
    const count = await cards.count();
    expect(count).toBeGreaterThan(5);
    for (let index = 0; index < count; index += 1) expect(await cards.nth(index).isVisible()).toBe(true);
    expect(await page.locator("form[data-filters]").isVisible()).toBe(false);
    await page.screenshot({ path: path.join(SCREENSHOTS, "ar-category-no-js.png"), fullPage: true });
    await page.click(`a[href="/ar/services/${FALLBACK_SERVICE.slug}/"]`);
    await page.waitForURL(`**/ar/services/${FALLBACK_SERVICE.slug}/`);
    expect(await page.locator(`a[href="tel:${FALLBACK_SERVICE.phone}"]`).isVisible()).toBe(true);
    // The report form opens and is usable without script.
    await page.click("details.feedback summary");
    expect(await page.locator("form[action='/feedback'] button[type=submit]").isVisible()).toBe(true);
    // Search says it needs script, and offers the listings instead.
    const search = await open(context, "/ar/search/");
    expect(await search.locator("main").textContent()).toContain("جافاسكربت");
  });

  it("reports wrong information with the plain form, without script, and the API stores it", async () => {
    const context = await newContext({ javaScriptEnabled: false });
    const page = await open(context, `/ar/services/${FALLBACK_SERVICE.slug}/`);
    await page.click("details.feedback summary");
    await page.check("#feedback-wrong_contact");
    await page.fill("#feedback-message", "الرقم لا يرد");
    await page.click("form[action='/feedback'] button[type=submit]");
    await page.waitForURL("**/ar/feedback/thanks/");
    expect(await page.locator(".notice-success").textContent()).toBeTruthy();
    const rows = await portal.api.database.db.select().from(feedback).where(eq(feedback.serviceId, portal.fallbackServiceId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: "wrong_contact", message: "الرقم لا يرد", locale: "ar", status: "open" });
    expect(await context.cookies()).toEqual([]);
  });

  it("filters a listing in the page when script runs (free only, audience, language)", async () => {
    const context = await newContext();
    const page = await open(context, "/en/services/category/health/");
    const form = page.locator("form[data-filters]");
    await form.waitFor({ state: "visible" });
    const all = await page.locator("[data-filter-list] > li:visible").count();
    await page.click("form[data-filters] summary");
    await page.check("#filter-free");
    const free = page.locator("[data-filter-list] > li:visible");
    const shown = await free.count();
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThanOrEqual(all);
    for (let index = 0; index < shown; index += 1) expect(await free.nth(index).getAttribute("data-free")).toBe("1");
    expect(await page.locator("[data-filter-count]").textContent()).toContain(String(shown));
    await page.selectOption("#filter-language", "ha");
    const hausa = page.locator("[data-filter-list] > li:visible");
    for (let index = 0; index < (await hausa.count()); index += 1) expect(await hausa.nth(index).getAttribute("data-languages")).toContain("ha");
    await page.click("form[data-filters] button[type=reset]");
    await expect.poll(() => page.locator("[data-filter-list] > li:visible").count()).toBe(all);
  });

  it("keeps the chosen filters in the address: kept on reload, the same list from a shared link, ignored without script", async () => {
    const context = await newContext();
    const page = await open(context, "/en/services/category/health/");
    await page.locator("form[data-filters]").waitFor({ state: "visible" });
    const all = await page.locator("[data-filter-list] > li:visible").count();
    await page.click("form[data-filters] summary");
    await page.check("#filter-free");
    await page.selectOption("#filter-language", "ar");
    await expect.poll(() => new URL(page.url()).search).toBe("?language=ar&free=1");
    const chosen = await page.locator("[data-filter-list] > li:visible").evaluateAll((cards) => cards.map((card) => card.querySelector("a")!.getAttribute("href")));
    expect(chosen.length).toBeGreaterThan(0);
    expect(chosen.length).toBeLessThan(all);

    await page.reload();
    await page.locator("form[data-filters]").waitFor({ state: "visible" });
    expect(await page.isChecked("#filter-free")).toBe(true);
    expect(await page.inputValue("#filter-language")).toBe("ar");
    expect(await page.locator("form[data-filters] details").getAttribute("open")).not.toBeNull();
    const visibleHrefs = () => page.locator("[data-filter-list] > li:visible").evaluateAll((cards) => cards.map((card) => card.querySelector("a")!.getAttribute("href")));
    expect(await visibleHrefs()).toEqual(chosen);

    // A link shared with someone else, with a value the page does not offer (dropped).
    const shared = await newContext();
    const other = await open(shared, "/en/services/category/health/?language=ar&free=1&audience=NOT_AN_AUDIENCE#main");
    await other.locator("form[data-filters]").waitFor({ state: "visible" });
    expect(await other.locator("[data-filter-list] > li:visible").evaluateAll((cards) => cards.map((card) => card.querySelector("a")!.getAttribute("href")))).toEqual(chosen);
    expect(new URL(other.url()).search).toBe("?language=ar&free=1");
    expect(new URL(other.url()).hash).toBe("#main");

    await page.click("form[data-filters] button[type=reset]");
    await expect.poll(() => new URL(page.url()).search).toBe("");
    expect(await page.locator("[data-filter-list] > li:visible").count()).toBe(all);

    // Without script the address changes nothing: the whole list, no form.
    const noScript = await newContext({ javaScriptEnabled: false });
    const plain = await open(noScript, "/en/services/category/health/?free=1&language=ar");
    expect(await plain.locator("[data-filter-list] > li:visible").count()).toBe(all);
    expect(await plain.locator("form[data-filters]").isVisible()).toBe(false);
  });

  it("filters the jobs by who may apply, vacancies open to anyone always included, and keeps the choice in the address", async () => {
    const context = await newContext();
    const page = await open(context, "/en/jobs/");
    await page.locator("form[data-filters]").waitFor({ state: "visible" });
    const cards = page.locator("[data-filter-list] > li");
    const all = await cards.count();
    const eligibilityOf = () => page.locator("[data-filter-list] > li:visible").evaluateAll((items) => items.map((item) => item.getAttribute("data-eligibility")));
    expect(new Set(await eligibilityOf()).size).toBeGreaterThan(1);
    await page.click("form[data-filters] summary");
    await page.selectOption("#filter-eligibility", "LIBYAN_NATIONALS");
    const forLibyans = await eligibilityOf();
    expect(forLibyans.length).toBeLessThan(all);
    expect(forLibyans).toContain("LIBYAN_NATIONALS");
    expect(forLibyans).toContain("ANYONE");
    expect(forLibyans.every((value) => value === "LIBYAN_NATIONALS" || value === "ANYONE")).toBe(true);
    expect(await page.locator("[data-filter-count]").textContent()).toBe(`${forLibyans.length} notices`);
    expect(new URL(page.url()).search).toBe("?eligibility=LIBYAN_NATIONALS");
    await page.screenshot({ path: path.join(SCREENSHOTS, "en-jobs-for-libyans.png"), fullPage: true });

    const arabic = await open(context, "/ar/jobs/?eligibility=ANYONE");
    await arabic.locator("form[data-filters]").waitFor({ state: "visible" });
    expect(new Set(await eligibilityOf())).toEqual(new Set(["ANYONE"]));
    expect(await arabic.inputValue("#filter-eligibility")).toBe("ANYONE");
    await arabic.screenshot({ path: path.join(SCREENSHOTS, "ar-jobs-open-to-anyone.png"), fullPage: true });
  });

  it("shows the services near the person from the position in the page, sending no coordinates", async () => {
    const context = await newContext({ geolocation: { latitude: 27.04, longitude: 14.43 }, permissions: ["geolocation"] });
    const page = await open(context, "/en/");
    const before = requested.length;
    await page.click("[data-near-button]");
    await page.locator('[data-near-results] a[href="/en/services/place/sabha/"]').waitFor();
    const fetched = requested.slice(before);
    expect(fetched.every((url) => !/27\.04|14\.43/.test(url))).toBe(true);
    expect(fetched.some((url) => url.endsWith("/en/nearby.json"))).toBe(true);
  });

  it("in Arabic, from central Tripoli with «health» chosen: health services nearest first, each with its distance", async () => {
    const context = await newContext({ geolocation: { latitude: 32.8872, longitude: 13.1913 }, permissions: ["geolocation"] });
    const page = await open(context, "/ar/");
    await page.selectOption("[data-near-category]", "health");
    await page.click("[data-near-button]");
    const links = page.locator("[data-near-results] a");
    await links.first().waitFor();
    const shown = await page.locator("[data-near-results] li").allTextContents();
    expect(shown.length).toBeGreaterThanOrEqual(3);
    for (const line of shown) expect(line, line).toMatch(/كم/);
    const slugs = (await links.evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute("href")!))).map((href) => href.split("/")[3]!);
    for (const slug of slugs) {
      const { data } = await portal.api.graphql(`query ($slug: String!) { service(slug: $slug) { categories { code } } }`, { slug });
      expect(data!.service.categories.some((category: { code: string }) => category.code.split(".")[0] === "health"), slug).toBe(true);
    }
    // Nearest first: the distances read from the lines never decrease.
    const distances = shown.map((line) => Number(/([\d,.\u066c]+)\s*كم/.exec(line)?.[1]?.replace(/[,.\u066c]/g, "")));
    expect(distances.every((value) => Number.isFinite(value))).toBe(true);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    await page.locator("[data-near-results]").screenshot({ path: path.join(SCREENSHOTS, "ar-near-me-health-tripoli.png") });
    // Another kind of help re-sorts the same position without asking for it again.
    await page.selectOption("[data-near-category]", "");
    await page.locator('[data-near-results] a[href^="/ar/services/place/"]').first().waitFor();
  });

  // One test per locale (and per group of pages below): each has its own time limit on a loaded machine.
  for (const locale of LOCALES) {
    it(`has no horizontal scrolling on any kind of page in ${locale}, also at 200 % text size, and tap targets of 44 px`, async () => {
      const context = await newContext();
      const page = await context.newPage();
      const failures: string[] = [];
      for (const [type, suffix] of Object.entries(PAGE_TYPES)) {
        await open(context, `/${locale}/${suffix}`);
        const extra = await overflow(page);
        if (extra > 0) failures.push(`${locale} ${type}: ${extra}px wider than the screen`);
        const small = await page.evaluate((selector) => {
          return [...document.querySelectorAll<HTMLElement>(selector)]
            .filter((element) => element.offsetParent !== null && element.getClientRects().length > 0)
            .map((element) => ({ text: (element.textContent ?? "").trim().slice(0, 30), height: element.getBoundingClientRect().height }))
            .filter((target) => target.height < 43.5);
        }, TAP_TARGETS);
        for (const target of small) failures.push(`${locale} ${type}: "${target.text}" is ${target.height}px high`);
        if (locale === "ar") await page.screenshot({ path: path.join(SCREENSHOTS, `ar-${type.replace(/\W+/g, "-")}.png`), fullPage: true });
        if (["home", "service", "rights article", "vacancy", "emergency"].includes(type)) {
          await page.evaluate(() => {
            document.documentElement.style.fontSize = "200%";
          });
          const zoomed = await overflow(page);
          if (zoomed > 0) failures.push(`${locale} ${type} at 200 %: ${zoomed}px wider than the screen`);
        }
      }
      expect(failures).toEqual([]);
    });
  }

  it("has no horizontal scrolling on the not-found pages, at the root and in each locale", async () => {
    const context = await newContext();
    const page = await context.newPage();
    const failures: string[] = [];
    for (const pathname of ["/", "/no-such-page/", ...LOCALES.map((locale) => `/${locale}/no-such-page/`)]) {
      await page.goto(`${server.url}${pathname}`);
      const extra = await overflow(page);
      if (extra > 0) failures.push(`${pathname}: ${extra}px wider than the screen`);
    }
    await page.goto(`${server.url}/ar/no-such-page/`);
    await page.screenshot({ path: path.join(SCREENSHOTS, "ar-not-found.png"), fullPage: true });
    expect(failures).toEqual([]);
  });

  const arabicPages = Object.values(PAGE_TYPES).map((suffix) => `/ar/${suffix}`);
  const AXE_TARGETS: Record<string, string[]> = {
    "the first half of the Arabic pages": arabicPages.slice(0, Math.ceil(arabicPages.length / 2)),
    "the second half of the Arabic pages": arabicPages.slice(Math.ceil(arabicPages.length / 2)),
    "English and French pages, the root and an Arabic search": [
      ...["en", "fr"].flatMap((locale) => ["", `services/${FALLBACK_SERVICE.slug}/`, "services/category/health/", "rights/residence-for-libyans-in-tunisia/", "jobs/sample-pharmacists-ghat/", "emergency/"].map((suffix) => `/${locale}/${suffix}`)),
      "/",
      "/ar/search/?q=%D8%B9%D9%8A%D8%A7%D8%AF%D8%A9",
    ],
  };
  for (const [group, targets] of Object.entries(AXE_TARGETS)) {
    it(`has no serious or critical accessibility violations (axe-core): ${group}`, async () => {
      const context = await newContext();
      const page = await context.newPage();
      const violations: string[] = [];
      for (const target of targets) {
        await open(context, target);
        if (target.includes("?q=")) await page.locator(".search-results a").first().waitFor();
        // Evaluated, not injected as a <script>: the CSP allows no inline script, and axe comes from node_modules.
        await page.evaluate(axeSource);
        const result = await page.evaluate(() =>
          (window as unknown as { axe: { run(context: Document, options: object): Promise<{ passes: unknown[]; violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, {
            runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
          }),
        );
        expect(result.passes.length, target).toBeGreaterThan(10);
        for (const violation of result.violations) {
          if (violation.impact === "serious" || violation.impact === "critical") {
            violations.push(`${target}: ${violation.id} (${violation.impact}) at ${violation.nodes.slice(0, 3).map((node) => node.target.join(" ")).join(", ")}`);
          }
        }
      }
      expect(violations).toEqual([]);
    });
  }

  it("in Arabic: «دكتور في سبها» from a shared link lists a Sabha health service first, and again offline", async () => {
    const context = await newContext();
    const page = await open(context, "/ar/");
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 30_000 });
    const link = `/ar/search/?q=${encodeURIComponent("دكتور في سبها")}`;
    await open(context, link);
    const first = page.locator(".search-results .card").first();
    await first.waitFor();
    const href = (await first.locator(".card-title a").getAttribute("href"))!;
    expect(href).toMatch(/^\/ar\/services\/[a-z0-9-]+\/$/);
    const slug = href.split("/")[3]!;
    const { data } = await portal.api.graphql(
      `query ($slug: String!) { service(slug: $slug) { categories { code } locations { location { place { slug } } } } }`,
      { slug },
    );
    expect(data!.service.categories.some((category: { code: string }) => category.code.startsWith("health")), slug).toBe(true);
    expect(data!.service.locations.map((link: { location: { place: { slug: string } } }) => link.location.place.slug), slug).toContain("sabha");
    expect(await first.locator(".card-kind").textContent()).toBeTruthy();
    // A service at several places names Sabha, the place asked for, not its first location (Benghazi).
    const units = page.locator('.search-results .card:has(a[href="/ar/services/imc-mobile-medical-units/"]) .card-meta');
    expect(await units.textContent()).toMatch(/ · سبها \+3$/);
    expect(await page.inputValue("#search-query")).toBe("دكتور في سبها");
    await page.screenshot({ path: path.join(SCREENSHOTS, "ar-search-doctor-in-sabha.png") });

    await context.setOffline(true);
    await open(context, link);
    await page.locator(".search-results .card").first().waitFor();
    expect(await page.locator(".search-results .card .card-title a").first().getAttribute("href")).toBe(href);
    await context.setOffline(false);

    // What people paste or mistype never breaks the page (page errors fail the last test).
    for (const typed of ["::", "-+~^*", "\u202e\u2066", "🚑🏥", "x".repeat(300), "   "]) {
      await page.fill("#search-query", typed);
      await page.press("#search-query", "Enter");
      await page.waitForFunction(() => document.querySelector("[data-search-status]")?.textContent !== undefined);
    }
    await page.fill("#search-query", "🚑🏥");
    await page.press("#search-query", "Enter");
    await page.waitForFunction(() => (document.querySelector("[data-search-status]")?.textContent ?? "").includes("🚑🏥"));
    expect(await page.locator(".search-results .card").count()).toBe(0);
  });

  it("opens a visited page and the search index again offline, and explains what is available for the rest", async () => {
    const context = await newContext();
    const page = await open(context, "/ar/");
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 30_000 });
    await open(context, `/ar/services/${FALLBACK_SERVICE.slug}/`);
    await open(context, "/ar/search/?q=%D8%B9%D9%8A%D8%A7%D8%AF%D8%A9");
    await page.locator(".search-results a").first().waitFor();
    const onlineResults = await page.locator(".search-results a").count();

    await context.setOffline(true);
    await open(context, `/ar/services/${FALLBACK_SERVICE.slug}/`);
    await page.reload();
    expect(await page.locator("h1").textContent()).toContain(FALLBACK_SERVICE.name);
    expect(await page.locator(`a[href="tel:${FALLBACK_SERVICE.phone}"]`).isVisible()).toBe(true);
    // The stylesheet came from the cache too.
    expect(await page.evaluate(() => getComputedStyle(document.querySelector(".site-header")!).backgroundColor)).not.toBe("rgba(0, 0, 0, 0)");

    await open(context, "/ar/search/?q=%D8%B9%D9%8A%D8%A7%D8%AF%D8%A9");
    await page.locator(".search-results a").first().waitFor();
    expect(await page.locator(".search-results a").count()).toBe(onlineResults);

    await open(context, "/ar/emergency/");
    expect(await page.locator("a[href='tel:1515']").count()).toBeGreaterThan(0);

    await page.goto(`${server.url}/ar/rights/`);
    expect(await page.locator("h1").textContent()).toBe("أنت غير متصل بالإنترنت");
    // It lists what this phone has saved, the service visited before among it.
    await page.locator(`[data-saved-list] a[href="/ar/services/${FALLBACK_SERVICE.slug}/"]`).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, "ar-offline-fallback.png"), fullPage: true });
    await context.setOffline(false);
  });

  it("remembers a chosen language only where script runs, without cookies", async () => {
    const context = await newContext();
    const page = await open(context, "/");
    await page.click('a[data-locale="fr"]');
    await page.waitForURL("**/fr/");
    await page.goto(`${server.url}/`);
    await page.waitForURL("**/fr/");
    expect(await page.evaluate(() => localStorage.getItem("start.locale"))).toBe("fr");

    const noScript = await newContext({ javaScriptEnabled: false });
    const picker = await open(noScript, "/");
    expect(await picker.locator("a[data-locale]").count()).toBe(3);
    expect(new URL(picker.url()).pathname).toBe("/");
  });

  it("sets no cookie and sends no request to another origin", async () => {
    for (const context of contexts) expect(await context.cookies()).toEqual([]);
    const origin = new URL(server.url).origin;
    const foreign = requested.filter((url) => {
      const parsed = new URL(url);
      return parsed.origin !== origin && parsed.protocol !== "data:";
    });
    expect(requested.length).toBeGreaterThan(100);
    expect(foreign).toEqual([]);
    expect(problems).toEqual([]);
  });
});
