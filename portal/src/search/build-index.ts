import { createHash } from "node:crypto";
import { searchLabelsFrom, vocabularyFromTexts } from "@start/db/search-vocabulary";
import {
  type CompiledVocabulary,
  documentFields,
  type LocalizedTexts,
  placeNames,
  rightsArticleLabels,
  type SearchContext,
  SearchIndex,
  type SearchSource,
  vacancyLabels,
} from "@start/db/search";
import type { Site } from "../data/site.js";
import { formatDate, translator } from "../i18n/index.js";
import { type PlaceEntry, type PortalSearchMeta, type SearchIndexFile, serviceLine } from "./documents.js";

/**
 * A locale's search index, built once per build with START's search engine (@start/db/search), the
 * one the API runs: the same documents (documentFields), analysis, vocabulary and ranking. The
 * portal's records come from the API's snapshot; this file only turns them into search sources.
 */

/** Translations (one entry per locale) → texts by locale. */
function byLocale<T extends { locale: string }>(translations: readonly T[], pick: (entry: T) => (string | null | undefined)[]): LocalizedTexts {
  return Object.fromEntries(translations.map((entry) => [entry.locale, pick(entry)]));
}

export function searchContext(site: Site, labels: SearchContext["labels"]): SearchContext {
  return {
    locales: site.order,
    organizations: new Map(
      [...site.organizations.values()].map((organization) => [organization.id, byLocale(organization.translations, (t) => [t.name, t.alternateName])]),
    ),
    categories: new Map(
      [...site.categories.values()].map((category) => [
        category.code,
        { names: byLocale(category.translations, (t) => [t.name]), descriptions: byLocale(category.translations, (t) => [t.description]), parent: category.parent?.code ?? null },
      ]),
    ),
    places: new Map(
      [...site.places.values()].map((place) => [place.slug, { names: byLocale(place.translations, (t) => [t.name]), aliases: place.aliases, parent: place.parent?.slug ?? null }]),
    ),
    labels,
  };
}

export function searchSources(site: Site): SearchSource[] {
  const services = site.services.map((service): SearchSource => {
    const body = byLocale(service.translations, (t) => {
      const extra: { position: number; key: string; text: string }[] = [];
      if (!service.confidentialAddress) {
        service.locations.forEach((link, position) => {
          const own = link.location.translations.find((entry) => entry.locale === t.locale);
          if (own) extra.push({ position, key: link.id, text: [own.name, own.address].filter(Boolean).join(" ") });
        });
      }
      return [t.description, t.eligibilityDescription, t.applicationProcess, t.feesDescription, ...t.requiredDocuments, ...extra.map((entry) => entry.text)];
    });
    const notes = [...service.schedules, ...service.locations.flatMap((link) => link.schedules)];
    for (const schedule of notes) {
      for (const { locale, notes: text } of schedule.translations) if (body[locale]) body[locale]!.push(text);
    }
    return {
      kind: "service",
      id: service.id,
      slug: service.slug,
      sample: service.isSample,
      closed: service.status === "TEMPORARILY_CLOSED" || site.closedUntil(service) !== null,
      titles: byLocale(service.translations, (t) => [t.name, t.alternateName]),
      body,
      organization: service.organization.id,
      categories: service.categories.map((category) => category.code),
      places: [...new Set(service.locations.map((link) => link.location.place.slug))],
      labels: [],
    };
  });
  const rights = site.rights.map(
    (article): SearchSource => ({
      kind: "rights_article",
      id: article.id,
      slug: article.slug,
      sample: article.isSample,
      closed: false,
      titles: byLocale(article.translations, (t) => [t.title]),
      body: byLocale(article.translations, (t) => [t.summary, t.body]),
      categories: [],
      places: [article.country.slug],
      labels: rightsArticleLabels(article.topic),
    }),
  );
  const vacancies = site.vacancies
    .filter((vacancy) => vacancy.isOpen)
    .map(
      (vacancy): SearchSource => ({
        kind: "vacancy",
        id: vacancy.id,
        slug: vacancy.slug,
        sample: vacancy.isSample,
        closed: false,
        deadline: vacancy.deadline,
        titles: byLocale(vacancy.translations, (t) => [t.title]),
        body: byLocale(vacancy.translations, (t) => [t.description, t.requirements, t.howToApply]),
        organization: vacancy.organization.id,
        categories: [],
        places: [vacancy.place.slug],
        labels: vacancyLabels(vacancy.sector),
      }),
    );
  return [...services, ...rights, ...vacancies];
}

const PATHS = { service: "services", rights_article: "rights", vacancy: "jobs" } as const;
const KINDS = { service: "s", rights_article: "r", vacancy: "j" } as const;

/** The places service cards name (PlaceEntry), numbered as they are first needed, with the places around them. */
export class PlaceLines {
  private readonly positions = new Map<string, number>();
  private readonly entries: { slug: string; parent: number }[] = [];

  constructor(private readonly context: SearchContext) {}

  positionOf(slug: string): number {
    let position = this.positions.get(slug);
    if (position === undefined) {
      position = this.entries.push({ slug, parent: -1 }) - 1;
      this.positions.set(slug, position);
      const parent = this.context.places.get(slug)?.parent;
      if (parent) this.entries[position]!.parent = this.positionOf(parent);
    }
    return position;
  }

  /** The entries, named in the locale, their names analysed as the index analyses a query. */
  toFile(site: Site, locale: string, index: SearchIndex<PortalSearchMeta>): PlaceEntry[] {
    return this.entries.map(({ slug, parent }): PlaceEntry => {
      const names = new Set(placeNames(this.context, slug).map((name) => index.queryTerms(name).join(" ")));
      names.delete("");
      return [site.placeName(slug, locale).value, parent, ...names];
    });
  }
}

/** What a result shows: title (and its locale when it is a fallback), second line, link. */
function resultMeta(site: Site, source: SearchSource, locale: string, places: PlaceLines): PortalSearchMeta {
  const t = translator(locale);
  const base = {
    key: `${PATHS[source.kind]}/${source.slug}`,
    k: KINDS[source.kind],
    ...(source.sample ? { s: 1 as const } : {}),
    ...(source.closed ? { c: 1 as const } : {}),
    ...(source.deadline ? { x: source.deadline } : {}),
  };
  if (source.kind === "service") {
    const service = site.services.find((candidate) => candidate.id === source.id)!;
    const name = site.serviceName(service, locale);
    const organization = site.organizationName(service.organization.id, locale).value;
    const slugs = source.places;
    // At several places, the search page writes the line for the query (resultLine).
    const line = slugs.length > 1 ? { d: organization, p: slugs.map((slug) => places.positionOf(slug)) } : { d: serviceLine(organization, slugs.map((slug) => site.placeName(slug, locale).value)) };
    return { ...base, t: name.value, ...line, ...(name.fallback ? { l: name.locale } : {}) };
  }
  if (source.kind === "rights_article") {
    const article = site.rights.find((candidate) => candidate.id === source.id)!;
    const title = site.text(article.translations, "title", locale);
    const topic = t(`rights.topics.${article.topic}`, { defaultValue: article.topic });
    return { ...base, t: title?.value ?? article.slug, d: `${site.placeName(article.country.slug, locale).value} · ${topic}`, ...(title?.fallback ? { l: title.locale } : {}) };
  }
  const vacancy = site.vacancies.find((candidate) => candidate.id === source.id)!;
  const title = site.text(vacancy.translations, "title", locale);
  return {
    ...base,
    t: title?.value ?? vacancy.slug,
    d: `${site.organizationName(vacancy.organization.id, locale).value} · ${site.placeName(vacancy.place.slug, locale).value} · ${t("jobs.deadline", { date: formatDate(vacancy.deadline, locale) })}`,
    ...(title?.fallback ? { l: title.locale } : {}),
  };
}

/**
 * A locale's index as files: the manifest (documents, vocabulary, statistics, and the names of the
 * term chunks) and one file per chunk of terms. The search page loads the manifest, then the
 * chunks a query needs. Every name carries the hash of the whole, so caches can keep them forever.
 */
export interface BuiltSearchIndex {
  /** The manifest's JSON. */
  json: string;
  hash: string;
  /** Chunk files: the number in the name, and the JSON. */
  chunks: { number: number; json: string }[];
  documents: number;
}

/** The locale's index (built, not serialised): what the search page loads, and the places its cards name. */
export function buildPortalIndex(
  site: Site,
  locale: string,
  vocabulary: CompiledVocabulary,
  labels: SearchContext["labels"],
): { index: SearchIndex<PortalSearchMeta>; places: PlaceEntry[] } {
  const context = searchContext(site, labels);
  const lines = new PlaceLines(context);
  const sources = searchSources(site).sort((a, b) => (`${PATHS[a.kind]}/${a.slug}` < `${PATHS[b.kind]}/${b.slug}` ? -1 : 1));
  const index = SearchIndex.build(
    sources.map((source) => ({ meta: resultMeta(site, source, locale, lines), fields: documentFields(source, context, locale) })),
    vocabulary,
  );
  return { index, places: lines.toFile(site, locale, index) };
}

/**
 * The vocabulary (content/search/) and UI strings (content/i18n/) bundled into the build, like the
 * portal's other content: a build reads no content folder at run time (its bundle may run anywhere).
 */
const VOCABULARY_TEXTS = import.meta.glob<string>("../../../content/search/*.yaml", { eager: true, query: "?raw", import: "default" });
const UI_STRINGS = import.meta.glob<object>("../../../content/i18n/*.json", { eager: true, import: "default" });
const fileName = (modulePath: string) => modulePath.slice(modulePath.lastIndexOf("/") + 1);
let bundled: { vocabulary: CompiledVocabulary; labels: SearchContext["labels"] } | undefined;
function bundledContent() {
  bundled ??= {
    vocabulary: vocabularyFromTexts(Object.entries(VOCABULARY_TEXTS).map(([modulePath, text]) => ({ name: fileName(modulePath), text }))),
    labels: searchLabelsFrom(Object.fromEntries(Object.entries(UI_STRINGS).map(([modulePath, strings]) => [fileName(modulePath).replace(/\.json$/, ""), strings]))),
  };
  return bundled;
}

export function buildSearchIndex(site: Site, locale: string): BuiltSearchIndex {
  const { vocabulary, labels } = bundledContent();
  const { index, places } = buildPortalIndex(site, locale, vocabulary, labels);
  const { chunks, ...data } = index.toData();
  const names = Object.keys(chunks).sort();
  const chunkFiles = names.map((name, number) => ({ number, json: JSON.stringify(chunks[name]) }));
  const hash = createHash("sha256");
  for (const file of chunkFiles) hash.update(file.json);
  const body = { locale, ...data, chunks: {}, places };
  hash.update(JSON.stringify(body));
  const digest = hash.digest("hex").slice(0, 12);
  const file: SearchIndexFile = { ...body, files: Object.fromEntries(names.map((name, number) => [name, number])) };
  return { json: JSON.stringify(file), hash: digest, chunks: chunkFiles, documents: index.docs.length };
}

const CACHE = Symbol.for("start.portal.searchIndexes");
type Global = typeof globalThis & { [CACHE]?: Map<string, BuiltSearchIndex> };

/** The locale's index, built once per build (the search page needs its hash, the endpoint its body). */
export function searchIndexFor(site: Site, locale: string): BuiltSearchIndex {
  const global = globalThis as Global;
  const cache = (global[CACHE] ??= new Map());
  let built = cache.get(locale);
  if (!built) cache.set(locale, (built = buildSearchIndex(site, locale)));
  return built;
}
