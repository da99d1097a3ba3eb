import { gzipSync } from "node:zlib";
import { normalize } from "@start/db/text";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchSnapshot } from "../../portal/src/data/fetch-snapshot.js";
import { buildSite, type Site } from "../../portal/src/data/site.js";
import type { ServiceRecord, Snapshot } from "../../portal/src/data/types.js";
import { buildLunrIndex, buildSearchIndex } from "../../portal/src/search/build-index.js";
import { decodeIndex } from "../../portal/src/search/codec.js";
import type { SearchIndexFile } from "../../portal/src/search/documents.js";
import { languagePipeline, lunr } from "../../portal/src/search/languages.js";
import { type LoadedIndex, loadIndex, search } from "../../portal/src/search/query.js";
import { tokenize } from "../../portal/src/search/tokenize.js";
import { startTestApi, type TestApi } from "../support/api.js";
import { testDriver } from "../support/database.js";
import { seedRebasedContent } from "../support/content-date.js";

/**
 * The portal's offline search, on the index the build writes for the seeded content: the same
 * normaliser as the API (Arabic spelling variants), French elisions and accents, the same
 * lunr-languages pipeline at both ends, no raw input to lunr's parser, results of every type.
 */
describe(`portal search index (${testDriver})`, () => {
  let api: TestApi;
  let snapshot: Snapshot;
  let site: Site;
  const indexes = new Map<string, { file: SearchIndexFile; json: string; loaded: LoadedIndex }>();
  const titles = (locale: string, query: string) => search(indexes.get(locale)!.loaded, query).map((hit) => hit.document.t);

  beforeAll(async () => {
    api = await startTestApi();
    await seedRebasedContent(api.database.db);
    snapshot = await fetchSnapshot(`${api.url}/graphql`);
    site = buildSite(snapshot);
    for (const locale of ["ar", "en", "fr"]) {
      const built = await buildSearchIndex(site, locale);
      const file = JSON.parse(built.json) as SearchIndexFile;
      indexes.set(locale, { file, json: built.json, loaded: loadIndex(file, await languagePipeline(locale)) });
    }
  }, 300_000);

  afterAll(async () => {
    await api?.close();
  });

  it("tokenises with the API's normaliser and cuts French elisions", () => {
    expect(tokenize("L’hôpital d'urgence")).toEqual(["hopital", "urgence"]);
    expect(tokenize("qu'il s'inscrive jusqu'à l'aube")).toEqual(["il", "inscrive", "aube"]);
    expect(tokenize("مُسْتَشْفَى الأطفال")).toEqual([normalize("مستشفى"), normalize("الاطفال")]);
    expect(tokenize("هاتف ١٥١٥")).toEqual(["هاتف", "1515"]);
  });

  it("finds Arabic records whatever the spelling variant (ى/ي, ة/ه, أ/ا, tashkeel, tatweel)", () => {
    const reference = titles("ar", "عيادة");
    expect(reference.length).toBeGreaterThan(2);
    for (const variant of ["عياده", "عِيَادَة", "عيـــادة", "العيادة"]) expect(titles("ar", variant), variant).toEqual(reference);
    const hospital = titles("ar", "مستشفى");
    expect(hospital.length).toBeGreaterThan(0);
    expect(titles("ar", "مستشفي")).toEqual(hospital);
    expect(titles("ar", "إسعاف")).toEqual(titles("ar", "اسعاف"));
    expect(titles("ar", "إسعاف").length).toBeGreaterThan(0);
  });

  it("needs every word to match, and finds places by their aliases in every locale", () => {
    const sabhaClinics = titles("ar", "عيادة سبها");
    expect(sabhaClinics.length).toBeGreaterThan(0);
    expect(sabhaClinics.length).toBeLessThan(titles("ar", "عيادة").length);
    // Every word must match: each result is among those for "clinic" and among those for "Sabha".
    const clinics = titles("ar", "عيادة");
    const inSabha = titles("ar", "سبها");
    for (const title of sabhaClinics) {
      expect(clinics, title).toContain(title);
      expect(inSabha, title).toContain(title);
    }
    for (const locale of ["ar", "en", "fr"]) {
      const byAlias = titles(locale, "Trablus");
      const byName = titles(locale, locale === "ar" ? "طرابلس" : "Tripoli");
      expect(byAlias.length, locale).toBeGreaterThan(5);
      // Services located in Tripoli come up under either name (the name also matches texts that mention it).
      expect(byName, locale).toEqual(expect.arrayContaining(byAlias));
    }
  });

  it("handles French accents and elisions at both ends", () => {
    const hospital = titles("fr", "hôpital");
    expect(hospital.length).toBeGreaterThan(0);
    expect(titles("fr", "l'hôpital")).toEqual(hospital);
    expect(titles("fr", "l’hopital")).toEqual(hospital);
    expect(titles("fr", "HOPITAL")).toEqual(hospital);
    expect(titles("fr", "refugies")).toEqual(titles("fr", "réfugiés"));
    expect(titles("fr", "d'urgence")).toEqual(titles("fr", "urgence"));
  });

  it("stems with lunr-languages the same way at index and query time", async () => {
    // "cliniques" and "clinique" meet on one stem; the English index stems "refugees" too.
    expect(titles("fr", "cliniques")).toEqual(titles("fr", "clinique"));
    expect(titles("en", "refugees")).toEqual(titles("en", "refugee"));
    expect(indexes.get("ar")!.file.index.pipeline).toEqual(["stemmer-ar"]);
    expect(indexes.get("fr")!.file.index.pipeline).toEqual(["stemmer-fr"]);
    expect(indexes.get("en")!.file.index.pipeline).toEqual(["stemmer"]);
  });

  it("matches words being typed and small misspellings", () => {
    expect(titles("en", "vaccin")).toEqual(expect.arrayContaining(titles("en", "vaccination")));
    const clinics = titles("en", "clinic");
    expect(clinics.length).toBeGreaterThan(0);
    expect(titles("en", "clinc")).toEqual(expect.arrayContaining(clinics));
  });

  it("never hands raw input to lunr's query parser", () => {
    for (const input of ["a:b", "-clinic", "+legal", "clinic~2", "title^10", "*", "help:", "::", "(", "\"", "\u200f", ""]) {
      for (const locale of ["ar", "en", "fr"]) expect(() => search(indexes.get(locale)!.loaded, input), `${locale}: ${input}`).not.toThrow();
    }
    expect(titles("en", "legal:aid")).toEqual(titles("en", "legal aid"));
  });

  it("returns services, rights articles and vacancies, each with its path and locale", () => {
    const hits = search(indexes.get("en")!.loaded, "health");
    const kinds = new Set(hits.map((hit) => hit.document.k));
    expect([...kinds].sort()).toEqual(["j", "r", "s"]);
    for (const hit of hits) expect(hit.document.u).toMatch(/^(services|rights|jobs)\/[a-z0-9-]+\/$/);
    const slugs = new Set(snapshot.services.map((service) => `services/${service.slug}/`));
    expect(hits.filter((hit) => hit.document.k === "s").every((hit) => slugs.has(hit.document.u))).toBe(true);
  });

  it("indexes titles, summaries, categories and places, not whole bodies", () => {
    const article = snapshot.rights.find((entry) => entry.slug === "residence-for-libyans-in-tunisia")!;
    const body = article.translations.find((text) => text.locale === "en")!.body;
    // "258" (Labour Code article 258-2) appears only deep in the body.
    expect(body).toContain("258");
    expect(titles("en", "258")).toEqual([]);
    const legalAid = site.categoryName("legal_aid", "en").value;
    expect(titles("en", legalAid).length).toBeGreaterThan(0);
  });

  it("reads back, from the compact file, the index lunr built (same matches, same scores)", async () => {
    for (const locale of ["ar", "en", "fr"]) {
      const original = (await buildLunrIndex(site, locale)).index;
      const decoded = indexes.get(locale)!.loaded.index;
      const { file } = indexes.get(locale)!;
      expect(decodeIndex(file.index).invertedIndex.map(([term]) => term)).toEqual(
        (original.toJSON() as unknown as { invertedIndex: [string][] }).invertedIndex.map(([term]) => term),
      );
      for (const word of ["clinic", "عياد", "sant", "libya", "tripoli", "legal", "1412"]) {
        const query = (index: lunr.Index) =>
          index.query((q) => {
            q.term(word, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING });
          });
        const expected = query(original);
        const actual = query(decoded);
        // Scores are kept to two decimals: the same matches, with the same scores give or take that.
        const scores = new Map(expected.map((hit) => [hit.ref, hit.score]));
        expect(actual.map((hit) => hit.ref).sort(), `${locale}: ${word}`).toEqual([...scores.keys()].sort());
        for (const hit of actual) expect(Math.abs(hit.score - scores.get(hit.ref)!), `${locale}: ${word}`).toBeLessThan(0.05 * Math.max(1, scores.get(hit.ref)!));
      }
    }
  });

  it("stays under 150 KB gzipped per locale with 1,000 services", async () => {
    const towns = ["tripoli", "sabha", "misrata", "benghazi", "zuwara", "kufra", "ubari", "ghat", "murzuq", "derna", "tobruk", "sirte", "zawiya", "gharyan", "janzour"];
    const words = ["centre", "mobile", "annex", "branch", "point", "unit", "desk", "team", "office", "post"];
    const services: ServiceRecord[] = Array.from({ length: 1000 }, (_, index) => {
      const base = structuredClone(snapshot.services[index % snapshot.services.length]!);
      const town = towns[index % towns.length]!;
      return {
        ...base,
        id: `${base.id}-${index}`,
        slug: `${base.slug}-${index}`,
        translations: base.translations.map((text) => ({ ...text, name: `${text.name} ${words[index % words.length]} ${town} ${index}` })),
        locations: base.locations.map((entry) => ({ ...entry, location: { ...entry.location, place: { slug: towns[(index * 7) % towns.length]! } } })),
      };
    });
    const large = buildSite({ ...snapshot, services });
    for (const locale of ["ar", "en", "fr"]) {
      const built = await buildSearchIndex(large, locale);
      const gzipped = gzipSync(built.json).length;
      console.log(`search index (${locale}) with ${built.documents} documents: ${(gzipped / 1024).toFixed(1)} KB gzipped`);
      expect(gzipped).toBeLessThan(150 * 1024);
    }
  }, 120_000);
});
