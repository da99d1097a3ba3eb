/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { newBuildId, SiteDirectory } from "@start/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDriver } from "../support/database.js";
import { runBuild } from "../support/portal.js";
import { editorialWorld, libyaDate } from "../editorial/support.js";
import { type SecureApi, startSecureApi } from "../security/harness.js";
import { HOSTILE_EMAILS, HOSTILE_LINKS, HOSTILE_WEB_URLS, MARKDOWN_PAYLOADS, SAFE_SCHEMES, TEXT_PAYLOADS, UNSAFE_URLS } from "../security/corpus/xss.js";

/**
 * Stored XSS: script-injection payloads written through the editorial GraphQL API into every text
 * field of organizations, services (with their locations, phones and hours), vacancies, rights
 * articles (Markdown bodies) and alerts, published, built into the portal, and opened in Chromium
 * on the public pages and in the editor. The Content-Security-Policy is bypassed on purpose: the
 * pages must be safe by their escaping and sanitising alone. Nothing may run (no dialog, the
 * `window.__xss` sentinel unset, no console error), no payload may become markup (no event handler
 * attribute, no frame, object, base or meta refresh, no request to another origin), no link or
 * source may have an unsafe scheme, and the payloads are shown as the text they are. The API must
 * refuse every unsafe URL in every URL field.
 */
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"];
/** Records of each kind; their short fields take turns through the payloads. */
const RECORDS = 3;

/** Payloads joined into a text of at most `limit` characters, starting at `start` (and cycling). */
function pack(payloads: readonly string[], limit: number, start: number): { text: string; used: number[] } {
  const used: number[] = [];
  let text = "";
  for (let step = 0; step < payloads.length; step++) {
    const index = (start + step) % payloads.length;
    const next = text ? `${text} ${payloads[index]}` : payloads[index]!;
    if (next.length > limit) break;
    text = next;
    used.push(index);
  }
  return { text, used };
}

describe(`stored script injection never runs on the portal or in the editor (${testDriver})`, () => {
  let t: SecureApi;
  let root: string;
  let browser: Browser;
  let context: BrowserContext;
  let tokens: Awaited<ReturnType<typeof editorialWorld>>;
  /** field → the payloads it was given (over all records). */
  const coverage = new Map<string, Set<number>>();
  const ids = { organizations: [] as string[], services: [] as string[], vacancies: [] as string[], rights: [] as string[], alerts: [] as string[] };
  /** The name or title each public page must show as text (path → text). */
  const titles = new Map<string, string>();
  const dialogs: string[] = [];
  const consoleErrors: string[] = [];
  const foreignRequests: string[] = [];
  let pagesChecked = 0;

  /** A text field of record `record`: its packed payloads, counted in the coverage. */
  function text(field: string, limit: number, record: number, offset = 0): string {
    const { text, used } = pack(TEXT_PAYLOADS, limit, record * 7 + offset);
    const seen = coverage.get(field) ?? new Set<number>();
    for (const index of used) seen.add(index);
    coverage.set(field, seen);
    return text;
  }

  async function mutate(query: string, variables: Record<string, unknown>): Promise<any> {
    const answer = await t.graphql(query, variables, { authorization: `Bearer ${tokens.admin}`, "accept-language": "en" });
    if (answer.status !== 200 || answer.body.errors) throw new Error(`${query.slice(0, 60)}: HTTP ${answer.status} ${JSON.stringify(answer.body).slice(0, 1500)}`);
    return answer.body.data;
  }

  async function createAndPublish(kind: "Organization" | "Service" | "Vacancy" | "RightsArticle" | "Alert", input: Record<string, unknown>, organizationId?: string): Promise<string> {
    const created = organizationId
      ? await mutate(`mutation ($o: ID!, $i: ${kind}Input!) { r: create${kind}(organizationId: $o, input: $i) { id version } }`, { o: organizationId, i: input })
      : await mutate(`mutation ($i: ${kind}Input!) { r: create${kind}(input: $i) { id version } }`, { i: input });
    await mutate(`mutation ($id: ID!, $v: Int!) { publish${kind}(id: $id, expectedVersion: $v) { state } }`, { id: created.r.id, v: created.r.version });
    return created.r.id as string;
  }

  const sources = (field: string, record: number) => [
    { title: text(`${field}.sources.title`, 300, record), url: HOSTILE_WEB_URLS[record % HOSTILE_WEB_URLS.length] },
  ];

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), "start-browser-xss-"));
    const site = new SiteDirectory(path.join(root, "site"));
    t = await startSecureApi({ site });
    tokens = await editorialWorld(t.fixtures);

    for (let record = 0; record < RECORDS; record++) {
      const organizationSlug = `xss-organization-${record}`;
      const organizationName = text("organization.name", 200, record);
      const organizationId = await createAndPublish("Organization", {
        slug: organizationSlug,
        kind: "NATIONAL_NGO",
        website: HOSTILE_WEB_URLS[record % HOSTILE_WEB_URLS.length],
        email: HOSTILE_EMAILS[record % HOSTILE_EMAILS.length],
        texts: ["ar", "fr"].map((locale) => ({
          locale,
          name: organizationName,
          alternateName: text("organization.alternateName", 100, record, 3),
          description: text("organization.description", 5000, record),
        })),
        sources: sources("organization", record),
        phones: [{ number: "+218911111111", type: "HOTLINE", descriptions: ["ar", "fr"].map((locale) => ({ locale, text: text("organization.phones.descriptions", 200, record, 2) })) }],
      });
      ids.organizations.push(organizationId);
      titles.set(`/ar/organizations/${organizationSlug}/`, organizationName);

      const serviceSlug = `xss-service-${record}`;
      const serviceName = text("service.name", 200, record, 1);
      const localized = (field: string, limit: number) => ["ar", "fr"].map((locale) => ({ locale, text: text(field, limit, record, 2) }));
      ids.services.push(
        await createAndPublish(
          "Service",
          {
            slug: serviceSlug,
            texts: ["ar", "fr"].map((locale) => ({
              locale,
              name: serviceName,
              alternateName: text("service.alternateName", 200, record, 4),
              description: text("service.description", 5000, record),
              eligibilityDescription: text("service.eligibilityDescription", 2000, record),
              applicationProcess: text("service.applicationProcess", 2000, record),
              feesDescription: text("service.feesDescription", 1000, record),
              requiredDocuments: [text("service.requiredDocuments", 300, record), text("service.requiredDocuments", 300, record, 5)],
            })),
            categories: ["health"],
            audiences: ["MIGRANTS_IN_LIBYA"],
            languages: ["ar", "fr"],
            cost: "FREE",
            status: "ACTIVE",
            url: HOSTILE_LINKS[record % HOSTILE_LINKS.length],
            email: HOSTILE_EMAILS[(record + 1) % HOSTILE_EMAILS.length],
            phones: [{ number: "+218912345678", type: "WHATSAPP", descriptions: localized("service.phones.descriptions", 200) }],
            schedules: [{ periods: [{ weekday: 1, opensAt: "08:00", closesAt: "14:00" }], notes: localized("service.schedules.notes", 500) }],
            locations: [
              {
                place: "tripoli",
                latitude: 32.89,
                longitude: 13.19,
                texts: ["ar", "fr"].map((locale) => ({
                  locale,
                  name: text("location.name", 200, record, 6),
                  address: text("location.address", 500, record),
                  description: text("location.description", 2000, record),
                  transportation: text("location.transportation", 1000, record),
                  accessibility: text("location.accessibility", 1000, record),
                })),
                locationPhones: [{ number: "+218934567890", type: "VOICE", descriptions: localized("location.locationPhones.descriptions", 200) }],
                locationSchedules: [{ periods: [{ weekday: 3, opensAt: "10:00", closesAt: "13:00" }], notes: localized("location.locationSchedules.notes", 500) }],
                phones: [{ number: "+218923456789", type: "VOICE", descriptions: localized("location.phones.descriptions", 200) }],
                schedules: [{ periods: [{ weekday: 2, opensAt: "09:00", closesAt: "12:00" }], notes: localized("location.schedules.notes", 500) }],
              },
            ],
            sources: sources("service", record),
          },
          organizationId,
        ),
      );
      titles.set(`/ar/services/${serviceSlug}/`, serviceName);

      const vacancySlug = `xss-vacancy-${record}`;
      const vacancyTitle = text("vacancy.title", 200, record, 2);
      ids.vacancies.push(
        await createAndPublish(
          "Vacancy",
          {
            slug: vacancySlug,
            sector: "health",
            place: "tripoli",
            recruitmentChannel: "EMAIL",
            applyEmail: HOSTILE_EMAILS[record % HOSTILE_EMAILS.length],
            applyUrl: HOSTILE_WEB_URLS[record % HOSTILE_WEB_URLS.length],
            deadline: libyaDate(30),
            positions: 2,
            texts: ["ar", "fr"].map((locale) => ({
              locale,
              title: vacancyTitle,
              description: text("vacancy.description", 10_000, record),
              requirements: text("vacancy.requirements", 5000, record),
              howToApply: text("vacancy.howToApply", 5000, record),
            })),
            sources: sources("vacancy", record),
          },
          t.fixtures.id("organization:ministry-a"),
        ),
      );
      titles.set(`/ar/jobs/${vacancySlug}/`, vacancyTitle);

      const rightsSlug = `xss-rights-${record}`;
      const rightsTitle = text("rights.title", 200, record, 3);
      const body = [...MARKDOWN_PAYLOADS, ...TEXT_PAYLOADS].join("\n\n");
      const bodies = coverage.get("rights.body (Markdown)") ?? new Set<number>();
      [...MARKDOWN_PAYLOADS, ...TEXT_PAYLOADS].forEach((_, index) => bodies.add(index));
      coverage.set("rights.body (Markdown)", bodies);
      ids.rights.push(
        await createAndPublish("RightsArticle", {
          slug: rightsSlug,
          topic: "health-care",
          country: "libya",
          audience: "ANYONE",
          reviewedOn: "2026-01-10",
          texts: ["ar", "fr"].map((locale) => ({ locale, title: rightsTitle, summary: text("rights.summary", 1000, record), body })),
          sources: sources("rights", record),
        }),
      );
      titles.set(`/ar/rights/${rightsSlug}/`, rightsTitle);

      ids.alerts.push(
        await createAndPublish("Alert", {
          validFrom: new Date(Date.now() - 3_600_000).toISOString(),
          severity: "WARNING",
          places: ["tripoli"],
          texts: ["ar", "fr"].map((locale) => ({ locale, title: text("alert.title", 200, record, 4), body: text("alert.body", 5000, record) })),
          sources: sources("alert", record),
        }),
      );
    }

    const id = newBuildId(1);
    const result = await runBuild(["--api", `${t.url}/graphql`, "--out", await site.prepareBuild(id), "--site", t.url, "--quiet"]);
    if (result.code !== 0) throw new Error(`the portal build failed (exit ${result.code}):\n${result.stderr}\n${result.stdout.slice(-2000)}`);
    await site.swapIn({ id, builtAt: new Date().toISOString(), sourceStamp: "browser-xss-test", durationMs: 0, jobIds: [] });

    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
    // The CSP would stop inline scripts and handlers: bypassed, so that escaping alone is tested.
    context = await browser.newContext({ viewport: { width: 360, height: 640 }, locale: "ar", bypassCSP: true });
    const origin = new URL(t.url).origin;
    context.on("request", (request) => {
      const url = new URL(request.url());
      if (url.origin !== origin && url.protocol !== "data:") foreignRequests.push(request.url());
    });
    context.on("page", (page: Page) => {
      page.on("dialog", (dialog) => {
        dialogs.push(`${page.url()}: ${dialog.type()} ${dialog.message()}`);
        void dialog.dismiss();
      });
      page.on("pageerror", (error) => consoleErrors.push(`${page.url()}: ${error.message}`));
      page.on("console", (message) => {
        if (message.type() === "error") consoleErrors.push(`${page.url()}: ${message.text()}`);
      });
    });
  }, 600_000);

  afterAll(async () => {
    const pairs = [...coverage.values()].reduce((sum, used) => sum + used.size, 0);
    console.log(
      `xss figures: ${TEXT_PAYLOADS.length} text + ${MARKDOWN_PAYLOADS.length} Markdown payloads, ${UNSAFE_URLS.length} unsafe URLs, ` +
        `${HOSTILE_WEB_URLS.length + HOSTILE_LINKS.length + HOSTILE_EMAILS.length} hostile links and addresses; ${coverage.size} text fields, ` +
        `${pairs} payload × field pairs stored; ${pagesChecked} pages checked in Chromium`,
    );
    await context?.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  /** What a page must never have, in the page's own words (empty when it is safe). */
  async function problemsOn(page: Page): Promise<string[]> {
    return page.evaluate((safeSchemes) => {
      const problems: string[] = [];
      const sentinel = (window as unknown as { __xss?: unknown }).__xss;
      if (sentinel !== undefined) problems.push(`a payload ran: window.__xss = ${String(sentinel)}`);
      const describe = (element: Element, attribute?: Attr) => `<${element.localName}${attribute ? ` ${attribute.name}="${attribute.value.slice(0, 80)}"` : ""}>`;
      const URL_ATTRIBUTES = new Set(["href", "src", "action", "formaction", "data", "xlink:href", "poster", "background", "ping"]);
      for (const element of document.querySelectorAll("*")) {
        if (["iframe", "frame", "object", "embed", "base", "applet", "portal"].includes(element.localName)) problems.push(`payload markup: ${describe(element)}`);
        if (element.localName === "meta" && element.hasAttribute("http-equiv")) problems.push(`payload markup: ${describe(element, element.getAttributeNode("http-equiv")!)}`);
        if (element.id?.startsWith("xss-")) problems.push(`payload markup: ${describe(element)}`);
        if (element.localName === "script") {
          const type = element.getAttribute("type") ?? "";
          if (/json/.test(type)) {
            try {
              JSON.parse(element.textContent ?? "");
            } catch {
              problems.push(`a script's JSON was broken out of: ${(element.textContent ?? "").slice(0, 120)}`);
            }
          } else if (/__xss|alert\(/.test(element.textContent ?? "")) problems.push(`payload script: ${(element.textContent ?? "").slice(0, 120)}`);
        }
        if (element.localName === "style" && /evil\.example|__xss/.test(element.textContent ?? "")) problems.push(`payload style: ${(element.textContent ?? "").slice(0, 120)}`);
        for (const attribute of element.attributes) {
          if (/^on/i.test(attribute.name)) problems.push(`event handler: ${describe(element, attribute)}`);
          if (attribute.name === "srcdoc" || attribute.name === "autofocus") problems.push(`payload attribute: ${describe(element, attribute)}`);
          if (URL_ATTRIBUTES.has(attribute.name)) {
            let url: URL;
            try {
              url = new URL(attribute.value.trim(), document.baseURI);
            } catch {
              continue;
            }
            if (!safeSchemes.includes(url.protocol)) problems.push(`unsafe scheme: ${describe(element, attribute)}`);
          }
        }
      }
      if (document.baseURI !== location.href.split("#")[0] && new URL(document.baseURI).origin !== location.origin) problems.push(`base URI moved to ${document.baseURI}`);
      return problems;
    }, SAFE_SCHEMES);
  }

  /** Whitespace-collapsed text, as the page shows it. */
  const collapse = (value: string) => value.replace(/\s+/g, " ").trim();
  /** A text as the API stores it: without bidi embeddings and overrides (see api/README.md). */
  const asStored = (value: string) => value.replace(/[\u202a-\u202e]/g, "");

  async function check(page: Page, label: string): Promise<void> {
    pagesChecked += 1;
    expect(await problemsOn(page), label).toEqual([]);
  }

  it("refuses an unsafe URL in every URL field (script, data, vbscript, file and scheme-relative links)", async () => {
    const organizationId = t.fixtures.id("organization:ngo-a");
    const attempts: Record<string, (url: string) => { query: string; variables: Record<string, unknown> }> = {
      "service.url": (url) => ({
        query: "mutation ($o: ID!, $i: ServiceInput!) { createService(organizationId: $o, input: $i) { id } }",
        variables: { o: organizationId, i: { texts: [{ locale: "ar", name: "عيادة" }], url } },
      }),
      "service.sources.url": (url) => ({
        query: "mutation ($o: ID!, $i: ServiceInput!) { createService(organizationId: $o, input: $i) { id } }",
        variables: { o: organizationId, i: { texts: [{ locale: "ar", name: "عيادة" }], sources: [{ title: "مصدر", url }] } },
      }),
      "organization.website": (url) => ({
        query: "mutation ($i: OrganizationInput!) { createOrganization(input: $i) { id } }",
        variables: { i: { slug: "xss-refused", kind: "NATIONAL_NGO", website: url, texts: [{ locale: "ar", name: "جمعية" }] } },
      }),
      "organization.sources.url": (url) => ({
        query: "mutation ($i: OrganizationInput!) { createOrganization(input: $i) { id } }",
        variables: { i: { slug: "xss-refused", kind: "NATIONAL_NGO", texts: [{ locale: "ar", name: "جمعية" }], sources: [{ title: "مصدر", url }] } },
      }),
      "vacancy.applyUrl": (url) => ({
        query: "mutation ($o: ID!, $i: VacancyInput!) { createVacancy(organizationId: $o, input: $i) { id } }",
        variables: {
          o: t.fixtures.id("organization:ministry-a"),
          i: { sector: "health", place: "tripoli", recruitmentChannel: "ONLINE", applyUrl: url, deadline: libyaDate(30), texts: [{ locale: "ar", title: "ممرضة" }] },
        },
      }),
      "rights.sources.url": (url) => ({
        query: "mutation ($i: RightsArticleInput!) { createRightsArticle(input: $i) { id } }",
        variables: {
          i: { topic: "health-care", country: "libya", audience: "ANYONE", reviewedOn: "2026-01-10", texts: [{ locale: "ar", title: "حق", summary: "ملخص", body: "نص" }], sources: [{ title: "مصدر", url }] },
        },
      }),
      "alert.sources.url": (url) => ({
        query: "mutation ($i: AlertInput!) { createAlert(input: $i) { id } }",
        variables: { i: { validFrom: "2026-01-01T00:00:00Z", texts: [{ locale: "ar", title: "تنبيه" }], sources: [{ title: "مصدر", url }] } },
      }),
    };
    const accepted: string[] = [];
    for (const [field, attempt] of Object.entries(attempts)) {
      for (const url of UNSAFE_URLS) {
        const { query, variables } = attempt(url);
        const answer = await t.graphql(query, variables, { authorization: `Bearer ${tokens.admin}`, "accept-language": "en" });
        const errors: Array<{ extensions?: { code?: string; fields?: Array<{ path: string }> } }> = answer.body.errors ?? [];
        // Refused: no data, and a BAD_USER_INPUT naming the field (HTTP 200 with "data": null, as GraphQL over HTTP asks, or 400).
        const refused = answer.body.data?.[Object.keys(answer.body.data ?? {})[0] ?? ""] == null && errors.some((error) => error.extensions?.code === "BAD_USER_INPUT" && (error.extensions.fields ?? []).some((issue) => /url|website|applyUrl/i.test(issue.path)));
        if (!refused) accepted.push(`${field} = ${JSON.stringify(url)}: HTTP ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
      }
    }
    expect(accepted).toEqual([]);
  });

  it("the public pages, in Arabic and in the fallback from English, run no payload, link no unsafe URL and show the payloads as text", async () => {
    const page = await context.newPage();
    const paths = [
      "/ar/",
      "/ar/services/",
      "/ar/services/category/health/",
      "/ar/services/place/tripoli/",
      "/ar/rights/",
      "/ar/jobs/",
      "/ar/jobs/sector/health/",
      "/ar/jobs/place/tripoli/",
      `/ar/organizations/${"ministry-a"}/`,
      ...titles.keys(),
    ];
    // In English the records' texts are fallbacks (Arabic and French only), marked with their own lang.
    const fallbacks = ["/ar/", ...titles.keys()].map((pathname) => pathname.replace(/^\/ar\//, "/en/"));
    for (const pathname of [...paths, ...fallbacks]) {
      const response = await page.goto(`${t.url}${pathname}`);
      expect(response?.status(), pathname).toBe(200);
      await check(page, pathname);
      const title = titles.get(pathname.replace(/^\/en\//, "/ar/"));
      if (title) expect(collapse((await page.locator("h1").first().textContent()) ?? ""), pathname).toBe(collapse(asStored(title)));
    }
    // A record's own page shows its description as text (the whole packed payload list).
    await page.goto(`${t.url}/ar/services/xss-service-0/`);
    const shown = collapse((await page.locator("main").textContent()) ?? "");
    for (const payload of TEXT_PAYLOADS) expect(shown, payload).toContain(collapse(asStored(payload)));
    // The Markdown body kept its link texts, with no link behind the unsafe ones.
    await page.goto(`${t.url}/ar/rights/xss-rights-0/`);
    const links = await page.locator(".prose a").evaluateAll((anchors) => anchors.map((anchor) => (anchor as HTMLAnchorElement).href));
    expect(links.every((href) => href.startsWith("https://example.org"))).toBe(true);
    expect(await page.locator(".prose").textContent()).toContain("md-js");

    // Search renders results from the index in the browser.
    await page.goto(`${t.url}/ar/search/?q=onerror`);
    await page.locator(".search-results a").first().waitFor();
    await check(page, "/ar/search/?q=onerror");
    // The Atom feed still parses as XML.
    const feed = await page.goto(`${t.url}/ar/jobs/feed.xml`);
    expect(feed?.status()).toBe(200);
    expect(await page.evaluate(() => document.getElementsByTagName("parsererror").length)).toBe(0);
    // A document that is not HTML names no icon, so Chromium asks for /favicon.ico (a console 404
    // when it was missing, logged or not depending on how fast the page closed).
    const icon = await page.request.get(`${t.url}/favicon.ico`);
    expect(icon.status()).toBe(200);
    expect(icon.headers()["content-type"]).toMatch(/^image\//);
    await page.close();

    expect(dialogs).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
  });

  it("the editor's lists, forms, review, audit trail and Markdown preview run no payload and link no unsafe URL", async () => {
    await context.addCookies([{ name: "start_session", value: tokens.admin, url: t.url }]);
    const page = await context.newPage();
    const routes = [
      "",
      "review",
      "organizations",
      "rights",
      "alerts",
      ...ids.organizations.map((id) => `organizations/${id}`),
      ...ids.services.map((id) => `services/${id}`),
      ...ids.vacancies.map((id) => `vacancies/${id}`),
      ...ids.rights.map((id) => `rights/${id}`),
      ...ids.alerts.map((id) => `alerts/${id}`),
      `audit/service/${ids.services[0]}`,
    ];
    for (const route of routes) {
      await page.goto(`${t.url}/ar/editor/#/${route}`);
      await page.locator(".editor-toolbar").waitFor();
      await page.waitForLoadState("networkidle");
      if (route.split("/").length === 2 && !route.startsWith("audit")) await page.locator("form").first().waitFor();
      await check(page, `editor #/${route}`);
    }
    // The Markdown preview is the API's sanitised HTML, inserted as HTML.
    await page.goto(`${t.url}/ar/editor/#/rights/${ids.rights[0]}`);
    await page.locator("button[data-action=preview]").first().click();
    await page.locator(".markdown-preview .prose").first().waitFor();
    await page.waitForTimeout(200);
    await check(page, "editor Markdown preview");
    expect(await page.locator(".markdown-preview .prose").first().textContent()).toContain("md-js");
    await page.close();

    expect(dialogs).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
  });
});
