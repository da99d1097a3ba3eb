import { derivedId, START_TAXONOMY_ID } from "./ids.js";
import { inChainOrder, type LocaleChain, pickedLocale, pickList, pickText } from "./locale.js";
import { hsdsMessage } from "./messages.js";
import type {
  CategoryAggregate,
  LinkAggregate,
  LocationAggregate,
  OrganizationAggregate,
  OrganizationRecord,
  PhoneAggregate,
  PlaceAggregate,
  ScheduleAggregate,
  ServiceAggregate,
} from "./reader.js";

/**
 * START records → HSDS 3.0 objects, in one locale (with the GraphQL API's fallback) plus START's
 * profile: every locale's texts in `translations`, and what HSDS has no field for (audiences,
 * cost, verification, sample flag, places). Fields START has no value for are left out, never null
 * (HSDS types them as plain strings and numbers).
 */

export type Json = Record<string, unknown>;

export interface MapContext {
  chain: LocaleChain;
  /** Enabled locales in the platform's order: the order of every `translations` object. */
  enabled: readonly string[];
  places: ReadonlyMap<string, PlaceAggregate>;
  /**
   * Whether a location nested in a service shows only its place. Default: when that service keeps
   * its address confidential (as the GraphQL API). The tabular export, which writes each location
   * once, asks whether every published service there is confidential.
   */
  locationConfidential?: (locationId: string) => boolean | undefined;
}

/**
 * Drops undefined and null values, so the object validates (HSDS types fields as plain strings and
 * numbers). Empty lists stay: they say the record has none, and an import replaces lists it is given.
 */
export function compact<T extends Json>(object: T): T {
  for (const key of Object.keys(object)) {
    const value = object[key];
    if (value === undefined || value === null) delete object[key];
  }
  return object;
}

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : undefined);
const isoDate = (date: Date | null | undefined) => (date ? date.toISOString().slice(0, 10) : undefined);
const hoursAndMinutes = (time: string) => time.slice(0, 5);
const WEEKDAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;

/** `{ ar: {name, description}, en: {…} }` from translation rows, blank texts left out. */
function translations<Row extends { locale: string }>(
  rows: readonly Row[],
  fields: Record<string, (row: Row) => string | readonly string[] | null | undefined>,
  context: MapContext,
): Json | undefined {
  const result: Json = {};
  const platformOrder = { requested: context.enabled[0] ?? "ar", order: [...context.enabled] };
  for (const row of inChainOrder(rows, platformOrder)) {
    const texts: Json = {};
    for (const [field, read] of Object.entries(fields)) {
      const value = read(row);
      if (Array.isArray(value) ? value.length > 0 : typeof value === "string" && value.trim() !== "") texts[field] = Array.isArray(value) ? [...value] : value;
    }
    if (Object.keys(texts).length > 0) result[row.locale] = texts;
  }
  return Object.keys(result).length > 0 ? result : undefined;
}

function languageName(code: string, locale: string): string | undefined {
  try {
    const name = new Intl.DisplayNames([locale], { type: "language", fallback: "none" }).of(code);
    return name ?? undefined;
  } catch {
    return undefined;
  }
}

function languages(codes: readonly string[], owner: { field: string; id: string }, context: MapContext): Json[] {
  return codes.map((code) =>
    compact({ id: derivedId("language", owner.id, code), [owner.field]: owner.id, name: languageName(code, context.chain.requested), code }),
  );
}

/** RFC 6350 types, the list HSDS draws phone.type from; START's own kind is in `channel`. */
const PHONE_TYPE: Record<string, string> = { voice: "voice", hotline: "voice", whatsapp: "text", sms: "text", fax: "fax" };

export function hsdsPhones(list: readonly PhoneAggregate[], owner: { field: string; id: string }, context: MapContext): Json[] {
  return list.map((phone) =>
    compact({
      id: phone.id,
      [owner.field]: owner.id,
      number: phone.number,
      extension: phone.extension != null && /^[0-9]+$/.test(phone.extension) ? Number(phone.extension) : undefined,
      type: PHONE_TYPE[phone.type] ?? "voice",
      description: pickText(phone.translations, (t) => t.description, context.chain),
      languages: phone.languages.length ? languages(phone.languages, { field: "phone_id", id: phone.id }, context) : undefined,
      channel: phone.type,
      translations: translations(phone.translations, { description: (t) => t.description }, context),
    }),
  );
}

/**
 * A START timetable holds a week of periods; an HSDS schedule holds one opening time on some
 * weekdays. So each timetable becomes one schedule per distinct opening time (the first keeps the
 * timetable's id, the others get ids derived from it), all carrying the timetable's id as group_id.
 */
export function hsdsSchedules(list: readonly ScheduleAggregate[], owner: { field: string; id: string }, context: MapContext): Json[] {
  const result: Json[] = [];
  for (const schedule of list) {
    const groups = new Map<string, { opens: string; closes: string; days: Set<number> }>();
    for (const period of schedule.periods) {
      const key = `${period.opensAt}-${period.closesAt}`;
      const group = groups.get(key) ?? { opens: period.opensAt, closes: period.closesAt, days: new Set<number>() };
      group.days.add(period.weekday);
      groups.set(key, group);
    }
    const ordered = [...groups.values()].sort((a, b) => a.opens.localeCompare(b.opens) || a.closes.localeCompare(b.closes));
    const common = {
      [owner.field]: owner.id,
      valid_from: schedule.validFrom ?? undefined,
      valid_to: schedule.validTo ?? undefined,
    };
    const notes = pickText(schedule.translations, (t) => t.notes, context.chain);
    const texts = translations(schedule.translations, { notes: (t) => t.notes }, context);
    if (ordered.length === 0) {
      result.push(compact({ id: schedule.id, ...common, notes, group_id: schedule.id, translations: texts }));
      continue;
    }
    ordered.forEach((group, index) => {
      result.push(
        compact({
          id: index === 0 ? schedule.id : derivedId("schedule", schedule.id, group.opens, group.closes),
          ...common,
          freq: "WEEKLY",
          byday: [...group.days].sort().map((day) => WEEKDAY_CODES[day - 1]).join(","),
          opens_at: hoursAndMinutes(group.opens),
          closes_at: group.closes.startsWith("24:") ? "24:00" : hoursAndMinutes(group.closes),
          notes,
          group_id: schedule.id,
          translations: texts,
        }),
      );
    });
  }
  return result;
}

export function hsdsOrganizationFields(organization: OrganizationRecord | OrganizationAggregate, context: MapContext): Json {
  const rows = organization.translations;
  return compact({
    id: organization.id,
    name: pickText(rows, (t) => t.name, context.chain) ?? "",
    alternate_name: pickText(rows, (t) => t.alternateName, context.chain),
    description: pickText(rows, (t) => t.description, context.chain) ?? "",
    email: organization.email,
    website: organization.website,
    logo: organization.logo,
    slug: organization.slug,
    kind: organization.kind,
    sample: organization.isSample,
    sources: organization.sources.length ? organization.sources : undefined,
    translations: translations(rows, { name: (t) => t.name, alternate_name: (t) => t.alternateName, description: (t) => t.description }, context),
  });
}

export function hsdsTaxonomy(context: MapContext): Json {
  const locale = context.chain.requested;
  return { id: START_TAXONOMY_ID, name: hsdsMessage(locale, "taxonomyName"), description: hsdsMessage(locale, "taxonomyDescription"), version: "1" };
}

export function hsdsTaxonomyTerm(category: CategoryAggregate, context: MapContext, options: { detail?: boolean } = {}): Json {
  const rows = category.translations;
  return compact({
    id: category.id,
    code: category.code,
    name: pickText(rows, (t) => t.name, context.chain) ?? category.code,
    description: pickText(rows, (t) => t.description, context.chain) ?? "",
    parent_id: category.parentId,
    taxonomy: "START",
    taxonomy_detail: options.detail ? hsdsTaxonomy(context) : undefined,
    language: pickedLocale(rows, (t) => t.name, context.chain),
    taxonomy_id: START_TAXONOMY_ID,
    position: category.position,
    icon: category.icon,
    translations: translations(rows, { name: (t) => t.name, description: (t) => t.description }, context),
  });
}

export function hsdsPlace(place: PlaceAggregate, context: MapContext): Json {
  return compact({
    id: place.id,
    slug: place.slug,
    name: pickText(place.translations, (t) => t.name, context.chain),
    kind: place.kind,
    parent_id: place.parentId,
    country_code: place.countryCode,
    latitude: place.latitude,
    longitude: place.longitude,
    time_zone: place.timeZone,
    translations: translations(place.translations, { name: (t) => t.name }, context),
  });
}

/** The town, region and country of a place, for an HSDS address. */
function addressPlaces(placeId: string, context: MapContext) {
  let city: PlaceAggregate | undefined;
  let region: PlaceAggregate | undefined;
  let country = "";
  for (let place = context.places.get(placeId), depth = 0; place && depth < 10; place = place.parentId ? context.places.get(place.parentId) : undefined, depth++) {
    if (!country) country = place.countryCode;
    if ((place.kind === "municipality" || place.kind === "city") && !city) city = place;
    if (place.kind === "region" && !region) region = place;
  }
  const name = (place: PlaceAggregate | undefined) => (place ? (pickText(place.translations, (t) => t.name, context.chain) ?? "") : "");
  return { city: name(city), stateProvince: name(region), country };
}

/**
 * A location's HSDS address, or none when it would not satisfy HSDS: HSDS requires a street
 * address, a town, a state or province, a postcode and a country, and most addresses in Libya have
 * no postcode and many places no region. Rather than fill the gaps with "" (rows no HSDS validator
 * accepts), such a location has no address: its place (`place_id`), coordinates and description
 * stay, and its street address as people write it is in the profile's `translations.<locale>.address`.
 */
function hsdsAddress(location: LocationAggregate, confidential: boolean, context: MapContext): Json | undefined {
  if (confidential) return undefined;
  const place = addressPlaces(location.placeId, context);
  const address = {
    id: derivedId("address", location.id),
    location_id: location.id,
    address_1: pickText(location.translations, (t) => t.address, context.chain) ?? "",
    city: place.city,
    state_province: place.stateProvince,
    postal_code: location.postalCode ?? "",
    country: place.country,
    address_type: location.locationType,
  };
  const complete = [address.address_1, address.city, address.state_province, address.postal_code, address.country].every((value) => value.trim() !== "");
  return complete ? address : undefined;
}

/** Every field of a location (a confidential one: its place only, as the GraphQL API shows it). */
export function hsdsLocationFields(location: LocationAggregate, confidential: boolean, context: MapContext): Json {
  const rows = location.translations;
  const address = hsdsAddress(location, confidential, context);
  const addresses = address ? [address] : [];
  const base = { id: location.id, location_type: location.locationType, organization_id: location.organizationId, place_id: location.placeId };
  if (confidential) return compact({ ...base, addresses, address_withheld: true });
  const accessibility = pickText(rows, (t) => t.accessibility, context.chain);
  return compact({
    ...base,
    name: pickText(rows, (t) => t.name, context.chain),
    description: pickText(rows, (t) => t.description, context.chain),
    transportation: pickText(rows, (t) => t.transportation, context.chain),
    latitude: location.latitude,
    longitude: location.longitude,
    addresses,
    accessibility: accessibility ? [{ id: derivedId("accessibility", location.id), location_id: location.id, description: accessibility }] : undefined,
    translations: translations(
      rows,
      {
        name: (t) => t.name,
        address: (t) => t.address,
        description: (t) => t.description,
        transportation: (t) => t.transportation,
        accessibility: (t) => t.accessibility,
      },
      context,
    ),
  });
}

export function hsdsLocation(location: LocationAggregate, confidential: boolean, context: MapContext): Json {
  const owner = { field: "location_id", id: location.id };
  return compact({
    ...hsdsLocationFields(location, confidential, context),
    phones: confidential ? undefined : hsdsPhones(location.phones, owner, context),
    schedules: hsdsSchedules(location.schedules, owner, context),
  });
}

/** A service's one-to-one fields (the /services list shape), with its organization. */
export function hsdsServiceFields(service: ServiceAggregate, context: MapContext): Json {
  const rows = service.translations;
  return compact({
    id: service.id,
    organization_id: service.organizationId,
    name: pickText(rows, (t) => t.name, context.chain) ?? "",
    alternate_name: pickText(rows, (t) => t.alternateName, context.chain),
    description: pickText(rows, (t) => t.description, context.chain),
    url: service.url,
    email: service.email,
    status: service.status,
    application_process: pickText(rows, (t) => t.applicationProcess, context.chain),
    fees_description: pickText(rows, (t) => t.feesDescription, context.chain),
    eligibility_description: pickText(rows, (t) => t.eligibilityDescription, context.chain),
    minimum_age: service.minimumAge,
    maximum_age: service.maximumAge,
    assured_date: isoDate(service.verifiedAt),
    last_modified: iso(service.updatedAt),
    organization: hsdsOrganizationFields(service.organization, context),
    slug: service.slug,
    cost: service.cost,
    audiences: service.audiences.length ? [...service.audiences] : undefined,
    confidential_address: service.confidentialAddress,
    sample: service.isSample,
    verified_at: iso(service.verifiedAt),
    verified_by: service.verifiedByName,
    sources: service.sources.length ? service.sources : undefined,
    translations: translations(
      rows,
      {
        name: (t) => t.name,
        alternate_name: (t) => t.alternateName,
        description: (t) => t.description,
        eligibility_description: (t) => t.eligibilityDescription,
        application_process: (t) => t.applicationProcess,
        fees_description: (t) => t.feesDescription,
        required_documents: (t) => t.requiredDocuments,
      },
      context,
    ),
  });
}

export function hsdsServiceAtLocation(
  link: LinkAggregate,
  service: ServiceAggregate,
  context: MapContext,
  options: { full: boolean; withService?: boolean },
): Json {
  const confidential = context.locationConfidential?.(link.locationId) ?? service.confidentialAddress;
  const owner = { field: "service_at_location_id", id: link.id };
  if (!options.full) {
    return compact({
      id: link.id,
      service_id: service.id,
      location_id: link.locationId,
      location: hsdsLocationFields(link.location, confidential, context),
      service: hsdsServiceFields(service, context),
    });
  }
  return compact({
    id: link.id,
    service_id: service.id,
    location_id: link.locationId,
    phones: hsdsPhones(link.phones, owner, context),
    schedules: hsdsSchedules(link.schedules, owner, context),
    location: hsdsLocation(link.location, confidential, context),
    service: options.withService ? hsdsServiceFields(service, context) : undefined,
  });
}

/** A fully nested service: what GET /hsds/services/{id} answers and services.json holds. */
export function hsdsService(service: ServiceAggregate, context: MapContext): Json {
  const owner = { field: "service_id", id: service.id };
  const documents = pickList(service.translations, (t) => t.requiredDocuments, context.chain);
  return compact({
    ...hsdsServiceFields(service, context),
    phones: hsdsPhones(service.phones, owner, context),
    schedules: hsdsSchedules(service.schedules, owner, context),
    service_at_locations: service.serviceAtLocations.map((link) => hsdsServiceAtLocation(link, service, context, { full: true })),
    languages: languages(service.languages, owner, context),
    cost_options:
      service.cost === "free"
        ? [{ id: derivedId("cost_option", service.id, "free"), service_id: service.id, option: hsdsMessage(context.chain.requested, "free"), amount: 0 }]
        : [],
    required_documents: documents.map((document, index) => ({
      id: derivedId("required_document", service.id, String(index)),
      service_id: service.id,
      document,
    })),
    attributes: service.categories.map(({ category }) => ({
      id: derivedId("attribute", service.id, category.id),
      link_id: service.id,
      link_entity: "service",
      taxonomy_term_id: category.id,
      taxonomy_term: hsdsTaxonomyTerm(category, context, { detail: true }),
    })),
  });
}

/** A fully nested organization: its phones, the locations its published services are delivered at, its services. */
export function hsdsOrganization(
  organization: OrganizationAggregate,
  locations: readonly { location: LocationAggregate; confidential: boolean }[],
  services: readonly Json[],
  context: MapContext,
): Json {
  return compact({
    ...hsdsOrganizationFields(organization, context),
    phones: hsdsPhones(organization.phones, { field: "organization_id", id: organization.id }, context),
    locations: locations.map(({ location, confidential }) => hsdsLocation(location, confidential, context)),
    services: [...services],
  });
}

/** The place ids a service's locations need (with their ancestors, loaded separately). */
export function placeIdsOf(services: readonly ServiceAggregate[]): string[] {
  return services.flatMap((service) => service.serviceAtLocations.map((link) => link.location.placeId));
}
