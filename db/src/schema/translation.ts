import { text } from "drizzle-orm/pg-core";
import { locales } from "./locales.js";

/** The locale column of every per-locale text table. */
export const localeRef = () =>
  text("locale")
    .notNull()
    .references(() => locales.code, { onUpdate: "cascade" });
