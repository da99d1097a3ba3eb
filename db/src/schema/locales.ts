import { sql } from "drizzle-orm";
import { boolean, check, integer, pgTable, text } from "drizzle-orm/pg-core";
import { LOCALE_CODE_PATTERN } from "../rules/index.js";
import { matches } from "./common.js";

/**
 * The locales START speaks. Every translation table references this one, so adding a
 * fourth locale (Tigrinya, Hausa, Somali…) is a row here plus content, never a migration.
 */
export const locales = pgTable(
  "locales",
  {
    code: text("code").primaryKey(),
    /** The locale's name in itself ("العربية", "English", "Français"). */
    autonym: text("autonym").notNull(),
    direction: text("direction").notNull().default("ltr"),
    /** Order in which locales are offered and tried as fallbacks. */
    position: integer("position").notNull().default(0),
    enabled: boolean("enabled").notNull().default(true),
  },
  (t) => [
    check("locales_code_format", matches(t.code, LOCALE_CODE_PATTERN)),
    check("locales_direction_valid", sql`${t.direction} in ('ltr', 'rtl')`),
  ],
);
