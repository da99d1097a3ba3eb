import { gzipSync } from "node:zlib";
import { contentFolder, readSearchLabels } from "@start/db";
import { SearchIndex, type TermChunk, words } from "@start/db/search";
import { normalize } from "@start/db/text";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchSnapshot } from "../../portal/src/data/fetch-snapshot.js";
import { buildSite, type Site } from "../../portal/src/data/site.js";
import type { RightsArticleRecord, ServiceRecord, Snapshot, VacancyRecord } from "../../portal/src/data/types.js";
import { type BuiltSearchIndex, buildSearchIndex } from "../../portal/src/search/build-index.js";
import { namedPlaces, type PortalSearchMeta, resultLine, type SearchIndexFile } from "../../portal/src/search/documents.js";
import { startTestApi, type TestApi } from "../support/api.js";
import { testDriver } from "../support/database.js";

/**
 * The portal's offline search, on the index file the build writes for the seeded content, read
 * back as the search page reads it: START's engine (the API's), the shared normaliser, any-word
 * matching ranked by coverage, whole texts indexed, no input that throws.
 */
/** The index as the search page holds it once it has fetched every chunk. */
function loadAll(built: BuiltSearchIndex): SearchIndex<PortalSearchMeta> {
  const file = JSON.parse(built.json) as SearchIndexFile;
  const index = SearchIndex.load(file);
  const byNumber = new Map(built.chunks.map((chunk) => [chunk.number, JSON.parse(chunk.json) as TermChunk]));
  index.addChunks(Object.fromEntries(Object.entries(file.files).map(([chunk, number]) => [chunk, byNumber.get(number)!])));
  return index;
}

describe(`portal search index (${testDriver})`, () => {
  let api: TestApi;
  let snapshot: Snapshot;
  let site: Site;
  const indexes = new Map<string, { json: string; index: SearchIndex<PortalSearchMeta> }>();
  const hits = (locale: string, query: string) => indexes.get(locale)!.index.search(query);
  const keys = (locale: string, query: string) => hits(locale, query).map((hit) => hit.document.key);

  beforeAll(async () => {
    api = await startTestApi({}, { content: "content" });
    snapshot = await fetchSnapshot(`${api.url}/graphql`);
    site = buildSite(snapshot);
    for (const locale of ["ar", "en", "fr"]) {
      const built = buildSearchIndex(site, locale);
      indexes.set(locale, { json: built.json, index: loadAll(built) });
    }
  }, 300_000);

  afterAll(async () => {
    await api?.close();
  });

  it("splits words with the API's normaliser and cuts French elisions", () => {
    expect(words("L’hôpital d'urgence")).toEqual(["hopital", "urgence"]);
    expect(words("qu'il s'inscrive jusqu'à l'aube")).toEqual(["il", "inscrive", "aube"]);
    expect(words("مُسْتَشْفَى الأطفال")).toEqual([normalize("مستشفى"), normalize("الاطفال")]);
    expect(words("هاتف ١٥١٥")).toEqual(["هاتف", "1515"]);
  });

  it("finds Arabic records whatever the spelling variant (ى/ي, ة/ه, أ/ا, tashkeel, tatweel, the article)", () => {
    const reference = keys("ar", "عيادة");
    expect(reference.length).toBeGreaterThan(2);
    for (const variant of ["عياده", "عِيَادَة", "عيـــادة", "العيادة"]) expect(keys("ar", variant), variant).toEqual(reference);
    expect(keys("ar", "مستشفي")).toEqual(keys("ar", "مستشفى"));
    expect(keys("ar", "إسعاف")).toEqual(keys("ar", "اسعاف"));
    expect(keys("ar", "إسعاف").length).toBeGreaterThan(0);
  });

  it("matches any word, records with every word first", () => {
    const both = hits("ar", "عيادة سبها");
    const clinics = new Set(keys("ar", "عيادة"));
    const inSabha = new Set(keys("ar", "سبها"));
    const full = both.filter((hit) => hit.coverage === 2).map((hit) => hit.document.key);
    expect(full.length).toBeGreaterThan(0);
    // Those matching both words are exactly those found for each word alone, and they come first.
    expect(full.sort()).toEqual([...clinics].filter((key) => inSabha.has(key)).sort());
    expect(both.slice(0, full.length).every((hit) => hit.coverage === 2)).toBe(true);
    // One unknown word no longer empties the list.
    expect(keys("en", "passport zzqxv").slice(0, 3)).toEqual(keys("en", "passport").slice(0, 3));
  });

  it("finds places by their aliases and names in every locale", () => {
    for (const locale of ["ar", "en", "fr"]) {
      const byAlias = keys(locale, "Trablus");
      const byName = keys(locale, locale === "ar" ? "طرابلس" : "Tripoli");
      expect(byAlias.length, locale).toBeGreaterThan(5);
      expect(byName, locale).toEqual(expect.arrayContaining(byAlias));
    }
  });

  it("handles French accents and elisions, and stems plurals, at both ends", () => {
    const hospital = keys("fr", "hôpital");
    expect(hospital.length).toBeGreaterThan(0);
    for (const variant of ["l'hôpital", "l’hopital", "HOPITAL", "hôpitaux"]) expect(keys("fr", variant), variant).toEqual(hospital);
    expect(keys("fr", "refugies")).toEqual(keys("fr", "réfugiés"));
    expect(keys("fr", "cliniques")).toEqual(keys("fr", "clinique"));
    expect(keys("en", "refugees")).toEqual(keys("en", "refugee"));
  });

  it("finds a record typed in another of START's languages than the interface's", () => {
    const clinicsInArabic = keys("ar", "clinic");
    expect(clinicsInArabic.length).toBeGreaterThan(0);
    // Mostly the same clinics as in the English interface (each index ranks its own locale's texts).
    const inEnglish = new Set(keys("en", "clinic").slice(0, 5));
    expect(clinicsInArabic.slice(0, 5).filter((key) => inEnglish.has(key)).length).toBeGreaterThanOrEqual(3);
  });

  it("matches words being typed and small misspellings", () => {
    expect(keys("en", "vaccin")).toEqual(expect.arrayContaining(keys("en", "vaccination").slice(0, 5)));
    const clinics = keys("en", "clinic");
    expect(keys("en", "clinc")).toEqual(expect.arrayContaining(clinics.slice(0, 5)));
  });

  it("never throws on what people paste or type", () => {
    const inputs = ["a:b", "-clinic", "+legal", "clinic~2", "title^10", "*", "help:", "::", "(", '"', "\u200f", "", "🚑🏥", "x".repeat(10_000), "\u202eclinic\u202c"];
    for (const input of inputs) for (const locale of ["ar", "en", "fr"]) expect(() => hits(locale, input), `${locale}: ${input.slice(0, 20)}`).not.toThrow();
    expect(keys("en", "legal:aid")).toEqual(keys("en", "legal aid"));
    expect(keys("en", "🚑🏥")).toEqual([]);
  });

  it("returns services, rights articles and vacancies in one list, each with its key", () => {
    const found = hits("en", "health");
    expect([...new Set(found.map((hit) => hit.document.k))].sort()).toEqual(["j", "r", "s"]);
    for (const hit of found) expect(hit.document.key).toMatch(/^(services|rights|jobs)\/[a-z0-9-]+$/);
    const services = new Set(snapshot.services.map((service) => `services/${service.slug}`));
    expect(found.filter((hit) => hit.document.k === "s").every((hit) => services.has(hit.document.key))).toBe(true);
  });

  it("indexes whole texts: article bodies, descriptions, hours notes", () => {
    const article = snapshot.rights.find((entry) => entry.slug === "residence-for-libyans-in-tunisia")!;
    // "258" (Labour Code article 258-2) appears only deep in the body.
    expect(article.translations.find((text) => text.locale === "en")!.body).toContain("258");
    expect(keys("en", "258")).toContain("rights/residence-for-libyans-in-tunisia");
    const noted = snapshot.services.find((service) => service.schedules.some((schedule) => schedule.translations.some((text) => text.locale === "en")));
    if (noted) {
      const note = noted.schedules.flatMap((schedule) => schedule.translations).find((text) => text.locale === "en")!.notes;
      expect(keys("en", note)[0], note).toBe(`services/${noted.slug}`);
    }
  });

  it("names on a result the place the query names, for a service at several places («دكتور في سبها» → سبها, not its first place)", () => {
    const lineFor = (locale: string, query: string, key: string) => {
      const { json, index } = indexes.get(locale)!;
      const places = (JSON.parse(json) as SearchIndexFile).places;
      const hit = index.search(query).find((candidate) => candidate.document.key === key);
      expect(hit, `${locale}: ${query}`).toBeDefined();
      return resultLine(hit!.document, places, namedPlaces(index, places, query));
    };
    // IMC's mobile units are at Benghazi, Misrata, Sabha and Tripoli, in that order.
    const units = "services/imc-mobile-medical-units";
    const organization = (locale: string) => indexes.get(locale)!.index.docs.find((doc) => doc.key === units)!.d;
    expect(lineFor("ar", "دكتور في سبها", units)).toBe(`${organization("ar")} · سبها +3`);
    expect(lineFor("ar", "عيادة متنقلة في مصراتة", units)).toBe(`${organization("ar")} · مصراتة +3`);
    // By another of its names, in another language, or an alias: Sebha.
    expect(lineFor("en", "doctor in Sebha", units)).toBe(`${organization("en")} · Sabha +3`);
    expect(lineFor("fr", "médecin à Sabha", units)).toBe(`${organization("fr")} · Sebha +3`);
    // No place named, or a place around all of them: its first place.
    expect(lineFor("ar", "عيادة متنقلة", units)).toBe(`${organization("ar")} · بنغازي +3`);
    expect(lineFor("en", "mobile clinic Libya", units)).toBe(`${organization("en")} · Benghazi +3`);
  });

  it("answers from the manifest and the chunks a query needs exactly as from the whole index", () => {
    const built = buildSearchIndex(site, "ar");
    const file = JSON.parse(built.json) as SearchIndexFile;
    const byNumber = new Map(built.chunks.map((chunk) => [chunk.number, JSON.parse(chunk.json) as TermChunk]));
    for (const query of ["عيادة", "clinic Sabha", "جواز سفر", "santé", "1412", "docter in trip", "وين نلقى دكتور في سبها"]) {
      const partial = SearchIndex.load(file);
      const needed = partial.missingChunks(query);
      expect(needed.length, query).toBeLessThan(Object.keys(file.files).length);
      partial.addChunks(Object.fromEntries(needed.map((chunk) => [chunk, byNumber.get(file.files[chunk]!)!])));
      expect(partial.missingChunks(query)).toEqual([]);
      expect(partial.search(query), query).toEqual(indexes.get("ar")!.index.search(query));
    }
  });

  it("downloads at most 150 KB gzipped per locale at 1,000 services, 100 articles and 300 vacancies", () => {
    const towns = ["tripoli", "sabha", "misrata", "benghazi", "zuwara", "kufra", "ubari", "ghat", "murzuq", "derna", "tobruk", "sirte", "zawiya", "gharyan", "janzour"];
    const variants = ["centre", "mobile", "annex", "branch", "point", "unit", "desk", "team", "office", "post"];
    const grow = <T extends { id: string; slug: string }>(records: readonly T[], count: number, change: (record: T, index: number) => T): T[] =>
      Array.from({ length: count }, (_, index) => {
        const base = structuredClone(records[index % records.length]!);
        return change({ ...base, id: `${base.id}-${index}`, slug: `${base.slug}-${index}` }, index);
      });
    const services = grow<ServiceRecord>(snapshot.services, 1000, (service, index) => ({
      ...service,
      translations: service.translations.map((text) => ({ ...text, name: `${text.name} ${variants[index % variants.length]} ${towns[index % towns.length]} ${index}` })),
      locations: service.locations.map((entry) => ({ ...entry, location: { ...entry.location, place: { slug: towns[(index * 7) % towns.length]! } } })),
    }));
    const rights = grow<RightsArticleRecord>(snapshot.rights, 100, (article, index) => ({
      ...article,
      translations: article.translations.map((text) => ({ ...text, title: `${text.title} ${index}` })),
    }));
    const vacancies = grow<VacancyRecord>(snapshot.vacancies.filter((vacancy) => vacancy.isOpen), 300, (vacancy, index) => ({
      ...vacancy,
      place: { slug: towns[index % towns.length]! },
      translations: vacancy.translations.map((text) => ({ ...text, title: `${text.title} ${index}` })),
    }));
    const large = buildSite({ ...snapshot, services, rights, vacancies });
    expect(readSearchLabels(contentFolder).size).toBeGreaterThan(0);
    const queries = ["clinic", "عيادة في سبها", "lost passport", "وين نرقد الليلة", "passeport perdu", "travail infirmière", "go back home", "دكتور", "shelter Tripoli women"];
    for (const locale of ["ar", "en", "fr"]) {
      const built = buildSearchIndex(large, locale);
      const file = JSON.parse(built.json) as SearchIndexFile;
      const chunkBytes = new Map(built.chunks.map((chunk) => [chunk.number, gzipSync(chunk.json).length]));
      const manifestBytes = gzipSync(built.json).length;
      const total = manifestBytes + [...chunkBytes.values()].reduce((sum, bytes) => sum + bytes, 0);
      const probe = SearchIndex.load(file);
      const firstSearch = queries.map((query) => manifestBytes + probe.chunksFor(query).reduce((sum, chunk) => sum + chunkBytes.get(file.files[chunk]!)!, 0));
      console.log(
        `search index (${locale}) with ${built.documents} documents: manifest ${(manifestBytes / 1024).toFixed(1)} KB, ${built.chunks.length} chunks, ` +
          `${(total / 1024).toFixed(1)} KB gzipped in all; first search downloads ${(Math.min(...firstSearch) / 1024).toFixed(1)}–${(Math.max(...firstSearch) / 1024).toFixed(1)} KB`,
      );
      expect(built.documents).toBe(1400);
      expect(file.vocabulary.groups.length).toBeGreaterThan(0);
      expect(Math.max(...firstSearch)).toBeLessThan(150 * 1024);
    }
  }, 240_000);
});
