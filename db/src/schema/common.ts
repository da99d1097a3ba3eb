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
