/**
 * The GraphQL queries of a build: a handful of requests for the whole site (paginated lists),
 * never one per page. Every text is asked for in all locales (`translations`), so that each
 * record is fetched once for the three locales.
 */

const PHONE = `number type extension languages translations { locale description }`;
const SCHEDULE = `periods { weekday opensAt closesAt } translations { locale notes } validFrom validTo`;
const SOURCE = `title url published accessed`;
const PLACE = `id slug kind countryCode latitude longitude timeZone aliases translations { locale name }`;
const CATEGORY = `id code icon position serviceCount translations { locale name description }`;

export const META_QUERY = /* GraphQL */ `
  query PortalMeta {
    locales { code autonym direction }
    categories { ${CATEGORY} children { ${CATEGORY} children { ${CATEGORY} } } }
    places { ${PLACE} children { ${PLACE} children { ${PLACE} children { ${PLACE} } } } }
    alerts(activeOnly: true) {
      id severity isSample validFrom validUntil closedUntil
      places { slug } organizations { id slug } services { id slug }
      translations { locale title body } sources { title url }
    }
  }
`;

/** Services are the heaviest records: pages of 50 stay under the API's complexity limit. */
export const SERVICE_PAGE_SIZE = 50;
export const SERVICES_QUERY = /* GraphQL */ `
  query PortalServices($first: Int!, $after: String) {
    services(first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges { node {
        id slug isSample status cost audiences languages confidentialAddress minimumAge maximumAge
        email url verifiedAt verifiedBy updatedAt
        translations { locale name alternateName description eligibilityDescription applicationProcess feesDescription requiredDocuments }
        organization { id slug }
        categories { code }
        phones { ${PHONE} }
        schedules { ${SCHEDULE} }
        locations {
          id
          phones { ${PHONE} }
          schedules { ${SCHEDULE} }
          location {
            id latitude longitude postalCode place { slug }
            translations { locale name address accessibility transportation description }
            phones { ${PHONE} }
          }
        }
        sources { ${SOURCE} }
      } }
    }
  }
`;

export const PAGE_SIZE = 100;
export const ORGANIZATIONS_QUERY = /* GraphQL */ `
  query PortalOrganizations($first: Int!, $after: String) {
    organizations(first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges { node {
        id slug kind isSample website email
        translations { locale name alternateName description }
        phones { ${PHONE} }
        sources { ${SOURCE} }
      } }
    }
  }
`;

export const RIGHTS_QUERY = /* GraphQL */ `
  query PortalRights($first: Int!, $after: String) {
    rightsArticles(first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges { node {
        id slug topic audience isSample reviewedOn updatedAt country { slug }
        translations { locale title summary body }
        sources { ${SOURCE} }
      } }
    }
  }
`;

export const VACANCIES_QUERY = /* GraphQL */ `
  query PortalVacancies($first: Int!, $after: String) {
    vacancies(first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges { node {
        id slug isSample isOpen deadline publishedOn positions employmentType eligibility recruitmentChannel
        sector occupationCode applyEmail applyPhone applyUrl updatedAt
        salary { currency min max period }
        organization { id slug }
        place { slug }
        translations { locale title description requirements howToApply }
        sources { ${SOURCE} }
      } }
    }
  }
`;
