/**
 * Picking a record's text for a page's locale. Like the API's LocalizedText: the text in the
 * requested locale, else in the first locale (platform order) that has it, saying which.
 */
export interface Localized<T = string> {
  value: T;
  /** The locale the text is in. */
  locale: string;
  /** True when it is not the requested locale. */
  fallback: boolean;
}

type Translations = readonly { locale: string }[];

function present(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === "string") return value.trim() !== "";
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/** The field's value in `locale`, else in the first of `order` that has it; null when none has it. */
export function pickText<T extends { locale: string }, K extends keyof T>(
  translations: readonly T[],
  field: K,
  locale: string,
  order: readonly string[],
): Localized<NonNullable<T[K]>> | null {
  const own = translations.find((entry) => entry.locale === locale);
  if (own && present(own[field])) return { value: own[field] as NonNullable<T[K]>, locale, fallback: false };
  for (const code of order) {
    if (code === locale) continue;
    const entry = translations.find((candidate) => candidate.locale === code);
    if (entry && present(entry[field])) return { value: entry[field] as NonNullable<T[K]>, locale: code, fallback: true };
  }
  // A locale the platform no longer lists still beats nothing.
  const any = translations.find((entry) => present(entry[field]));
  return any ? { value: any[field] as NonNullable<T[K]>, locale: any.locale, fallback: any.locale !== locale } : null;
}

export type { Translations };
