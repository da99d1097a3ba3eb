import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  time,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { E164_PATTERN, EMAIL_PATTERN, LANGUAGE_CODE_PATTERN, LINK_PATTERN, MAX_AGE, PHONE_EXTENSION_PATTERN, SLUG_PATTERN } from "../rules/index.js";
import { archivedAt, audience, createdAt, id, matches, notBlank, publicationState, updatedAt, version } from "./common.js";
import { categories } from "./categories.js";
import { organizations, type SourceReference } from "./organizations.js";
import { places } from "./places.js";
import { localeRef } from "./translation.js";
import { users } from "./accounts.js";

/** HSDS 3.0 service.status values, spelled as HSDS spells them. */
export const serviceStatus = pgEnum("service_status", ["active", "inactive", "defunct", "temporarily closed"]);
export const SERVICE_STATUSES = serviceStatus.enumValues;

export const serviceCost = pgEnum("service_cost", ["free", "paid", "varies"]);
export const SERVICE_COSTS = serviceCost.enumValues;

/** A check that every element of a text[] column matches a pattern (arrays cannot hold a per-element CHECK). */
const everyElementMatches = (column: Parameters<typeof matches>[0], pattern: string) =>
  sql`array_to_string(${column}, ',') ~ '^(${sql.raw(pattern.replace(/^\^|\$$/g, ""))}(,|$))*$'`;

export const services = pgTable(
  "services",
  {
    id: id(),
    slug: text("slug").notNull().unique(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    status: serviceStatus("status").notNull().default("active"),
    state: publicationState("state").notNull().default("draft"),
    url: text("url"),
    email: text("email"),
    cost: serviceCost("cost").notNull().default("free"),
    audiences: audience("audiences").array().notNull().default(sql`'{}'::audience[]`),
    /** ISO 639-1/639-3 codes of the languages the service is delivered in. */
    languages: text("languages").array().notNull().default(sql`'{}'::text[]`),
    minimumAge: smallint("minimum_age"),
    maximumAge: smallint("maximum_age"),
    /** Published only as a contact channel: shelters, trafficking and GBV services. */
    confidentialAddress: boolean("confidential_address").notNull().default(false),
    isSample: boolean("is_sample").notNull().default(false),
    sources: jsonb("sources").$type<SourceReference[]>().notNull().default([]),
    /** HSDS assured_date: the last time a person confirmed the listing is correct. */
    verifiedAt: timestamp("verified_at", { withTimezone: true }),
    verifiedByUserId: uuid("verified_by_user_id").references(() => users.id, { onDelete: "set null" }),
    /** Who verified it when that was not a START user (for example the content team, for shipped entries). */
    verifiedByName: text("verified_by_name"),
    rejectionReason: text("rejection_reason"),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    archivedAt: archivedAt(),
  },
  (t) => [
    check("services_slug_format", matches(t.slug, SLUG_PATTERN)),
    check("services_url_scheme", matches(t.url, LINK_PATTERN)),
    check("services_email_format", matches(t.email, EMAIL_PATTERN)),
    check("services_languages_format", everyElementMatches(t.languages, LANGUAGE_CODE_PATTERN)),
    check("services_age_range", sql`${t.minimumAge} is null or ${t.maximumAge} is null or ${t.minimumAge} <= ${t.maximumAge}`),
    check("services_age_non_negative", sql`coalesce(${t.minimumAge}, 0) >= 0 and coalesce(${t.maximumAge}, 0) >= 0`),
    // Migration 0010; tests/db/rules.test.ts keeps it equal to the rules' MAX_AGE.
    check("services_age_ceiling", sql`coalesce(${t.minimumAge}, 0) <= ${sql.raw(String(MAX_AGE))} and coalesce(${t.maximumAge}, 0) <= ${sql.raw(String(MAX_AGE))}`),
    check("services_sources_array", sql`jsonb_typeof(${t.sources}) = 'array'`),
    check("services_version_positive", sql`${t.version} > 0`),
    index("services_organization_idx").on(t.organizationId),
    index("services_state_idx").on(t.state),
    index("services_audiences_idx").using("gin", t.audiences),
    index("services_languages_idx").using("gin", t.languages),
  ],
);

export const serviceTranslations = pgTable(
  "service_translations",
  {
    serviceId: uuid("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "cascade" }),
    locale: localeRef(),
    name: text("name").notNull(),
    /** The name as start_normalize() writes it: what lists sort by (accents and Arabic spelling variants ignored). */
    nameSort: text("name_sort").generatedAlwaysAs(sql`start_normalize(name)`),
    alternateName: text("alternate_name"),
    description: text("description"),
    eligibilityDescription: text("eligibility_description"),
    applicationProcess: text("application_process"),
    feesDescription: text("fees_description"),
    /** Documents to bring, one per entry. */
    requiredDocuments: text("required_documents").array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [primaryKey({ columns: [t.serviceId, t.locale] }), check("service_translations_name_present", notBlank(t.name))],
);

export const serviceCategories = pgTable(
  "service_categories",
  {
    serviceId: uuid("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "cascade" }),
    categoryId: uuid("category_id")
      .notNull()
      .references(() => categories.id, { onDelete: "restrict" }),
  },
  (t) => [primaryKey({ columns: [t.serviceId, t.categoryId] }), index("service_categories_category_idx").on(t.categoryId)],
);

export const locationType = pgEnum("location_type", ["physical", "postal", "virtual"]);

/** A place where services are delivered (HSDS location). */
export const locations = pgTable(
  "locations",
  {
    id: id(),
    organizationId: uuid("organization_id").references(() => organizations.id, { onDelete: "restrict" }),
    placeId: uuid("place_id")
      .notNull()
      .references(() => places.id, { onDelete: "restrict" }),
    locationType: locationType("location_type").notNull().default("physical"),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    postalCode: text("postal_code"),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: archivedAt(),
  },
  (t) => [
    check("locations_latitude_range", sql`${t.latitude} between -90 and 90`),
    check("locations_longitude_range", sql`${t.longitude} between -180 and 180`),
    check("locations_coordinates_together", sql`(${t.latitude} is null) = (${t.longitude} is null)`),
    check("locations_version_positive", sql`${t.version} > 0`),
    index("locations_place_idx").on(t.placeId),
    index("locations_organization_idx").on(t.organizationId),
  ],
);

export const locationTranslations = pgTable(
  "location_translations",
  {
    locationId: uuid("location_id")
      .notNull()
      .references(() => locations.id, { onDelete: "cascade" }),
    locale: localeRef(),
    name: text("name"),
    /** Street address as people write it in this language, landmarks included. */
    address: text("address"),
    description: text("description"),
    transportation: text("transportation"),
    accessibility: text("accessibility"),
  },
  (t) => [primaryKey({ columns: [t.locationId, t.locale] })],
);

/** A service as delivered at one location (HSDS service_at_location). */
export const serviceAtLocations = pgTable(
  "service_at_locations",
  {
    id: id(),
    serviceId: uuid("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "cascade" }),
    locationId: uuid("location_id")
      .notNull()
      .references(() => locations.id, { onDelete: "restrict" }),
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("service_at_locations_service_location_unique").on(t.serviceId, t.locationId),
    index("service_at_locations_location_idx").on(t.locationId),
  ],
);

export const phoneType = pgEnum("phone_type", ["voice", "whatsapp", "sms", "hotline", "fax"]);
export const PHONE_TYPES = phoneType.enumValues;

/** A phone number of an organization, a service, a location or a service at a location (exactly one). */
export const phones = pgTable(
  "phones",
  {
    id: id(),
    organizationId: uuid("organization_id").references(() => organizations.id, { onDelete: "cascade" }),
    serviceId: uuid("service_id").references(() => services.id, { onDelete: "cascade" }),
    locationId: uuid("location_id").references(() => locations.id, { onDelete: "cascade" }),
    serviceAtLocationId: uuid("service_at_location_id").references(() => serviceAtLocations.id, {
      onDelete: "cascade",
    }),
    number: text("number").notNull(),
    extension: text("extension"),
    type: phoneType("type").notNull().default("voice"),
    languages: text("languages").array().notNull().default(sql`'{}'::text[]`),
    position: integer("position").notNull().default(0),
  },
  (t) => [
    check("phones_number_e164", matches(t.number, E164_PATTERN)),
    check("phones_extension_digits", matches(t.extension, PHONE_EXTENSION_PATTERN)),
    check("phones_languages_format", everyElementMatches(t.languages, LANGUAGE_CODE_PATTERN)),
    check(
      "phones_exactly_one_owner",
      sql`num_nonnulls(${t.organizationId}, ${t.serviceId}, ${t.locationId}, ${t.serviceAtLocationId}) = 1`,
    ),
    index("phones_organization_idx").on(t.organizationId),
    index("phones_service_idx").on(t.serviceId),
    index("phones_location_idx").on(t.locationId),
    index("phones_service_at_location_idx").on(t.serviceAtLocationId),
  ],
);

export const phoneTranslations = pgTable(
  "phone_translations",
  {
    phoneId: uuid("phone_id")
      .notNull()
      .references(() => phones.id, { onDelete: "cascade" }),
    locale: localeRef(),
    /** What the number is for ("women's helpline", "after hours"). */
    description: text("description").notNull(),
  },
  (t) => [primaryKey({ columns: [t.phoneId, t.locale] }), check("phone_translations_description_present", notBlank(t.description))],
);

/**
 * Weekly opening hours of a service, a location or a service at a location (exactly one).
 * The hours are in the time zone of the location's place (Africa/Tripoli in Libya).
 */
export const schedules = pgTable(
  "schedules",
  {
    id: id(),
    serviceId: uuid("service_id").references(() => services.id, { onDelete: "cascade" }),
    locationId: uuid("location_id").references(() => locations.id, { onDelete: "cascade" }),
    serviceAtLocationId: uuid("service_at_location_id").references(() => serviceAtLocations.id, {
      onDelete: "cascade",
    }),
    validFrom: date("valid_from"),
    validTo: date("valid_to"),
  },
  (t) => [
    check("schedules_exactly_one_owner", sql`num_nonnulls(${t.serviceId}, ${t.locationId}, ${t.serviceAtLocationId}) = 1`),
    check("schedules_valid_range", sql`${t.validFrom} is null or ${t.validTo} is null or ${t.validFrom} <= ${t.validTo}`),
    index("schedules_service_idx").on(t.serviceId),
    index("schedules_location_idx").on(t.locationId),
    index("schedules_service_at_location_idx").on(t.serviceAtLocationId),
  ],
);

export const scheduleTranslations = pgTable(
  "schedule_translations",
  {
    scheduleId: uuid("schedule_id")
      .notNull()
      .references(() => schedules.id, { onDelete: "cascade" }),
    locale: localeRef(),
    /** Free text: "closed on public holidays", "women only on Tuesdays". */
    notes: text("notes").notNull(),
  },
  (t) => [primaryKey({ columns: [t.scheduleId, t.locale] })],
);

/**
 * One opening period: several a day are allowed (a lunch break, an evening session);
 * a day with no period is a day closed. Weekday is ISO (1 = Monday … 7 = Sunday).
 */
export const schedulePeriods = pgTable(
  "schedule_periods",
  {
    id: id(),
    scheduleId: uuid("schedule_id")
      .notNull()
      .references(() => schedules.id, { onDelete: "cascade" }),
    weekday: smallint("weekday").notNull(),
    opensAt: time("opens_at").notNull(),
    closesAt: time("closes_at").notNull(),
  },
  (t) => [
    check("schedule_periods_weekday_range", sql`${t.weekday} between 1 and 7`),
    check("schedule_periods_closes_after_opens", sql`${t.closesAt} > ${t.opensAt}`),
    unique("schedule_periods_no_duplicate").on(t.scheduleId, t.weekday, t.opensAt),
    index("schedule_periods_schedule_idx").on(t.scheduleId),
  ],
);
