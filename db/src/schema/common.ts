import { type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { integer, pgEnum, timestamp, uuid } from "drizzle-orm/pg-core";

/** Primary key shared by every HSDS-facing record: HSDS 3.0 requires UUID identifiers. */
export const id = () => uuid("id").primaryKey().default(sql`gen_random_uuid()`);

export const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
export const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

/** Optimistic-locking counter: an update must name the version it was made against. */
export const version = () => integer("version").notNull().default(1);

/** Records are never hard-deleted through the editor; archiving sets this. */
export const archivedAt = () => timestamp("archived_at", { withTimezone: true });

export const SLUG_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$";
/** E.164: a plus sign, a non-zero country code digit, at most 15 digits in all. */
export const E164_PATTERN = "^\\+[1-9][0-9]{6,14}$";
export const LANGUAGE_CODE_PATTERN = "^[a-z]{2,3}$";
export const COUNTRY_CODE_PATTERN = "^[A-Z]{2}$";
export const CURRENCY_CODE_PATTERN = "^[A-Z]{3}$";
export const EMAIL_PATTERN = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";
export const URL_PATTERN = "^(https?|tel|mailto):";

/** Where a record is in the editorial workflow. Only `published` is public. */
export const publicationState = pgEnum("publication_state", [
  "draft",
  "in_review",
  "published",
  "rejected",
  "archived",
]);
export const PUBLICATION_STATES = publicationState.enumValues;
export type PublicationState = (typeof PUBLICATION_STATES)[number];

/** Who a service, an article or an alert is meant for. */
export const audience = pgEnum("audience", [
  "migrants_in_libya",
  "libyans_abroad",
  "idps",
  "returnees",
  "women",
  "children",
  "anyone",
]);
export const AUDIENCES = audience.enumValues;
export type Audience = (typeof AUDIENCES)[number];

/** A CHECK expression: the column matches a POSIX regular expression (inlined, as DDL takes no parameters). */
export const matches = (column: AnyPgColumn, pattern: string): SQL =>
  sql`${column} ~ '${sql.raw(pattern.replaceAll("'", "''"))}'`;

/** A CHECK expression: the text column is not blank. */
export const notBlank = (column: AnyPgColumn): SQL => sql`length(btrim(${column})) > 0`;
