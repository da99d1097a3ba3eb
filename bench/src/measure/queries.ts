import { DIRECTORY_QUERY } from "@start/api";

/**
 * The four API reads the benchmark loads: the directory page (the query partners and the portal
 * run most: 20 services with organization, locations, phones, hours and categories), a service
 * page, a filtered page (category + place + open now), and search.
 */
export { DIRECTORY_QUERY };

/** What a service page shows (as a partner or a chatbot would fetch it). */
export const SERVICE_PAGE_QUERY = /* GraphQL */ `
  query ServicePage($slug: String!, $locale: String) {
    service(slug: $slug, locale: $locale) {
      id slug status cost audiences languages minimumAge maximumAge url email confidentialAddress isSample verifiedAt verifiedBy openNow
      name { text locale isFallback }
      alternateName { text }
      description { text locale }
      eligibilityDescription { text }
      applicationProcess { text }
      feesDescription { text }
      requiredDocuments { items }
      organization { slug kind website name { text } phones { number type } }
      categories { code name { text } parent { code name { text } } }
      phones { number type languages description { text } }
      schedules { periods { weekday opensAt closesAt } notes { text } }
      locations {
        location {
          latitude longitude name { text } address { text } accessibility { text } transportation { text }
          place { slug name { text } parent { slug name { text } } }
          phones { number type }
        }
        phones { number type description { text } }
        schedules { periods { weekday opensAt closesAt } notes { text } }
      }
      sources { title url }
    }
  }
`;

/** The directory page's selection, filtered. */
export const FILTERED_QUERY = DIRECTORY_QUERY.replace("query Directory($first: Int!, $after: String, $locale: String)", "query Filtered($first: Int!, $after: String, $locale: String, $filter: ServiceFilter)").replace(
  "services(first: $first, after: $after, locale: $locale)",
  "services(first: $first, after: $after, locale: $locale, filter: $filter)",
);
if (FILTERED_QUERY === DIRECTORY_QUERY || !FILTERED_QUERY.includes("filter: $filter")) throw new Error("the directory query changed: update FILTERED_QUERY");

export const SEARCH_QUERY = /* GraphQL */ `
  query Search($query: String!, $locale: String) {
    search(query: $query, locale: $locale, first: 10) {
      totalCount
      hits {
        type score
        item {
          ... on Service { slug name { text } organization { name { text } } }
          ... on RightsArticle { slug title { text } }
          ... on Vacancy { slug title { text } deadline }
        }
      }
      facets { types { type count } categories { category { code name { text } } count } places { place { slug name { text } } count } }
    }
  }
`;

/**
 * The fixed search queries, in each language: what people type (a kind of help, a town by its
 * name or transliteration, a misspelling, a word with the Arabic article).
 */
export const SEARCH_TERMS: Record<"ar" | "en" | "fr", string[]> = {
  ar: ["دعم نفسي", "المساعدة القانونية", "طرابلس", "تطعيم الأطفال", "مأوى", "عيادة متنقلة", "ممرضون", "سبها"],
  en: ["psychosocial support", "legal aid", "Trablus", "vaccination", "shelter", "mobile clinic", "nurses", "Benghazi"],
  fr: ["soutien psychosocial", "aide juridique", "Tripoli", "vaccination", "hébergement", "clinique mobile", "infirmiers", "Sabha"],
};
