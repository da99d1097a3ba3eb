/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { feedback, services } from "@start/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataOf } from "../support/api.js";
import { testDriver } from "../support/database.js";
import { EDITOR_PASSWORD, EDITOR_PEOPLE, type EditorWorld, type Person, startEditorWorld } from "../support/editor.js";
import { repositoryRoot } from "../support/portal.js";

/**
 * The editor in Debian's Chromium against the real API, on one origin with the built portal, in
 * Arabic at 360×640 for the main flows: the work of each role, API errors next to their fields,
 * conflicts, unsaved changes that survive a reload and a dropped connection, no horizontal
 * scrolling, 44 px tap targets and no serious accessibility violation.
 */
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"];
const VIEWPORT = { width: 360, height: 640 };
const SCREENSHOTS = path.join(repositoryRoot, "tests/output/editor");
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const ARABIC = /[\u0600-\u06ff]/;

/** What a person taps: at least 44 px high (WCAG 2.5.5); links inside running text are exempt. */
const TAP_TARGETS = [
  "button:not([hidden])",
  "a.button",
  ".editor-nav a",
  ".editor-user a",
  ".listing-title a",
  ".badge-link",
  "input:not([type=checkbox]):not([type=radio])",
  "select",
  "summary",
  ".field-check",
  ".languages a",
  ".brand",
].join(", ");

const SERVICE_FORM_QUERY = `query ($id: ID!) { editableService(id: $id) { id version state
  pendingChanges { status } form { texts { locale name description } phones { number type } } } }`;

describe(`editor in Chromium (${testDriver})`, () => {
  let world: EditorWorld;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: VIEWPORT, locale: "ar" });
    contexts.push(context);
    const page = await context.newPage();
    page.on("pageerror", (error) => problems.push(`${page.url()}: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error" && /Content Security Policy|Refused to/.test(message.text())) problems.push(`${page.url()}: ${message.text()}`);
    });
    // Confirmations (archive, close, remove) are accepted.
    page.on("dialog", (dialog) => void dialog.accept());
    return page;
  }

  async function signIn(page: Page, person: Person, locale = "ar"): Promise<void> {
    await page.goto(`${world.url}/${locale}/editor/`);
    await page.fill("#sign-in-email", EDITOR_PEOPLE[person].email);
    await page.fill("#sign-in-password", EDITOR_PASSWORD);
    await page.click("button[data-action=sign-in]");
    await page.locator(".editor-toolbar").waitFor();
  }

  async function go(page: Page, route: string): Promise<void> {
    await page.evaluate((hash) => {
      location.hash = hash;
    }, route);
  }

  /** Picks the option whose text is `text` (place lists indent their options; they fill in once the places are loaded). */
  async function choose(page: Page, selector: string, text: string): Promise<void> {
    const option = await page.waitForFunction(
      ([query, wanted]) => [...(document.querySelector(query!) as HTMLSelectElement).options].find((candidate) => candidate.textContent!.trim() === wanted)?.value,
      [selector, text],
    );
    await page.selectOption(selector, (await option.jsonValue()) as string);
  }

  async function serviceId(slug: string): Promise<string> {
    const [row] = await world.api.database.db.select({ id: services.id }).from(services).where(eq(services.slug, slug));
    return row!.id;
  }

  async function bearer(person: Person): Promise<string> {
    const body = dataOf(
      await world.api.graphql(`mutation ($e: String!, $p: String!) { login(email: $e, password: $p, bearer: true) { token } }`, {
        e: EDITOR_PEOPLE[person].email,
        p: EDITOR_PASSWORD,
      }),
    );
    return body.login.token as string;
  }

  const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  beforeAll(async () => {
    world = await startEditorWorld();
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 600_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await world?.close();
  });

  it("an org editor creates a service in Arabic with two locations and hours and submits it; a moderator publishes it; the public API lists it", async () => {
    const page = await newPage();
    await signIn(page, "orgEditor");
    // The password is in no storage of the page.
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie);
    expect(stored).not.toContain(EDITOR_PASSWORD);

    await page.click("a[data-action=new-service]");
    await page.locator("form[name=service]").waitFor();
    expect(await page.getAttribute("#tab-ar", "aria-selected")).toBe("true");
    await page.getByLabel("الاسم", { exact: true }).fill("عيادة الهلال المتنقلة");
    await page.getByLabel("الوصف", { exact: true }).fill("فحوص طبية مجانية للمهاجرين والنازحين.");
    await page.check('input[name="audiences"][value="MIGRANTS_IN_LIBYA"]');
    await page.click("button[data-action=add-phone]");
    await page.fill('input[name="phones.0.number"]', "+218 91 234 5678");
    await page.selectOption('select[name="phones.0.type"]', "WHATSAPP");

    await page.click("button[data-action=add-location]");
    await choose(page, 'select[name="locations.0.place"]', "طرابلس");
    await page.fill('[name="locations.0.texts.ar.address"]', "شارع الجمهورية، طرابلس");
    const tripoliHours = page.locator('[data-path="locations.0.schedules"]');
    // Sunday: a morning and an evening period; Monday: the morning only; the other days closed.
    await tripoliHours.locator('[data-weekday="7"] button[data-action=add-period]').click();
    await tripoliHours.locator('[data-weekday="7"] button[data-action=add-period]').click();
    await page.fill('[name="locations.0.schedules.0.periods.1.opensAt"]', "16:00");
    await page.fill('[name="locations.0.schedules.0.periods.1.closesAt"]', "19:00");
    await tripoliHours.locator('[data-weekday="1"] button[data-action=add-period]').click();
    await page.click("button[data-action=add-location]");
    await choose(page, 'select[name="locations.1.place"]', "سبها");
    await page.fill('[name="locations.1.texts.ar.address"]', "حي المنشية، سبها");
    await page.locator('[data-path="locations.1.schedules"] [data-weekday="6"] button[data-action=add-period]').click();
    expect(await overflow(page)).toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, "ar-new-service.png"), fullPage: true });

    await page.click("button[data-action=save]");
    await page.waitForURL(/#\/services\/[0-9a-f-]{36}$/);
    const id = page.url().split("/").pop()!;
    // The two other languages say what is untranslated: the name, the description, the two addresses.
    await page.locator("#tab-en [data-missing-count]").waitFor();
    expect(Number(await page.getAttribute("#tab-en [data-missing-count]", "data-missing-count"))).toBe(4);
    await page.click("button[data-action=submit]");
    await page.locator(".save-status-ok").waitFor();
    expect(await page.locator(".badge-warning").first().textContent()).toBe("قيد المراجعة");
    // Nothing is left on the device once saved.
    expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith("start.editor.draft:")))).toEqual([]);

    const moderator = await newPage();
    await signIn(moderator, "moderator");
    await go(moderator, "#/review");
    await moderator.locator(`[data-listing="${id}"] a`).click();
    await moderator.locator(".new-values").waitFor();
    expect(await moderator.locator(".new-values").textContent()).toContain("شارع الجمهورية، طرابلس");
    await moderator.screenshot({ path: path.join(SCREENSHOTS, "ar-review-new-service.png"), fullPage: true });
    await moderator.click("button[data-action=approve]");
    await moderator.waitForURL(/#\/review$/);

    const published = dataOf(
      await world.api.graphql(
        `query ($id: ID!) { service(id: $id, locale: "ar") { name { text } phones { number type }
          locations { location { place { slug } address { text } } schedules { periods { weekday opensAt closesAt } } } } }`,
        { id },
      ),
    );
    expect(published.service.name.text).toBe("عيادة الهلال المتنقلة");
    expect(published.service.phones).toEqual([{ number: "+218912345678", type: "WHATSAPP" }]);
    const locations = published.service.locations as Array<{ location: { place: { slug: string }; address: { text: string } }; schedules: { periods: unknown[] }[] }>;
    expect(locations.map((entry) => entry.location.place.slug).sort()).toEqual(["sabha", "tripoli"]);
    const tripoli = locations.find((entry) => entry.location.place.slug === "tripoli")!;
    expect(tripoli.schedules[0]!.periods).toEqual([
      { weekday: 1, opensAt: "08:00", closesAt: "14:00" },
      { weekday: 7, opensAt: "08:00", closesAt: "14:00" },
      { weekday: 7, opensAt: "16:00", closesAt: "19:00" },
    ]);
  });

  it("an org editor cannot open another organization's listing, and sees only their own", async () => {
    const page = await newPage();
    await signIn(page, "orgEditor");
    await page.locator(".listing-cards").waitFor();
    const lrc = await world.organizationId("libyan-red-crescent");
    const shown = await page.$$eval("[data-listing]", (cards) => cards.map((card) => card.getAttribute("data-listing")));
    const own = await world.api.database.db.select({ id: services.id, organizationId: services.organizationId }).from(services);
    for (const id of shown) expect(own.find((row) => row.id === id)?.organizationId).toBe(lrc);

    const other = await serviceId("iom-voluntary-humanitarian-return");
    await go(page, `#/services/${other}`);
    await page.locator(".notice-danger").waitFor();
    expect(await page.locator(".notice-danger").textContent()).toContain("ليست لديك صلاحية");
    expect(await page.locator("form[name=service]").count()).toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, "ar-forbidden.png"), fullPage: true });
  });

  it("shows the API's errors next to their fields in the editor's language, and reveals a field in another language's tab", async () => {
    const page = await newPage();
    await signIn(page, "orgEditor");
    await go(page, "#/services/new");
    await page.locator("form[name=service]").waitFor();
    await page.fill('[name="texts.ar.name"]', "خدمة فيها أخطاء");
    await page.fill('[name="url"]', "ftp://example.org/file");
    await page.click("#tab-fr");
    await page.fill('[name="texts.fr.description"]', "Une description sans nom.");
    await page.click("#tab-ar");
    await page.click("button[data-action=save]");
    await page.locator("#error-summary").waitFor();
    // Next to the field, in Arabic (the API's own message).
    const urlError = await page.locator("#f-url-error").textContent();
    expect(urlError).toContain("لا تُقبل إلا الروابط");
    expect(await page.getAttribute('[name="url"]', "aria-invalid")).toBe("true");
    expect(await page.getAttribute('[name="url"]', "aria-describedby")).toContain("f-url-error");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("error-summary");
    await page.screenshot({ path: path.join(SCREENSHOTS, "ar-field-errors.png"), fullPage: true });
    // The French name is missing: its link opens the French tab and puts the cursor in the field.
    await page.locator("#error-summary a", { hasText: "الفرنسية" }).click();
    expect(await page.getAttribute("#tab-fr", "aria-selected")).toBe("true");
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe("texts.fr.name");
    expect(ARABIC.test((await page.locator("#f-texts-fr-name-error").textContent()) ?? "")).toBe(true);
    expect(await page.url()).toMatch(/#\/services\/new$/);
    // The language tabs work from the keyboard, in the reading direction (right to left in Arabic).
    await page.focus("#tab-fr");
    await page.keyboard.press("ArrowRight");
    expect(await page.getAttribute("#tab-en", "aria-selected")).toBe("true");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("tab-en");
    await page.keyboard.press("ArrowRight");
    expect(await page.getAttribute("#tab-ar", "aria-selected")).toBe("true");
  });

  it("a moderator rejects a submission with a reason, which its editor reads on the form", async () => {
    const token = await bearer("orgEditor");
    const created = dataOf(
      await world.api.graphqlAs(
        token,
        `mutation ($org: ID!) { createService(organizationId: $org, input: { texts: [{ locale: "ar", name: "خدمة ناقصة" }] }) { id version } }`,
        { org: await world.organizationId("libyan-red-crescent") },
      ),
    ).createService;
    dataOf(await world.api.graphqlAs(token, `mutation ($id: ID!, $v: Int!) { submitServiceForReview(id: $id, expectedVersion: $v) { version } }`, { id: created.id, v: created.version }));

    const moderator = await newPage();
    await signIn(moderator, "moderator");
    await go(moderator, `#/review/${created.id}`);
    await moderator.fill("#reject-reason", "أضيفوا العنوان وساعات العمل.");
    await moderator.click("button[data-action=reject]");
    await moderator.waitForURL(/#\/review$/);
    expect(await moderator.locator(`[data-listing="${created.id}"]`).count()).toBe(0);

    const editor = await newPage();
    await signIn(editor, "orgEditor");
    await go(editor, `#/services/${created.id}`);
    await editor.locator("blockquote.reason").waitFor();
    expect(await editor.locator("blockquote.reason").textContent()).toBe("أضيفوا العنوان وساعات العمل.");
    expect(await editor.locator(".record-badges").textContent()).toContain("مرفوض");
    expect(await editor.locator("button[data-action=submit]").count()).toBe(1);
  });

  it("keeps unsaved changes through a reload and a dropped connection, until they are saved or discarded", async () => {
    const page = await newPage();
    await signIn(page, "orgEditor");
    const id = await serviceId("lrc-first-aid-for-rescued-migrants");
    await go(page, `#/services/${id}`);
    const alternate = page.locator('[name="texts.ar.alternateName"]');
    await alternate.waitFor();
    expect(await alternate.inputValue()).toBe("");
    await alternate.fill("إسعاف المهاجرين");
    await page.waitForTimeout(500);
    await page.reload();
    await page.locator(".draft-notice").waitFor();
    expect(await page.locator('[name="texts.ar.alternateName"]').inputValue()).toBe("إسعاف المهاجرين");
    await page.screenshot({ path: path.join(SCREENSHOTS, "ar-draft-restored.png"), fullPage: true });

    await page.context().setOffline(true);
    await page.click("button[data-action=save]");
    await page.locator("#error-summary").waitFor();
    expect(await page.locator("#error-summary").textContent()).toContain("محفوظة على هذا الجهاز");
    const kept = await page.evaluate(() => Object.entries(localStorage).filter(([key]) => key.startsWith("start.editor.draft:service:")));
    expect(kept).toHaveLength(1);
    expect(kept[0]![1]).toContain("إسعاف المهاجرين");
    expect(kept[0]![1]).not.toContain(EDITOR_PASSWORD);
    await page.context().setOffline(false);

    await page.click("button[data-action=save]");
    await page.locator(".save-status-ok").waitFor();
    expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith("start.editor.draft:")))).toEqual([]);
    // A published service edited by its organization: the change waits for review, nothing is lost.
    const saved = dataOf(await world.api.graphqlAs(await bearer("moderator"), `query ($id: ID!) { editableService(id: $id) { pendingChanges { status proposed { texts { locale alternateName } } } } }`, { id }));
    expect(saved.editableService.pendingChanges.status).toBe("DRAFT");
    expect(saved.editableService.pendingChanges.proposed.texts.find((text: { locale: string }) => text.locale === "ar").alternateName).toBe("إسعاف المهاجرين");

    // Discarding a restored draft brings back the saved values.
    await page.fill('[name="texts.ar.alternateName"]', "اسم لن يُحفظ");
    await page.waitForTimeout(500);
    await page.reload();
    await page.locator(".draft-notice").waitFor();
    await page.click("button[data-action=discard-draft]");
    expect(await page.locator('[name="texts.ar.alternateName"]').inputValue()).toBe("إسعاف المهاجرين");
    expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith("start.editor.draft:")))).toEqual([]);
  });

  it("shows a conflicting edit side by side, lets the person choose per field, and saves against the newer version", async () => {
    const page = await newPage();
    await signIn(page, "orgEditor");
    const id = await serviceId("lrc-relief-for-displaced-families");
    await go(page, `#/services/${id}`);
    await page.locator('[name="texts.ar.description"]').waitFor();
    await page.fill('[name="texts.ar.description"]', "وصفي أنا: توزيع مواد إغاثة أسبوعياً.");

    // Meanwhile a colleague saves the same service from elsewhere.
    const token = await bearer("orgEditor");
    const theirs = dataOf(
      await world.api.graphqlAs(
        token,
        `query ($id: ID!) { editableService(id: $id) { version form {
          slug status cost audiences languages minimumAge maximumAge url email confidentialAddress categoryIds
          sources { title url accessed }
          texts { locale name alternateName description eligibilityDescription applicationProcess feesDescription requiredDocuments }
          phones { number extension type languages descriptions { locale text } }
          schedules { validFrom validTo periods { weekday opensAt closesAt } notes { locale text } }
          locations { locationId placeId locationType latitude longitude postalCode
            texts { locale name address description transportation accessibility }
            phones { number extension type languages descriptions { locale text } }
            schedules { validFrom validTo periods { weekday opensAt closesAt } notes { locale text } } } } } }`,
        { id },
      ),
    ).editableService;
    const { categoryIds, locations, ...rest } = theirs.form;
    const input = {
      ...rest,
      categories: categoryIds,
      locations: locations.map(({ placeId, ...location }: { placeId: string }) => ({ ...location, place: placeId })),
      texts: rest.texts.map((text: { locale: string; description: string }) =>
        text.locale === "ar" ? { ...text, description: "وصف زميلي: توزيع شهري." } : text.locale === "en" ? { ...text, description: "Their English description." } : text,
      ),
    };
    dataOf(
      await world.api.graphqlAs(token, `mutation ($id: ID!, $v: Int!, $input: ServiceInput!) { updateService(id: $id, expectedVersion: $v, input: $input) { version } }`, {
        id,
        v: theirs.version,
        input,
      }),
    );

    await page.click("button[data-action=save]");
    await page.locator(".conflict").waitFor();
    const arabic = page.locator('[data-conflict-field="texts.ar.description"]');
    expect(await arabic.textContent()).toContain("وصفي أنا");
    expect(await arabic.textContent()).toContain("وصف زميلي");
    expect(await arabic.locator(".badge-warning").count()).toBe(1);
    // Only they changed the English text: theirs is chosen; both changed the Arabic: mine by default.
    expect(await page.locator('[data-conflict-field="texts.en.description"] input[value=theirs]').isChecked()).toBe(true);
    expect(await arabic.locator("input[value=mine]").isChecked()).toBe(true);
    expect(await overflow(page)).toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, "ar-conflict.png"), fullPage: true });

    // A reload loses nothing: the change made against the older version comes back with the choice.
    await page.reload();
    await page.locator(".conflict").waitFor();
    expect(await page.locator('[data-conflict-field="texts.ar.description"]').textContent()).toContain("وصفي أنا");

    await page.click("button[data-action=save-merged]");
    await page.locator(".save-status-ok").waitFor();
    const merged = dataOf(await world.api.graphqlAs(token, SERVICE_FORM_QUERY, { id })).editableService;
    const description = (locale: string) => merged.form.texts.find((text: { locale: string }) => text.locale === locale).description;
    expect(description("ar")).toBe("وصفي أنا: توزيع مواد إغاثة أسبوعياً.");
    expect(description("en")).toBe("Their English description.");
  });

  it("an org editor confirms a stale listing in one action and answers a report", async () => {
    const id = await serviceId("lrc-recovery-and-identification-of-the-dead");
    await world.api.database.db
      .update(services)
      .set({ verifiedAt: sql`now() - interval '400 days'` as never })
      .where(eq(services.id, id));
    dataOf(await world.api.graphql(`mutation ($id: ID!) { submitFeedback(listing: $id, kind: WRONG_CONTACT, message: "الرقم لا يرد", locale: "ar") { received } }`, { id }));

    const page = await newPage();
    await signIn(page, "orgEditor");
    const card = page.locator(`[data-listing="${id}"]`);
    await card.waitFor();
    expect(await card.textContent()).toContain("لم يُتحقق منه منذ أكثر من 6 أشهر");
    expect(await card.textContent()).toContain("بلاغ واحد مفتوح");
    await page.screenshot({ path: path.join(SCREENSHOTS, "ar-dashboard.png"), fullPage: true });
    await card.locator("button[data-action=verify]").click();
    await expect.poll(async () => (await card.textContent())?.includes("لم يُتحقق منه منذ أكثر من 6 أشهر")).toBe(false);
    const [row] = await world.api.database.db.select({ verifiedAt: services.verifiedAt }).from(services).where(eq(services.id, id));
    expect(Date.now() - row!.verifiedAt!.getTime()).toBeLessThan(5 * 60_000);

    await go(page, "#/feedback");
    const report = page.locator("[data-report]").first();
    await report.waitFor();
    expect(await report.textContent()).toContain("الرقم لا يرد");
    await report.locator("textarea").fill("صحّحنا رقم الهاتف.");
    await report.locator("button[data-action=resolve]").click();
    await expect.poll(() => page.locator("[data-report]").count()).toBe(0);
    const [answered] = await world.api.database.db.select().from(feedback).where(eq(feedback.serviceId, id));
    expect(answered).toMatchObject({ status: "resolved", resolutionNote: "صحّحنا رقم الهاتف." });
  });

  it("a ministry publisher writes a vacancy in three languages with a deadline and a recruitment channel, publishes it and closes it", async () => {
    const page = await newPage();
    await signIn(page, "publisher");
    await page.click("a[data-action=new-vacancy]");
    await page.locator("form[name=vacancy]").waitFor();
    await page.fill('[name="texts.ar.title"]', "مفتشو عمل في طرابلس");
    await page.fill('[name="texts.ar.description"]', "تعلن وزارة العمل عن حاجتها إلى مفتشي عمل.");
    await page.click("#tab-en");
    await page.fill('[name="texts.en.title"]', "Labour inspectors in Tripoli");
    await page.click("#tab-fr");
    await page.fill('[name="texts.fr.title"]', "Inspecteurs du travail à Tripoli");
    await page.click("#tab-ar");
    const deadline = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await page.fill('[name="deadline"]', deadline);
    await page.selectOption('[name="recruitmentChannel"]', "LABOUR_OFFICE");
    await page.selectOption('[name="sector"]', "public-administration");
    await choose(page, '[name="place"]', "طرابلس");
    await page.fill('[name="positions"]', "12");
    expect(await overflow(page)).toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, "ar-new-vacancy.png"), fullPage: true });
    await page.click("button[data-action=save]");
    await page.waitForURL(/#\/vacancies\/[0-9a-f-]{36}$/);
    const id = page.url().split("/").pop()!;
    await page.click("button[data-action=publish]");
    await page.locator(".save-status-ok").waitFor();

    const open = dataOf(
      await world.api.graphql(`query ($id: ID!) { vacancy(id: $id, locale: "fr") { title { text } deadline isOpen positions recruitmentChannel } }`, { id }),
    );
    expect(open.vacancy).toEqual({ title: { text: "Inspecteurs du travail à Tripoli" }, deadline, isOpen: true, positions: 12, recruitmentChannel: "LABOUR_OFFICE" });

    await page.click("button[data-action=close]");
    await page.locator(".badge-danger", { hasText: "مغلق" }).waitFor();
    const list = dataOf(await world.api.graphql(`{ vacancies(first: 100) { edges { node { id } } } }`));
    expect(list.vacancies.edges.map((edge: { node: { id: string } }) => edge.node.id)).not.toContain(id);
  });

  it("an admin invites an org editor, who accepts the invitation and sets a password", async () => {
    const admin = await newPage();
    await signIn(admin, "admin");
    await go(admin, "#/users");
    await admin.locator("form[name=invite]").waitFor();
    await admin.fill("#invite-email", "new.editor@lrc.example.org");
    await admin.selectOption("#invite-role", "ORG_EDITOR");
    await choose(admin, "#invite-organization", "جمعية الهلال الأحمر الليبي");
    await admin.click("form[name=invite] button[type=submit]");
    const link = await admin.locator("#invite-link").inputValue();
    expect(link).toMatch(/\/ar\/editor\/invite\/#[A-Za-z0-9_-]{20,}$/);
    await admin.screenshot({ path: path.join(SCREENSHOTS, "ar-users.png"), fullPage: true });

    const invited = await newPage();
    await invited.goto(link);
    await invited.locator("form[name=accept-invitation]").waitFor();
    // The token leaves the address bar as soon as it is read.
    expect(new URL(invited.url()).hash).toBe("");
    await invited.fill("#invite-name", "ليلى الجديدة");
    await invited.fill("#invite-password", "a long new password 2026");
    await invited.fill("#invite-repeat", "a long new password 2026");
    await invited.click("form[name=accept-invitation] button[type=submit]");
    await invited.waitForURL(/\/ar\/editor\/$/);
    await invited.locator(".editor-user-name", { hasText: "ليلى الجديدة" }).waitFor();
    expect(await invited.locator("a[data-action=new-service]").count()).toBe(1);

    await invited.click("button[data-action=sign-out]");
    await invited.locator("#sign-in-email").waitFor();
    expect(await invited.context().cookies()).toEqual([]);
  });

  it("an invitation link says at once when it cannot be used (used, expired, unknown) instead of showing the form; a refused password is told in the person's language, next to its field", async () => {
    const admin = await bearer("admin");
    const INVITE = `mutation ($email: String!, $org: ID) { inviteUser(email: $email, role: ORG_EDITOR, organizationId: $org, linkLocale: "fr") { url } }`;
    const org = await world.organizationId("libyan-red-crescent");
    const invite = async (email: string) => dataOf(await world.api.graphqlAs(admin, INVITE, { email, org })).inviteUser.url as string;

    // A usable link shows the form; a password the API refuses is explained in French, by its field, never as "password".
    const link = await invite("invite.check@lrc.example.org");
    const page = await newPage();
    await page.goto(`${world.url}${link}`);
    await page.locator("form[name=accept-invitation]").waitFor();
    await page.fill("#invite-name", "Nora");
    await page.fill("#invite-password", "court");
    await page.fill("#invite-repeat", "court");
    await page.click("form[name=accept-invitation] button[type=submit]");
    const notice = page.locator(".notice-danger[role=alert]");
    await notice.waitFor();
    expect(await notice.textContent()).toBe("Rien n’a été enregistré. Corrigez les champs ci-dessous.");
    expect(await page.locator("#invite-password-error").textContent()).toBe("Le mot de passe doit compter de 12 à 256 caractères.");
    expect(await page.locator("#invite-password").getAttribute("aria-invalid")).toBe("true");
    await page.fill("#invite-password", "a long enough password 2026");
    await page.fill("#invite-repeat", "a long enough password 2026");
    await page.click("form[name=accept-invitation] button[type=submit]");
    await page.waitForURL(/\/fr\/editor\/$/);
    await page.click("button[data-action=sign-out]");
    await page.locator("#sign-in-email").waitFor();

    // The same link again: no form, a message saying it was used, and the way to sign in.
    await page.goto(`${world.url}${link}`);
    const status = page.locator("[data-invitation-status]");
    await status.waitFor();
    expect(await status.getAttribute("data-invitation-status")).toBe("USED");
    expect(await status.textContent()).toContain("a déjà servi à créer un compte");
    expect(await page.locator("form[name=accept-invitation]").count()).toBe(0);
    expect(await page.locator('a[href="/fr/editor/"]').count()).toBe(1);

    // An expired link, and one that never existed, in Arabic at 360 px.
    const expired = await invite("invite.late@lrc.example.org");
    await world.api.database.db.execute(sql`update invitations set created_at = now() - interval '8 days', expires_at = now() - interval '1 day' where email = 'invite.late@lrc.example.org'`);
    await page.goto(`${world.url}${expired.replace("/fr/", "/ar/")}`);
    await status.waitFor();
    expect(await status.getAttribute("data-invitation-status")).toBe("EXPIRED");
    expect(await status.textContent()).toContain("انتهت صلاحية رابط الدعوة");
    // (From another page: a change of fragment alone would not open the page again.)
    await page.goto("about:blank");
    await page.goto(`${world.url}/ar/editor/invite/#${"q".repeat(43)}`);
    await page.waitForFunction(() => document.querySelector("[data-invitation-status]")?.getAttribute("data-invitation-status") === "UNKNOWN");
    expect(await status.textContent()).toContain("رابط الدعوة هذا غير صالح");
    expect(await page.locator("form[name=accept-invitation]").count()).toBe(0);
    expect(await overflow(page)).toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, "ar-invitation-unknown.png"), fullPage: true });
    // The token left the address bar as soon as it was read, and was checked without a cookie.
    expect(new URL(page.url()).hash).toBe("");
  });

  it("names the field in error on the language tab in use: a vacancy without a title, in the English editor, points to its English title", async () => {
    const page = await newPage();
    await signIn(page, "publisher", "en");
    await page.click("a[data-action=new-vacancy]");
    await page.locator("form[name=vacancy]").waitFor();
    expect(await page.locator("#tab-en").getAttribute("aria-selected")).toBe("true");
    await page.fill('[name="texts.en.description"]', "Inspectors for the labour office.");
    await page.fill('[name="deadline"]', new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10));
    await page.selectOption('[name="sector"]', "public-administration");
    await choose(page, '[name="place"]', "Tripoli");
    await page.click("button[data-action=save]");
    const summary = page.locator("#error-summary");
    await summary.waitFor();
    expect(await summary.locator("p").first().textContent()).toBe("Nothing was saved. Please correct the fields below.");
    const links = await summary.locator("li a").allTextContents();
    expect(links).toContain("Title (English)");
    expect(links.join(" ")).not.toMatch(/Arabic|texts\.|title\b/);
    await summary.locator("li a", { hasText: "Title (English)" }).click();
    expect(await page.locator("#tab-en").getAttribute("aria-selected")).toBe("true");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("texts.en.title");
    // On the French tab the same mistake names the French title.
    await page.click("#tab-fr");
    await page.click("button[data-action=save]");
    await expect.poll(() => summary.locator("li a").allTextContents()).toContain("Title (French)");
  });

  it("moderators edit rights articles with a Markdown preview made by the API's renderer", async () => {
    const page = await newPage();
    await signIn(page, "moderator");
    await go(page, "#/rights");
    await page.locator(".listing-cards a").first().click();
    const body = page.locator('[name="texts.ar.body"]');
    await body.waitFor();
    await body.fill("## حقوقك\n\n- **العلاج** مجاني في الطوارئ.\n\n<script>alert(1)</script> [رابط](javascript:alert(1))");
    await page.click("button[data-action=preview]");
    const preview = page.locator(".markdown-preview");
    await preview.waitFor();
    expect(await preview.locator("h2").textContent()).toBe("حقوقك");
    expect(await preview.locator("strong").textContent()).toBe("العلاج");
    expect(await preview.locator("script").count()).toBe(0);
    expect(await preview.locator('a[href^="javascript"]').count()).toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, "ar-rights-preview.png"), fullPage: true });
  });

  it("a moderator closes a service until a day with an alert written in Arabic: chooses the service, is told the closure needs its last day, publishes it", async () => {
    const page = await newPage();
    await signIn(page, "moderator");
    await go(page, "#/alerts/new");
    await page.locator("form[name=alert]").waitFor();
    await page.fill('[name="texts.ar.title"]', "صحة الأم في مرزق مغلقة للتعقيم");
    // The service list is long: a filter finds it (typed with ه for ة, as people do).
    await page.fill("#f-services", "صحه الام في مرزق");
    const option = page.locator('.pick-list[data-path="services"] .pick-options .field-check').filter({ hasText: "صحة الأم في مرزق" });
    await option.first().locator("input").check();
    expect(await page.locator('.pick-list[data-path="services"] .pick-chosen input:checked').count()).toBe(1);
    await page.fill("#f-organizations", "الجنوب");
    await page.locator('.pick-list[data-path="organizations"] .pick-options input').first().check();
    await page.check('[name="closure"]');
    await page.click("button[data-action=save]");
    // A closure without its last day: the API's message, in Arabic, on the date field; nothing saved.
    const error = page.locator("#f-closedUntil-error");
    await error.waitFor();
    expect(await error.textContent()).toBe("يحتاج الإغلاق إلى آخر يوم تبقى فيه الخدمات مغلقة.");
    expect(await page.locator("#f-closedUntil").getAttribute("aria-invalid")).toBe("true");
    await page.screenshot({ path: path.join(SCREENSHOTS, "ar-alert-closure-error.png"), fullPage: true });
    const until = new Intl.DateTimeFormat("en-CA", { timeZone: "Africa/Tripoli" }).format(new Date(Date.now() + 10 * 86_400_000));
    await page.fill("#f-closedUntil", until);
    await page.click("button[data-action=save]");
    await page.locator("button[data-action=publish]").waitFor();
    await page.click("button[data-action=publish]");
    await page.waitForFunction(() => !document.querySelector("button[data-action=publish]"));
    const service = dataOf(await world.api.graphql(`{ service(slug: "sample-murzuq-maternal-health") { closedUntil openNow } }`)).service;
    expect(service).toEqual({ closedUntil: until, openNow: false });
    const [alert] = dataOf(await world.api.graphql(`{ alerts(service: "sample-murzuq-maternal-health", locale: "ar") { title { text } closedUntil organizations { slug } } }`)).alerts.filter(
      (item: { title: { text: string } }) => item.title.text.includes("للتعقيم"),
    );
    expect(alert).toEqual({ title: { text: "صحة الأم في مرزق مغلقة للتعقيم" }, closedUntil: until, organizations: [{ slug: "sample-southern-health-network" }] });
    await page.screenshot({ path: path.join(SCREENSHOTS, "ar-alert-closure-published.png"), fullPage: true });
  });

  describe("at 360 px in Arabic every page fits the screen, has 44 px tap targets and no serious accessibility violation (axe-core)", () => {
    let id: string;
    let iom: string;
    let lrc: string;
    beforeAll(async () => {
      // Something to review: changes to a published service, submitted.
      const token = await bearer("orgEditor");
      id = await serviceId("lrc-first-aid-for-rescued-migrants");
      const current = dataOf(await world.api.graphqlAs(token, SERVICE_FORM_QUERY, { id })).editableService;
      if (current.pendingChanges?.status !== "IN_REVIEW") {
        dataOf(await world.api.graphqlAs(token, `mutation ($id: ID!, $v: Int!) { submitServiceForReview(id: $id, expectedVersion: $v) { version } }`, { id, v: current.version }));
      }
      iom = await serviceId("iom-migrant-health");
      // And changes to an organization's contacts, proposed by its editor and submitted.
      lrc = await world.organizationId("libyan-red-crescent");
      const organization = dataOf(
        await world.api.graphqlAs(token, `query ($id: ID!) { editableOrganization(id: $id) { version pendingChanges { status } values {
          slug kind website email logo sources { title url published accessed } texts { locale name alternateName description }
          phones { number extension type languages descriptions { locale text } } } } }`, { id: lrc }),
      ).editableOrganization;
      if (organization.pendingChanges?.status !== "IN_REVIEW") {
        const proposed = dataOf(
          await world.api.graphqlAs(token, `mutation ($id: ID!, $v: Int!, $input: OrganizationInput!) { updateOrganization(id: $id, expectedVersion: $v, input: $input) { version } }`, {
            id: lrc,
            v: organization.version,
            input: { ...organization.values, email: "contact@lrc.example.org", phones: [...organization.values.phones, { number: "+218913334455", type: "WHATSAPP" }] },
          }),
        ).updateOrganization;
        dataOf(await world.api.graphqlAs(token, `mutation ($id: ID!, $v: Int!) { submitOrganizationChanges(id: $id, expectedVersion: $v) { version } }`, { id: lrc, v: proposed.version }));
      }
    });

    type CheckedPage = { person: Person | null; route: string; name: string; ready: string; prepare?(page: Page): Promise<void> };
    /** The pages checked, in groups of a few people each: each group is a test with its own time limit on a loaded machine. */
    const PAGE_GROUPS = (): Record<string, CheckedPage[]> => {
      const pages: CheckedPage[] = [
        { person: null, route: "", name: "sign-in", ready: "#sign-in-email" },
        { person: "orgEditor", route: "#/", name: "org-dashboard", ready: ".listing-cards" },
        {
          person: "orgEditor",
          route: "#/services/new",
          name: "service-form",
          ready: "form[name=service]",
          async prepare(page) {
            await page.click("button[data-action=add-phone]");
            await page.click("button[data-action=add-location]");
            await page.locator('[data-path="locations.0.schedules"] [data-weekday="7"] button[data-action=add-period]').click();
            await page.locator(".categories-picker summary").click();
          },
        },
        { person: "orgEditor", route: `#/services/${id}`, name: "service-published", ready: "form[name=service]" },
        { person: "orgEditor", route: `#/organizations/${lrc}`, name: "organization-contacts", ready: "form[name=organization]" },
        { person: "orgEditor", route: "#/feedback", name: "feedback", ready: "#feedback-status" },
        { person: "orgEditor", route: "#/account", name: "account", ready: "form[name=change-password]" },
        { person: "moderator", route: "#/review", name: "review-queue", ready: ".listing-cards" },
        { person: "moderator", route: `#/review/${id}`, name: "review-changes", ready: ".review-decision" },
        { person: "moderator", route: `#/review/organization/${lrc}`, name: "review-organization", ready: ".review-decision" },
        { person: "moderator", route: `#/services/${iom}`, name: "moderator-service", ready: "form[name=service]" },
        { person: "moderator", route: "#/rights", name: "rights", ready: ".listing-cards" },
        { person: "moderator", route: "#/rights/new", name: "rights-form", ready: "form[name=rights]" },
        { person: "moderator", route: "#/alerts/new", name: "alert-form", ready: "form[name=alert]" },
        { person: "moderator", route: "#/categories", name: "categories", ready: ".listing-cards" },
        { person: "moderator", route: "#/categories/new", name: "category-form", ready: "form[name=category]" },
        { person: "moderator", route: "#/places/new", name: "place-form", ready: "form[name=place]" },
        { person: "moderator", route: `#/audit/service/${id}`, name: "audit", ready: ".audit-list" },
        { person: "publisher", route: "#/vacancies/new", name: "vacancy-form", ready: "form[name=vacancy]" },
        { person: "admin", route: "#/organizations", name: "organizations", ready: ".listing-cards" },
        { person: "admin", route: "#/organizations/new", name: "organization-form", ready: "form[name=organization]" },
        { person: "admin", route: "#/users", name: "users", ready: "form[name=invite]" },
      ];
      const moderatorPages = pages.filter((page) => page.person === "moderator");
      return {
        "signing in and an organization's editor": pages.filter((page) => page.person === null || page.person === "orgEditor"),
        "a moderator's queue and reviews": moderatorPages.slice(0, Math.ceil(moderatorPages.length / 2)),
        "a moderator's records": moderatorPages.slice(Math.ceil(moderatorPages.length / 2)),
        "a publisher and an admin": pages.filter((page) => page.person === "publisher" || page.person === "admin"),
      };
    };

    for (const group of ["signing in and an organization's editor", "a moderator's queue and reviews", "a moderator's records", "a publisher and an admin"]) {
      it(group, async () => {
        const pages = PAGE_GROUPS()[group]!;
        expect(pages.length).toBeGreaterThan(0);
        const failures: string[] = [];
        const signedIn = new Map<Person, Page>();
        for (const target of pages) {
          let page: Page;
          if (target.person === null) {
            page = await newPage();
            await page.goto(`${world.url}/ar/editor/`);
          } else {
            page = signedIn.get(target.person) ?? (await newPage());
            if (!signedIn.has(target.person)) {
              await signIn(page, target.person);
              signedIn.set(target.person, page);
            }
            await go(page, target.route);
          }
          await page.locator(target.ready).first().waitFor();
          await target.prepare?.(page);
          const extra = await overflow(page);
          if (extra > 0) failures.push(`${target.name}: ${extra}px wider than the screen`);
          const small = await page.evaluate((selector) => {
            return [...document.querySelectorAll<HTMLElement>(selector)]
              .filter((element) => element.offsetParent !== null && element.getClientRects().length > 0 && !element.closest(".visually-hidden"))
              .map((element) => ({ text: (element.textContent || element.getAttribute("name") || element.id).trim().slice(0, 30), height: element.getBoundingClientRect().height }))
              .filter((item) => item.height < 43.5);
          }, TAP_TARGETS);
          for (const item of small) failures.push(`${target.name}: "${item.text}" is ${item.height}px high`);
          await page.evaluate(axeSource);
          const result = await page.evaluate(() =>
            (window as unknown as { axe: { run(context: Document, options: object): Promise<{ passes: unknown[]; violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, {
              runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
            }),
          );
          if (result.passes.length < 10) failures.push(`${target.name}: axe ran only ${result.passes.length} checks`);
          for (const violation of result.violations) {
            if (violation.impact === "serious" || violation.impact === "critical") {
              failures.push(`${target.name}: ${violation.id} (${violation.impact}) at ${violation.nodes.slice(0, 3).map((node) => node.target.join(" ")).join(", ")}`);
            }
          }
          await page.screenshot({ path: path.join(SCREENSHOTS, `ar-page-${target.name}.png`), fullPage: true });
        }
        expect(failures).toEqual([]);
        expect(problems).toEqual([]);
      });
    }

    it("the invitation page, and the editor in English and French", async () => {
      const failures: string[] = [];
      // The invitation page too, and the editor in English and French.
      const invite = await newPage();
      await invite.goto(`${world.url}/ar/editor/invite/`);
      await invite.locator("h1").waitFor();
      if ((await overflow(invite)) > 0) failures.push("invite: wider than the screen");
      for (const locale of ["en", "fr"]) {
        const page = await newPage();
        await signIn(page, "orgEditor", locale);
        await go(page, "#/services/new");
        await page.locator("form[name=service]").waitFor();
        if ((await overflow(page)) > 0) failures.push(`${locale} service form: wider than the screen`);
        expect(await page.locator("html").getAttribute("dir")).toBe("ltr");
      }
      expect(failures).toEqual([]);
      expect(problems).toEqual([]);
    });
  });
});
