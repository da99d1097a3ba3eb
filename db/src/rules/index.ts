import { isValidPhoneNumber, parsePhoneNumberFromString } from "libphonenumber-js/max";

/**
 * START's validation rules, one copy: the database's CHECK constraints (the patterns below, inlined
 * by the drizzle schema into migration 0000), the content loader, the editorial API, the HSDS import
 * and the editor in the browser all use these. Pure functions and plain data: nothing here may need
 * Node (the editor bundles it). Keep the patterns and the database in step: tests/db/rules.test.ts
 * compares every CHECK pattern in the database, and every pattern of the HSDS profile, with these.
 *
 * Each pattern is written so that PostgreSQL's regular expressions and JavaScript's read it alike.
 */

// Names and codes ------------------------------------------------------------------------------

/** A slug (portal addresses, keys): lower-case letters and digits in words joined by single hyphens. */
export const SLUG_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$";
export const SLUG_MAX_LENGTH = 120;
/** A category code: words joined by underscores, levels by dots (protection.child_protection). */
export const CATEGORY_CODE_PATTERN = "^[a-z0-9]+(_[a-z0-9]+)*(\\.[a-z0-9]+(_[a-z0-9]+)*)*$";
/** An ISO 639 language code (what a service or a phone line speaks): ar, fr, ha, tir. */
export const LANGUAGE_CODE_PATTERN = "^[a-z]{2,3}$";
/** A locale START may publish in: a language code with optional subtags (ar, fr, ar-LY). */
export const LOCALE_CODE_PATTERN = "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$";
/** ISO 3166-1 alpha-2: LY, TN. */
export const COUNTRY_CODE_PATTERN = "^[A-Z]{2}$";
/** ISO 4217: LYD, EUR. */
export const CURRENCY_CODE_PATTERN = "^[A-Z]{3}$";
/** An ISCO-08 occupation code: one to four digits. */
export const OCCUPATION_CODE_PATTERN = "^[0-9]{1,4}$";

const SLUG = new RegExp(SLUG_PATTERN);
const CATEGORY_CODE = new RegExp(CATEGORY_CODE_PATTERN);
const LANGUAGE_CODE = new RegExp(LANGUAGE_CODE_PATTERN);
const LOCALE_CODE = new RegExp(LOCALE_CODE_PATTERN);
const COUNTRY_CODE = new RegExp(COUNTRY_CODE_PATTERN);
const CURRENCY_CODE = new RegExp(CURRENCY_CODE_PATTERN);
const OCCUPATION_CODE = new RegExp(OCCUPATION_CODE_PATTERN);

export const isSlug = (value: string): boolean => value.length <= SLUG_MAX_LENGTH && SLUG.test(value);
export const isCategoryCode = (value: string): boolean => CATEGORY_CODE.test(value);
export const isLanguageCode = (value: string): boolean => LANGUAGE_CODE.test(value);
export const isLocaleCode = (value: string): boolean => LOCALE_CODE.test(value);
export const isCountryCode = (value: string): boolean => COUNTRY_CODE.test(value);
export const isCurrencyCode = (value: string): boolean => CURRENCY_CODE.test(value);
export const isOccupationCode = (value: string): boolean => OCCUPATION_CODE.test(value);

// Phone numbers --------------------------------------------------------------------------------
//
// A wrong number sends a person who needs help the wrong way, so a number is stored only when it
// exists in its country's numbering plan: libphonenumber's full ("max") metadata, the one set START
// uses anywhere (the portal formats numbers with it too). The shape alone (E.164) lets through
// digits no line can have (+218 99…), and "possible" only counts digits.

/** E.164: a plus sign, a country code that does not start with 0, at most 15 digits in all. */
export const E164_PATTERN = "^\\+[1-9][0-9]{6,14}$";
/** An extension dialled after the number: digits only. */
export const PHONE_EXTENSION_PATTERN = "^[0-9]{1,8}$";
/**
 * Sample (demonstration) entries' numbers: +2180000NNNN. A Libyan number never has 0 right after
 * the country code, so none can be mistaken for a real line; the content loader keeps them to
 * sample entries.
 */
export const SAMPLE_PHONE_PATTERN = "^\\+2180000[0-9]{4}$";

const E164 = new RegExp(E164_PATTERN);
const PHONE_EXTENSION = new RegExp(PHONE_EXTENSION_PATTERN);
const SAMPLE_PHONE = new RegExp(SAMPLE_PHONE_PATTERN);
/** What people type between digits: spaces, dots, dashes, brackets, quotes, direction marks. */
const PHONE_SEPARATORS = /["'\s().\-\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Whether the text has the E.164 shape (the database's CHECK): no more. */
export const hasE164Shape = (value: string): boolean => E164.test(value);
export const isSamplePhoneNumber = (value: string): boolean => SAMPLE_PHONE.test(value);
export const isPhoneExtension = (value: string): boolean => PHONE_EXTENSION.test(value);
/** The typed number without what people put between digits. */
export const withoutPhoneSeparators = (typed: string): string => typed.replace(PHONE_SEPARATORS, "");

/** A phone number START stores: E.164, and a number of its country's numbering plan (or a sample number). */
export function isPhoneNumber(value: string): boolean {
  return E164.test(value) && (SAMPLE_PHONE.test(value) || isValidPhoneNumber(value));
}

/**
 * A typed phone number in E.164, or undefined when it is not a phone number START stores.
 * Separators are removed first. Without `dialledIn`, the number must be written in international
 * form (+218…), as the editor asks; with it, it is read as dialled in that country (00218…,
 * 091…), as in data imported from elsewhere.
 */
export function phoneNumberFrom(typed: string, dialledIn?: "LY"): string | undefined {
  const cleaned = withoutPhoneSeparators(typed);
  if (isPhoneNumber(cleaned)) return cleaned;
  if (!dialledIn) return undefined;
  const number = parsePhoneNumberFromString(cleaned, dialledIn)?.number;
  return number !== undefined && isPhoneNumber(number) ? number : undefined;
}

// E-mail addresses and links -------------------------------------------------------------------

/** An e-mail address: something, one @, a domain with a dot; no spaces. Longer than 254 characters is not an address. */
export const EMAIL_PATTERN = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";
export const EMAIL_MAX_LENGTH = 254;
const EMAIL = new RegExp(EMAIL_PATTERN);
export const isEmail = (value: string): boolean => value.length <= EMAIL_MAX_LENGTH && EMAIL.test(value);

/**
 * Which links START keeps, and where:
 * - a web page (an organisation's website, where to apply for a vacancy, a source): http or https;
 * - a link people follow from a listing or a text (a service's link, links in Markdown bodies): also
 *   tel and mailto. Never javascript:, data: or anything else.
 */
export const WEB_LINK_SCHEMES = ["http", "https"] as const;
export const LINK_SCHEMES = ["http", "https", "tel", "mailto"] as const;
export type LinkScheme = (typeof LINK_SCHEMES)[number];
/** The database's CHECKs: a web link starts with http:// or https://, any link with one of LINK_SCHEMES. */
export const WEB_LINK_PATTERN = "^https?://";
export const LINK_PATTERN = "^(https?|tel|mailto):";
export const LINK_MAX_LENGTH = 2000;

/** Whether the text is a link with one of these schemes (written in lower case), to somewhere. */
export function isLink(value: string, schemes: readonly LinkScheme[] = LINK_SCHEMES): boolean {
  if (value.length > LINK_MAX_LENGTH) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  const scheme = url.protocol.slice(0, -1) as LinkScheme;
  if (!schemes.includes(scheme) || !value.startsWith(`${scheme}:`)) return false;
  if (scheme === "http" || scheme === "https") return value.startsWith(`${scheme}://`) && url.hostname !== "";
  return value.length > scheme.length + 1;
}

export const isWebLink = (value: string): boolean => isLink(value, WEB_LINK_SCHEMES);

/** A typed link with its scheme in lower case ("HTTPS://Example.org" → "https://Example.org"), as the rules want it. */
export const withLowerCaseScheme = (value: string): string =>
  value.replace(/^[A-Za-z][A-Za-z0-9+.-]*:/, (scheme) => scheme.toLowerCase());

// Ages and times -------------------------------------------------------------------------------

/** Ages a service is for, in whole years. 120 is above any person's age: a higher number is a typing error. */
export const MIN_AGE = 0;
export const MAX_AGE = 120;
export const isAge = (value: unknown): value is number =>
  typeof value === "number" && Number.isInteger(value) && value >= MIN_AGE && value <= MAX_AGE;

/** A time of day in opening hours, HH:MM on the 24-hour clock; 24:00 only as a closing time. */
export const TIME_OF_DAY_PATTERN = "^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$";
const TIME_OF_DAY = new RegExp(TIME_OF_DAY_PATTERN);
export const isTimeOfDay = (value: string): boolean => TIME_OF_DAY.test(value);
/** An opening period: both times of day, opening before 24:00 and closing after it opens. */
export const isOpeningPeriod = (opens: string, closes: string): boolean =>
  isTimeOfDay(opens) && isTimeOfDay(closes) && opens !== "24:00" && closes > opens;
