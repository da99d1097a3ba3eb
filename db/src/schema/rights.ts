import { sql } from "drizzle-orm";
import { boolean, check, date, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { SLUG_PATTERN } from "../rules/index.js";
import {
  archivedAt,
  audience,
  createdAt,
  id,
  matches,
  notBlank,
  publicationState,
  updatedAt,
  version,
} from "./common.js";
import type { SourceReference } from "./organizations.js";
import { places } from "./places.js";
import { localeRef } from "./translation.js";

/** Rights and obligations information for one audience in one country. */
export const rightsArticles = pgTable(
  "rights_articles",
  {
    id: id(),
    slug: text("slug").notNull().unique(),
    /** Topic code ("health-care", "residency", "voting-abroad"); labels live with the UI strings. */
    topic: text("topic").notNull(),
    /** The country the article applies to (a place of kind country). */
    countryId: uuid("country_id")
      .notNull()
      .references(() => places.id, { onDelete: "restrict" }),
    audience: audience("audience").notNull(),
    reviewedOn: date("reviewed_on").notNull(),
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
    check("rights_articles_slug_format", matches(t.slug, SLUG_PATTERN)),
    check("rights_articles_topic_format", matches(t.topic, SLUG_PATTERN)),
    check("rights_articles_sources_array", sql`jsonb_typeof(${t.sources}) = 'array'`),
    check("rights_articles_version_positive", sql`${t.version} > 0`),
    index("rights_articles_country_idx").on(t.countryId),
  ],
);

export const rightsArticleTranslations = pgTable(
  "rights_article_translations",
  {
    articleId: uuid("article_id")
      .notNull()
      .references(() => rightsArticles.id, { onDelete: "cascade" }),
    locale: localeRef(),
    title: text("title").notNull(),
    /** The title as start_normalize() writes it: what lists sort by (accents and Arabic spelling variants ignored). */
    titleSort: text("title_sort").generatedAlwaysAs(sql`start_normalize(title)`),
    summary: text("summary").notNull(),
    /** Markdown, stored as written and sanitised when rendered. */
    body: text("body").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.articleId, t.locale] }),
    check("rights_article_translations_title_present", notBlank(t.title)),
  ],
);
