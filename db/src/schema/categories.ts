import { sql } from "drizzle-orm";
import { type AnyPgColumn, check, index, integer, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { archivedAt, createdAt, id, matches, notBlank, updatedAt, version } from "./common.js";
import { localeRef } from "./translation.js";
import { CATEGORY_CODE_PATTERN } from "../rules/index.js";

/** Taxonomy terms for service types (HSDS taxonomy_term), as a tree: a parent includes its children. */
export const categories = pgTable(
  "categories",
  {
    id: id(),
    /** Stable code, dotted by level: "protection", "protection.gbv". */
    code: text("code").notNull().unique(),
    parentId: uuid("parent_id").references((): AnyPgColumn => categories.id, { onDelete: "restrict" }),
    position: integer("position").notNull().default(0),
    /** Name of the icon the portal shows (from the portal's own icon set, never a remote URL). */
    icon: text("icon"),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: archivedAt(),
  },
  (t) => [
    check("categories_code_format", matches(t.code, CATEGORY_CODE_PATTERN)),
    check("categories_not_own_parent", sql`${t.parentId} is distinct from ${t.id}`),
    check("categories_version_positive", sql`${t.version} > 0`),
    index("categories_parent_idx").on(t.parentId),
  ],
);

export const categoryTranslations = pgTable(
  "category_translations",
  {
    categoryId: uuid("category_id")
      .notNull()
      .references(() => categories.id, { onDelete: "cascade" }),
    locale: localeRef(),
    name: text("name").notNull(),
    description: text("description"),
  },
  (t) => [primaryKey({ columns: [t.categoryId, t.locale] }), check("category_translations_name_present", notBlank(t.name))],
);
