import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { type HTMLElement, type Node as HtmlNode, NodeType, parse } from "node-html-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi } from "../support/api.js";
import { testDriver } from "../support/database.js";
import {
  type BuiltPortal,
  buildPortalFromContent,
  FALLBACK_SERVICE,
  HOSTILE_RIGHTS_ARTICLE,
  listFiles,
  LOCALES,
  readBuilt,
  repositoryRoot,
  runBuild,
  SITE_URL,
} from "../support/portal.js";
import { formatDate, translator } from "../../portal/src/i18n/index.js";

/**
 * The portal built from the seeded content by portal/scripts/build.mjs, checked file by file:
 * every page in three locales with the right lang/dir, no resource from another origin, no
 * inline script, valid JobPosting JSON-LD, valid Atom feeds and sitemap, and the pieces the
 * issue asks for on each kind of page.
 */

const SITE = new URL(SITE_URL);
/** Google's required JobPosting properties (jobLocation: required unless the job is remote). */
const JOB_POSTING_REQUIRED = ["title", "description", "datePosted", "hiringOrganization", "jobLocation"] as const;
/** schema.org's JobPosting properties, its own and those it inherits from Thing (https://schema.org/JobPosting). */
const JOB_POSTING_PROPERTIES = new Set([
  "@context", "@type",
  "applicantLocationRequirements", "applicationContact", "baseSalary", "datePosted", "description", "directApply",
  "educationRequirements", "eligibilityToWorkRequirement", "employerOverview", "employmentType", "employmentUnit",
  "estimatedSalary", "experienceInPlaceOfEducation", "experienceRequirements", "hiringOrganization", "incentiveCompensation",
  "industry", "jobBenefits", "jobImmediateStart", "jobLocation", "jobLocationType", "jobStartDate", "occupationalCategory",
  "physicalRequirement", "qualifications", "relevantOccupation", "responsibilities", "salaryCurrency",
  "securityClearanceRequirement", "sensoryRequirement", "skills", "specialCommitments", "title", "totalJobOpenings",
  "validThrough", "workHours",
  "additionalType", "alternateName", "disambiguatingDescription", "identifier", "image", "mainEntityOfPage", "name",
  "potentialAction", "sameAs", "subjectOf", "url",
]);
const EMPLOYMENT_TYPES = ["FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY", "INTERN", "VOLUNTEER", "PER_DIEM", "OTHER"];

interface Catalogue {
  services: { id: string; slug: string; isSample: boolean; verifiedAt: string | null }[];
  vacancies: { slug: string; eligibility: string }[];
  rights: { slug: string }[];
  organizations: { slug: string; isSample: boolean }[];
  categories: string[];
}

describe(`portal build output (${testDriver})`, () => {
  let portal: BuiltPortal;
  let files: string[];
  let pages: string[];
  let catalogue: Catalogue;
  const documents = new Map<string, HTMLElement>();
  const page = (file: string): HTMLElement => {
    let root = documents.get(file);
    if (!root) {
      root = parse(readBuilt(portal.outDir, file), { comment: false });
      documents.set(file, root);
    }
    return root;
  };

  beforeAll(async () => {
    portal = await buildPortalFromContent();
    files = listFiles(portal.outDir);
    pages = files.filter((file) => file.endsWith(".html"));
    // Every page of a list: the directory holds more services than one page (100) carries.
    const everyNode = async <Node,>(field: string, fields: string): Promise<Node[]> => {
      const nodes: Node[] = [];
      let after: string | null = null;
      do {
        const body = await portal.api.graphql(
          `query ($after: String) { ${field}(first: 100, after: $after) { edges { node { ${fields} } } pageInfo { hasNextPage endCursor } } }`,
          { after },
        );
        const connection = body.data![field] as { edges: { node: Node }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
        nodes.push(...connection.edges.map((edge) => edge.node));
        after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
      } while (after);
      return nodes;
    };
    const data = (await portal.api.graphql(`{ categories { code children { code children { code } } } }`)).data!;
    const codes: string[] = [];
    const walk = (nodes: { code: string; children?: unknown[] }[]) =>
      nodes.forEach((node) => {
        codes.push(node.code);
        walk((node.children ?? []) as { code: string }[]);
      });
    walk(data.categories);
    catalogue = {
      services: await everyNode<Catalogue["services"][number]>("services", "id slug isSample verifiedAt"),
      vacancies: await everyNode<Catalogue["vacancies"][number]>("vacancies", "slug eligibility"),
      rights: await everyNode<{ slug: string }>("rightsArticles", "slug"),
      organizations: await everyNode<Catalogue["organizations"][number]>("organizations", "slug isSample"),
      categories: codes,
    };
  }, 600_000);

  afterAll(async () => {
    await portal?.close();
  });

  it("has the language picker at the root, and every page of one locale in the other two", () => {
    expect(pages).toContain("index.html");
    expect(pages).toContain("404.html");
    const byLocale = Object.fromEntries(
      LOCALES.map((locale) => [locale, new Set(pages.filter((file) => file.startsWith(`${locale}/`)).map((file) => file.slice(locale.length + 1)))]),
    );
    for (const locale of LOCALES) {
      for (const other of LOCALES) {
        const missing = [...byLocale[locale]!].filter((file) => !byLocale[other]!.has(file));
        expect(missing, `pages of ${locale} missing in ${other}`).toEqual([]);
      }
    }
    const picker = page("index.html");
    expect(picker.querySelectorAll("a[data-locale]").map((link) => link.getAttribute("href"))).toEqual(["/ar/", "/en/", "/fr/"]);
    expect(picker.querySelectorAll("script:not([src])")).toHaveLength(0);
  });

  it("builds every kind of page the issue lists, for every record", () => {
    const expected = [
      "",
      "services/",
      "rights/",
      "jobs/",
      "emergency/",
      "about/",
      "privacy/",
      "search/",
      "offline/",
      "feedback/thanks/",
      "feedback/error/",
      "organizations/",
      ...catalogue.organizations.map((organization) => `organizations/${organization.slug}/`),
      ...catalogue.services.map((service) => `services/${service.slug}/`),
      ...catalogue.vacancies.map((vacancy) => `jobs/${vacancy.slug}/`),
      ...catalogue.rights.map((article) => `rights/${article.slug}/`),
      ...catalogue.categories.map((code) => `services/category/${code}/`),
      "services/place/libya/",
      "services/place/sabha/",
      "services/place/tunisia/",
    ];
    for (const locale of LOCALES) {
      for (const suffix of expected) expect(pages, `/${locale}/${suffix}`).toContain(`${locale}/${suffix}index.html`);
      expect(files).toContain(`${locale}/jobs/feed.xml`);
      expect(files).toContain(`${locale}/manifest.webmanifest`);
    }
    expect(catalogue.services.length).toBeGreaterThan(50);
    expect(files).toContain("sitemap.xml");
    expect(files).toContain("robots.txt");
    expect(files).toContain("sw.js");
  });

  it("gives every page the lang and dir of its locale, a title, a canonical URL and hreflang alternates with x-default", () => {
    for (const file of pages) {
      const locale = file.split("/")[0]!;
      if (!LOCALES.includes(locale as (typeof LOCALES)[number])) continue;
      const root = page(file);
      const html = root.querySelector("html")!;
      expect(html.getAttribute("lang"), file).toBe(locale);
      expect(html.getAttribute("dir"), file).toBe(locale === "ar" ? "rtl" : "ltr");
      expect(root.querySelector("title")?.text.trim(), file).toBeTruthy();
      // A locale's "not found" page has no address of its own (checked in its own test).
      if (file === `${locale}/404.html`) continue;
      const pathname = `/${file.replace(/index\.html$/, "")}`;
      expect(root.querySelector('link[rel="canonical"]')?.getAttribute("href"), file).toBe(new URL(pathname, SITE).href);
      const alternates = Object.fromEntries(
        root.querySelectorAll('link[rel="alternate"][hreflang]').map((link) => [link.getAttribute("hreflang"), link.getAttribute("href")]),
      );
      for (const other of LOCALES) expect(alternates[other], file).toBe(new URL(pathname.replace(/^\/[a-z]+\//, `/${other}/`), SITE).href);
      expect(alternates["x-default"], file).toMatch(new RegExp(`^${SITE.origin}/`));
    }
  });

  it("has OpenGraph and Twitter tags for link previews, with an image on the site's own origin", () => {
    for (const file of ["ar/index.html", "en/services/iom-voluntary-humanitarian-return/index.html", "fr/jobs/index.html"]) {
      const root = page(file);
      const meta = (selector: string) => root.querySelector(`meta[${selector}]`)?.getAttribute("content");
      expect(meta('property="og:title"'), file).toBeTruthy();
      expect(meta('property="og:description"'), file).toBeTruthy();
      expect(meta('property="og:url"'), file).toBe(root.querySelector('link[rel="canonical"]')?.getAttribute("href"));
      expect(meta('property="og:image"'), file).toBe(`${SITE.origin}/og-image.png`);
      expect(meta('name="twitter:card"'), file).toBe("summary_large_image");
    }
    expect(files).toContain("og-image.png");
  });

  it("loads nothing from another origin and runs no inline script", () => {
    const internal = (url: string) => {
      const resolved = new URL(url, SITE);
      return resolved.origin === SITE.origin || resolved.protocol === "data:";
    };
    const resourceAttributes: [string, string][] = [
      ["script[src]", "src"],
      ["link[href]", "href"],
      ["img[src]", "src"],
      ["source[src]", "src"],
      ["iframe[src]", "src"],
      ["video[src]", "src"],
      ["audio[src]", "src"],
      ["use[href]", "href"],
      ["form[action]", "action"],
      ['meta[property="og:image"]', "content"],
      ['meta[name="twitter:image"]', "content"],
    ];
    for (const file of pages) {
      const root = page(file);
      for (const [selector, attribute] of resourceAttributes) {
        for (const element of root.querySelectorAll(selector)) {
          const value = element.getAttribute(attribute)!;
          expect(internal(value), `${file}: <${selector}> ${value}`).toBe(true);
        }
      }
      expect(root.querySelectorAll("[srcset]"), file).toHaveLength(0);
      expect(root.querySelectorAll("[style]"), `${file}: inline style attribute`).toHaveLength(0);
      expect(root.querySelectorAll("style"), `${file}: inline stylesheet`).toHaveLength(0);
      for (const script of root.querySelectorAll("script:not([src])")) {
        expect(["application/ld+json", "application/json"], `${file}: inline script`).toContain(script.getAttribute("type"));
      }
      // Links leave the site only as links a person taps (sources, websites, WhatsApp), never as resources.
      for (const link of root.querySelectorAll("a[href]")) {
        const href = link.getAttribute("href")!;
        expect(/^(\/|#|tel:|sms:|mailto:|geo:|https?:\/\/)/.test(href), `${file}: ${href}`).toBe(true);
      }
    }
    for (const file of files.filter((name) => name.endsWith(".css"))) {
      for (const match of readBuilt(portal.outDir, file).matchAll(/url\(\s*["']?([^"')]+)/g)) {
        expect(internal(match[1]!), `${file}: url(${match[1]})`).toBe(true);
      }
    }
    for (const file of files.filter((name) => name.endsWith(".js"))) {
      const code = readBuilt(portal.outDir, file);
      expect(code, `${file} fetches only by path`).not.toMatch(/fetch\(\s*["'`]https?:/);
      expect(code, `${file} imports only by path`).not.toMatch(/import\(\s*["'`]https?:/);
    }
  });

  it("ships no script on a service page but /site.js (service worker, open now, ended alerts), under 1 KB gzipped", () => {
    for (const locale of LOCALES) {
      const root = page(`${locale}/services/${FALLBACK_SERVICE.slug}/index.html`);
      const scripts = root.querySelectorAll("script").filter((script) => script.getAttribute("type") !== "application/ld+json");
      expect(scripts.map((script) => script.getAttribute("src"))).toEqual(["/site.js"]);
    }
    // Minified at build time; under 1 KB as a phone downloads it (gzipped).
    expect(gzipSync(readFileSync(path.join(portal.outDir, "site.js"))).length).toBeLessThanOrEqual(1024);
    expect(readBuilt(portal.outDir, "site.js")).toContain('serviceWorker.register("/sw.js")');
  });

  it("shows a service: organisation, offer, documents, cost, languages, each location with hours, tap-to-call, WhatsApp, SMS, map, verification and sources", () => {
    const root = page(`ar/services/${FALLBACK_SERVICE.slug}/index.html`);
    const hrefs = root.querySelectorAll("a[href]").map((link) => link.getAttribute("href")!);
    expect(hrefs).toContain(`tel:${FALLBACK_SERVICE.phone}`);
    expect(hrefs).toContain(`sms:${FALLBACK_SERVICE.phone}`);
    expect(hrefs).toContain(`https://wa.me/${FALLBACK_SERVICE.whatsapp.slice(1)}`);
    expect(hrefs.some((href) => href.startsWith("geo:27.0377,14.4283"))).toBe(true);
    expect(hrefs).toContain("/ar/organizations/libyan-red-crescent/");
    expect(hrefs.some((href) => href.startsWith("https://wa.me/?text="))).toBe(true);
    // Several periods a day: Sunday to Thursday, 08:00–12:00 and 15:00–18:00, merged into one row.
    const rows = root.querySelectorAll(".hours tr").map((row) => row.text.replace(/\s+/g, " ").trim());
    expect(rows.some((row) => row.includes("08:00–12:00") && row.includes("15:00–18:00") && row.includes("الأحد") && row.includes("الخميس"))).toBe(true);
    expect(rows.some((row) => row.includes("الجمعة") && row.includes("مغلق"))).toBe(true);
    expect(root.querySelector("main")!.text).toContain("أي وثيقة هوية");
    expect(root.querySelector("main")!.text).toContain("الهوسا");
    // Not verified for a year: the warning is visible.
    expect(root.querySelector("[data-stale]")?.text).toMatch(/لم يُتحقق منها منذ/);

    const recent = catalogue.services.find((service) => service.verifiedAt && Date.now() - Date.parse(service.verifiedAt) < 30 * 86_400_000)!;
    expect(page(`en/services/${recent.slug}/index.html`).querySelector("[data-stale]")).toBeNull();
    const withSources = page("en/services/iom-voluntary-humanitarian-return/index.html");
    expect(withSources.querySelector(".sources a[href^='https://']")).not.toBeNull();
    // A source's own date beside the day it was read, in the page's language.
    const sourceLines = (locale: string) =>
      page(`${locale}/services/iom-voluntary-humanitarian-return/index.html`).querySelectorAll(".sources li").map((item) => item.text.replace(/\s+/g, " ").trim());
    // (The content is rebased to today: dates are matched by their shape.)
    const day = "\\d{1,2} \\p{L}+ \\d{4}";
    expect(sourceLines("en")).toContainEqual(expect.stringMatching(new RegExp(`\\(Published ${day} · Consulted on ${day}\\)`, "u")));
    expect(sourceLines("fr")).toContainEqual(expect.stringMatching(new RegExp(`\\(Publié le ${day} · Consulté le ${day}\\)`, "u")));
    expect(sourceLines("ar").some((line) => line.includes("نُشر في") && line.includes("اطّلعنا عليه في"))).toBe(true);
    expect(sourceLines("en")).toContainEqual(expect.stringMatching(new RegExp(`Voluntary Humanitarian Return \\(VHR\\) programme page \\(Consulted on ${day}\\)$`, "u")));
    // Provenance: a listing compiled from public sources says so, dated by its newest source's own date; a confirmed one says it was confirmed with the organisation, in the page's language.
    expect(withSources.querySelector("[data-provenance]")!.text).toMatch(new RegExp(`Compiled from public sources; the newest is dated ${day}`, "u"));
    expect(page(`ar/services/${recent.slug}/index.html`).querySelector("[data-provenance]")!.text).toContain("أكّدتها الجهة المقدِّمة للخدمة في");
  });

  it("marks sample entries with a badge and a notice, and real ones with neither", () => {
    const sample = catalogue.services.find((service) => service.isSample)!;
    const real = catalogue.services.find((service) => !service.isSample && service.slug !== FALLBACK_SERVICE.slug)!;
    for (const locale of LOCALES) {
      expect(page(`${locale}/services/${sample.slug}/index.html`).querySelector("main .badge-sample"), sample.slug).not.toBeNull();
      expect(page(`${locale}/services/${sample.slug}/index.html`).querySelector("main .notice-sample"), sample.slug).not.toBeNull();
      expect(page(`${locale}/services/${real.slug}/index.html`).querySelector("main .badge-sample"), real.slug).toBeNull();
    }
  });

  it("has a 'not found' page per locale at <locale>/404.html, in its language, leading to home, services and search; the root one stays for the rest", () => {
    const strings = (locale: string) => JSON.parse(readFileSync(path.join(repositoryRoot, `content/i18n/${locale}.json`), "utf8"));
    for (const locale of LOCALES) {
      expect(files).toContain(`${locale}/404.html`);
      expect(files).not.toContain(`${locale}/404/index.html`);
      const root = page(`${locale}/404.html`);
      expect(root.querySelector("html")!.getAttribute("lang")).toBe(locale);
      expect(root.querySelector("html")!.getAttribute("dir")).toBe(locale === "ar" ? "rtl" : "ltr");
      expect(root.querySelector("main h1")!.text.trim()).toBe(strings(locale).errors.notFoundTitle);
      expect(root.querySelector('meta[name="robots"]')?.getAttribute("content")).toBe("noindex");
      expect(root.querySelector('link[rel="canonical"]')).toBeNull();
      for (const target of [`/${locale}/`, `/${locale}/services/`, `/${locale}/search/`]) expect(root.querySelector(`main a[href="${target}"]`), `${locale} ${target}`).not.toBeNull();
      expect(root.querySelector(`main form[action="/${locale}/search/"] input[name="q"]`)).not.toBeNull();
      // The language links lead to each locale's home page (the missing path has no translation).
      expect(root.querySelectorAll(".languages a").map((link) => link.getAttribute("href"))).toEqual(LOCALES.map((other) => `/${other}/`));
    }
    const everyLanguage = page("404.html");
    for (const locale of LOCALES) expect(everyLanguage.querySelector(`section[lang="${locale}"] h1`)?.text.trim()).toBe(strings(locale).errors.notFoundTitle);
    expect(readBuilt(portal.outDir, "sitemap.xml")).not.toMatch(/\/404[/.]/);
  });

  it("says on every vacancy of the jobs lists who may apply, and offers to filter them by it (hidden without script)", () => {
    const strings = (locale: string) => JSON.parse(readFileSync(path.join(repositoryRoot, `content/i18n/${locale}.json`), "utf8"));
    const eligibility = new Map(catalogue.vacancies.map((vacancy) => [vacancy.slug, vacancy.eligibility]));
    expect(new Set(eligibility.values()).size).toBeGreaterThan(1);
    for (const locale of LOCALES) {
      const labels = strings(locale).jobs.openTo as Record<string, string>;
      for (const file of [`${locale}/jobs/index.html`, `${locale}/jobs/sector/health/index.html`]) {
        const root = page(file);
        const cards = root.querySelectorAll("[data-filter-list] > li");
        expect(cards.length, file).toBeGreaterThan(1);
        for (const card of cards) {
          const slug = card.querySelector(".card-title a")!.getAttribute("href")!.split("/")[3]!;
          const value = eligibility.get(slug)!;
          expect(card.getAttribute("data-eligibility"), `${file} ${slug}`).toBe(value);
          expect(card.querySelector(".badge-eligibility")?.text.trim(), `${file} ${slug}`).toBe(labels[value.toLowerCase()]);
        }
        const form = root.querySelector("form[data-filters]")!;
        expect(form.hasAttribute("hidden"), file).toBe(true);
        const options = form.querySelectorAll("#filter-eligibility option").map((option) => option.getAttribute("value"));
        expect(options[0]).toBe("");
        expect(options.slice(1).sort()).toEqual([...new Set(cards.map((card) => card.getAttribute("data-eligibility")))].sort());
        expect(root.querySelector('label[for="filter-eligibility"]')!.text.trim()).toBe(strings(locale).jobs.whoMayApply);
      }
    }
  });

  /**
   * The texts of a page written in its own language, with the attributes people read: not those
   * marked with another language (lang), not scripts, code or cited titles, which are quoted as
   * their sources write them.
   */
  const ownLanguageTexts = (file: string): string[] => {
    const locale = file.split("/")[0]!;
    const texts: string[] = [];
    const visit = (node: HtmlNode) => {
      if (node.nodeType === NodeType.TEXT_NODE) return void texts.push(node.text);
      if (node.nodeType !== NodeType.ELEMENT_NODE) return;
      const element = node as HTMLElement;
      if (["script", "style", "code", "pre"].includes(element.rawTagName?.toLowerCase())) return;
      if ((element.getAttribute("lang") ?? locale) !== locale || element.classList.contains("sources")) return;
      for (const attribute of ["title", "aria-label", "placeholder", "alt"]) {
        const value = element.getAttribute(attribute);
        if (value) texts.push(value);
      }
      if (element.rawTagName === "meta" && /description|title/.test(element.getAttribute("name") ?? element.getAttribute("property") ?? "")) texts.push(element.getAttribute("content") ?? "");
      for (const child of element.childNodes) visit(child);
    };
    visit(page(file).querySelector("html")!);
    return texts;
  };

  it("writes French pages in French typography: a space before : ; ? ! and language names in lower case mid-sentence", () => {
    const strings = JSON.parse(readFileSync(path.join(repositoryRoot, "content/i18n/fr.json"), "utf8"));
    const names = Object.values(strings.languages as Record<string, string>);
    // Links, e-mail and phone addresses and times (08:30) are not punctuation.
    const links = /\b(?:[a-z][a-z0-9+.-]*:\/\/|mailto:|tel:|geo:)\S*/gi;
    const missingSpace = /(?<![\s\u00a0\u202f?!])[:;?!](?!\d)|(?<=\D):(?=\d)/gu;
    const capitalised = new RegExp(`(?<=[\\p{Ll},;:·][\\s\\u00a0\\u202f]+)(?:${names.join("|")})(?![\\p{L}])`, "gu");
    const problems: string[] = [];
    const french = pages.filter((file) => file.startsWith("fr/"));
    expect(french.length).toBeGreaterThan(300);
    for (const file of french) {
      for (const raw of ownLanguageTexts(file)) {
        const text = raw.replace(links, " ").replace(/\s+/g, " ");
        for (const match of text.matchAll(missingSpace)) problems.push(`${file}: no space before "${match[0]}" in "${text.slice(Math.max(0, match.index! - 30), match.index! + 10)}"`);
        for (const match of text.matchAll(capitalised)) problems.push(`${file}: "${match[0]}" capitalised in "${text.slice(Math.max(0, match.index! - 30), match.index! + 15)}"`);
      }
    }
    expect(problems.slice(0, 20)).toEqual([]);
    // What START composes itself has the narrow no-break space (U+202F).
    const service = page(`fr/services/${FALLBACK_SERVICE.slug}/index.html`);
    expect(service.querySelector(".location .label")!.text).toBe("Adresse\u202f:");
    expect(service.querySelector(".share-url span")!.text).toBe("Lien vers cette page\u202f:");
    const languages = service.querySelectorAll("main h2").find((heading) => heading.text.trim() === strings.service.languages)!.nextElementSibling!;
    expect(languages.text).toBe("Arabe, haoussa");
  });

  it("writes Arabic numbers that cannot be misread: salaries as 1900, not 1.900 (one point nine)", () => {
    const salary = (file: string) => {
      const label = JSON.parse(readFileSync(path.join(repositoryRoot, `content/i18n/${file.split("/")[0]}.json`), "utf8")).jobs.salary;
      const facts = page(file).querySelector("dl.facts")!;
      const terms = facts.querySelectorAll("dt");
      const index = terms.findIndex((term) => term.text.trim() === label);
      return facts.querySelectorAll("dd")[index]!.text.trim();
    };
    expect(salary("ar/jobs/sample-anaesthesia-technicians-benghazi/index.html")).toMatch(/^من 1900 إلى 2500 /);
    expect(salary("ar/jobs/sample-general-practitioners-murzuq-qatroun/index.html")).toMatch(/^من 4000 إلى 5500 /);
    expect(salary("en/jobs/sample-anaesthesia-technicians-benghazi/index.html")).toMatch(/1,900.*2,500/);
    // No Arabic text of any page groups thousands with a dot or a comma.
    const misread: string[] = [];
    for (const file of pages.filter((name) => name.startsWith("ar/"))) {
      for (const text of ownLanguageTexts(file)) for (const match of text.matchAll(/\d[.,]\d{3}(?!\d)/g)) misread.push(`${file}: ${match[0]}`);
    }
    expect(misread).toEqual([]);
  });

  it("lists every organisation on an index per locale, in that locale's alphabetical order, samples marked, linked from the services page and every footer", () => {
    expect(catalogue.organizations.length).toBeGreaterThan(20);
    const samples = new Set(catalogue.organizations.filter((organization) => organization.isSample).map((organization) => organization.slug));
    expect(samples.size).toBeGreaterThan(0);
    for (const locale of LOCALES) {
      const root = page(`${locale}/organizations/index.html`);
      const cards = root.querySelectorAll("main .card");
      const slugs = cards.map((card) => card.querySelector(".card-title a")!.getAttribute("href")!.match(/^\/[a-z]+\/organizations\/([^/]+)\/$/)![1]!);
      expect(slugs.sort()).toEqual(catalogue.organizations.map((organization) => organization.slug).sort());
      const names = cards.map((card) => card.querySelector(".card-title a")!.text.trim());
      expect(names).toEqual([...names].sort(new Intl.Collator(locale).compare));
      for (const card of cards) {
        const slug = card.querySelector(".card-title a")!.getAttribute("href")!.split("/")[3]!;
        expect(card.querySelector(".badge-sample") !== null, `${locale} ${slug}`).toBe(samples.has(slug));
      }
      expect(page(`${locale}/services/index.html`).querySelector(`main a[href="/${locale}/organizations/"]`), locale).not.toBeNull();
      expect(page(`${locale}/index.html`).querySelector(`.site-footer a[href="/${locale}/organizations/"]`), locale).not.toBeNull();
      expect(page(`${locale}/organizations/libyan-red-crescent/index.html`).querySelector(`.breadcrumbs a[href="/${locale}/organizations/"]`), locale).not.toBeNull();
    }
    expect(readBuilt(portal.outDir, "sitemap.xml")).toContain(`<loc>${SITE.origin}/ar/organizations/</loc>`);
  });

  it("gives a record missing in a locale its page there, in the language it has, with a notice and that language's lang/dir", () => {
    for (const locale of ["en", "fr"]) {
      const root = page(`${locale}/services/${FALLBACK_SERVICE.slug}/index.html`);
      expect(root.querySelector("html")!.getAttribute("lang")).toBe(locale);
      const title = root.querySelector("h1 [lang]")!;
      expect(title.getAttribute("lang")).toBe("ar");
      expect(title.getAttribute("dir")).toBe("rtl");
      expect(title.text).toBe(FALLBACK_SERVICE.name);
      const notices = root.querySelectorAll(".notice").map((notice) => notice.text);
      expect(notices.some((text) => /Arabic|arabe/i.test(text)), notices.join(" | ")).toBe(true);
    }
    // Listing cards carry the fallback too.
    const card = page("fr/services/category/health/index.html").querySelector(`a[href="/fr/services/${FALLBACK_SERVICE.slug}/"] [lang="ar"]`);
    expect(card?.getAttribute("dir")).toBe("rtl");
  });

  it("has a plain feedback form on each service page: listing, kind, optional message, locale; posted to /feedback", () => {
    for (const locale of LOCALES) {
      const form = page(`${locale}/services/${FALLBACK_SERVICE.slug}/index.html`).querySelector("form[action='/feedback']")!;
      expect(form.getAttribute("method")).toBe("post");
      expect(form.querySelector("input[name=listing]")!.getAttribute("value")).toBe(portal.fallbackServiceId);
      expect(form.querySelector("input[name=locale]")!.getAttribute("value")).toBe(locale);
      expect(form.querySelectorAll("input[name=kind]").map((input) => input.getAttribute("value"))).toEqual(["outdated", "wrong_contact", "closed", "other"]);
      const message = form.querySelector("textarea[name=message]")!;
      expect(message.getAttribute("maxlength")).toBe("2000");
      expect(message.hasAttribute("required")).toBe(false);
      // No personal data asked.
      expect(form.querySelectorAll("input").map((input) => input.getAttribute("name"))).not.toContain("email");
      expect(page(`${locale}/feedback/thanks/index.html`).querySelector("h1")).not.toBeNull();
      expect(page(`${locale}/feedback/error/index.html`).querySelector("h1")).not.toBeNull();
    }
  });

  it("lists every service of a category without script, with the filters shipped hidden for the script to reveal", () => {
    const root = page("ar/services/category/health/index.html");
    const listed = root.querySelectorAll("[data-filter-list] > li");
    const health = catalogue.services.length > 0 ? listed.length : 0;
    expect(health).toBeGreaterThan(5);
    expect(root.querySelector("form[data-filters]")!.hasAttribute("hidden")).toBe(true);
    for (const card of listed) {
      expect(card.getAttribute("data-audiences")).toBeTruthy();
      expect(["0", "1"]).toContain(card.getAttribute("data-free"));
    }
    expect(root.querySelector(`a[href="/ar/services/${FALLBACK_SERVICE.slug}/"]`)).not.toBeNull();
  });

  it("shows rights articles with the summary first, sources, review date and the not-legal-advice notice linking to legal aid", () => {
    for (const locale of LOCALES) {
      const root = page(`${locale}/rights/residence-for-libyans-in-tunisia/index.html`);
      const article = root.querySelector("article")!;
      const lead = article.querySelector(".lead")!;
      const body = article.querySelector("div.prose")!;
      expect(article.innerHTML.indexOf(lead.outerHTML)).toBeLessThan(article.innerHTML.indexOf(body.outerHTML));
      expect(article.querySelector(".notice-legal a")!.getAttribute("href")).toBe(`/${locale}/services/category/legal_aid/`);
      expect(article.querySelectorAll(".sources li").length).toBeGreaterThan(0);
      expect(article.text).toMatch(/2026|2025/);
      // The legal-aid link inside the Markdown body points at the static category page too.
      for (const link of body.querySelectorAll("a[href^='/']")) expect(pages).toContain(`${link.getAttribute("href")!.slice(1)}index.html`);
    }
  });

  it("renders a rights article's Markdown with the API's sanitising renderer: no image from another origin, no script", () => {
    for (const locale of LOCALES) {
      const body = page(`${locale}/rights/${HOSTILE_RIGHTS_ARTICLE.slug}/index.html`).querySelector("article div.prose")!;
      expect(body.text).toContain("Read this first.");
      expect(body.querySelectorAll("img, script, iframe, object, embed")).toHaveLength(0);
      // The raw HTML is shown as the text it is; no element carries a handler or a URL to another origin.
      expect(body.text).toContain("<script>window.__xss = 1</script>");
      for (const element of body.querySelectorAll("*")) {
        for (const [name, value] of Object.entries(element.attributes)) {
          expect(name, element.outerHTML).not.toMatch(/^on/i);
          expect(value, element.outerHTML).not.toMatch(/other\.example\.net|javascript:/i);
        }
      }
      // Links keep working, the category link pointing at the static category page.
      expect(body.querySelector("a[href='/en/services/category/legal_aid/']")?.text).toBe("legal aid");
    }
  });

  it("describes each vacancy with JobPosting JSON-LD carrying every property Google requires", () => {
    expect(catalogue.vacancies.length).toBeGreaterThan(0);
    for (const locale of LOCALES) {
      for (const vacancy of catalogue.vacancies) {
        const file = `${locale}/jobs/${vacancy.slug}/index.html`;
        const blocks = page(file).querySelectorAll('script[type="application/ld+json"]').map((script) => JSON.parse(script.text));
        const posting = blocks.find((block) => block["@type"] === "JobPosting");
        expect(posting, file).toBeDefined();
        expect(posting["@context"]).toBe("https://schema.org");
        for (const property of JOB_POSTING_REQUIRED) expect(posting[property], `${file}: ${property}`).toBeTruthy();
        expect(Object.keys(posting).filter((property) => !JOB_POSTING_PROPERTIES.has(property)), file).toEqual([]);
        expect(posting.datePosted).toMatch(/^\d{4}-\d{2}-\d{2}/);
        expect(Number.isNaN(Date.parse(posting.validThrough))).toBe(false);
        expect(Date.parse(posting.validThrough)).toBeGreaterThan(Date.parse(posting.datePosted));
        expect(posting.hiringOrganization["@type"]).toBe("Organization");
        expect(posting.hiringOrganization.name).toBeTruthy();
        expect(posting.jobLocation["@type"]).toBe("Place");
        expect(posting.jobLocation.address["@type"]).toBe("PostalAddress");
        expect(posting.jobLocation.address.addressCountry).toMatch(/^[A-Z]{2}$/);
        expect(posting.jobLocation.address.addressLocality).toBeTruthy();
        expect(EMPLOYMENT_TYPES).toContain(posting.employmentType);
        expect(posting.url).toBe(new URL(`/${locale}/jobs/${vacancy.slug}/`, SITE).href);
        const main = page(file).querySelector("main")!;
        expect(main.querySelector(".deadline")).not.toBeNull();
      }
    }
  });

  it("shows each active alert on the pages of the places it concerns and of their services, on an alerts page and in an Atom feed per locale", async () => {
    const { alerts } = (await portal.api.graphql(`{ alerts(activeOnly: true) { id places { slug } translations { locale title } } }`)).data! as {
      alerts: { id: string; places: { slug: string }[]; translations: { locale: string; title: string }[] }[];
    };
    const placed = alerts.filter((alert) => alert.places.some((place) => files.includes(`en/services/place/${place.slug}/index.html`)));
    expect(placed.length).toBeGreaterThan(0);
    const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === "entry" });
    for (const locale of LOCALES) {
      const titleOf = (alert: (typeof alerts)[number]) => alert.translations.find((text) => text.locale === locale)?.title ?? alert.translations[0]!.title;
      const listed = page(`${locale}/alerts/index.html`).querySelector("main")!.text;
      for (const alert of alerts) expect(listed, `${locale} alerts page`).toContain(titleOf(alert));
      const feed = parser.parse(readBuilt(portal.outDir, `${locale}/alerts/feed.xml`)).feed;
      expect(feed.id).toBe(new URL(`/${locale}/alerts/feed.xml`, SITE).href);
      expect(feed.entry ?? []).toHaveLength(alerts.length);
      for (const alert of placed) {
        for (const { slug } of alert.places.filter((place) => files.includes(`en/services/place/${place.slug}/index.html`))) {
          const placePage = page(`${locale}/services/place/${slug}/index.html`);
          expect(placePage.querySelector("[data-alerts]")?.text, `${locale} ${slug}`).toContain(titleOf(alert));
          // Every service listed on that place's page shows it too, above its hours.
          const serviceLink = new RegExp(`^/${locale}/services/(?!place/|category/)[^/]+/$`);
          const services = placePage.querySelectorAll("main .cards a").map((link) => link.getAttribute("href") ?? "").filter((href) => serviceLink.test(href));
          expect(services.length).toBeGreaterThan(0);
          for (const href of services) {
            expect(page(`${href.slice(1)}index.html`).querySelector("[data-alerts]")?.text, href).toContain(titleOf(alert));
          }
        }
      }
    }
  });

  it("shows a closure alert on its service, its organisation, the places and types that list the service, labels the service closed, and gives each place a feed", async () => {
    const { alerts } = (await portal.api.graphql(`{ alerts(activeOnly: true) { id closedUntil services { slug organization { slug } categories { code } } translations { locale title } } }`)).data! as {
      alerts: { id: string; closedUntil: string | null; services: { slug: string; organization: { slug: string }; categories: { code: string }[] }[]; translations: { locale: string; title: string }[] }[];
    };
    // The shipped sample: the sample Sabha clinic closed for repairs.
    const closure = alerts.find((alert) => alert.closedUntil && alert.services.some((service) => service.slug === "sample-sabha-primary-care-clinic"));
    expect(closure).toBeDefined();
    const { closedUntil } = closure!;
    const service = closure!.services[0]!;
    const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === "entry" || name === "category" });
    for (const locale of LOCALES) {
      const title = closure!.translations.find((text) => text.locale === locale)!.title;
      const servicePage = page(`${locale}/services/${service.slug}/index.html`);
      const main = servicePage.querySelector("main")!;
      // Above the hours: the alert, and the service labelled closed until the closure's last day.
      expect(main.querySelector("[data-alerts]")?.text).toContain(title);
      const label = main.querySelector(`.badges [data-closed-until="${closedUntil}"]`);
      expect(label?.text.trim()).toBe(translator(locale)("service.closedUntil", { date: formatDate(closedUntil!, locale) }));
      const html = main.toString();
      expect(html.indexOf("data-alerts")).toBeLessThan(html.indexOf('class="hours"'));
      // Open now is never said while it is closed: the script is told the closure.
      const status = main.querySelector("[data-open-status]")!;
      expect(status.getAttribute("data-closure")).toBe(closedUntil);
      expect(JSON.parse(status.getAttribute("data-labels")!).closedUntil).toBe(label!.text.trim());

      // The pages that list it: its places (Sabha and the places around it), its types, its organisation; and the card says closed.
      for (const file of [
        `${locale}/services/place/sabha/index.html`,
        `${locale}/services/place/libya/index.html`,
        `${locale}/services/category/${service.categories[0]!.code}/index.html`,
        `${locale}/organizations/${service.organization.slug}/index.html`,
      ]) {
        const listing = page(file).querySelector("main")!;
        expect(listing.querySelector("[data-alerts]")?.text, file).toContain(title);
        const card = listing.querySelectorAll(".cards > li").find((item) => item.querySelector(`a[href="/${locale}/services/${service.slug}/"]`));
        expect(card?.querySelector(`[data-closed-until="${closedUntil}"]`), file).not.toBeNull();
      }
      // Other services of the same place are not labelled closed.
      const sabha = page(`${locale}/services/place/sabha/index.html`).querySelector("main")!;
      expect(sabha.querySelectorAll("[data-closed-until]")).toHaveLength(1);

      // Sabha's page links its own feed, which holds what the page shows.
      const feedPath = `/${locale}/alerts/sabha/feed.xml`;
      expect(page(`${locale}/services/place/sabha/index.html`).querySelector(`link[rel="alternate"][type="application/atom+xml"][href="${feedPath}"]`)).not.toBeNull();
      const xml = readBuilt(portal.outDir, feedPath.slice(1));
      expect(XMLValidator.validate(xml)).toBe(true);
      const feed = parser.parse(xml).feed;
      expect(feed.id).toBe(new URL(feedPath, SITE).href);
      const entry = (feed.entry ?? []).find((item: any) => item.id === `urn:uuid:${closure!.id}`);
      expect(entry).toBeDefined();
      expect(entry.link["@_href"]).toBe(new URL(`/${locale}/services/${service.slug}/`, SITE).href);
      expect(entry.category.map((category: any) => category["@_term"])).toContain("closure");
      // A place far from it has a feed without it.
      const tunisFeed = parser.parse(readBuilt(portal.outDir, `${locale}/alerts/tunis/feed.xml`)).feed;
      expect((tunisFeed.entry ?? []).map((item: any) => item.id)).not.toContain(`urn:uuid:${closure!.id}`);
    }
    // Every place page has its feed.
    for (const file of pages.filter((name) => /^[a-z]{2}\/services\/place\/[^/]+\/index\.html$/.test(name))) {
      const [locale, , , slug] = file.split("/");
      expect(files, file).toContain(`${locale}/alerts/${slug}/feed.xml`);
    }
    // Search marks it closed, as the API does.
    for (const locale of LOCALES) {
      const manifest = JSON.parse(readBuilt(portal.outDir, files.find((file) => new RegExp(`^${locale}/search-index\\.[0-9a-f]{12}\\.json$`).test(file))!));
      const doc = manifest.docs.find((item: any) => item.key === `services/${service.slug}`);
      expect(doc.c).toBe(1);
      expect(manifest.docs.filter((item: any) => item.c === 1).map((item: any) => item.key)).toEqual([`services/${service.slug}`]);
    }
  });

  it("never leaves a service page without a way to reach someone, and never says to call when there is nothing to call", () => {
    let throughOrganization = 0;
    for (const { slug } of catalogue.services) {
      const root = page(`en/services/${slug}/index.html`);
      const main = root.querySelector("main")!;
      // (The page's own "share on WhatsApp" link is not a way to reach the service.)
      const channels = main.querySelectorAll('a[href^="tel:"], a[href^="mailto:"], a[href^="https://wa.me/"], a[href^="sms:"]').filter((link) => !link.closest(".share")).length;
      if (main.querySelector("[data-contact=organization]")) throughOrganization += 1;
      if (main.querySelector("[data-no-contact]")) {
        expect(channels, slug).toBe(0);
        expect(main.text, slug).not.toContain("Call before you go");
      }
    }
    expect(throughOrganization).toBeGreaterThan(0);
  });

  it("gives a service page with hours what the phone needs to say whether it is open now, in the place's time zone", () => {
    for (const locale of LOCALES) {
      const status = page(`${locale}/services/${FALLBACK_SERVICE.slug}/index.html`).querySelector("[data-open-status]")!;
      expect(status.getAttribute("data-time-zone")).toBe("Africa/Tripoli");
      const periods = JSON.parse(status.getAttribute("data-open-status")!) as [number, string, string][];
      expect(periods).toContainEqual([7, "08:00", "12:00"]);
      const labels = JSON.parse(status.getAttribute("data-labels")!) as Record<string, string>;
      expect(labels.until).toContain("{{time}}");
      expect(labels.opens).toContain("{{time}}");
    }
  });

  it("publishes a valid Atom feed of the open vacancies per locale", () => {
    const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === "entry" });
    for (const locale of LOCALES) {
      const xml = readBuilt(portal.outDir, `${locale}/jobs/feed.xml`);
      expect(XMLValidator.validate(xml)).toBe(true);
      const feed = parser.parse(xml).feed;
      expect(feed["@_xmlns"]).toBe("http://www.w3.org/2005/Atom");
      expect(feed["@_xml:lang"]).toBe(locale);
      expect(feed.id).toBe(new URL(`/${locale}/jobs/feed.xml`, SITE).href);
      expect(Number.isNaN(Date.parse(feed.updated))).toBe(false);
      expect(feed.entry).toHaveLength(catalogue.vacancies.length);
      for (const entry of feed.entry) {
        expect(entry.id).toMatch(/^urn:uuid:/);
        expect(entry.title["#text"] ?? entry.title).toBeTruthy();
        expect(entry.link["@_href"]).toMatch(new RegExp(`^${SITE.origin}/${locale}/jobs/`));
        expect(Number.isNaN(Date.parse(entry.updated))).toBe(false);
      }
    }
  });

  it("lists the pages in a valid sitemap with hreflang alternates, and points robots.txt at it", () => {
    const xml = readBuilt(portal.outDir, "sitemap.xml");
    expect(XMLValidator.validate(xml)).toBe(true);
    const urls = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === "url" || name === "xhtml:link" }).parse(xml).urlset.url;
    const locs = urls.map((url: { loc: string }) => url.loc);
    expect(locs).toContain(`${SITE.origin}/ar/services/${FALLBACK_SERVICE.slug}/`);
    expect(locs).not.toContain(`${SITE.origin}/ar/offline/`);
    expect(locs).not.toContain(`${SITE.origin}/404/`);
    const home = urls.find((url: { loc: string }) => url.loc === `${SITE.origin}/en/`);
    expect(home["xhtml:link"].map((link: Record<string, string>) => link["@_hreflang"]).sort()).toEqual(["ar", "en", "fr", "x-default"]);
    expect(readBuilt(portal.outDir, "robots.txt")).toContain(`Sitemap: ${SITE.origin}/sitemap.xml`);
  });

  it("has a web app manifest per locale and a service worker that knows this build's assets", () => {
    for (const locale of LOCALES) {
      const manifest = JSON.parse(readBuilt(portal.outDir, `${locale}/manifest.webmanifest`));
      expect(manifest.start_url).toBe(`/${locale}/`);
      expect(manifest.lang).toBe(locale);
      expect(manifest.dir).toBe(locale === "ar" ? "rtl" : "ltr");
      for (const icon of manifest.icons) expect(files).toContain(icon.src.slice(1));
      expect(page(`${locale}/index.html`).querySelector('link[rel="manifest"]')!.getAttribute("href")).toBe(`/${locale}/manifest.webmanifest`);
    }
    const worker = readBuilt(portal.outDir, "sw.js");
    expect(worker).not.toContain("__START_BUILD__");
    const build = JSON.parse(/const BUILD = (\{.*?\});/.exec(worker)![1]!);
    for (const asset of build.assets) expect(existsSync(path.join(portal.outDir, asset)), asset).toBe(true);
    expect(build.locales).toEqual([...LOCALES]);
  });

  it("writes one search index per locale, named by its content and referred to by that locale's search page only", () => {
    for (const locale of LOCALES) {
      const indexes = files.filter((file) => new RegExp(`^${locale}/search-index\\.[0-9a-f]{12}\\.json$`).test(file));
      expect(indexes).toHaveLength(1);
      const index = JSON.parse(readBuilt(portal.outDir, indexes[0]!));
      expect(index.locale).toBe(locale);
      // The build bundles the search vocabulary (content/search/), as the API reads it: the same synonyms on both surfaces.
      expect(index.vocabulary.groups.length).toBeGreaterThan(100);
      expect(index.vocabulary.phrases["دكتور"]?.length).toBeGreaterThan(0);
      expect(index.docs.length).toBe(catalogue.services.length + catalogue.rights.length + catalogue.vacancies.length);
      // Its term chunks sit next to it, under the same hash, one file per chunk it names.
      const hash = /search-index\.([0-9a-f]{12})\.json$/.exec(indexes[0]!)![1]!;
      const chunks = files.filter((file) => file.startsWith(`${locale}/search-index.${hash}.`) && file !== indexes[0]);
      expect(chunks.sort()).toEqual(Object.values(index.files as Record<string, number>).map((number) => `${locale}/search-index.${hash}.${number}.json`).sort());
      expect(files.filter((file) => file.startsWith(`${locale}/search-index.`))).toHaveLength(chunks.length + 1);
      expect(page(`${locale}/search/index.html`).querySelector("form[data-search]")!.getAttribute("data-index")).toBe(`/${indexes[0]}`);
      expect(readBuilt(portal.outDir, `${locale}/index.html`)).not.toContain("search-index.");
    }
  });

  it("reports the weights: home, a service page and each search index, gzipped", () => {
    const gz = (file: string) => gzipSync(readBuilt(portal.outDir, file)).length;
    const css = files.filter((file) => file.endsWith(".css"));
    const weights: Record<string, number> = {
      "home (ar) HTML": gz("ar/index.html"),
      "service page (ar) HTML": gz("ar/services/iom-voluntary-humanitarian-return/index.html"),
      "stylesheet(s)": css.reduce((sum, file) => sum + gz(file), 0),
      "site.js": gz("site.js"),
      ...Object.fromEntries(
        LOCALES.map((locale) => [
          `search index (${locale})`,
          files.filter((file) => file.startsWith(`${locale}/search-index.`)).reduce((sum, file) => sum + gz(file), 0),
        ]),
      ),
    };
    console.log(
      `portal on the seeded content: ${pages.length} pages built in ${portal.buildSeconds.toFixed(1)} s\n` +
        Object.entries(weights)
          .map(([name, bytes]) => `  ${name.padEnd(26)} ${(bytes / 1024).toFixed(1)} KB gzipped`)
          .join("\n"),
    );
    // Budgets for a phone on a slow, expensive connection.
    expect(weights["service page (ar) HTML"]! + weights["stylesheet(s)"]!).toBeLessThan(16 * 1024);
    for (const locale of LOCALES) expect(weights[`search index (${locale})`]).toBeLessThan(150 * 1024);
  });

  it("fails with a clear message, and writes nothing, when the API cannot be reached", async () => {
    const outDir = path.join(path.dirname(portal.outDir), "unreachable");
    const result = await runBuild(["--api", "http://127.0.0.1:9/graphql", "--out", outDir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^portal build failed: cannot reach the API at http:\/\/127\.0\.0\.1:9\/graphql/);
    expect(existsSync(outDir)).toBe(false);
    const noApi = await runBuild(["--out", outDir], { START_API_URL: "" });
    expect(noApi.code).toBe(1);
    expect(noApi.stderr).toMatch(/no API URL/);
  });

  it("fails with the API's own error, and leaves no output, when a query is refused mid-build", async () => {
    // An empty database is enough: a query's complexity comes from the query, not from the data.
    const strict = await startTestApi({ limits: { maxComplexity: 500 } });
    try {
      const outDir = path.join(path.dirname(portal.outDir), "refused");
      const result = await runBuild(["--api", `${strict.url}/graphql`, "--out", outDir, "--quiet"]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^portal build failed: .*answered with errors: QUERY_TOO_COMPLEX/m);
      expect(existsSync(outDir)).toBe(false);
    } finally {
      await strict.close();
    }
  }, 300_000);
});
