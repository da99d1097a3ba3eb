/**
 * Numbers as people read them in each locale, on the build and in the browser (no i18next here,
 * so that page scripts can import it). Libyan Arabic is written with Western digits; Intl's
 * ar-LY groups thousands with a dot ("1.800") and writes decimals with a comma, so "1.800 دينار"
 * reads as one dinar eighty. Arabic numbers are therefore grouped with a narrow no-break space,
 * and only from five digits on ("1800", "25 000", "1 234 567"): neither a dot nor a comma can be
 * taken for a decimal sign, and U+202F keeps the digits together in right-to-left text.
 */

/** The Intl locale used for dates and numbers: Libyan Arabic (Western digits, as in Libya). */
export function intlLocale(locale: string): string {
  return { ar: "ar-LY", en: "en-GB", fr: "fr-FR" }[locale] ?? locale;
}

/** Locales whose own thousands separator could be read as a decimal sign. */
const SPACE_GROUPED = new Set(["ar"]);
const formats = new Map<string, Intl.NumberFormat>();

export function formatNumber(value: number, locale: string, options: Intl.NumberFormatOptions = {}): string {
  const key = `${locale} ${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) formats.set(key, (format = new Intl.NumberFormat(intlLocale(locale), options)));
  if (!SPACE_GROUPED.has(locale.split("-")[0]!)) return format.format(value);
  const parts = format.formatToParts(value);
  const integerDigits = parts.filter((part) => part.type === "integer").reduce((sum, part) => sum + part.value.length, 0);
  return parts.map((part) => (part.type === "group" ? (integerDigits >= 5 ? "\u202f" : "") : part.value)).join("");
}
