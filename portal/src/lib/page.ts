import type { Localized } from "../data/localize.js";
import { type Site, loadSite } from "../data/site.js";
import { directionOf, languageNameInSentence, translator } from "../i18n/index.js";

/** getStaticPaths for a page that exists once per locale. */
export async function localePaths() {
  const site = await loadSite();
  return site.locales.map((locale) => ({ params: { locale: locale.code } }));
}

/** What the components of one page share: its locale, its strings, the site. */
export interface PageContext {
  site: Site;
  locale: string;
  dir: "rtl" | "ltr";
  t: ReturnType<typeof translator>;
}

export async function pageContext(locale: string): Promise<PageContext> {
  const site = await loadSite();
  return { site, locale, dir: directionOf(locale), t: translator(locale) };
}

/** lang/dir attributes for a text shown in another locale than the page's (else none). */
export function langAttributes(value: Localized<unknown> | null | undefined, pageLocale: string): { lang?: string; dir?: "rtl" | "ltr" } {
  if (!value || value.locale === pageLocale) return {};
  return { lang: value.locale, dir: directionOf(value.locale) };
}

/** The locale a page's main texts fell back to, if any (for the "shown in another language" notice). */
export function fallbackLocale(values: (Localized<unknown> | null | undefined)[]): string | null {
  return values.find((value) => value?.fallback)?.locale ?? null;
}

export function fallbackNotice(t: PageContext["t"], fallback: string | null, locale: string): string | null {
  return fallback ? t("common.shownInOtherLanguage", { language: languageNameInSentence(fallback, locale) }) : null;
}
