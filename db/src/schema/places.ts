import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  check,
  doublePrecision,
  index,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { COUNTRY_CODE_PATTERN, SLUG_PATTERN } from "../rules/index.js";
import { archivedAt, createdAt, id, matches, notBlank, updatedAt, version } from "./common.js";
import { localeRef } from "./translation.js";

export const placeKind = pgEnum("place_kind", ["country", "region", "municipality", "city"]);
export const PLACE_KINDS = placeKind.enumValues;

/**
 * Countries, Libyan regions (mantika), municipalities (baladiya) and host-country cities,
 * as a tree: a filter on a region or a country includes everything inside it.
 */
export const places = pgTable(
  "places",
  {
    id: id(),
    slug: text("slug").notNull().unique(),
    kind: placeKind("kind").notNull(),
    parentId: uuid("parent_id").references((): AnyPgColumn => places.id, { onDelete: "restrict" }),
    /** ISO 3166-1 alpha-2 of the country the place is in (or is). */
    countryCode: text("country_code").notNull(),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    /** IANA time zone used to decide "open now" for locations in this place. */
    timeZone: text("time_zone").notNull(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: archivedAt(),
  },
  (t) => [
    check("places_slug_format", matches(t.slug, SLUG_PATTERN)),
    check("places_country_code_format", matches(t.countryCode, COUNTRY_CODE_PATTERN)),
    check("places_latitude_range", sql`${t.latitude} between -90 and 90`),
    check("places_longitude_range", sql`${t.longitude} between -180 and 180`),
    check("places_coordinates_together", sql`(${t.latitude} is null) = (${t.longitude} is null)`),
    check("places_country_is_root", sql`(${t.kind} = 'country') = (${t.parentId} is null)`),
    check("places_version_positive", sql`${t.version} > 0`),
    index("places_parent_idx").on(t.parentId),
  ],
);

export const placeTranslations = pgTable(
  "place_translations",
  {
    placeId: uuid("place_id")
      .notNull()
      .references(() => places.id, { onDelete: "cascade" }),
    locale: localeRef(),
    name: text("name").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.locale] }),
    check("place_translations_name_present", notBlank(t.name)),
  ],
);

/** Other spellings people type: transliterations ("Trablus", "Tarabulus"), old names, short forms. */
export const placeAliases = pgTable(
  "place_aliases",
  {
    id: id(),
    placeId: uuid("place_id")
      .notNull()
      .references(() => places.id, { onDelete: "cascade" }),
    alias: text("alias").notNull(),
  },
  (t) => [
    unique("place_aliases_place_alias_unique").on(t.placeId, t.alias),
    check("place_aliases_alias_present", notBlank(t.alias)),
  ],
);
