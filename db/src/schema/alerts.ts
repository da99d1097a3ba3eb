import { sql } from "drizzle-orm";
import { boolean, check, index, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { archivedAt, createdAt, id, notBlank, publicationState, updatedAt, version } from "./common.js";
import type { SourceReference } from "./organizations.js";
import { places } from "./places.js";
import { localeRef } from "./translation.js";

export const alertSeverity = pgEnum("alert_severity", ["info", "warning", "danger"]);
export const ALERT_SEVERITIES = alertSeverity.enumValues;

/** A dated notice about conditions in a place: a clinic closed, a flood, a road cut. */
export const alerts = pgTable(
  "alerts",
  {
    id: id(),
    /** Where it applies; null for the whole platform. */
    placeId: uuid("place_id").references(() => places.id, { onDelete: "restrict" }),
    severity: alertSeverity("severity").notNull().default("info"),
    validFrom: timestamp("valid_from", { withTimezone: true }).notNull(),
    validUntil: timestamp("valid_until", { withTimezone: true }),
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
    index("alerts_place_idx").on(t.placeId),
  ],
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
