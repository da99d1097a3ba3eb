/**
 * The records the portal is built from, as the GraphQL API returns them (see queries.ts).
 * Texts come as `translations` (every locale at once): the portal picks one locale per page
 * and falls back in the platform's order, like the API does (localize.ts).
 */

export interface LocaleInfo {
  code: string;
  autonym: string;
  direction: "rtl" | "ltr";
}

export interface Source {
  title: string;
  url: string | null;
  /** The source's own date (publication or last update). */
  published?: string | null;
  /** When it was read. */
  accessed?: string | null;
}

export interface PhoneRecord {
  number: string;
  type: "VOICE" | "WHATSAPP" | "SMS" | "HOTLINE" | "FAX";
  extension: string | null;
  languages: string[];
  translations: { locale: string; description: string }[];
}

export interface OpeningPeriod {
  weekday: number;
  opensAt: string;
  closesAt: string;
}

export interface ScheduleRecord {
  periods: OpeningPeriod[];
  translations: { locale: string; notes: string }[];
  validFrom: string | null;
  validTo: string | null;
}

export interface PlaceRecord {
  id: string;
  slug: string;
  kind: "COUNTRY" | "REGION" | "MUNICIPALITY" | "CITY";
  countryCode: string;
  latitude: number | null;
  longitude: number | null;
  timeZone: string;
  aliases: string[];
  translations: { locale: string; name: string }[];
  children?: PlaceRecord[];
}

export interface CategoryRecord {
  id: string;
  code: string;
  icon: string | null;
  position: number;
  serviceCount: number;
  translations: { locale: string; name: string; description: string | null }[];
  children?: CategoryRecord[];
}

export interface OrganizationRecord {
  id: string;
  slug: string;
  kind: string;
  isSample: boolean;
  website: string | null;
  email: string | null;
  translations: { locale: string; name: string; alternateName: string | null; description: string | null }[];
  phones: PhoneRecord[];
  sources: Source[];
}

export interface LocationRecord {
  id: string;
  latitude: number | null;
  longitude: number | null;
  postalCode: string | null;
  place: { slug: string };
  translations: {
    locale: string;
    name: string | null;
    address: string | null;
    accessibility: string | null;
    transportation: string | null;
    description: string | null;
  }[];
  phones: PhoneRecord[];
}

export interface ServiceLocationRecord {
  id: string;
  location: LocationRecord;
  phones: PhoneRecord[];
  schedules: ScheduleRecord[];
}

export type Audience = "ANYONE" | "CHILDREN" | "IDPS" | "LIBYANS_ABROAD" | "MIGRANTS_IN_LIBYA" | "RETURNEES" | "WOMEN";

export interface ServiceRecord {
  id: string;
  slug: string;
  isSample: boolean;
  status: "ACTIVE" | "INACTIVE" | "DEFUNCT" | "TEMPORARILY_CLOSED";
  cost: "FREE" | "PAID" | "VARIES";
  audiences: Audience[];
  languages: string[];
  confidentialAddress: boolean;
  minimumAge: number | null;
  maximumAge: number | null;
  email: string | null;
  url: string | null;
  verifiedAt: string | null;
  verifiedBy: string | null;
  updatedAt: string;
  translations: {
    locale: string;
    name: string;
    alternateName: string | null;
    description: string | null;
    eligibilityDescription: string | null;
    applicationProcess: string | null;
    feesDescription: string | null;
    requiredDocuments: string[];
  }[];
  organization: { id: string; slug: string };
  categories: { code: string }[];
  phones: PhoneRecord[];
  schedules: ScheduleRecord[];
  locations: ServiceLocationRecord[];
  sources: Source[];
}

export interface RightsArticleRecord {
  id: string;
  slug: string;
  topic: string;
  audience: Audience;
  isSample: boolean;
  reviewedOn: string;
  updatedAt: string;
  country: { slug: string };
  translations: { locale: string; title: string; summary: string; body: string }[];
  sources: Source[];
}

export interface VacancyRecord {
  id: string;
  slug: string;
  isSample: boolean;
  isOpen: boolean;
  deadline: string;
  publishedOn: string | null;
  positions: number;
  employmentType: string;
  eligibility: string;
  recruitmentChannel: string;
  sector: string;
  occupationCode: string | null;
  applyEmail: string | null;
  applyPhone: string | null;
  applyUrl: string | null;
  updatedAt: string;
  salary: { currency: string; min: number | null; max: number | null; period: string | null } | null;
  organization: { id: string; slug: string };
  place: { slug: string };
  translations: { locale: string; title: string; description: string | null; requirements: string | null; howToApply: string | null }[];
  sources: Source[];
}

export interface AlertRecord {
  id: string;
  severity: "INFO" | "WARNING" | "DANGER";
  isSample: boolean;
  validFrom: string;
  validUntil: string | null;
  /** A closure: the last day (YYYY-MM-DD, Libya) the services it names are closed. */
  closedUntil: string | null;
  /** What it concerns (none of them: everyone). */
  places: { slug: string }[];
  organizations: { id: string; slug: string }[];
  services: { id: string; slug: string }[];
  translations: { locale: string; title: string; body: string | null }[];
  sources: Source[];
}

/** Everything one build needs, fetched once from the API. */
export interface Snapshot {
  fetchedAt: string;
  locales: LocaleInfo[];
  categories: CategoryRecord[];
  places: PlaceRecord[];
  organizations: OrganizationRecord[];
  services: ServiceRecord[];
  rights: RightsArticleRecord[];
  vacancies: VacancyRecord[];
  alerts: AlertRecord[];
}
