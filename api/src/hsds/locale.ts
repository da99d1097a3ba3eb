import { asc, eq } from "drizzle-orm";
import { type Executor, locales } from "@start/db";
import type { LocaleChain } from "../i18n/locales.js";

export type { LocaleChain };

/** The enabled locales, in the platform's order (Arabic, English, French). */
export async function enabledLocales(db: Executor): Promise<string[]> {
  const rows = await db.select({ code: locales.code }).from(locales).where(eq(locales.enabled, true)).orderBy(asc(locales.position), asc(locales.code));
  return rows.map((row) => row.code);
}

/** The requested locale first, then the others in the platform's order: the GraphQL API's fallback. */
export function localeChain(requested: string, enabled: readonly string[]): LocaleChain {
  return { requested, order: [requested, ...enabled.filter((code) => code !== requested)] };
}

interface HasLocale {
  locale: string;
}

/** The first non-blank value of a text along the chain. */
export function pickText<T extends HasLocale>(rows: readonly T[], read: (row: T) => string | null | undefined, chain: LocaleChain): string | undefined {
  for (const locale of chain.order) {
    const value = read(rows.find((row) => row.locale === locale) ?? ({} as T));
    if (value != null && value.trim() !== "") return value;
  }
  return undefined;
}

/** The first non-empty list along the chain, and its locale. */
export function pickList<T extends HasLocale>(
  rows: readonly T[],
  read: (row: T) => readonly string[] | null | undefined,
  chain: LocaleChain,
): string[] {
  for (const locale of chain.order) {
    const row = rows.find((candidate) => candidate.locale === locale);
    const value = row ? read(row) : undefined;
    if (value && value.length > 0) return [...value];
  }
  return [];
}

/** The locale a text was picked in (for taxonomy_term.language). */
export function pickedLocale<T extends HasLocale>(rows: readonly T[], read: (row: T) => string | null | undefined, chain: LocaleChain): string | undefined {
  return chain.order.find((locale) => {
    const value = read(rows.find((row) => row.locale === locale) ?? ({} as T));
    return value != null && value.trim() !== "";
  });
}

/** The locales in the chain's order, for the profile's `translations` objects. */
export function inChainOrder<T extends HasLocale>(rows: readonly T[], chain: LocaleChain): T[] {
  const rank = (locale: string) => {
    const index = chain.order.indexOf(locale);
    return index === -1 ? Number.MAX_SAFE_INTEGER : index;
  };
  return [...rows].sort((a, b) => rank(a.locale) - rank(b.locale) || a.locale.localeCompare(b.locale));
}
