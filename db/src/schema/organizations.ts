import { sql } from "drizzle-orm";
import { boolean, check, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { EMAIL_PATTERN, SLUG_PATTERN, WEB_LINK_PATTERN } from "../rules/index.js";
import {
  archivedAt,
  createdAt,
  id,
  matches,
  notBlank,
  publicationState,
  updatedAt,
  version,
} from "./common.js";
import { localeRef } from "./translation.js";

export const organizationKind = pgEnum("organization_kind", [
  "government",
  "un_agency",
  "intergovernmental",
  "international_ngo",
  "national_ngo",
  "red_cross_red_crescent",
  "private",
]);
export const ORGANIZATION_KINDS = organizationKind.enumValues;

/** A public reference for a record: a law, a convention, an official page, a programme document. */
/**
 * The longest source title START stores: the cited page's own title, with at most a short note of
 * what it supports. The editor's validation and the content loader both hold titles to it.
 */
export const SOURCE_TITLE_MAX = 300;

export interface SourceReference {
  title: string;
  url?: string;
  /** The source's own date: when it was published or last updated (ISO date). */
  published?: string;
  /** When the source was consulted (ISO date). */
  accessed?: string;
}

export const organizations = pgTable(
  "organizations",
  {
    id: id(),
    slug: text("slug").notNull().unique(),
    kind: organizationKind("kind").notNull(),
    website: text("website"),
    email: text("email"),
    /** Path of a logo served by the portal itself (no third-party requests). */
    logo: text("logo"),
    state: publicationState("state").notNull().default("draft"),
    /** Demonstration entry: the portal shows a "sample" badge. */
    isSample: boolean("is_sample").notNull().default(false),
    sources: jsonb("sources").$type<SourceReference[]>().notNull().default([]),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    archivedAt: archivedAt(),
  },
  (t) => [
    check("organizations_slug_format", matches(t.slug, SLUG_PATTERN)),
    check("organizations_website_scheme", matches(t.website, WEB_LINK_PATTERN)),
    check("organizations_email_format", matches(t.email, EMAIL_PATTERN)),
    check("organizations_sources_array", sql`jsonb_typeof(${t.sources}) = 'array'`),
    check("organizations_version_positive", sql`${t.version} > 0`),
  ],
);

export const organizationTranslations = pgTable(
  "organization_translations",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    locale: localeRef(),
    name: text("name").notNull(),
    /** The name as start_normalize() writes it: what lists sort by (accents and Arabic spelling variants ignored). */
    nameSort: text("name_sort").generatedAlwaysAs(sql`start_normalize(name)`),
    alternateName: text("alternate_name"),
    description: text("description"),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.locale] }),
    check("organization_translations_name_present", notBlank(t.name)),
  ],
);

