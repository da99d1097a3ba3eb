import { readFileSync } from "node:fs";
import { hasUiStrings } from "../i18n/index.js";
import { libyaToday } from "../lib/dates.js";
import { emergencyNumbers, type EmergencyNumber } from "./emergency.js";
import { fetchSnapshot, prefetchedSnapshot } from "./fetch-snapshot.js";
import { type Localized, pickText } from "./localize.js";
import { assertPublishable } from "./validate.js";
import type {
  AlertRecord,
  CategoryRecord,
  LocaleInfo,
  OrganizationRecord,
  PlaceRecord,
  RightsArticleRecord,
  ServiceRecord,
  Snapshot,
  VacancyRecord,
} from "./types.js";

/**
 * The site model of one build: the API snapshot plus the lookups every page needs (places and
 * categories as trees, services by category and by place), computed once. Pages read it in
 * getStaticPaths; nothing is fetched per page.
 */

export interface PlaceNode extends PlaceRecord {
  parent: PlaceNode | null;
  childNodes: PlaceNode[];
  depth: number;
}

export interface CategoryNode extends CategoryRecord {
  parent: CategoryNode | null;
  childNodes: CategoryNode[];
}

export interface Site {
  snapshot: Snapshot;
  /** The locales pages are built in: the API's, in its order, that have UI strings. */
  locales: LocaleInfo[];
  /** Fallback order for texts: every locale the API lists, Arabic first. */
  order: string[];
  builtAt: Date;
  places: Map<string, PlaceNode>;
  countries: PlaceNode[];
  categories: Map<string, CategoryNode>;
  topCategories: CategoryNode[];
  organizations: Map<string, OrganizationRecord>;
  organizationsBySlug: Map<string, OrganizationRecord>;
  services: ServiceRecord[];
  servicesByCategory: Map<string, ServiceRecord[]>;
  servicesByPlace: Map<string, ServiceRecord[]>;
  servicesByOrganization: Map<string, ServiceRecord[]>;
  rights: RightsArticleRecord[];
  vacancies: VacancyRecord[];
  emergency: EmergencyNumber[];
  text<T extends { locale: string }, K extends keyof T>(translations: readonly T[], field: K, locale: string): Localized<NonNullable<T[K]>> | null;
  placeName(slug: string, locale: string): Localized;
  categoryName(code: string, locale: string): Localized;
  organizationName(id: string, locale: string): Localized;
  serviceName(service: ServiceRecord, locale: string): Localized;
  /** Services in a locale's alphabetical order (names in that locale). */
  sortServices(services: readonly ServiceRecord[], locale: string): ServiceRecord[];
  /** The place and every place containing it, innermost first. */
  ancestors(slug: string): PlaceNode[];
  countryOf(slug: string): PlaceNode | undefined;
  /**
   * The active alerts that concern a service: those naming it, its organization, or a place where
   * it is (or a region or country containing it).
   */
  alertsForService(service: ServiceRecord): AlertRecord[];
  /** The active alerts that concern a place's page: those naming it or a place containing it, and those naming a service listed there. */
  alertsForPlace(slug: string): AlertRecord[];
  /** The active alerts that concern an organization's page: those naming it or one of its services. */
  alertsForOrganization(id: string): AlertRecord[];
  /** The active alerts that name one of these services (a listing's). */
  alertsForServices(services: readonly ServiceRecord[]): AlertRecord[];
  /** When a closure alert closes the service at build time: the last day (Libya) it is closed; else null. */
  closedUntil(service: ServiceRecord): string | null;
  /** The places that have an alerts feed: every place page's, and every place an alert names. */
  alertFeedPlaces: string[];
}

function addAll<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (list[list.length - 1] !== value) list.push(value);
}

export function buildSite(snapshot: Snapshot, builtAt: Date = new Date()): Site {
  const order = snapshot.locales.map((locale) => locale.code);
  const locales = snapshot.locales.filter((locale) => hasUiStrings(locale.code));
  const text: Site["text"] = (translations, field, locale) => pickText(translations, field, locale, order);

  const places = new Map<string, PlaceNode>();
  const walkPlaces = (records: PlaceRecord[], parent: PlaceNode | null, depth: number): PlaceNode[] =>
    records.map((record) => {
      const node: PlaceNode = { ...record, parent, depth, childNodes: [] };
      places.set(node.slug, node);
      node.childNodes = walkPlaces(record.children ?? [], node, depth + 1);
      return node;
    });
  const countries = walkPlaces(snapshot.places, null, 0);

  const categories = new Map<string, CategoryNode>();
  const walkCategories = (records: CategoryRecord[], parent: CategoryNode | null): CategoryNode[] =>
    [...records]
      .sort((a, b) => a.position - b.position)
      .map((record) => {
        const node: CategoryNode = { ...record, parent, childNodes: [] };
        categories.set(node.code, node);
        node.childNodes = walkCategories(record.children ?? [], node);
        return node;
      });
  const topCategories = walkCategories(snapshot.categories, null);

  const organizations = new Map(snapshot.organizations.map((organization) => [organization.id, organization]));
  const organizationsBySlug = new Map(snapshot.organizations.map((organization) => [organization.slug, organization]));

  const ancestors = (slug: string): PlaceNode[] => {
    const chain: PlaceNode[] = [];
    for (let node = places.get(slug) ?? null; node; node = node.parent) chain.push(node);
    return chain;
  };

  const servicesByCategory = new Map<string, ServiceRecord[]>();
  const servicesByPlace = new Map<string, ServiceRecord[]>();
  const servicesByOrganization = new Map<string, ServiceRecord[]>();
  for (const service of snapshot.services) {
    for (const { code } of service.categories) {
      for (let node = categories.get(code) ?? null; node; node = node.parent) addAll(servicesByCategory, node.code, service);
    }
    for (const { location } of service.locations) {
      for (const place of ancestors(location.place.slug)) addAll(servicesByPlace, place.slug, service);
    }
    addAll(servicesByOrganization, service.organization.id, service);
  }
  // A service with several locations in one place was added once per location: dedupe.
  for (const [key, list] of servicesByPlace) servicesByPlace.set(key, [...new Set(list)]);
  for (const [key, list] of servicesByCategory) servicesByCategory.set(key, [...new Set(list)]);

  const unknown = (value: string, locale: string): Localized => ({ value, locale, fallback: false });
  const placeName = (slug: string, locale: string) => {
    const place = places.get(slug);
    return (place && text(place.translations, "name", locale)) || unknown(slug, locale);
  };
  const categoryName = (code: string, locale: string) => {
    const category = categories.get(code);
    return (category && text(category.translations, "name", locale)) || unknown(code, locale);
  };
  const organizationName = (id: string, locale: string) => {
    const organization = organizations.get(id);
    return (organization && text(organization.translations, "name", locale)) || unknown("", locale);
  };
  const serviceName = (service: ServiceRecord, locale: string) => text(service.translations, "name", locale) ?? unknown(service.slug, locale);

  const collators = new Map<string, Intl.Collator>();
  const nameKeys = new Map<string, Map<string, string>>();
  const sortServices = (list: readonly ServiceRecord[], locale: string) => {
    let collator = collators.get(locale);
    if (!collator) collators.set(locale, (collator = new Intl.Collator(locale, { sensitivity: "base", numeric: true })));
    let keys = nameKeys.get(locale);
    if (!keys) nameKeys.set(locale, (keys = new Map()));
    const key = (service: ServiceRecord) => {
      let name = keys!.get(service.id);
      if (name === undefined) keys!.set(service.id, (name = serviceName(service, locale).value));
      return name;
    };
    return [...list].sort((a, b) => collator!.compare(key(a), key(b)));
  };

  // Closures in force at build time; the phone hides the label once the last day is over (site.js).
  const today = libyaToday(builtAt);
  const closures = new Map<string, string>();
  for (const alert of snapshot.alerts) {
    if (!alert.closedUntil || alert.closedUntil < today || Date.parse(alert.validFrom) > builtAt.getTime()) continue;
    for (const { id } of alert.services) {
      const until = closures.get(id);
      if (!until || until < alert.closedUntil) closures.set(id, alert.closedUntil);
    }
  }

  const vacancies = snapshot.vacancies
    .filter((vacancy) => vacancy.isOpen)
    .sort((a, b) => (b.publishedOn ?? "").localeCompare(a.publishedOn ?? "") || a.deadline.localeCompare(b.deadline));

  return {
    snapshot,
    locales,
    order,
    builtAt,
    places,
    countries,
    categories,
    topCategories,
    organizations,
    organizationsBySlug,
    services: snapshot.services,
    servicesByCategory,
    servicesByPlace,
    servicesByOrganization,
    rights: snapshot.rights,
    vacancies,
    emergency: emergencyNumbers(),
    text,
    placeName,
    categoryName,
    organizationName,
    serviceName,
    sortServices,
    ancestors,
    countryOf: (slug) => ancestors(slug).at(-1),
    alertsForService: (service) => {
      const places = new Set(service.locations.flatMap(({ location }) => ancestors(location.place.slug).map((place) => place.slug)));
      return snapshot.alerts.filter(
        (alert) =>
          alert.services.some((target) => target.id === service.id) ||
          alert.organizations.some((target) => target.id === service.organization.id) ||
          alert.places.some((target) => places.has(target.slug)),
      );
    },
    alertsForPlace: (slug) => {
      const places = new Set(ancestors(slug).map((place) => place.slug));
      const listed = new Set((servicesByPlace.get(slug) ?? []).map((service) => service.id));
      return snapshot.alerts.filter((alert) => alert.places.some((target) => places.has(target.slug)) || alert.services.some((target) => listed.has(target.id)));
    },
    alertsForOrganization: (id) => {
      const listed = new Set((servicesByOrganization.get(id) ?? []).map((service) => service.id));
      return snapshot.alerts.filter((alert) => alert.organizations.some((target) => target.id === id) || alert.services.some((target) => listed.has(target.id)));
    },
    alertsForServices: (list) => {
      const listed = new Set(list.map((service) => service.id));
      return snapshot.alerts.filter((alert) => alert.services.some((target) => listed.has(target.id)));
    },
    closedUntil: (service) => closures.get(service.id) ?? null,
    alertFeedPlaces: [...new Set([...servicesByPlace.keys(), ...snapshot.alerts.flatMap((alert) => alert.places.map((place) => place.slug))])].filter((slug) => places.has(slug)),
  };
}

/**
 * The site of this build, loaded once per process: from the snapshot file named by
 * START_PORTAL_SNAPSHOT when set (scripts/build.mjs writes none; tests may), else fetched from
 * the API at START_API_URL. Kept on globalThis so that every page chunk shares it.
 */
const CACHE = Symbol.for("start.portal.site");
type Global = typeof globalThis & { [CACHE]?: Promise<Site> };

export function loadSite(): Promise<Site> {
  const global = globalThis as Global;
  global[CACHE] ??= (async () => {
    const file = process.env.START_PORTAL_SNAPSHOT;
    if (file) return buildSite(assertPublishable(JSON.parse(readFileSync(file, "utf8")) as Snapshot));
    const prefetched = prefetchedSnapshot();
    if (prefetched) return buildSite(assertPublishable(await prefetched));
    const apiUrl = process.env.START_API_URL;
    if (!apiUrl) throw new Error("START_API_URL is not set: the portal needs the GraphQL API's URL, such as http://127.0.0.1:4000/graphql");
    return buildSite(assertPublishable(await fetchSnapshot(apiUrl)));
  })();
  return global[CACHE];
}
