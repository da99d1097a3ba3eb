/**
 * The directory query the portal and partners run most: a page of services with their
 * organization, locations, phones, opening hours and categories. The statement-count test and the
 * latency measurement use this very query.
 */
export const DIRECTORY_QUERY = /* GraphQL */ `
  query Directory($first: Int!, $after: String, $locale: String) {
    services(first: $first, after: $after, locale: $locale) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        cursor
        node {
          id
          slug
          name { text locale isFallback }
          description { text locale }
          cost
          audiences
          languages
          organization { slug name { text } }
          categories { code name { text } }
          phones { number type languages }
          schedules { periods { weekday opensAt closesAt } notes { text } }
          locations {
            location { latitude longitude address { text } place { slug name { text } } }
            phones { number type }
            schedules { periods { weekday opensAt closesAt } notes { text } }
          }
        }
      }
    }
  }
`;
