/// <reference types="astro/client" />
import i18next, { type TFunction } from "i18next";
import { intlLocale } from "./numbers.js";

/**
 * UI strings (content/i18n/<locale>.json, i18next JSON v4 with plural suffixes), bundled into
 * the build. One i18next instance per locale, created once. A new locale needs its file here
 * and its row in the API's locales: no code change.
 */
const FILES = import.meta.glob<{ default: object }>("../../../content/i18n/*.json", { eager: true });
const RESOURCES: Record<string, object> = Object.fromEntries(
  Object.entries(FILES).map(([file, module]) => [file.replace(/^.*\/|\.json$/g, ""), module.default]),
);

/** Locales that have UI strings. */
export function hasUiStrings(locale: string): boolean {
  return locale in RESOURCES;
}

const RTL = new Set(["ar", "fa", "he", "ur", "ps", "ckb"]);
export function directionOf(locale: string): "rtl" | "ltr" {
  return RTL.has(locale.split("-")[0]!) ? "rtl" : "ltr";
}

export { formatNumber, intlLocale } from "./numbers.js";

/** OpenGraph locale codes. */
export function ogLocale(locale: string): string {
  return { ar: "ar_LY", en: "en_GB", fr: "fr_FR" }[locale] ?? locale;
}

const translators = new Map<string, TFunction>();

/**
 * The locale's translate function. Results are memoised: a build asks for the same few hundred
 * strings tens of thousands of times, and i18next's lookup is the slow part of rendering a page.
 */
export function translator(locale: string): TFunction {
  let t = translators.get(locale);
  if (!t) {
    const instance = i18next.createInstance();
    void instance.init({
      lng: locale,
      fallbackLng: false,
      resources: { [locale]: { translation: RESOURCES[locale] ?? {} } },
      initAsync: false,
      // Astro escapes what it renders: escaping here too would show &amp; on the page.
      interpolation: { escapeValue: false },
      returnNull: false,
    });
    const translate = instance.t.bind(instance) as unknown as (key: string, options?: object) => string;
    const memo = new Map<string, string>();
    t = ((key: string, options?: object) => {
      const memoKey = options === undefined ? key : `${key}\u0000${JSON.stringify(options)}`;
      let text = memo.get(memoKey);
      if (text === undefined) memo.set(memoKey, (text = translate(key, options)));
      return text;
    }) as unknown as TFunction;
    translators.set(locale, t);
  }
  return t;
}

/** The name of a language (ISO 639) in the given locale: the UI string when there is one, else Intl's. */
export function languageName(code: string, locale: string): string {
  const t = translator(locale);
  const key = `languages.${code}`;
  const label = t(key);
  if (label !== key) return label;
  try {
    return new Intl.DisplayNames([intlLocale(locale)], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

const lowerCaseLanguageNames = new Map<string, boolean>();
/**
 * Whether the locale writes language names in lower case inside a sentence (French: "en arabe",
 * "Langues : arabe, anglais"), as Intl's own names in that locale show.
 */
function writesLanguageNamesInLowerCase(locale: string): boolean {
  let lower = lowerCaseLanguageNames.get(locale);
  if (lower === undefined) {
    let sample = "";
    try {
      sample = new Intl.DisplayNames([intlLocale(locale)], { type: "language" }).of("en") ?? "";
    } catch {
      sample = "";
    }
    const first = sample.charAt(0);
    lower = first !== "" && first !== first.toLocaleUpperCase(intlLocale(locale));
    lowerCaseLanguageNames.set(locale, lower);
  }
  return lower;
}

/** A language's name inside a sentence ("affiché en arabe"): the UI's name, lower-case where the locale writes it so. */
export function languageNameInSentence(code: string, locale: string): string {
  const name = languageName(code, locale);
  return writesLanguageNamesInLowerCase(locale) ? name.charAt(0).toLocaleLowerCase(intlLocale(locale)) + name.slice(1) : name;
}

/**
 * Language names as a run of text ("Arabe, anglais, français"; after a label, "arabe · anglais"):
 * lower case where the locale writes them so, the first letter capitalised when the list starts
 * a sentence of its own.
 */
export function languageList(codes: string[], locale: string, options: { separator?: string; startsSentence?: boolean } = {}): string {
  const names = codes.map((code) => languageNameInSentence(code, locale));
  const text = options.separator === undefined ? joinList(names, locale) : names.join(options.separator);
  return options.startsSentence ? text.charAt(0).toLocaleUpperCase(intlLocale(locale)) + text.slice(1) : text;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const formattedDates = new Map<string, string>();
/** A calendar date (YYYY-MM-DD or an ISO date-time), long form, in Libya's time zone. */
export function formatDate(value: string, locale: string): string {
  const key = `${locale} ${value}`;
  let text = formattedDates.get(key);
  if (text !== undefined) return text;
  let format = dateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: "long", timeZone: "Africa/Tripoli" });
    dateFormats.set(locale, format);
  }
  // A bare date is midday UTC, so that the day never shifts in any time zone.
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  formattedDates.set(key, (text = format.format(date)));
  return text;
}

/** A UI string as written, {{placeholders}} left in (for scripts that fill them in the browser). */
export function rawString(locale: string, key: string): string | undefined {
  let node: unknown = RESOURCES[locale];
  for (const part of key.split(".")) node = node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === "string" ? node : undefined;
}

/** Every plural form of a key, as written: { one: "…", other: "{{count}} …" } (for Intl.PluralRules in the browser). */
export function pluralForms(locale: string, key: string): Record<string, string> {
  const forms: Record<string, string> = {};
  for (const category of new Intl.PluralRules(locale).resolvedOptions().pluralCategories) {
    const text = rawString(locale, `${key}_${category}`) ?? rawString(locale, `${key}_other`);
    if (text) forms[category] = text;
  }
  return forms;
}

/** Items separated by the locale's comma ("، " in Arabic). */
export function joinList(items: string[], locale: string): string {
  return items.join(locale === "ar" ? "، " : ", ");
}

/** A currency's name in the locale (LYD → دينار ليبي, Libyan Dinar, dinar libyen). */
export function currencyName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([intlLocale(locale)], { type: "currency" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * A value put into a sentence of another script (a verifier's name in Latin letters inside
 * Arabic text) wrapped in Unicode isolates, so that its punctuation stays where it belongs.
 */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}
