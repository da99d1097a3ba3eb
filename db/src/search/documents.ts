/**
 * What a search document is, defined once for the API and the portal. Each side turns its records
 * into SearchSources (the API from the database, the portal from its snapshot of the API), with
 * the same texts; this file decides which text goes in which field for a locale's index.
 *
 * Fields, most telling first:
 *   t (title)  the record's name or title in the locale (or the first locale that has one);
 *   a (also)   its name or title in the other locales;
 *   n (names)  its organisation's names, its categories' and
 *              places' names in every locale with the places' aliases and the places around them,
 *              and labels (topic, sector, "Jobs"): what lets "clinic" typed in the Arabic
 *              interface, or "Sebha", find a record;
 *   b (body)   everything else that answers a question, in the locale (or its fallback):
 *              descriptions, eligibility, how to apply, documents, fees, hours notes, addresses,
 *              article bodies, requirements, and the descriptions of the record's categories;
 *   o (other)  the start of its first text (description, summary) in the other locales, so that
 *              a word typed in another language finds it; not whole bodies, which would double
 *              the index the portal downloads.
 */
export type SearchKind = "service" | "rights_article" | "vacancy";

/** Texts by locale code; a locale may hold several (name and alternate name). */
export type LocalizedTexts = Record<string, (string | null | undefined)[]>;

export interface SearchSource {
  kind: SearchKind;
  id: string;
  slug: string;
  sample: boolean;
  /** Temporarily closed: ranked after open services at equal relevance. */
  closed: boolean;
  /** A vacancy's deadline (YYYY-MM-DD, inclusive): after it the record is no longer a result. */
  deadline?: string;
  titles: LocalizedTexts;
  body: LocalizedTexts;
  organization?: string;
  /** Category codes the record is in (not their parents). */
  categories: string[];
  /** Place slugs the record is at or about (not the places around them). */
  places: string[];
  /** Keys of UI strings naming what the record is about (rights.topics.work, jobs.sectors.health, jobs.title). */
  labels: string[];
}

export interface SearchContext {
  /** Enabled locales, in the platform's order (the fallback order after the requested one). */
  locales: string[];
  organizations: Map<string, LocalizedTexts>;
  categories: Map<string, { names: LocalizedTexts; descriptions: LocalizedTexts; parent: string | null }>;
  places: Map<string, { names: LocalizedTexts; aliases: string[]; parent: string | null }>;
  /** UI string key → its text by locale. */
  labels: Map<string, Record<string, string>>;
}

export interface SearchFields {
  t: string;
  a: string;
  n: string;
  b: string;
  o: string;
}

export const FIELD_BOOSTS: Readonly<Record<keyof SearchFields, number>> = { t: 6, a: 4, n: 2, b: 1, o: 0.5 };

/** How much of a record's first text in each other locale is indexed (characters, cut at a word). */
export const OTHER_LOCALE_SUMMARY = 200;

const summary = (text: string) => (text.length <= OTHER_LOCALE_SUMMARY ? text : text.slice(0, OTHER_LOCALE_SUMMARY).replace(/\s+\S*$/u, ""));

const present = (texts: (string | null | undefined)[] | undefined): string[] =>
  (texts ?? []).filter((text): text is string => typeof text === "string" && text.trim() !== "");

/** The locale's texts, or those of the first locale (in the platform's order) that has some. */
function inLocale(texts: LocalizedTexts, locale: string, locales: readonly string[]): string[] {
  for (const code of [locale, ...locales]) {
    const found = present(texts[code]);
    if (found.length > 0) return found;
  }
  return [];
}

const allLocales = (texts: LocalizedTexts | undefined, except?: string): string[] =>
  Object.entries(texts ?? {}).flatMap(([code, list]) => (code === except ? [] : present(list)));

function lineage<T extends { parent: string | null }>(map: Map<string, T>, keys: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const key of keys) {
    for (let current: string | null = key; current != null && !seen.has(current); current = map.get(current)?.parent ?? null) {
      if (map.has(current)) seen.add(current);
    }
  }
  return [...seen];
}

/** The categories a record is in with every category above them. */
export const categoryLineage = (context: SearchContext, codes: readonly string[]) => lineage(context.categories, codes);
/** The places a record is at with every place around them. */
export const placeLineage = (context: SearchContext, slugs: readonly string[]) => lineage(context.places, slugs);

export function documentFields(source: SearchSource, context: SearchContext, locale: string): SearchFields {
  const title = inLocale(source.titles, locale, context.locales);
  const titleLocale = [locale, ...context.locales].find((code) => present(source.titles[code]).length > 0);
  const categories = categoryLineage(context, source.categories).map((code) => context.categories.get(code)!);
  const places = placeLineage(context, source.places).map((slug) => context.places.get(slug)!);
  const names = [
    ...allLocales(source.organization ? context.organizations.get(source.organization) : undefined),
    ...categories.flatMap((category) => allLocales(category.names)),
    ...places.flatMap((place) => [...allLocales(place.names), ...place.aliases]),
    ...source.labels.flatMap((key) => Object.values(context.labels.get(key) ?? {})),
  ];
  const body = [
    ...inLocale(source.body, locale, context.locales),
    ...source.categories.flatMap((code) => inLocale(context.categories.get(code)?.descriptions ?? {}, locale, context.locales)),
  ];
  const bodyLocale = [locale, ...context.locales].find((code) => present(source.body[code]).length > 0);
  const others = Object.entries(source.body).flatMap(([code, texts]) => (code === bodyLocale ? [] : present(texts).slice(0, 1).map(summary)));
  return { t: title.join(" "), a: allLocales(source.titles, titleLocale).join(" "), n: names.join(" "), b: body.join(" "), o: others.join(" ") };
}

/** A place's names in every locale and its aliases: what names it in a query ("in Sebha", «في سبها»). */
export function placeNames(context: SearchContext, slug: string): string[] {
  const place = context.places.get(slug);
  return place ? [...allLocales(place.names), ...place.aliases] : [];
}

/**
 * Which places a query names: those with a name or alias every term of which the query has (both
 * as SearchIndex.queryTerms analyses them), by position in `places` (each place: its names' terms).
 */
export function placesNamed(queryTerms: readonly string[], places: readonly (readonly (readonly string[])[])[]): number[] {
  const typed = new Set(queryTerms);
  const named: number[] = [];
  places.forEach((names, position) => {
    if (names.some((terms) => terms.length > 0 && terms.every((term) => typed.has(term)))) named.push(position);
  });
  return named;
}

/** The UI strings naming what a rights article is about (shared by both sides' mappers). */
export const rightsArticleLabels = (topic: string) => [`rights.topics.${topic}`, "rights.title"];
/** The UI strings naming what a vacancy is (its sector, and "Jobs" so that "job" finds every notice). */
export const vacancyLabels = (sector: string) => [`jobs.sectors.${sector}`, "jobs.title"];
/** Where label texts come from in the UI strings (content/i18n/<locale>.json). */
export const LABEL_PREFIXES = ["rights.topics.", "jobs.sectors."];
export const LABEL_KEYS = ["rights.title", "jobs.title"];
