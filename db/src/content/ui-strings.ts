import {
  ALERT_SEVERITIES,
  AUDIENCES,
  EMPLOYMENT_TYPES,
  FEEDBACK_KINDS,
  feedbackStatus,
  ORGANIZATION_KINDS,
  PHONE_TYPES,
  PLACE_KINDS,
  PUBLICATION_STATES,
  RECRUITMENT_CHANNELS,
  ROLES,
  salaryPeriod,
  SERVICE_COSTS,
  SERVICE_STATUSES,
  VACANCY_ELIGIBILITIES,
} from "../schema/index.js";
import { EMERGENCY_KINDS, WEEKDAYS } from "./schema.js";

/**
 * The UI strings (content/i18n/<locale>.json, i18next JSON v4): nested objects whose leaves are
 * strings. Plural forms use i18next's suffixes (_zero, _one, _two, _few, _many, _other), one per
 * category that Intl.PluralRules reports for the locale: Arabic has six, English two, French three.
 */
export type UiStrings = { [key: string]: string | UiStrings };

/** Enumerations whose every value needs a label, and the key prefix of those labels. */
export const ENUMERATION_LABELS: Record<string, readonly string[]> = {
  "enums.audience": AUDIENCES,
  "enums.serviceCost": SERVICE_COSTS,
  "enums.serviceStatus": SERVICE_STATUSES,
  "enums.phoneType": PHONE_TYPES,
  "enums.placeKind": PLACE_KINDS,
  "enums.organizationKind": ORGANIZATION_KINDS,
  "enums.employmentType": EMPLOYMENT_TYPES,
  "enums.salaryPeriod": salaryPeriod.enumValues,
  "enums.vacancyEligibility": VACANCY_ELIGIBILITIES,
  "enums.recruitmentChannel": RECRUITMENT_CHANNELS,
  "enums.alertSeverity": ALERT_SEVERITIES,
  "enums.weekday": WEEKDAYS,
  "enums.feedbackKind": FEEDBACK_KINDS,
  "enums.feedbackStatus": feedbackStatus.enumValues,
  "enums.publicationState": PUBLICATION_STATES,
  "enums.role": ROLES,
  "enums.emergencyKind": EMERGENCY_KINDS,
};

/** Key prefixes of the labels of codes that content/ uses: rights topics, vacancy sectors, ISO 639 languages. */
export const RIGHTS_TOPIC_LABELS = "rights.topics";
export const VACANCY_SECTOR_LABELS = "jobs.sectors";
export const LANGUAGE_LABELS = "languages";

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
const INTERPOLATION = /\{\{\s*([A-Za-z0-9_.]+)\s*(?:,[^}]*)?\}\}/g;

/** Leaves of a strings tree as dotted keys, or the path of the first value that is not a string or an object. */
export function flattenStrings(tree: unknown, prefix = "", out: Map<string, string> = new Map(), bad: string[] = []): { strings: Map<string, string>; bad: string[] } {
  if (tree === null || typeof tree !== "object" || Array.isArray(tree)) {
    bad.push(prefix || "(root)");
    return { strings: out, bad };
  }
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else flattenStrings(value, path, out, bad);
  }
  return { strings: out, bad };
}

export interface LocaleStrings {
  locale: string;
  strings: Map<string, string>;
}

function variablesOf(text: string): Set<string> {
  return new Set([...text.matchAll(INTERPOLATION)].map((match) => match[1]!));
}

function pluralCategories(locale: string): string[] {
  return new Intl.PluralRules(locale).resolvedOptions().pluralCategories as string[];
}

/** Splits keys into plain keys and plural groups (a base with an _other form). */
function classify(strings: Map<string, string>): { plain: Set<string>; plurals: Map<string, Set<string>> } {
  const plurals = new Map<string, Set<string>>();
  for (const key of strings.keys()) {
    if (key.endsWith("_other")) plurals.set(key.slice(0, -"_other".length), new Set());
  }
  const plain = new Set<string>();
  for (const key of strings.keys()) {
    const match = PLURAL_SUFFIX.exec(key);
    const base = match ? key.slice(0, match.index) : undefined;
    if (match && base !== undefined && plurals.has(base)) plurals.get(base)!.add(match[1]!);
    else plain.add(key);
  }
  return { plain, plurals };
}

/** Locales whose typography puts a narrow no-break space (U+202F) before : ; ? ! and inside « ». */
export const NARROW_SPACE_LOCALES: ReadonlySet<string> = new Set(["fr"]);
const NARROW_SPACE = "\u202f";

/**
 * Where a text breaks French typography: each : ; ? ! needs a narrow no-break space before it
 * (not in "https://", a time such as 9:30, a command such as db:seed, a scheme such as tel:, "?!",
 * or a {{variable}}), « one after and » one before. Returns one description per problem, empty
 * when the text is right.
 */
export function narrowSpaceProblems(text: string): string[] {
  const problems: string[] = [];
  const variables = [...text.matchAll(/\{\{[^}]*\}\}/g)].map((match) => [match.index!, match.index! + match[0].length] as const);
  const inVariable = (index: number) => variables.some(([start, end]) => index >= start && index < end);
  for (const match of text.matchAll(/[:;?!«»]/g)) {
    const index = match.index!;
    const mark = match[0];
    const before = text[index - 1] ?? "";
    const after = text[index + 1] ?? "";
    if (inVariable(index)) continue;
    if (mark === "«") {
      if (after !== NARROW_SPACE) problems.push(`needs a narrow no-break space (U+202F) after "«"`);
      continue;
    }
    if (mark === ":" && text.startsWith("//", index + 1)) continue;
    // A link scheme written out (tel:, mailto:) is not punctuation either.
    if (mark === ":" && /(?:^|[^\p{L}])(?:tel|mailto|sms)$/u.test(text.slice(0, index))) continue;
    // Between two letters or digits, a colon is not punctuation: a time (9:30), a command (db:seed).
    if (mark === ":" && /[\p{L}\p{N}]/u.test(before) && /[\p{L}\p{N}]/u.test(after)) continue;
    if ((mark === "?" || mark === "!") && (before === "?" || before === "!")) continue;
    if (index === 0 || before !== NARROW_SPACE) problems.push(`needs a narrow no-break space (U+202F) before "${mark}"`);
  }
  return [...new Set(problems)];
}

/**
 * Problems with the UI strings of every locale, as [locale, key, message]: keys missing in a
 * locale or present only in it, incomplete or foreign plural sets, empty strings,
 * interpolation variables that differ from the first locale's, and French punctuation without
 * its narrow no-break space.
 */
export function uiStringProblems(locales: LocaleStrings[]): [string, string, string][] {
  const problems: [string, string, string][] = [];
  if (locales.length === 0) return problems;
  const shapes = locales.map((entry) => ({ ...entry, ...classify(entry.strings) }));
  const reference = shapes[0]!;

  for (const shape of shapes) {
    for (const [key, text] of shape.strings) {
      if (text.trim() === "") problems.push([shape.locale, key, "is empty"]);
      if (NARROW_SPACE_LOCALES.has(shape.locale)) for (const problem of narrowSpaceProblems(text)) problems.push([shape.locale, key, problem]);
    }
    const expected = pluralCategories(shape.locale);
    for (const [base, categories] of shape.plurals) {
      for (const category of expected) {
        if (!categories.has(category)) problems.push([shape.locale, `${base}_${category}`, `missing: ${shape.locale} needs the plural form "${category}"`]);
      }
      for (const category of categories) {
        if (!expected.includes(category)) problems.push([shape.locale, `${base}_${category}`, `"${category}" is not a plural category of ${shape.locale}`]);
      }
    }
    if (shape === reference) continue;
    for (const key of reference.plain) if (!shape.plain.has(key)) problems.push([shape.locale, key, `missing (present in ${reference.locale})`]);
    for (const key of shape.plain) if (!reference.plain.has(key)) problems.push([shape.locale, key, `not in ${reference.locale}`]);
    for (const base of reference.plurals.keys()) if (!shape.plurals.has(base)) problems.push([shape.locale, `${base}_other`, `missing plural forms (present in ${reference.locale})`]);
    for (const base of shape.plurals.keys()) if (!reference.plurals.has(base)) problems.push([shape.locale, `${base}_other`, `a plural not in ${reference.locale}`]);

    for (const key of reference.plain) {
      const mine = shape.strings.get(key);
      if (mine === undefined) continue;
      const want = [...variablesOf(reference.strings.get(key)!)].sort().join(", ");
      const have = [...variablesOf(mine)].sort().join(", ");
      if (want !== have) problems.push([shape.locale, key, `uses the variables {${have}} where ${reference.locale} uses {${want}}`]);
    }
    for (const [base, referenceCategories] of reference.plurals) {
      const categories = shape.plurals.get(base);
      if (!categories) continue;
      // Arabic writes "خدمة واحدة" with no number, so {{count}} may be absent from some forms.
      const union = (strings: Map<string, string>, forms: Set<string>) =>
        [...new Set([...forms].flatMap((category) => [...variablesOf(strings.get(`${base}_${category}`) ?? "")]))].filter((v) => v !== "count").sort().join(", ");
      const want = union(reference.strings, referenceCategories);
      const have = union(shape.strings, categories);
      if (want !== have) problems.push([shape.locale, `${base}_other`, `uses the variables {${have}} where ${reference.locale} uses {${want}}`]);
    }
  }
  return problems;
}

/** Required label keys that a locale lacks. */
export function missingLabels(strings: Map<string, string>, required: string[]): string[] {
  return required.filter((key) => !strings.has(key));
}

/** Every label key content/ needs: one per enumeration value, and per rights topic, vacancy sector and language in use. */
export function requiredLabelKeys(used: { topics: Iterable<string>; sectors: Iterable<string>; languages: Iterable<string> }): string[] {
  const keys: string[] = [];
  for (const [prefix, values] of Object.entries(ENUMERATION_LABELS)) for (const value of values) keys.push(`${prefix}.${value}`);
  for (const topic of new Set(used.topics)) keys.push(`${RIGHTS_TOPIC_LABELS}.${topic}`);
  for (const sector of new Set(used.sectors)) keys.push(`${VACANCY_SECTOR_LABELS}.${sector}`);
  for (const language of new Set(used.languages)) keys.push(`${LANGUAGE_LABELS}.${language}`);
  return keys;
}
