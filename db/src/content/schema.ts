import { z } from "zod";
import {
  CATEGORY_CODE_PATTERN,
  COUNTRY_CODE_PATTERN,
  CURRENCY_CODE_PATTERN,
  E164_PATTERN,
  isEmail,
  isLink,
  isOpeningPeriod,
  isTimeOfDay,
  isWebLink,
  LANGUAGE_CODE_PATTERN,
  LOCALE_CODE_PATTERN,
  MAX_AGE,
  MIN_AGE,
  OCCUPATION_CODE_PATTERN,
  PHONE_EXTENSION_PATTERN,
  SAMPLE_PHONE_PATTERN,
  SLUG_PATTERN,
} from "../rules/index.js";
import {
  ALERT_SEVERITIES,
  AUDIENCES,
  EMPLOYMENT_TYPES,
  ORGANIZATION_KINDS,
  PHONE_TYPES,
  PLACE_KINDS,
  RECRUITMENT_CHANNELS,
  SERVICE_COSTS,
  SERVICE_STATUSES,
  SOURCE_TITLE_MAX,
  VACANCY_ELIGIBILITIES,
} from "../schema/index.js";

/**
 * The shape of the files in content/. Every localised field is a map from locale code to text
 * ({ ar: …, en: …, fr: … }); whether every locale is present is checked by the loader, against
 * content/locales.yaml, so that adding a locale needs no change here.
 */

// The rules are START's (../rules): the same as the editor's, the import's and the database's.
const slug = z.string().regex(new RegExp(SLUG_PATTERN), "a slug: lower-case letters, digits and single hyphens");
const categoryCode = z.string().regex(new RegExp(CATEGORY_CODE_PATTERN), "a category code such as protection.gbv");
/** The E.164 shape here; whether the number exists is checked with the sample rule (contacts.ts). */
const e164 = z.string().regex(new RegExp(E164_PATTERN), "a phone number in E.164 form, such as +218912345678");
const languageCode = z.string().regex(new RegExp(LANGUAGE_CODE_PATTERN), "an ISO 639 language code such as ar, fr, ha");
const localeCode = z.string().regex(new RegExp(LOCALE_CODE_PATTERN), "a locale code such as ar, fr, ar-LY");
const countryCode = z.string().regex(new RegExp(COUNTRY_CODE_PATTERN), "an ISO 3166-1 alpha-2 country code such as LY");
const isoDate = z.iso.date({ message: "a date as YYYY-MM-DD" });
const httpUrl = z.string().refine(isWebLink, "an http(s) URL");
const link = z.string().refine((value) => isLink(value), "a link starting with http://, https://, tel: or mailto:");
const email = z.string().refine(isEmail, "an e-mail address");
const age = z.number().int().min(MIN_AGE).max(MAX_AGE, `an age from ${MIN_AGE} to ${MAX_AGE}`);
const timeZone = z.string().refine((value) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}, "an IANA time zone such as Africa/Tripoli");

/** A localised text: locale code → text. */
export const localisedText = z.record(localeCode, z.string().trim().min(1));
export type LocalisedText = z.infer<typeof localisedText>;
/** A localised list of texts (documents to bring). */
export const localisedList = z.record(z.string(), z.array(z.string().trim().min(1)));

export const source = z.strictObject({
  title: z.string().trim().min(1).max(SOURCE_TITLE_MAX, `at most ${SOURCE_TITLE_MAX} characters: the cited page's own title, with at most a short note`),
  url: httpUrl.optional(),
  /** The source's own date (publication or last update), when it shows one. */
  published: isoDate.optional(),
  /** When START's content team read it. */
  accessed: isoDate.optional(),
});

export const localeFile = z.array(
  z.strictObject({
    code: localeCode,
    autonym: z.string().min(1),
    direction: z.enum(["ltr", "rtl"]),
  }),
);

export const placeEntry = z.strictObject({
  slug,
  kind: z.enum(PLACE_KINDS),
  /** Slug of the enclosing place; required for everything but countries. */
  parent: slug.optional(),
  country: countryCode,
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  /** IANA time zone; inherited from the parent when omitted. Required on countries. */
  timezone: timeZone.optional(),
  name: localisedText,
  aliases: z.array(z.string().trim().min(1)).default([]),
});
export const placeFile = z.array(placeEntry);
export type PlaceEntry = z.infer<typeof placeEntry>;

export const categoryEntry = z.strictObject({
  /** Dotted code: the parent is the code before the last dot. */
  code: categoryCode,
  icon: z.string().regex(/^[a-z0-9-]+$/).optional(),
  name: localisedText,
  description: localisedText.optional(),
});
export const categoryFile = z.array(categoryEntry);
export type CategoryEntry = z.infer<typeof categoryEntry>;

export const phoneEntry = z.strictObject({
  number: e164,
  extension: z.string().regex(new RegExp(PHONE_EXTENSION_PATTERN)).optional(),
  type: z.enum(PHONE_TYPES).default("voice"),
  languages: z.array(languageCode).default([]),
  description: localisedText.optional(),
});
export type PhoneEntry = z.infer<typeof phoneEntry>;

const period = z
  .string()
  .refine((value) => {
    const [opens = "", closes = "", ...rest] = value.split("-");
    return rest.length === 0 && isTimeOfDay(opens) && opens !== "24:00" && isTimeOfDay(closes);
  }, "a period such as 08:30-14:00")
  .refine((value) => {
    const [opens, closes] = value.split("-") as [string, string];
    return isOpeningPeriod(opens, closes);
  }, "a period that closes after it opens");
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export const hoursEntry = z.strictObject({
  /** Opening periods per weekday; a day left out is a day closed. */
  periods: z.partialRecord(z.enum(WEEKDAYS), z.array(period)).default({}),
  notes: localisedText.optional(),
});
export type HoursEntry = z.infer<typeof hoursEntry>;

export const locationEntry = z.strictObject({
  /** Key used by this file's services to refer to the location. */
  key: slug,
  place: slug,
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  name: localisedText.optional(),
  address: localisedText.optional(),
  description: localisedText.optional(),
  accessibility: localisedText.optional(),
  transportation: localisedText.optional(),
  phones: z.array(phoneEntry).default([]),
  hours: hoursEntry.optional(),
});
export type LocationEntry = z.infer<typeof locationEntry>;

export const serviceEntry = z.strictObject({
  slug,
  status: z.enum(SERVICE_STATUSES).default("active"),
  cost: z.enum(SERVICE_COSTS),
  audiences: z.array(z.enum(AUDIENCES)).min(1),
  languages: z.array(languageCode).min(1),
  categories: z.array(categoryCode).min(1),
  url: link.optional(),
  email: email.optional(),
  minimum_age: age.optional(),
  maximum_age: age.optional(),
  confidential_address: z.boolean().default(false),
  sample: z.boolean().default(false),
  sources: z.array(source).default([]),
  /**
   * Confirmed with the organisation itself (on, by whom). Left out for listings compiled from
   * public sources: those show the newest source's own date instead.
   */
  verified: z.strictObject({ on: isoDate, by: z.string().trim().min(1) }).optional(),
  name: localisedText,
  alternate_name: localisedText.optional(),
  description: localisedText,
  eligibility: localisedText.optional(),
  application_process: localisedText.optional(),
  fees: localisedText.optional(),
  documents: localisedList.optional(),
  phones: z.array(phoneEntry).default([]),
  hours: hoursEntry.optional(),
  /** Where the service is delivered: keys of this file's locations, with per-location contacts and hours. */
  locations: z
    .array(
      z.strictObject({
        location: slug,
        phones: z.array(phoneEntry).default([]),
        hours: hoursEntry.optional(),
      }),
    )
    .default([]),
});
export type ServiceEntry = z.infer<typeof serviceEntry>;

export const organizationEntry = z.strictObject({
  slug,
  kind: z.enum(ORGANIZATION_KINDS),
  website: httpUrl.optional(),
  email: email.optional(),
  logo: z.string().optional(),
  sample: z.boolean().default(false),
  sources: z.array(source).default([]),
  name: localisedText,
  alternate_name: localisedText.optional(),
  description: localisedText.optional(),
  phones: z.array(phoneEntry).default([]),
});
export type OrganizationEntry = z.infer<typeof organizationEntry>;

/** content/directory/<organization>.yaml: one organization, its locations and its services. */
export const directoryFile = z.strictObject({
  organization: organizationEntry,
  locations: z.array(locationEntry).default([]),
  services: z.array(serviceEntry).default([]),
});
export type DirectoryFile = z.infer<typeof directoryFile>;

/** content/rights/<slug>/article.yaml; the texts are in <locale>.md beside it. */
export const rightsArticleMeta = z.strictObject({
  topic: slug,
  /** Slug of the country place the article applies to. */
  country: slug,
  audience: z.enum(AUDIENCES),
  reviewed: isoDate,
  sample: z.boolean().default(false),
  sources: z.array(source).default([]),
});
/** Front matter of content/rights/<slug>/<locale>.md; the Markdown body follows it. */
export const rightsArticleFrontMatter = z.strictObject({
  title: z.string().trim().min(1),
  summary: z.string().trim().min(1),
});

/** content/vacancies/<slug>.yaml */
export const vacancyEntry = z.strictObject({
  organization: slug,
  sector: slug,
  occupation_code: z.string().regex(new RegExp(OCCUPATION_CODE_PATTERN)).optional(),
  place: slug,
  positions: z.number().int().positive().default(1),
  employment_type: z.enum(EMPLOYMENT_TYPES).default("full_time"),
  salary: z
    .strictObject({
      min: z.number().nonnegative().optional(),
      max: z.number().nonnegative().optional(),
      currency: z.string().regex(new RegExp(CURRENCY_CODE_PATTERN)),
      period: z.enum(["hour", "day", "week", "month", "year"]),
    })
    .optional(),
  eligibility: z.enum(VACANCY_ELIGIBILITIES).default("anyone"),
  recruitment_channel: z.enum(RECRUITMENT_CHANNELS),
  apply_url: httpUrl.optional(),
  apply_email: email.optional(),
  apply_phone: e164.optional(),
  published: isoDate,
  deadline: isoDate,
  sample: z.boolean().default(false),
  sources: z.array(source).default([]),
  title: localisedText,
  description: localisedText,
  requirements: localisedText.optional(),
  how_to_apply: localisedText,
});
export type VacancyEntry = z.infer<typeof vacancyEntry>;

/**
 * content/alerts.yaml. An alert concerns the places, organisations and services it names (none:
 * everyone). A closure (`closure: true`) temporarily closes the services it names until
 * `closed_until`, the last day they are closed (Libya time).
 */
export const alertEntry = z.strictObject({
  key: slug,
  places: z.array(slug).default([]),
  organizations: z.array(slug).default([]),
  services: z.array(slug).default([]),
  severity: z.enum(ALERT_SEVERITIES).default("info"),
  valid_from: z.iso.datetime({ offset: true }).or(isoDate),
  valid_until: z.iso.datetime({ offset: true }).or(isoDate).optional(),
  closure: z.boolean().default(false),
  closed_until: isoDate.optional(),
  sample: z.boolean().default(false),
  sources: z.array(source).default([]),
  title: localisedText,
  body: localisedText.optional(),
});
export const alertFile = z.array(alertEntry);
export type AlertEntry = z.infer<typeof alertEntry>;

/** What an emergency or hotline number is for. */
export const EMERGENCY_KINDS = [
  "general",
  "police",
  "ambulance",
  "fire",
  "sea_rescue",
  "health_advice",
  "mental_health",
  "gbv",
  "child_helpline",
  "trafficking",
  "foreigners_helpline",
  "refugee_helpline",
] as const;

/** content/emergency.yaml: emergency and hotline numbers, per country, for the portal's emergency page. */
export const emergencyEntry = z.strictObject({
  key: slug,
  /** Slug of the country place where the number works. */
  country: slug,
  kind: z.enum(EMERGENCY_KINDS),
  /** The number as dialled from a phone inside the country: digits only ("112", "1515", "08000121700"). */
  dial: z.string().regex(/^[0-9]{2,15}$/, "the number as dialled inside the country, digits only, such as 112"),
  /** The same number in E.164 when it can be reached from abroad or saved as a contact. */
  international: e164.optional(),
  /** Also reachable by SMS (text message). */
  sms: z.boolean().default(false),
  free: z.boolean().optional(),
  /** Open around the clock; otherwise `availability` says when. */
  always_open: z.boolean().default(false),
  languages: z.array(languageCode).default([]),
  sample: z.boolean().default(false),
  sources: z.array(source).default([]),
  verified: isoDate,
  name: localisedText,
  description: localisedText.optional(),
  /** When the line answers, if not around the clock. */
  availability: localisedText.optional(),
});
export const emergencyFile = z.array(emergencyEntry);
export type EmergencyEntry = z.infer<typeof emergencyEntry>;

/**
 * Contact details of sample (demonstration) entries take a form that cannot be mistaken for a
 * real one: a Libyan number never has 0 right after the country code, and example.org is
 * reserved for examples (RFC 2606). Real entries may not use these forms.
 */
export const SAMPLE_PHONE = new RegExp(SAMPLE_PHONE_PATTERN);
export const SAMPLE_EMAIL = /^[^@\s]+@example\.org$/;
export const SAMPLE_WEB_HOST = /^(.+\.)?example\.org$/;
