/**
 * The editor's strings in the browser: the JSON block the page carries (content/i18n, chosen at
 * build time by strings.ts), with i18next's conventions — {{name}} placeholders and plural
 * suffixes picked with Intl.PluralRules (_zero, _one, _two, _few, _many, _other).
 */
export type Params = Record<string, string | number>;

export interface I18n {
  locale: string;
  dir: "rtl" | "ltr";
  t(key: string, params?: Params): string;
  /** The label of an enumeration value as the API spells it (IN_REVIEW → enums.publicationState.in_review). */
  enumLabel(group: string, value: string): string;
  languageName(code: string): string;
  /** A language's name inside a sentence ("manque en anglais"): the UI's name, lower-case where the locale writes it so. */
  languageInSentence(code: string): string;
  /** A label followed by a colon in the locale's typography ("Avant :" with a narrow no-break space in French). */
  labelled(label: string): string;
  formatDate(value: string | null | undefined): string;
  formatDateTime(value: string | null | undefined): string;
  list(items: string[]): string;
  /** The keys below a path ("jobs.sectors" → ["health", …]). */
  keysOf(path: string): string[];
}

const RTL = new Set(["ar", "fa", "he", "ur", "ps", "ckb"]);
export const directionOf = (locale: string): "rtl" | "ltr" => (RTL.has(locale.split("-")[0]!) ? "rtl" : "ltr");
const intlLocale = (locale: string) => ({ ar: "ar-LY", en: "en-GB", fr: "fr-FR" })[locale] ?? locale;

export function createI18n(locale: string, strings: Record<string, unknown>): I18n {
  const plural = new Intl.PluralRules(locale);
  const lookup = (key: string): string | undefined => {
    let node: unknown = strings;
    for (const part of key.split(".")) node = node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined;
    return typeof node === "string" ? node : undefined;
  };
  const t = (key: string, params: Params = {}): string => {
    let text: string | undefined;
    if (typeof params.count === "number") text = lookup(`${key}_${plural.select(params.count)}`) ?? lookup(`${key}_other`);
    text ??= lookup(key);
    if (text === undefined) return key;
    return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  };
  const dates = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: "long", timeZone: "Africa/Tripoli" });
  const dateTimes = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: "medium", timeStyle: "short", timeZone: "Africa/Tripoli" });
  let displayNames: Intl.DisplayNames | null = null;
  try {
    displayNames = new Intl.DisplayNames([intlLocale(locale)], { type: "language" });
  } catch {
    displayNames = null;
  }
  return {
    locale,
    dir: directionOf(locale),
    t,
    enumLabel(group, value) {
      const lower = value.toLowerCase();
      return lookup(`enums.${group}.${lower}`) ?? lookup(`enums.${group}.${lower.replace(/_/g, " ")}`) ?? value;
    },
    languageName(code) {
      return lookup(`languages.${code}`) ?? displayNames?.of(code) ?? code;
    },
    languageInSentence(code) {
      const name = lookup(`languages.${code}`) ?? displayNames?.of(code) ?? code;
      // Intl writes language names as the locale does in a sentence ("anglais" in French, "English").
      const sample = displayNames?.of("en") ?? "";
      const lower = sample !== "" && sample.charAt(0) !== sample.charAt(0).toLocaleUpperCase(intlLocale(locale));
      return lower ? name.charAt(0).toLocaleLowerCase(intlLocale(locale)) + name.slice(1) : name;
    },
    labelled(label) {
      return t("common.labelColon", { label });
    },
    formatDate(value) {
      if (!value) return "";
      const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
      return Number.isNaN(date.getTime()) ? value : dates.format(date);
    },
    formatDateTime(value) {
      if (!value) return "";
      const date = new Date(value);
      return Number.isNaN(date.getTime()) ? value : dateTimes.format(date);
    },
    keysOf(path) {
      let node: unknown = strings;
      for (const part of path.split(".")) node = node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined;
      return node && typeof node === "object" ? Object.keys(node) : [];
    },
    list(items) {
      return items.join(locale === "ar" ? "، " : ", ");
    },
  };
}
