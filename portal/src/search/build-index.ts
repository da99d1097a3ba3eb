import { createHash } from "node:crypto";
import type { Site } from "../data/site.js";
import { formatDate, translator } from "../i18n/index.js";
import { plainText } from "../lib/markdown.js";
import type { SearchDocument, SearchIndexFile } from "./documents.js";
import { encodeIndex, type SerializedLunrIndex } from "./codec.js";
import { languagePipeline, lunr, searchStep } from "./languages.js";
import { tokenize } from "./tokenize.js";

/**
 * A locale's lunr index, built once per build. It holds titles, summaries (the first sentence
 * or so, never whole bodies), categories and places with their aliases: what people type.
 */

interface IndexedFields {
  title: string[];
  tags: string[];
  summary: string[];
}

const SUMMARY_LENGTH = 160;

function serviceEntries(site: Site, locale: string): [SearchDocument, IndexedFields][] {
  return site.services.map((service) => {
    const name = site.serviceName(service, locale);
    const alternate = site.text(service.translations, "alternateName", locale)?.value ?? "";
    const description = site.text(service.translations, "description", locale)?.value ?? "";
    const organization = site.organizations.get(service.organization.id);
    const organizationName = site.organizationName(service.organization.id, locale).value;
    const organizationShort = organization ? (site.text(organization.translations, "alternateName", locale)?.value ?? "") : "";
    const categoryWords: string[] = [];
    for (const { code } of service.categories) {
      for (let node = site.categories.get(code); node; node = node.parent ?? undefined) categoryWords.push(site.categoryName(node.code, locale).value);
    }
    const placeSlugs = [...new Set(service.locations.map(({ location }) => location.place.slug))];
    const placeWords: string[] = [];
    for (const slug of placeSlugs) {
      const place = site.places.get(slug);
      if (!place) continue;
      placeWords.push(site.placeName(slug, locale).value, ...place.aliases);
      if (place.parent) placeWords.push(site.placeName(place.parent.slug, locale).value);
    }
    const placeLabel = placeSlugs.length ? site.placeName(placeSlugs[0]!, locale).value + (placeSlugs.length > 1 ? ` +${placeSlugs.length - 1}` : "") : "";
    const document: SearchDocument = {
      k: "s",
      t: name.value,
      u: `services/${service.slug}/`,
      d: [organizationName, placeLabel].filter(Boolean).join(" · "),
      ...(name.fallback ? { l: name.locale } : {}),
    };
    return [
      document,
      {
        title: tokenize(`${name.value} ${alternate}`),
        tags: tokenize([...new Set(categoryWords)].join(" ") + " " + [...new Set(placeWords)].join(" ") + ` ${organizationName} ${organizationShort}`),
        summary: tokenize(plainText(description, SUMMARY_LENGTH)),
      },
    ];
  });
}

function rightsEntries(site: Site, locale: string): [SearchDocument, IndexedFields][] {
  const t = translator(locale);
  return site.rights.map((article) => {
    const title = site.text(article.translations, "title", locale);
    const summary = site.text(article.translations, "summary", locale)?.value ?? "";
    const country = site.placeName(article.country.slug, locale).value;
    const topic = t(`rights.topics.${article.topic}`, { defaultValue: article.topic });
    const audience = t(`enums.audience.${article.audience.toLowerCase()}`);
    const aliases = site.places.get(article.country.slug)?.aliases ?? [];
    return [
      {
        k: "r",
        t: title?.value ?? article.slug,
        u: `rights/${article.slug}/`,
        d: `${country} · ${topic}`,
        ...(title?.fallback ? { l: title.locale } : {}),
      },
      {
        title: tokenize(title?.value ?? ""),
        tags: tokenize(`${topic} ${country} ${aliases.join(" ")} ${audience}`),
        summary: tokenize(plainText(summary, SUMMARY_LENGTH)),
      },
    ];
  });
}

function vacancyEntries(site: Site, locale: string): [SearchDocument, IndexedFields][] {
  const t = translator(locale);
  return site.vacancies.map((vacancy) => {
    const title = site.text(vacancy.translations, "title", locale);
    const description = site.text(vacancy.translations, "description", locale)?.value ?? "";
    const place = site.placeName(vacancy.place.slug, locale).value;
    const organization = site.organizationName(vacancy.organization.id, locale).value;
    const sector = t(`jobs.sectors.${vacancy.sector}`, { defaultValue: vacancy.sector });
    const aliases = site.places.get(vacancy.place.slug)?.aliases ?? [];
    return [
      {
        k: "j",
        t: title?.value ?? vacancy.slug,
        u: `jobs/${vacancy.slug}/`,
        d: `${organization} · ${place} · ${t("jobs.deadline", { date: formatDate(vacancy.deadline, locale) })}`,
        ...(title?.fallback ? { l: title.locale } : {}),
      },
      {
        title: tokenize(title?.value ?? ""),
        tags: tokenize(`${sector} ${place} ${aliases.join(" ")} ${organization}`),
        summary: tokenize(plainText(description, SUMMARY_LENGTH)),
      },
    ];
  });
}

export interface BuiltSearchIndex {
  json: string;
  hash: string;
  documents: number;
}

/**
 * The indexing pipeline with each step remembered per word: the same few thousand words come
 * back in every document, and the Arabic stemmer is slow. Same results, computed once.
 */
let memoisedSteps = 0;
function memoised(pipeline: lunr.PipelineFunction[]): lunr.PipelineFunction[] {
  return pipeline.map((step) => {
    const results = new Map<string, string | undefined>();
    const remembered: lunr.PipelineFunction = (token, index, tokens) => {
      const word = token.toString();
      if (!results.has(word)) {
        const out = step(new lunr.Token(word, {}), index, tokens);
        const text = out === undefined || out === null ? "" : String(out);
        results.set(word, text === "" ? undefined : text);
      }
      const result = results.get(word);
      return result === undefined ? undefined! : token.update(() => result);
    };
    // Registered so that lunr does not warn; the indexing pipeline is never serialised.
    lunr.Pipeline.registerFunction(remembered, `start-memo-${(memoisedSteps += 1)}`);
    return remembered;
  });
}

/** The locale's documents and lunr index (before encoding). */
export async function buildLunrIndex(site: Site, locale: string): Promise<{ documents: SearchDocument[]; index: lunr.Index }> {
  const pipeline = await languagePipeline(locale);
  const entries = [...serviceEntries(site, locale), ...rightsEntries(site, locale), ...vacancyEntries(site, locale)];
  const builder = new lunr.Builder();
  builder.pipeline.add(...memoised(pipeline));
  builder.searchPipeline.add(...searchStep(pipeline));
  builder.ref("id");
  builder.field("title", { boost: 8 });
  builder.field("tags", { boost: 3 });
  builder.field("summary");
  builder.metadataWhitelist = [];
  entries.forEach(([, fields], position) => builder.add({ id: String(position), ...fields }));
  return { documents: entries.map(([document]) => document), index: builder.build() };
}

export async function buildSearchIndex(site: Site, locale: string): Promise<BuiltSearchIndex> {
  const { documents, index } = await buildLunrIndex(site, locale);
  const serialized = index.toJSON() as unknown as SerializedLunrIndex;
  const file: SearchIndexFile = { v: 2, locale, docs: documents, index: encodeIndex(serialized, documents.length) };
  const json = JSON.stringify(file);
  return { json, hash: createHash("sha256").update(json).digest("hex").slice(0, 12), documents: documents.length };
}

const CACHE = Symbol.for("start.portal.searchIndexes");
type Global = typeof globalThis & { [CACHE]?: Map<string, Promise<BuiltSearchIndex>> };

/** The locale's index, built once per build (the search page needs its hash, the endpoint its body). */
export function searchIndexFor(site: Site, locale: string): Promise<BuiltSearchIndex> {
  const global = globalThis as Global;
  const cache = (global[CACHE] ??= new Map());
  let built = cache.get(locale);
  if (!built) cache.set(locale, (built = buildSearchIndex(site, locale)));
  return built;
}
