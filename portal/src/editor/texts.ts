/**
 * Per-locale texts. The API lists them ([{ locale, name, … }]); the forms key them by locale
 * ({ ar: { name, … } }), which is also how the API names them in errors ("texts.ar.name").
 */
export type LocaleTexts<T> = Record<string, T>;

/** Per-locale texts as the API lists them: a field the schema declares nullable may be null. */
export type ApiTexts<T> = Array<{ locale: string } & { [K in keyof T]?: T[K] | null }>;

const blank = (value: unknown) =>
  value === null || value === undefined || (typeof value === "string" && value.trim() === "") || (Array.isArray(value) && value.every(blank));

export function textsToForm<T extends Record<string, unknown>>(
  list: ApiTexts<T> | null | undefined,
  locales: string[],
  empty: () => T,
): LocaleTexts<T> {
  const texts: LocaleTexts<T> = {};
  for (const locale of locales) texts[locale] = empty();
  for (const entry of list ?? []) {
    const { locale, ...rest } = entry;
    const values = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, value ?? (Array.isArray(empty()[key]) ? [] : "")]));
    texts[locale] = { ...empty(), ...values } as T;
  }
  return texts;
}

/** The locales that have anything written, as the API's list (blank list items are dropped). */
export function textsToInput<T extends Record<string, unknown>>(texts: LocaleTexts<T>): Array<{ locale: string } & Record<string, unknown>> {
  return Object.entries(texts)
    .filter(([, text]) => Object.values(text).some((value) => !blank(value)))
    .map(([locale, text]) => ({
      locale,
      ...Object.fromEntries(
        Object.entries(text).map(([key, value]) => [
          key,
          // Blank texts go as "": the API reads them as absent, or names a required one (never a null it cannot take).
          Array.isArray(value) ? value.map((item) => String(item).trim()).filter(Boolean) : value,
        ]),
      ),
    }));
}

/** { ar: "…" } ↔ [{ locale: "ar", text: "…" }] (phone descriptions, notes on hours). */
export function valuesToForm(list: Array<{ locale: string; text: string }> | null | undefined, locales: string[]): Record<string, string> {
  const map: Record<string, string> = Object.fromEntries(locales.map((locale) => [locale, ""]));
  for (const entry of list ?? []) map[entry.locale] = entry.text;
  return map;
}

export function valuesToInput(map: Record<string, string> | null | undefined): Array<{ locale: string; text: string }> {
  return Object.entries(map ?? {})
    .filter(([, text]) => text && text.trim())
    .map(([locale, text]) => ({ locale, text }));
}

/**
 * Where each locale is behind the others: for every per-locale map in the values (under the keys
 * `texts`, `notes`, `descriptions`), a field written in some locale and empty in another counts as
 * untranslated in the latter. Returns the untranslated paths per locale.
 */
export function untranslatedPaths(values: unknown, locales: string[]): Record<string, string[]> {
  const result: Record<string, string[]> = Object.fromEntries(locales.map((locale) => [locale, []]));
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, path ? `${path}.${index}` : String(index)));
      return;
    }
    if (!value || typeof value !== "object") return;
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const childPath = path ? `${path}.${key}` : key;
      if (["texts", "notes", "descriptions"].includes(key) && child && typeof child === "object" && !Array.isArray(child)) {
        const map = child as Record<string, unknown>;
        if (key === "texts") {
          const fields = new Set(locales.flatMap((locale) => Object.keys((map[locale] as Record<string, unknown>) ?? {})));
          for (const field of fields) {
            const filled = locales.filter((locale) => !blank((map[locale] as Record<string, unknown> | undefined)?.[field]));
            if (filled.length === 0) continue;
            for (const locale of locales) if (!filled.includes(locale)) result[locale]!.push(`${childPath}.${locale}.${field}`);
          }
        } else {
          const filled = locales.filter((locale) => !blank(map[locale]));
          if (filled.length > 0) for (const locale of locales) if (!filled.includes(locale)) result[locale]!.push(`${childPath}.${locale}`);
        }
        continue;
      }
      walk(child, childPath);
    }
  };
  walk(values, "");
  return result;
}

/** The text of the same field in the first other locale that has it (shown as a guide to translators). */
export function otherLocaleText(values: unknown, path: string, locale: string, locales: string[]): { locale: string; text: string } | null {
  const match = new RegExp(`(^|\\.)(texts|notes|descriptions)\\.${locale}(\\.|$)`).exec(path);
  if (!match) return null;
  for (const other of locales) {
    if (other === locale) continue;
    const otherPath = path.replace(match[0], `${match[1]}${match[2]}.${other}${match[3]}`);
    let current: unknown = values;
    for (const part of otherPath.split(".")) current = current && typeof current === "object" ? (current as Record<string, unknown>)[part] : undefined;
    if (typeof current === "string" && current.trim()) return { locale: other, text: current };
    if (Array.isArray(current) && current.some((item) => typeof item === "string" && item.trim()))
      return { locale: other, text: current.filter(Boolean).join(" · ") };
  }
  return null;
}
