import { sql } from "drizzle-orm";
import { check, index, integer, pgEnum, pgTable, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { EMAIL_PATTERN } from "../rules/index.js";
import { createdAt, id, matches, updatedAt, version } from "./common.js";
import { locales } from "./locales.js";
import { organizations } from "./organizations.js";

export const role = pgEnum("role", ["org_editor", "ministry_publisher", "moderator", "admin"]);
export const ROLES = role.enumValues;
export type Role = (typeof ROLES)[number];

export const users = pgTable(
  "users",
  {
    id: id(),
    /** Stored as typed; uniqueness and look-ups are on lower(email). */
    email: text("email").notNull(),
    displayName: text("display_name").notNull(),
    /** argon2id or scrypt hash in PHC string format; null until an invited user sets a password. */
    passwordHash: text("password_hash"),
    preferredLocale: text("preferred_locale").references(() => locales.code, { onUpdate: "cascade" }),
    failedLoginCount: integer("failed_login_count").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("users_email_unique").on(sql`lower(${t.email})`),
    check("users_email_format", matches(t.email, EMAIL_PATTERN)),
    check("users_failed_login_count_non_negative", sql`${t.failedLoginCount} >= 0`),
    check("users_version_positive", sql`${t.version} > 0`),
  ],
);

/**
 * What a user may do, and for which organization. Org editors and ministry publishers act for
 * one organization; moderators and admins act platform-wide (no organization).
 */
export const memberships = pgTable(
  "memberships",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    organizationId: uuid("organization_id").references(() => organizations.id, { onDelete: "cascade" }),
    role: role("role").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    unique("memberships_user_organization_role_unique").on(t.userId, t.organizationId, t.role).nullsNotDistinct(),
    check(
      "memberships_organization_matches_role",
      sql`(${t.role} in ('org_editor', 'ministry_publisher')) = (${t.organizationId} is not null)`,
    ),
    index("memberships_organization_idx").on(t.organizationId),
  ],
);

/** A signed-in session: only the SHA-256 of the random token is stored. */
export const sessions = pgTable(
  "sessions",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: createdAt(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    check("sessions_expires_after_creation", sql`${t.expiresAt} > ${t.createdAt}`),
    index("sessions_user_idx").on(t.userId),
    index("sessions_expires_idx").on(t.expiresAt),
  ],
);

/** A one-time invitation link; only the hash of its token is stored. */
export const invitations = pgTable(
  "invitations",
  {
    id: id(),
    email: text("email").notNull(),
    organizationId: uuid("organization_id").references(() => organizations.id, { onDelete: "cascade" }),
    role: role("role").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    invitedByUserId: uuid("invited_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    check("invitations_email_format", matches(t.email, EMAIL_PATTERN)),
    check(
      "invitations_organization_matches_role",
      sql`(${t.role} in ('org_editor', 'ministry_publisher')) = (${t.organizationId} is not null)`,
    ),
    check("invitations_expires_after_creation", sql`${t.expiresAt} > ${t.createdAt}`),
  ],
);
