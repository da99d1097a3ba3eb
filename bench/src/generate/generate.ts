import { sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import * as t from "@start/db";
import { type ContentBundle, contentId, type Database, loadContent, seedDatabase } from "@start/db";
import {
  ACCESSIBILITY,
  ACTION_POINTS,
  APPLICATION,
  ARTICLE_HEADINGS,
  ARTICLE_SUMMARY,
  ARTICLE_TITLE,
  CONSULATE_TEMPLATE,
  DOCUMENTS,
  ELIGIBILITY,
  FEES,
  fill,
  frAt,
  frInCountry,
  frOf,
  HEALTH_LOCATION_NAMES,
  HELP_PARAGRAPH,
  HOST_STREETS,
  HOW_TO_APPLY,
  joinAnd,
  JOB_TITLES,
  LANDMARKS,
  LAW_POINTS,
  LIBYAN_STREETS,
  type Locale,
  LOCATION_NAMES,
  ORGANIZATION_INTRO,
  ORGANIZATION_TEMPLATES,
  ORGANIZATION_WHERE,
  ORGANIZATION_WORDS,
  type OrganizationTemplate,
  PHONE_DESCRIPTIONS,
  PRACTICE_PARAGRAPHS,
  REMOTE_SUFFIX,
  SAMPLE_SUFFIX,
  SCHEDULE_NOTES,
  SECTORS_BY_FOCUS,
  SERVICE_EXTRAS,
  SERVICE_WHO,
  SERVICE_WHO_REMOTE,
  TRANSPORTATION,
  type Tri,
  VACANCY_DESCRIPTION,
  VACANCY_REQUIREMENTS,
} from "./phrases.js";
import { Random, syntheticId } from "./random.js";

/**
 * The synthetic directory for benchmarks: N published services with their organizations,
 * locations, phones and hours, plus vacancies and rights articles in proportion, in Arabic,
 * English and French, over the real places and categories of content/. The same seed and size
 * give the same records (dates are counted from the day of the run, so vacancies stay open).
 * It writes straight into the database, a batch per statement, and never touches content/.
 */
export interface GenerateOptions {
  /** Published services. */
  services: number;
  seed?: string;
  /** "Today" (vacancy deadlines, verification dates); default: now. */
  now?: Date;
  /** Extra services left in review, for the publish benchmark. */
  inReview?: number;
  /** Called as each kind of record is written. */
  progress?: (message: string) => void;
}

export interface GeneratedDirectory {
  seed: string;
  counts: Record<string, number>;
  /** Services in review (not public): publishing one is the publish benchmark. */
  inReview: { id: string; slug: string }[];
  /** A published service with locations, phones and hours (the service page benchmark). */
  sampleService: string;
  /** The category and place of the filtered query: the pair with the most services. */
  filter: { category: string; place: string };
  durationMs: number;
}

const LOCALES: Locale[] = ["ar", "en", "fr"];
const LIBYA = "libya";
/** The towns most listings are in, as in the shipped directory. */
const BIG_TOWNS = new Set(["tripoli", "benghazi", "misrata", "sabha", "zuwara", "zawiya", "souq-aljumaa", "abu-salim", "tajoura", "kufra", "tunis", "cairo"]);

interface PlaceInfo {
  slug: string;
  id: string;
  country: string;
  /** Region (Libya) or country (abroad): what the filtered query names. */
  area: string;
  latitude: number;
  longitude: number;
  names: Tri;
}

interface OrganizationPlan {
  id: string;
  slug: string;
  template: OrganizationTemplate;
  home: PlaceInfo;
  names: Tri;
  /** The name with its article, as the subject of a sentence. */
  subjects: Tri;
  locations: LocationPlan[];
}

interface LocationPlan {
  id: string;
  place: PlaceInfo;
  names: Tri;
  locales: Locale[];
}

type Rows<T extends PgTable> = T["$inferInsert"][];

/** Which locales a record has: most have all three, some lack French, a few are in Arabic only. */
function localesOf(random: Random): Locale[] {
  const roll = random.next();
  return roll < 0.9 ? LOCALES : roll < 0.97 ? ["ar", "en"] : ["ar"];
}

function samplePhone(random: Random): string {
  return `+2180000${String(random.int(0, 9999)).padStart(4, "0")}`;
}

/** A sentence starts with a capital (the organization's article may be "the"). */
const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7];
/** Opening hours people meet: a Libyan working week, a lunch break, a hotline, a European week. */
const HOURS: Record<string, { days: number[]; periods: [string, string][] }> = {
  libyanWeek: { days: [7, 1, 2, 3, 4], periods: [["08:00", "14:00"]] },
  lunchBreak: { days: [6, 7, 1, 2, 3, 4], periods: [["09:00", "13:00"], ["16:00", "19:00"]] },
  allDay: { days: ALL_DAYS, periods: [["00:00", "24:00:00"]] },
  europeanWeek: { days: [1, 2, 3, 4, 5], periods: [["09:00", "17:00"]] },
  threeDays: { days: [7, 2, 4], periods: [["10:00", "15:00"]] },
};

export async function generateDirectory(db: Database, options: GenerateOptions): Promise<GeneratedDirectory> {
  const started = performance.now();
  const seed = options.seed ?? "start";
  const random = new Random(`${seed}:${options.services}`);
  const now = options.now ?? new Date();
  const today = new Date(`${isoDate(now)}T00:00:00Z`);
  const progress = options.progress ?? (() => {});
  const id = (kind: string, key: string | number) => syntheticId(seed, kind, key);

  // The real places and categories of content/ (and the locales), nothing else of it.
  const bundle = loadContent();
  const base: ContentBundle = { ...bundle, directory: [], rights: [], vacancies: [], alerts: [] };
  const seeding = performance.now();
  await seedDatabase(db, base, now);
  progress(`places, categories and locales of content/ (${Math.round(performance.now() - seeding)} ms)`);

  const placeEntries = new Map(bundle.places.map(({ entry }) => [entry.slug, entry]));
  const countryOf = (slug: string): string => {
    let place = placeEntries.get(slug);
    while (place?.parent) place = placeEntries.get(place.parent);
    return place?.slug ?? slug;
  };
  const towns: PlaceInfo[] = bundle.places
    .map(({ entry }) => entry)
    .filter((entry) => (entry.kind === "municipality" || entry.kind === "city") && entry.latitude !== undefined)
    .map((entry) => {
      const country = countryOf(entry.slug);
      return {
        slug: entry.slug,
        id: contentId("place", entry.slug),
        country,
        area: country === LIBYA ? (entry.parent ?? country) : country,
        latitude: entry.latitude!,
        longitude: entry.longitude!,
        names: { ar: entry.name.ar!, en: entry.name.en!, fr: entry.name.fr! },
      };
    });
  const libyanTowns = towns.filter((town) => town.country === LIBYA);
  const hostTowns = towns.filter((town) => town.country !== LIBYA);
  const townWeight = (town: PlaceInfo) => (BIG_TOWNS.has(town.slug) ? 6 : 1);
  const pickTown = (list: PlaceInfo[]) => random.weighted(list, list.map(townWeight));
  const countries = bundle.places.filter(({ entry }) => entry.kind === "country").map(({ entry }) => entry);

  const categories = new Map(bundle.categories.map(({ entry }) => [entry.code, entry]));
  const leavesOf = new Map<string, string[]>();
  for (const code of categories.keys()) {
    const [group] = code.split(".");
    if (code.includes(".")) leavesOf.set(group!, [...(leavesOf.get(group!) ?? []), code]);
  }
  const categoryText = (code: string, field: "name" | "description"): Tri => {
    const entry = categories.get(code)!;
    const text = entry[field] ?? entry.name;
    return { ar: text.ar!, en: text.en!, fr: text.fr! };
  };

  const placeValues = (place: PlaceInfo, locale: Locale) => ({
    place: place.names[locale],
    of_place: frOf(place.names.fr),
    at_place: frAt(place.names.fr),
  });

  // ——— organizations and their locations
  const organizationCount = Math.max(6, Math.round(options.services / 8));
  const ngoTemplates = ORGANIZATION_TEMPLATES.filter((template) => template.kind !== "government");
  const governmentTemplates = ORGANIZATION_TEMPLATES.filter((template) => template.kind === "government");
  const organizations: OrganizationPlan[] = [];
  const usedNames = new Set<string>();
  for (let index = 0; index < organizationCount; index++) {
    const roll = index < 2 ? 0.85 + index * 0.05 : random.next();
    let template: OrganizationTemplate;
    let home: PlaceInfo;
    if (roll < 0.72) {
      template = random.weighted(ngoTemplates, ngoTemplates.map((candidate) => (candidate.kind === "national_ngo" ? 4 : candidate.kind === "private" ? 1 : 2)));
      home = template.kind === "national_ngo" && random.chance(0.15) ? pickTown(hostTowns) : pickTown(libyanTowns);
    } else if (roll < 0.93) {
      template = random.pick(governmentTemplates);
      home = pickTown(libyanTowns);
    } else {
      template = CONSULATE_TEMPLATE;
      home = pickTown(hostTowns);
    }
    const word = random.pick(ORGANIZATION_WORDS);
    const names = Object.fromEntries(
      LOCALES.map((locale) => [locale, fill(template.name[locale], { w: word[locale], ...placeValues(home, locale) }) + SAMPLE_SUFFIX[locale]]),
    ) as Tri;
    if (usedNames.has(names.en)) continue;
    usedNames.add(names.en);
    const slug = `${word.en.toLowerCase().replace(/[^a-z]+/g, "-")}-${template.kind.replace(/_/g, "-")}-${home.slug}-${index}`.replace(/-+/g, "-");
    const organizationId = id("organization", index);
    // Inside a sentence: the short name (no town after a dash, no sample mark), with its article.
    const short = Object.fromEntries(
      LOCALES.map((locale) => [locale, fill((template.short ?? template.name)[locale], { w: word[locale], ...placeValues(home, locale) })]),
    ) as Tri;
    const plan: OrganizationPlan = {
      id: organizationId,
      slug,
      template,
      home,
      names,
      subjects: { ar: short.ar, en: `${template.enArticle}${short.en}`, fr: `${template.frArticle}${short.fr}` },
      locations: [],
    };
    const sameCountry = home.country === LIBYA ? libyanTowns : hostTowns.filter((town) => town.country === home.country);
    const locationCount = template.kind === "government" ? 1 : random.weighted([1, 2, 3, 4], [3, 4, 2, 1]);
    const places = [home, ...random.sample(sameCountry.filter((town) => town !== home), locationCount - 1)];
    places.forEach((place, position) => {
      const bank = template.focus[0] === "health" ? HEALTH_LOCATION_NAMES : LOCATION_NAMES;
      const pattern = template === CONSULATE_TEMPLATE ? { ar: "مقر القنصلية", en: "Consulate building", fr: "Locaux du consulat" } : random.pick(bank);
      plan.locations.push({
        id: id("location", `${index}:${position}`),
        place,
        names: Object.fromEntries(LOCALES.map((locale) => [locale, fill(pattern[locale], placeValues(place, locale))])) as Tri,
        locales: random.chance(0.95) ? LOCALES : ["ar", "en"],
      });
    });
    organizations.push(plan);
  }

  const organizationRows: Rows<typeof t.organizations> = [];
  const organizationTexts: Rows<typeof t.organizationTranslations> = [];
  const locationRows: Rows<typeof t.locations> = [];
  const locationTexts: Rows<typeof t.locationTranslations> = [];
  const phoneRows: Rows<typeof t.phones> = [];
  const phoneTexts: Rows<typeof t.phoneTranslations> = [];
  const scheduleRows: Rows<typeof t.schedules> = [];
  const scheduleTexts: Rows<typeof t.scheduleTranslations> = [];
  const periodRows: Rows<typeof t.schedulePeriods> = [];
  let phoneCount = 0;
  let scheduleCount = 0;

  const addPhone = (owner: Partial<Record<"organizationId" | "serviceId" | "locationId" | "serviceAtLocationId", string>>, type: "voice" | "whatsapp" | "hotline" | "sms", position: number, locales: Locale[]) => {
    const phoneId = id("phone", phoneCount++);
    phoneRows.push({ id: phoneId, ...owner, number: samplePhone(random), type, languages: random.sample(["ar", "en", "fr"], random.int(1, 2)), position });
    if (random.chance(0.4)) {
      const description = random.pick(PHONE_DESCRIPTIONS);
      for (const locale of locales) phoneTexts.push({ phoneId, locale, description: description[locale] });
    }
  };
  const addHours = (owner: Partial<Record<"serviceId" | "locationId" | "serviceAtLocationId", string>>, pattern: keyof typeof HOURS, locales: Locale[]) => {
    const scheduleId = id("schedule", scheduleCount++);
    scheduleRows.push({ id: scheduleId, ...owner });
    const hours = HOURS[pattern]!;
    for (const weekday of hours.days) {
      for (const [opensAt, closesAt] of hours.periods) periodRows.push({ id: id("period", `${scheduleId}:${weekday}:${opensAt}`), scheduleId, weekday, opensAt, closesAt });
    }
    if (random.chance(0.35)) {
      const note = random.pick(SCHEDULE_NOTES);
      for (const locale of locales) scheduleTexts.push({ scheduleId, locale, notes: note[locale] });
    }
  };
  const hoursFor = (place: PlaceInfo): keyof typeof HOURS =>
    place.country === LIBYA ? random.weighted(["libyanWeek", "lunchBreak", "threeDays", "allDay"] as const, [5, 3, 1, 1]) : "europeanWeek";

  for (const organization of organizations) {
    const founded = random.int(1995, 2023);
    const where = organization.locations.map((location) => location.place);
    organizationRows.push({
      id: organization.id,
      slug: organization.slug,
      kind: organization.template.kind,
      website: `https://${organization.slug}.example.org`,
      email: `contact@${organization.slug}.example.org`,
      state: "published",
      isSample: true,
      sources: [],
      publishedAt: now,
    });
    for (const locale of LOCALES) {
      const places = joinAnd(
        where.map((place) => (locale === "fr" ? frAt(place.names.fr) : place.names[locale])),
        locale,
      );
      organizationTexts.push({
        organizationId: organization.id,
        locale,
        name: organization.names[locale],
        description: `${fill(ORGANIZATION_INTRO[organization.template.kind][locale], { year: String(founded) })} ${fill(ORGANIZATION_WHERE[organization.template.kind === "national_ngo" || organization.template.kind === "international_ngo" ? "f" : "m"][locale], { places })}`,
      });
    }
    if (random.chance(0.5)) addPhone({ organizationId: organization.id }, "voice", 0, LOCALES);
    for (const location of organization.locations) {
      const { place } = location;
      locationRows.push({
        id: location.id,
        organizationId: organization.id,
        placeId: place.id,
        locationType: "physical",
        latitude: Number((place.latitude + (random.next() - 0.5) * 0.04).toFixed(5)),
        longitude: Number((place.longitude + (random.next() - 0.5) * 0.04).toFixed(5)),
      });
      const libyan = place.country === LIBYA;
      const street = random.pick(libyan ? LIBYAN_STREETS : HOST_STREETS);
      const landmark = random.pick(LANDMARKS);
      const number = libyan ? "" : `${random.int(2, 180)} `;
      const accessibility = random.chance(0.5) ? random.pick(ACCESSIBILITY) : null;
      const transportation = random.chance(0.4) ? random.pick(TRANSPORTATION) : null;
      for (const locale of location.locales) {
        const comma = locale === "ar" ? "، " : ", ";
        const address = (libyan ? [street[locale], landmark[locale], place.names[locale]] : [`${number}${street[locale]}`, place.names[locale]]).join(comma);
        locationTexts.push({
          locationId: location.id,
          locale,
          name: location.names[locale],
          address,
          accessibility: accessibility?.[locale] ?? null,
          transportation: transportation?.[locale] ?? null,
        });
      }
      if (random.chance(0.6)) addPhone({ locationId: location.id }, "voice", 0, location.locales);
      if (random.chance(0.7)) addHours({ locationId: location.id }, hoursFor(place), location.locales);
    }
  }

  // ——— services
  const serviceRows: Rows<typeof t.services> = [];
  const serviceTexts: Rows<typeof t.serviceTranslations> = [];
  const serviceCategoryRows: Rows<typeof t.serviceCategories> = [];
  const serviceLocationRows: Rows<typeof t.serviceAtLocations> = [];
  const inReview: { id: string; slug: string }[] = [];
  const pairCounts = new Map<string, number>();
  let sampleService: string | null = null;
  const total = options.services + (options.inReview ?? 3);
  const audiencesAbroad = ["libyans_abroad"];
  const extraAudiences = ["women", "children", "idps", "returnees", "anyone"];
  const spokenLanguages = ["en", "fr", "ha", "ti", "so", "am"];

  for (let index = 0; index < total; index++) {
    const published = index < options.services;
    // A few organizations run many services, most run a handful.
    const organization = organizations[Math.floor(organizations.length * random.next() ** 1.6)]!;
    const group = random.pick(organization.template.focus.filter((focus) => leavesOf.has(focus)));
    const leaf = random.pick(leavesOf.get(group)!);
    const codes = new Set([leaf]);
    if (random.chance(0.3)) codes.add(random.pick(leavesOf.get(group)!));
    if (random.chance(0.15)) codes.add(random.pick(leavesOf.get(random.pick([...leavesOf.keys()]))!));
    const sensitive = ["protection.gbv", "protection.trafficking", "shelter.safe_house"].includes(leaf);
    const remote = random.chance(sensitive ? 0.3 : 0.06);
    const links = remote ? [] : random.sample(organization.locations, random.chance(0.25) ? 2 : 1);
    const confidential = sensitive && !remote && random.chance(0.6);
    const serviceId = id("service", index);
    const slug = `${leaf.replace(/[._]/g, "-")}-${(links[0]?.place ?? organization.home).slug}-${index}`;
    const abroad = organization.home.country !== LIBYA;
    const cost =
      organization.template.kind === "private" ? random.pick(["paid", "varies"] as const) : random.weighted(["free", "paid", "varies"] as const, [75, 10, 15]);
    const audiences = [...new Set([...(abroad ? audiencesAbroad : ["migrants_in_libya"]), ...random.sample(extraAudiences, random.int(0, 2))])];
    const locales = localesOf(random);
    const where = links[0]?.place ?? organization.home;
    const extras = random.sample(SERVICE_EXTRAS, random.int(0, 2));
    const application = random.pick(APPLICATION);
    const fees = random.pick(FEES[cost]);
    const documents = random.sample(DOCUMENTS, random.int(0, 2));
    const categoryName = categoryText(leaf, "name");
    const categoryDescription = categoryText(leaf, "description");

    serviceRows.push({
      id: serviceId,
      slug,
      organizationId: organization.id,
      status: random.weighted(["active", "temporarily closed", "inactive"] as const, [95, 3, 2]),
      state: published ? "published" : "in_review",
      url: random.chance(0.3) ? `https://${organization.slug}.example.org/services/${index}` : null,
      email: random.chance(0.3) ? `services@${organization.slug}.example.org` : null,
      cost,
      audiences: audiences as (typeof t.AUDIENCES)[number][],
      languages: ["ar", ...random.sample(spokenLanguages, random.int(0, 3))],
      minimumAge: null,
      maximumAge: audiences.includes("children") && audiences.length === 2 ? 17 : null,
      confidentialAddress: confidential,
      isSample: true,
      sources: [],
      verifiedAt: addDays(now, -random.int(0, 400)),
      verifiedByName: "Sample data",
      submittedAt: published ? null : now,
      publishedAt: published ? now : null,
    });
    for (const locale of locales) {
      const values = { org: organization.subjects[locale], ...placeValues(where, locale) };
      const who = capitalize(fill((remote ? SERVICE_WHO_REMOTE : SERVICE_WHO)[organization.template.arGender][locale], values));
      const name = remote
        ? `${categoryName[locale]} ${REMOTE_SUFFIX[locale]} – ${organization.home.names[locale]}`
        : `${categoryName[locale]} – ${links[0]!.names[locale]}`;
      serviceTexts.push({
        serviceId,
        locale,
        name: name + SAMPLE_SUFFIX[locale],
        description: [who, categoryDescription[locale], ...extras.map((extra) => extra[locale])].join(" "),
        eligibilityDescription: ELIGIBILITY[audiences[0]!]![locale],
        applicationProcess: application[locale],
        feesDescription: fees[locale],
        requiredDocuments: documents.map((document) => document[locale]),
      });
    }
    for (const code of codes) serviceCategoryRows.push({ serviceId, categoryId: contentId("category", code) });
    if (remote) {
      addPhone({ serviceId }, "hotline", 0, locales);
      addPhone({ serviceId }, "whatsapp", 1, locales);
      addHours({ serviceId }, random.chance(0.5) ? "allDay" : abroad ? "europeanWeek" : "libyanWeek", locales);
    } else {
      addPhone({ serviceId }, random.pick(["voice", "whatsapp"] as const), 0, locales);
      if (random.chance(0.3)) addPhone({ serviceId }, "whatsapp", 1, locales);
      const hoursAt = random.weighted(["location", "service", "link"] as const, [2, 1, 1]);
      if (hoursAt === "service") addHours({ serviceId }, hoursFor(where), locales);
      links.forEach((location, position) => {
        const linkId = id("service_at_location", `${index}:${position}`);
        serviceLocationRows.push({ id: linkId, serviceId, locationId: location.id, position });
        if (random.chance(0.25)) addPhone({ serviceAtLocationId: linkId }, "voice", 0, locales);
        if (hoursAt === "link") addHours({ serviceAtLocationId: linkId }, hoursFor(location.place), locales);
      });
    }
    if (!published) {
      inReview.push({ id: serviceId, slug });
      continue;
    }
    if (!sampleService && links.length === 2 && !confidential && locales.length === 3) sampleService = slug;
    for (const location of links) {
      const key = `${group}|${location.place.area}`;
      pairCounts.set(key, (pairCounts.get(key) ?? 0) + 1);
    }
  }

  // ——— vacancies: from the public bodies with a sector
  const employers = organizations.filter((organization) => organization.template.kind === "government" && SECTORS_BY_FOCUS[organization.template.focus[0]!]);
  const vacancyRows: Rows<typeof t.vacancies> = [];
  const vacancyTexts: Rows<typeof t.vacancyTranslations> = [];
  const vacancyCount = employers.length ? Math.round(options.services / 6) : 0;
  for (let index = 0; index < vacancyCount; index++) {
    const employer = random.pick(employers);
    const sector = random.pick(SECTORS_BY_FOCUS[employer.template.focus[0]!]!);
    const job = random.pick(JOB_TITLES[sector]!);
    const place = employer.home;
    const expired = random.chance(0.15);
    const deadline = expired ? addDays(today, -random.int(1, 20)) : addDays(today, random.int(5, 90));
    const publishedOn = addDays(deadline, -random.int(10, 45));
    const channel = random.weighted(["labour_office", "online", "email", "phone", "in_person"] as const, [3, 3, 2, 1, 1]);
    const salaried = random.chance(0.6);
    const salaryMin = random.int(9, 25) * 100;
    const vacancyId = id("vacancy", index);
    const slug = `${sector}-${place.slug}-${index}`;
    vacancyRows.push({
      id: vacancyId,
      slug,
      organizationId: employer.id,
      sector,
      placeId: place.id,
      positions: random.int(1, 30),
      employmentType: random.weighted(["full_time", "part_time", "temporary", "contractor"] as const, [6, 1.5, 1.5, 1]),
      salaryMin: salaried ? salaryMin.toFixed(2) : null,
      salaryMax: salaried ? (salaryMin + random.int(3, 15) * 100).toFixed(2) : null,
      salaryCurrency: salaried ? "LYD" : null,
      salaryPeriod: salaried ? "month" : null,
      eligibility: random.weighted(["libyan_nationals", "migrants_with_work_permit", "anyone"] as const, [4, 3, 3]),
      recruitmentChannel: channel,
      applyUrl: channel === "online" ? `https://jobs.example.org/${slug}` : null,
      applyEmail: channel === "email" ? `jobs@${employer.slug}.example.org` : null,
      applyPhone: channel === "phone" ? samplePhone(random) : null,
      publishedOn: isoDate(publishedOn),
      deadline: isoDate(deadline),
      closedAt: !expired && random.chance(0.05) ? now : null,
      state: "published",
      isSample: true,
      sources: [],
      publishedAt: now,
    });
    const requirements = random.sample(VACANCY_REQUIREMENTS, 2);
    for (const locale of localesOf(random)) {
      const values = { job: job[locale], org: employer.subjects[locale], ...placeValues(place, locale) };
      vacancyTexts.push({
        vacancyId,
        locale,
        title: `${job[locale]} – ${place.names[locale]}${SAMPLE_SUFFIX[locale]}`,
        description: fill(VACANCY_DESCRIPTION[locale], locale === "fr" ? { ...values, job: job.fr.toLowerCase() } : values),
        requirements: requirements.map((requirement) => requirement[locale]).join(" "),
        howToApply: fill(HOW_TO_APPLY[channel]![locale], values),
      });
    }
  }

  // ——— rights articles
  const topics = bundle.uiStrings.en ? Object.keys((bundle.uiStrings.en as { rights: { topics: Record<string, string> } }).rights.topics) : [];
  const topicLabel = (topic: string, locale: Locale) =>
    (bundle.uiStrings[locale] as { rights: { topics: Record<string, string> } }).rights.topics[topic] ?? topic;
  const articleRows: Rows<typeof t.rightsArticles> = [];
  const articleTexts: Rows<typeof t.rightsArticleTranslations> = [];
  const articleCount = Math.max(3, Math.round(options.services / 40));
  for (let index = 0; index < articleCount; index++) {
    const country = random.chance(0.5) ? countries.find((entry) => entry.slug === LIBYA)! : random.pick(countries.filter((entry) => entry.slug !== LIBYA));
    const topic = random.pick(topics);
    const articleId = id("rights_article", index);
    articleRows.push({
      id: articleId,
      slug: `${topic}-${country.slug}-${index}`,
      topic,
      countryId: contentId("place", country.slug),
      audience: country.slug === LIBYA ? "migrants_in_libya" : "libyans_abroad",
      reviewedOn: isoDate(addDays(today, -random.int(0, 300))),
      state: "published",
      isSample: true,
      sources: [],
      publishedAt: now,
    });
    const law = random.sample(LAW_POINTS, 2);
    const practice = random.pick(PRACTICE_PARAGRAPHS);
    const actions = random.sample(ACTION_POINTS, 3);
    for (const locale of localesOf(random)) {
      const values = { topic: topicLabel(topic, locale), country: country.name[locale]!, in_country: frInCountry(country.slug, country.name.fr!) };
      const body = [
        `## ${ARTICLE_HEADINGS.law[locale]}`,
        law.map((point) => `- ${point[locale]}`).join("\n"),
        `## ${ARTICLE_HEADINGS.practice[locale]}`,
        practice[locale],
        `## ${ARTICLE_HEADINGS.action[locale]}`,
        actions.map((point) => `- ${point[locale]}`).join("\n"),
        `## ${ARTICLE_HEADINGS.help[locale]}`,
        HELP_PARAGRAPH[locale],
      ].join("\n\n");
      articleTexts.push({
        articleId,
        locale,
        title: fill(ARTICLE_TITLE[locale], values) + SAMPLE_SUFFIX[locale],
        summary: fill(ARTICLE_SUMMARY[locale], values),
        body,
      });
    }
  }

  // ——— write, in the order that keeps the search triggers' work to one pass: the texts of
  // services, vacancies and articles go last, when everything they borrow names from is there.
  await db.transaction(async (tx) => {
    const write = async <T extends PgTable>(label: string, table: T, rows: Rows<T>, batch = 1000) => {
      const began = performance.now();
      for (let offset = 0; offset < rows.length; offset += batch) {
        await tx.insert(table).values(rows.slice(offset, offset + batch) as never);
      }
      if (rows.length) progress(`${label}: ${rows.length} (${Math.round(performance.now() - began)} ms)`);
    };
    await write("organizations", t.organizations, organizationRows);
    await write("organization texts", t.organizationTranslations, organizationTexts);
    await write("locations", t.locations, locationRows);
    await write("location texts", t.locationTranslations, locationTexts);
    await write("services", t.services, serviceRows, 500);
    await write("service categories", t.serviceCategories, serviceCategoryRows);
    await write("services at locations", t.serviceAtLocations, serviceLocationRows);
    await write("service texts", t.serviceTranslations, serviceTexts, 600);
    await write("phones", t.phones, phoneRows);
    await write("phone texts", t.phoneTranslations, phoneTexts);
    await write("schedules", t.schedules, scheduleRows);
    await write("schedule texts", t.scheduleTranslations, scheduleTexts);
    await write("opening periods", t.schedulePeriods, periodRows);
    await write("vacancies", t.vacancies, vacancyRows);
    await write("vacancy texts", t.vacancyTranslations, vacancyTexts);
    await write("rights articles", t.rightsArticles, articleRows);
    await write("rights article texts", t.rightsArticleTranslations, articleTexts);
  });
  // Fresh statistics, as autovacuum would have them on a live database.
  await db.execute(sql`analyze`);

  const [bestPair] = [...pairCounts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const [category, place] = (bestPair?.[0] ?? "health|tripoli-region").split("|") as [string, string];
  return {
    seed,
    counts: {
      organizations: organizationRows.length,
      services: options.services,
      servicesInReview: inReview.length,
      locations: locationRows.length,
      servicesAtLocations: serviceLocationRows.length,
      phones: phoneRows.length,
      schedules: scheduleRows.length,
      vacancies: vacancyRows.length,
      rightsArticles: articleRows.length,
      texts: organizationTexts.length + locationTexts.length + serviceTexts.length + vacancyTexts.length + articleTexts.length,
    },
    inReview,
    sampleService: sampleService ?? serviceRows.find((row) => row.state === "published")!.slug,
    filter: { category, place },
    durationMs: Math.round(performance.now() - started),
  };
}
