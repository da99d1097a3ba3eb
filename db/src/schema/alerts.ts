import { sql } from "drizzle-orm";
import { boolean, check, date, index, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { archivedAt, createdAt, id, notBlank, publicationState, updatedAt, version } from "./common.js";
import { organizations, type SourceReference } from "./organizations.js";
import { places } from "./places.js";
import { services } from "./services.js";
import { localeRef } from "./translation.js";

export const alertSeverity = pgEnum("alert_severity", ["info", "warning", "danger"]);
export const ALERT_SEVERITIES = alertSeverity.enumValues;

/**
 * A dated notice: a clinic closed, a flood, a road cut. It concerns places, organisations and
 * services (alert_places, alert_organizations, alert_services); one that names none concerns
 * everyone. With `closed_until`, it is a closure: the services it names are temporarily closed from
 * `valid_from` to the end of that day in Libya, and the alert stays in force at least into that day.
 */
export const alerts = pgTable(
  "alerts",
  {
    id: id(),
    severity: alertSeverity("severity").notNull().default("info"),
    validFrom: timestamp("valid_from", { withTimezone: true }).notNull(),
    validUntil: timestamp("valid_until", { withTimezone: true }),
    /** A closure: the last day (Libya time) the services it names are closed. */
    closedUntil: date("closed_until", { mode: "string" }),
    state: publicationState("state").notNull().default("draft"),
    isSample: boolean("is_sample").notNull().default(false),
    sources: jsonb("sources").$type<SourceReference[]>().notNull().default([]),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    archivedAt: archivedAt(),
  },
  (t) => [
    check("alerts_validity_window", sql`${t.validUntil} is null or ${t.validUntil} >= ${t.validFrom}`),
    check("alerts_sources_array", sql`jsonb_typeof(${t.sources}) = 'array'`),
    check("alerts_version_positive", sql`${t.version} > 0`),
    check("alerts_closure_after_start", sql`${t.closedUntil} is null or ${t.closedUntil} >= (${t.validFrom} at time zone 'Africa/Tripoli')::date`),
    check(
      "alerts_closure_within_validity",
      sql`${t.closedUntil} is null or ${t.validUntil} is null or ${t.validUntil} >= (${t.closedUntil}::timestamp at time zone 'Africa/Tripoli')`,
    ),
  ],
);

/** The places an alert concerns (and, on the portal, the places inside them). */
export const alertPlaces = pgTable(
  "alert_places",
  {
    alertId: uuid("alert_id")
      .notNull()
      .references(() => alerts.id, { onDelete: "cascade" }),
    placeId: uuid("place_id")
      .notNull()
      .references(() => places.id, { onDelete: "restrict" }),
  },
  (t) => [primaryKey({ columns: [t.alertId, t.placeId] }), index("alert_places_place_idx").on(t.placeId)],
);

/** The organisations an alert concerns (and so their services). */
export const alertOrganizations = pgTable(
  "alert_organizations",
  {
    alertId: uuid("alert_id")
      .notNull()
      .references(() => alerts.id, { onDelete: "cascade" }),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
  },
  (t) => [primaryKey({ columns: [t.alertId, t.organizationId] }), index("alert_organizations_organization_idx").on(t.organizationId)],
);

/** The services an alert concerns; a closure closes them. */
export const alertServices = pgTable(
  "alert_services",
  {
    alertId: uuid("alert_id")
      .notNull()
      .references(() => alerts.id, { onDelete: "cascade" }),
    serviceId: uuid("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "restrict" }),
  },
  (t) => [primaryKey({ columns: [t.alertId, t.serviceId] }), index("alert_services_service_idx").on(t.serviceId)],
);

export const alertTranslations = pgTable(
  "alert_translations",
  {
    alertId: uuid("alert_id")
      .notNull()
      .references(() => alerts.id, { onDelete: "cascade" }),
    locale: localeRef(),
    title: text("title").notNull(),
    body: text("body"),
  },
  (t) => [primaryKey({ columns: [t.alertId, t.locale] }), check("alert_translations_title_present", notBlank(t.title))],
);
