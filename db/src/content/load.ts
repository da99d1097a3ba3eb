import { readVocabularyFiles } from "./search-vocabulary.js";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import { parseYaml } from "./yaml.js";
import type { z } from "zod";
import { contentFolder } from "../paths.js";
import { isSlug } from "../rules/index.js";
import { dayInLibya } from "../time/libya.js";
import { type Contact, contactProblem, optionalContacts, phoneContacts } from "./contacts.js";
import {
  alertFile,
  type AlertEntry,
  categoryFile,
  type CategoryEntry,
  directoryFile,
  type DirectoryFile,
  emergencyFile,
  type EmergencyEntry,
  localeFile,
  placeFile,
  type PlaceEntry,
  rightsArticleFrontMatter,
  rightsArticleMeta,
  vacancyEntry,
  type VacancyEntry,
} from "./schema.js";
import { flattenStrings, missingLabels, requiredLabelKeys, type UiStrings, uiStringProblems } from "./ui-strings.js";

/** One problem found in content/: the file, where in it, and what is wrong. */
export interface ContentIssue {
  file: string;
  path: string;
  message: string;
}

export class ContentValidationError extends Error {
  constructor(readonly issues: ContentIssue[]) {
    super(
      `content/ has ${issues.length} problem${issues.length === 1 ? "" : "s"}:\n` +
        issues.map((issue) => `  ${issue.file}${issue.path ? ` at ${issue.path}` : ""}: ${issue.message}`).join("\n"),
    );
    this.name = "ContentValidationError";
  }
}

export interface Located<T> {
  file: string;
  entry: T;
}

export interface RightsArticleContent {
  slug: string;
  file: string;
  meta: z.infer<typeof rightsArticleMeta>;
  texts: Record<string, { title: string; summary: string; body: string }>;
}

export interface VacancyContent {
  slug: string;
  file: string;
  entry: VacancyEntry;
}

/** Everything content/ holds, parsed, validated and cross-checked. */
export interface ContentBundle {
  locales: z.infer<typeof localeFile>;
  places: Located<PlaceEntry>[];
  categories: Located<CategoryEntry>[];
  directory: Located<DirectoryFile>[];
  rights: RightsArticleContent[];
  vacancies: VacancyContent[];
  alerts: Located<AlertEntry>[];
  /** Emergency and hotline numbers (content/emergency.yaml). */
  emergency: Located<EmergencyEntry>[];
  /** UI strings per locale (content/i18n/<locale>.json), i18next JSON v4. */
  uiStrings: Record<string, UiStrings>;
}

/** The category of legal-aid services, which every rights article points to. */
export const LEGAL_AID_CATEGORY = "legal_aid";
/** The portal link to the legal-aid services of the directory, as written in a rights article's body. */
export function legalAidLink(locale: string): string {
  return `/${locale}/services/?category=${LEGAL_AID_CATEGORY}`;
}

function listFiles(folder: string, extension: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.endsWith(extension))
    .sort()
    .map((name) => path.join(folder, name));
}

/** Loads content/ (or another folder of the same shape) and checks it. Throws ContentValidationError listing every problem. */
export function loadContent(root: string = contentFolder): ContentBundle {
  const issues: ContentIssue[] = [];
  const relative = (file: string) => path.relative(root, file) || file;

  function parseFile<S extends z.ZodType>(file: string, schema: S, raw?: unknown): z.infer<S> | undefined {
    let data: unknown = raw;
    if (raw === undefined) {
      try {
        data = parseYaml(readFileSync(file, "utf8"));
      } catch (error) {
        issues.push({ file: relative(file), path: "", message: `not valid YAML: ${(error as Error).message}` });
        return undefined;
      }
    }
    const result = schema.safeParse(data);
    if (!result.success) {
      for (const issue of result.error.issues) {
        issues.push({ file: relative(file), path: issue.path.join("."), message: issue.message });
      }
      return undefined;
    }
    return result.data;
  }

  const localesPath = path.join(root, "locales.yaml");
  const locales = parseFile(localesPath, localeFile) ?? [];
  const localeCodes = locales.map((locale) => locale.code);

  const places: Located<PlaceEntry>[] = [];
  for (const file of listFiles(path.join(root, "places"), ".yaml")) {
    for (const entry of parseFile(file, placeFile) ?? []) places.push({ file: relative(file), entry });
  }
  const categories: Located<CategoryEntry>[] = [];
  const categoriesPath = path.join(root, "categories.yaml");
  if (existsSync(categoriesPath)) {
    for (const entry of parseFile(categoriesPath, categoryFile) ?? []) categories.push({ file: relative(categoriesPath), entry });
  }
  const directory: Located<DirectoryFile>[] = [];
  for (const file of listFiles(path.join(root, "directory"), ".yaml")) {
    const entry = parseFile(file, directoryFile);
    if (entry) directory.push({ file: relative(file), entry });
  }
  const rights: RightsArticleContent[] = [];
  const rightsFolder = path.join(root, "rights");
  if (existsSync(rightsFolder)) {
    for (const slug of readdirSync(rightsFolder).sort()) {
      const folder = path.join(rightsFolder, slug);
      if (!statSync(folder).isDirectory()) continue;
      const metaFile = path.join(folder, "article.yaml");
      const meta = parseFile(metaFile, rightsArticleMeta);
      const texts: RightsArticleContent["texts"] = {};
      for (const file of listFiles(folder, ".md")) {
        const locale = path.basename(file, ".md");
        let parsed: matter.GrayMatterFile<string>;
        try {
          parsed = matter(readFileSync(file, "utf8"));
        } catch (error) {
          issues.push({ file: relative(file), path: "", message: `front matter is not valid YAML: ${(error as Error).message.split("\n")[0]}` });
          continue;
        }
        const front = parseFile(file, rightsArticleFrontMatter, parsed.data);
        if (front) texts[locale] = { ...front, body: parsed.content.trim() };
      }
      if (meta) rights.push({ slug, file: relative(metaFile), meta, texts });
    }
  }
  const vacancies: VacancyContent[] = [];
  for (const file of listFiles(path.join(root, "vacancies"), ".yaml")) {
    const entry = parseFile(file, vacancyEntry);
    if (entry) vacancies.push({ slug: path.basename(file, ".yaml"), file: relative(file), entry });
  }
  const alerts: Located<AlertEntry>[] = [];
  const alertsPath = path.join(root, "alerts.yaml");
  if (existsSync(alertsPath)) {
    for (const entry of parseFile(alertsPath, alertFile) ?? []) alerts.push({ file: relative(alertsPath), entry });
  }

  const emergency: Located<EmergencyEntry>[] = [];
  const emergencyPath = path.join(root, "emergency.yaml");
  if (existsSync(emergencyPath)) {
    for (const entry of parseFile(emergencyPath, emergencyFile) ?? []) emergency.push({ file: relative(emergencyPath), entry });
  }
  const uiStrings: Record<string, UiStrings> = {};
  for (const code of localeCodes) {
    const file = path.join(root, "i18n", `${code}.json`);
    if (!existsSync(file)) {
      issues.push({ file: relative(file), path: "", message: `missing: the UI strings of ${code}` });
      continue;
    }
    try {
      uiStrings[code] = JSON.parse(readFileSync(file, "utf8")) as UiStrings;
    } catch (error) {
      issues.push({ file: relative(file), path: "", message: `not valid JSON: ${(error as Error).message}` });
    }
  }
  issues.push(...unknownFiles(root, localeCodes));
  issues.push(...readVocabularyFiles(root).issues);

  const bundle: ContentBundle = { locales, places, categories, directory, rights, vacancies, alerts, emergency, uiStrings };
  issues.push(...crossCheck(bundle, localeCodes));
  if (issues.length > 0) throw new ContentValidationError(issues);
  return bundle;
}

/** Files in content/ that no loader reads: a typo in a name or extension must not go unnoticed. */
function unknownFiles(root: string, localeCodes: string[]): ContentIssue[] {
  const known = (parts: string[]): boolean => {
    const [first, second, third] = parts;
    if (parts.length === 1) return ["locales.yaml", "categories.yaml", "alerts.yaml", "emergency.yaml", "README.md"].includes(first!);
    if (parts.length === 2) {
      if (first === "places" || first === "directory" || first === "vacancies") return second!.endsWith(".yaml");
      if (first === "i18n") return localeCodes.some((code) => second === `${code}.json`);
      if (first === "search") return localeCodes.some((code) => second === `${code}.yaml`);
      return false;
    }
    // rights/<slug>/article.yaml and <locale>.md (an unknown locale is reported with the article).
    return parts.length === 3 && first === "rights" && (third === "article.yaml" || third!.endsWith(".md"));
  };
  const issues: ContentIssue[] = [];
  const walk = (folder: string, parts: string[]) => {
    if (!existsSync(folder)) return;
    for (const name of readdirSync(folder).sort()) {
      if (name.startsWith(".")) continue;
      const full = path.join(folder, name);
      if (statSync(full).isDirectory()) {
        if (parts.length === 0 && ["places", "directory", "vacancies", "i18n", "rights", "search"].includes(name)) walk(full, [name]);
        else if (parts.length === 1 && parts[0] === "rights") walk(full, [...parts, name]);
        else issues.push({ file: path.relative(root, full), path: "", message: "a folder START does not load" });
      } else if (!known([...parts, name])) {
        issues.push({ file: path.relative(root, full), path: "", message: "a file START does not load (check its name and extension)" });
      }
    }
  };
  walk(root, []);
  return issues;
}

const LOCALISED_KEYS = new Set([
  "name",
  "alternate_name",
  "description",
  "eligibility",
  "application_process",
  "fees",
  "documents",
  "address",
  "accessibility",
  "transportation",
  "notes",
  "title",
  "requirements",
  "how_to_apply",
  "body",
  "availability",
]);

/** Every localised field must carry exactly the configured locales. */
function localeCompleteness(value: unknown, file: string, at: string, localeCodes: string[], issues: ContentIssue[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => localeCompleteness(item, file, `${at}${at ? "." : ""}${index}`, localeCodes, issues));
    return;
  }
  if (value === null || typeof value !== "object") return;
  for (const [key, child] of Object.entries(value)) {
    const childPath = `${at}${at ? "." : ""}${key}`;
    if (LOCALISED_KEYS.has(key) && child !== null && typeof child === "object" && !Array.isArray(child)) {
      const present = Object.keys(child);
      for (const code of localeCodes) {
        if (!present.includes(code)) issues.push({ file, path: childPath, message: `missing the ${code} text` });
      }
      for (const code of present) {
        if (!localeCodes.includes(code)) issues.push({ file, path: childPath, message: `unknown locale ${code}` });
      }
      continue;
    }
    localeCompleteness(child, file, childPath, localeCodes, issues);
  }
}

function crossCheck(bundle: ContentBundle, localeCodes: string[]): ContentIssue[] {
  const issues: ContentIssue[] = [];
  const today = new Date().toISOString().slice(0, 10);
  const checkContacts = (file: string, contacts: Contact[], sample: boolean) => {
    for (const contact of contacts) {
      const problem = contactProblem(contact, sample);
      if (problem) issues.push({ file, path: contact.path, message: problem });
    }
  };
  const checkSources = (file: string, at: string, sources: { accessed?: string | undefined; published?: string | undefined }[]) => {
    sources.forEach((source, index) => {
      if (source.accessed && source.accessed > today) {
        issues.push({ file, path: `${at}${at ? "." : ""}sources.${index}.accessed`, message: "a consultation date in the future" });
      }
      if (source.published && source.published > today) {
        issues.push({ file, path: `${at}${at ? "." : ""}sources.${index}.published`, message: "a source date in the future" });
      } else if (source.published && source.accessed && source.published > source.accessed) {
        issues.push({ file, path: `${at}${at ? "." : ""}sources.${index}.published`, message: "a source dated after it was read" });
      }
    });
  };

  const placesBySlug = new Map<string, PlaceEntry>();
  for (const { file, entry } of bundle.places) {
    localeCompleteness(entry, file, entry.slug, localeCodes, issues);
    if (placesBySlug.has(entry.slug)) issues.push({ file, path: entry.slug, message: "this place slug is used twice" });
    placesBySlug.set(entry.slug, entry);
  }
  for (const { file, entry } of bundle.places) {
    if (entry.kind === "country") {
      if (entry.parent) issues.push({ file, path: `${entry.slug}.parent`, message: "a country has no parent" });
      if (!entry.timezone) issues.push({ file, path: `${entry.slug}.timezone`, message: "a country needs a time zone" });
    } else if (!entry.parent) {
      issues.push({ file, path: `${entry.slug}.parent`, message: `a ${entry.kind} needs a parent place` });
    } else if (!placesBySlug.has(entry.parent)) {
      issues.push({ file, path: `${entry.slug}.parent`, message: `unknown place ${entry.parent}` });
    } else if (placesBySlug.get(entry.parent)!.country !== entry.country) {
      issues.push({ file, path: `${entry.slug}.country`, message: `differs from its parent's country` });
    }
    if ((entry.kind === "city" || entry.kind === "municipality") && (entry.latitude === undefined || entry.longitude === undefined)) {
      issues.push({ file, path: entry.slug, message: "a city or municipality needs a latitude and a longitude" });
    }
    if ((entry.latitude === undefined) !== (entry.longitude === undefined)) {
      issues.push({ file, path: entry.slug, message: "latitude and longitude go together" });
    }
  }

  const categoryCodes = new Set<string>();
  for (const { file, entry } of bundle.categories) {
    localeCompleteness(entry, file, entry.code, localeCodes, issues);
    if (categoryCodes.has(entry.code)) issues.push({ file, path: entry.code, message: "this category code is used twice" });
    categoryCodes.add(entry.code);
  }
  for (const { file, entry } of bundle.categories) {
    const parent = parentCategoryCode(entry.code);
    if (parent && !categoryCodes.has(parent)) issues.push({ file, path: entry.code, message: `unknown parent category ${parent}` });
  }

  const organizationSlugs = new Set<string>();
  const sampleOrganizations = new Set(bundle.directory.filter((d) => d.entry.organization.sample).map((d) => d.entry.organization.slug));
  const serviceSlugs = new Set<string>();
  for (const { file, entry } of bundle.directory) {
    localeCompleteness(entry, file, "", localeCodes, issues);
    const organization = entry.organization;
    if (organizationSlugs.has(organization.slug)) {
      issues.push({ file, path: "organization.slug", message: `organization ${organization.slug} is defined twice` });
    }
    organizationSlugs.add(organization.slug);
    if (path.basename(file, ".yaml") !== organization.slug) {
      issues.push({ file, path: "organization.slug", message: `the file of organization ${organization.slug} must be directory/${organization.slug}.yaml` });
    }
    if (!organization.sample && organization.sources.length === 0) {
      issues.push({ file, path: "organization.sources", message: "an entry that is not a sample needs a source" });
    }
    checkSources(file, "organization", organization.sources);
    checkContacts(
      file,
      [
        ...optionalContacts([
          ["url", organization.website, "organization.website"],
          ["email", organization.email, "organization.email"],
        ]),
        ...phoneContacts(organization.phones, "organization.phones"),
      ],
      organization.sample,
    );
    // A location belongs to its organization: it is a sample when the organization is.
    entry.locations.forEach((location, index) => checkContacts(file, phoneContacts(location.phones, `locations.${index}.phones`), organization.sample));
    const locationKeys = new Set<string>();
    entry.locations.forEach((location, index) => {
      if (locationKeys.has(location.key)) issues.push({ file, path: `locations.${index}.key`, message: "this key is used twice" });
      locationKeys.add(location.key);
      if (!placesBySlug.has(location.place)) issues.push({ file, path: `locations.${index}.place`, message: `unknown place ${location.place}` });
      if ((location.latitude === undefined) !== (location.longitude === undefined)) {
        issues.push({ file, path: `locations.${index}`, message: "latitude and longitude go together" });
      }
    });
    entry.services.forEach((service, index) => {
      const at = `services.${index}`;
      if (serviceSlugs.has(service.slug)) issues.push({ file, path: `${at}.slug`, message: `service ${service.slug} is defined twice` });
      serviceSlugs.add(service.slug);
      if (!service.sample && service.sources.length === 0) {
        issues.push({ file, path: `${at}.sources`, message: "an entry that is not a sample needs a source" });
      }
      if (service.sample !== organization.sample) {
        issues.push({
          file,
          path: `${at}.sample`,
          message: organization.sample
            ? "a sample organization offers only sample services"
            : "a real organization lists only real services: put sample services under a sample organization",
        });
      }
      checkSources(file, at, service.sources);
      checkContacts(
        file,
        [
          ...optionalContacts([
            ["url", service.url, `${at}.url`],
            ["email", service.email, `${at}.email`],
          ]),
          ...phoneContacts(service.phones, `${at}.phones`),
          ...service.locations.flatMap((link, linkIndex) => phoneContacts(link.phones, `${at}.locations.${linkIndex}.phones`)),
        ],
        service.sample,
      );
      for (const code of service.categories) {
        if (!categoryCodes.has(code)) issues.push({ file, path: `${at}.categories`, message: `unknown category ${code}` });
      }
      service.locations.forEach((link, linkIndex) => {
        if (!locationKeys.has(link.location)) {
          issues.push({ file, path: `${at}.locations.${linkIndex}`, message: `unknown location key ${link.location}` });
        }
      });
      if (service.verified && service.verified.on > today) issues.push({ file, path: `${at}.verified.on`, message: "a verification date in the future" });
      if (service.minimum_age !== undefined && service.maximum_age !== undefined && service.minimum_age > service.maximum_age) {
        issues.push({ file, path: `${at}.maximum_age`, message: "below the minimum age" });
      }
    });
  }

  const rightsSlugs = new Set<string>();
  for (const article of bundle.rights) {
    if (!isSlug(article.slug)) {
      issues.push({ file: article.file, path: "", message: `folder name ${article.slug} is not a valid slug` });
    }
    rightsSlugs.add(article.slug);
    for (const code of localeCodes) {
      if (!article.texts[code]) issues.push({ file: article.file, path: "", message: `missing the ${code} text (${code}.md)` });
    }
    for (const code of Object.keys(article.texts)) {
      if (!localeCodes.includes(code)) issues.push({ file: article.file, path: "", message: `unknown locale file ${code}.md` });
    }
    const country = placesBySlug.get(article.meta.country);
    if (!country) issues.push({ file: article.file, path: "country", message: `unknown place ${article.meta.country}` });
    else if (country.kind !== "country") issues.push({ file: article.file, path: "country", message: `${article.meta.country} is not a country` });
    if (!article.meta.sample && article.meta.sources.length === 0) {
      issues.push({ file: article.file, path: "sources", message: "an entry that is not a sample needs a source" });
    }
    if (article.meta.reviewed > today) issues.push({ file: article.file, path: "reviewed", message: "a review date in the future" });
    checkSources(article.file, "", article.meta.sources);
    for (const [locale, text] of Object.entries(article.texts)) {
      if (!text.body.includes(`](${legalAidLink(locale)})`)) {
        issues.push({
          file: article.file.replace(/article\.yaml$/, `${locale}.md`),
          path: "",
          message: `the text must say it is general information, not legal advice, and link to the legal-aid services: [...](${legalAidLink(locale)})`,
        });
      }
    }
  }
  if (bundle.rights.length > 0 && !categoryCodes.has(LEGAL_AID_CATEGORY)) {
    issues.push({ file: "categories.yaml", path: "", message: `the rights articles link to the ${LEGAL_AID_CATEGORY} category, which is missing` });
  }

  for (const vacancy of bundle.vacancies) {
    const { file, entry } = vacancy;
    localeCompleteness(entry, file, "", localeCodes, issues);
    if (!isSlug(vacancy.slug)) issues.push({ file, path: "", message: "the file name is not a valid slug" });
    if (!organizationSlugs.has(entry.organization)) issues.push({ file, path: "organization", message: `unknown organization ${entry.organization}` });
    else if (sampleOrganizations.has(entry.organization) !== entry.sample) {
      issues.push({
        file,
        path: "organization",
        message: entry.sample
          ? `a sample vacancy is published by a sample organization, never under a real one's name (${entry.organization})`
          : `a real vacancy is published by a real organization, not by the sample ${entry.organization}`,
      });
    }
    if (!placesBySlug.has(entry.place)) issues.push({ file, path: "place", message: `unknown place ${entry.place}` });
    if (entry.deadline < entry.published) issues.push({ file, path: "deadline", message: "the deadline precedes the publication date" });
    if (entry.salary && entry.salary.min !== undefined && entry.salary.max !== undefined && entry.salary.min > entry.salary.max) {
      issues.push({ file, path: "salary", message: "the minimum salary exceeds the maximum" });
    }
    if (!entry.sample && entry.sources.length === 0) issues.push({ file, path: "sources", message: "an entry that is not a sample needs a source" });
    if (entry.published > today) issues.push({ file, path: "published", message: "a publication date in the future" });
    checkSources(file, "", entry.sources);
    checkContacts(
      file,
      optionalContacts([
        ["url", entry.apply_url, "apply_url"],
        ["email", entry.apply_email, "apply_email"],
        ["phone", entry.apply_phone, "apply_phone"],
      ]),
      entry.sample,
    );
  }

  const alertKeys = new Set<string>();
  for (const { file, entry } of bundle.alerts) {
    localeCompleteness(entry, file, entry.key, localeCodes, issues);
    if (alertKeys.has(entry.key)) issues.push({ file, path: entry.key, message: "this alert key is used twice" });
    alertKeys.add(entry.key);
    const targets = [
      ["places", entry.places, (slug: string) => placesBySlug.has(slug), "place"],
      ["organizations", entry.organizations, (slug: string) => organizationSlugs.has(slug), "organization"],
      ["services", entry.services, (slug: string) => serviceSlugs.has(slug), "service"],
    ] as const;
    for (const [field, slugs, known, entity] of targets) {
      const seen = new Set<string>();
      slugs.forEach((slug, index) => {
        if (!known(slug)) issues.push({ file, path: `${entry.key}.${field}.${index}`, message: `unknown ${entity} ${slug}` });
        if (seen.has(slug)) issues.push({ file, path: `${entry.key}.${field}.${index}`, message: `${entity} ${slug} is named twice` });
        seen.add(slug);
      });
    }
    if (entry.valid_until && new Date(entry.valid_until) < new Date(entry.valid_from)) {
      issues.push({ file, path: `${entry.key}.valid_until`, message: "ends before it starts" });
    }
    if (entry.closure) {
      if (!entry.closed_until) {
        issues.push({ file, path: `${entry.key}.closed_until`, message: "a closure needs the last day the services are closed (closed_until: YYYY-MM-DD)" });
      } else {
        if (entry.closed_until < dayInLibya(new Date(entry.valid_from))) {
          issues.push({ file, path: `${entry.key}.closed_until`, message: "the closure ends before the alert starts" });
        }
        if (entry.valid_until && dayInLibya(new Date(entry.valid_until)) < entry.closed_until) {
          issues.push({ file, path: `${entry.key}.valid_until`, message: "the alert ends before the closure does: leave valid_until out (it then ends with the closure), or make it closed_until or later" });
        }
      }
      if (entry.services.length === 0) issues.push({ file, path: `${entry.key}.services`, message: "a closure closes services: name at least one" });
    } else if (entry.closed_until) {
      issues.push({ file, path: `${entry.key}.closed_until`, message: "closed_until goes with closure: true" });
    }
    if (!entry.sample && entry.sources.length === 0) issues.push({ file, path: `${entry.key}.sources`, message: "an entry that is not a sample needs a source" });
    checkSources(file, entry.key, entry.sources);
  }

  const emergencyKeys = new Set<string>();
  for (const { file, entry } of bundle.emergency) {
    localeCompleteness(entry, file, entry.key, localeCodes, issues);
    if (emergencyKeys.has(entry.key)) issues.push({ file, path: entry.key, message: "this key is used twice" });
    emergencyKeys.add(entry.key);
    const country = placesBySlug.get(entry.country);
    if (!country) issues.push({ file, path: `${entry.key}.country`, message: `unknown place ${entry.country}` });
    else if (country.kind !== "country") issues.push({ file, path: `${entry.key}.country`, message: `${entry.country} is not a country` });
    if (!entry.sample && entry.sources.length === 0) issues.push({ file, path: `${entry.key}.sources`, message: "an entry that is not a sample needs a source" });
    if (entry.verified > today) issues.push({ file, path: `${entry.key}.verified`, message: "a verification date in the future" });
    if (!entry.always_open && !entry.availability) {
      issues.push({ file, path: `${entry.key}.availability`, message: "say when the line answers, or mark it always_open" });
    }
    checkSources(file, entry.key, entry.sources);
    checkContacts(file, optionalContacts([["phone", entry.international, `${entry.key}.international`]]), entry.sample);
  }

  const flattened = new Map<string, Map<string, string>>();
  for (const [locale, tree] of Object.entries(bundle.uiStrings)) {
    const { strings, bad } = flattenStrings(tree);
    for (const key of bad) issues.push({ file: `i18n/${locale}.json`, path: key, message: "must be a string or an object of strings" });
    flattened.set(locale, strings);
  }
  const stringLocales = localeCodes.filter((code) => flattened.has(code)).map((locale) => ({ locale, strings: flattened.get(locale)! }));
  for (const [locale, key, message] of uiStringProblems(stringLocales)) issues.push({ file: `i18n/${locale}.json`, path: key, message });
  const required = requiredLabelKeys({
    topics: bundle.rights.map((article) => article.meta.topic),
    sectors: bundle.vacancies.map((vacancy) => vacancy.entry.sector),
    languages: languagesInUse(bundle),
  });
  for (const { locale, strings } of stringLocales) {
    for (const key of missingLabels(strings, required)) issues.push({ file: `i18n/${locale}.json`, path: key, message: "missing: a label for a value that content/ or the data model uses" });
  }

  return issues;
}

/** Every ISO 639 code that services, phones and emergency numbers say they are delivered in. */
function languagesInUse(bundle: ContentBundle): string[] {
  const codes = new Set<string>();
  const phones = (list: { languages: string[] }[]) => list.forEach((phone) => phone.languages.forEach((code) => codes.add(code)));
  for (const { entry } of bundle.directory) {
    phones(entry.organization.phones);
    entry.locations.forEach((location) => phones(location.phones));
    for (const service of entry.services) {
      service.languages.forEach((code) => codes.add(code));
      phones(service.phones);
      service.locations.forEach((link) => phones(link.phones));
    }
  }
  bundle.emergency.forEach(({ entry }) => entry.languages.forEach((code) => codes.add(code)));
  return [...codes];
}

/** "protection.gbv" → "protection"; top-level codes have no parent. */
export function parentCategoryCode(code: string): string | undefined {
  const dot = code.lastIndexOf(".");
  return dot === -1 ? undefined : code.slice(0, dot);
}
