import { customType, index, pgEnum, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { locales } from "./locales.js";

const tsvector = customType<{ data: string; driverData: string }>({ dataType: () => "tsvector" });

/** What a search document describes. */
export const searchEntityType = pgEnum("search_entity_type", ["service", "rights_article", "vacancy"]);
export const SEARCH_ENTITY_TYPES = searchEntityType.enumValues;
export type SearchEntityType = (typeof SEARCH_ENTITY_TYPES)[number];

/**
 * One row per searchable record and locale, kept current by triggers (migration 0003): every write
 * to a service, a rights article, a vacancy or anything their text borrows (organization, category
 * and place names, place aliases, location addresses) refreshes the documents it affects, whoever
 * writes (the seed, the editor, a SQL console). `start_search_refresh_all()` rebuilds everything.
 *
 * `document` holds the record's text in that locale, normalised by start_normalize(): weight A for
 * the title, B for the names it borrows (in every locale, plus place aliases), C for the body.
 * `names` is the normalised title and borrowed names, for trigram similarity (misspellings).
 * Visibility (publication state, expiry) is decided at query time from the records themselves.
 */
export const searchDocuments = pgTable(
  "search_documents",
  {
    entityType: searchEntityType("entity_type").notNull(),
    entityId: uuid("entity_id").notNull(),
    locale: text("locale")
      .notNull()
      .references(() => locales.code, { onUpdate: "cascade", onDelete: "cascade" }),
    names: text("names").notNull(),
    document: tsvector("document").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.entityType, t.entityId, t.locale] }),
    index("search_documents_document_idx").using("gin", t.document),
    index("search_documents_names_trgm_idx").using("gin", t.names.op("gin_trgm_ops")),
    index("search_documents_entity_idx").on(t.entityId),
  ],
);
