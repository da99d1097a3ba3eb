import { sql } from "drizzle-orm";
import {
  bigserial,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt, version } from "./common.js";
import { users } from "./accounts.js";
import { locales } from "./locales.js";
import { services } from "./services.js";
import { vacancies } from "./vacancies.js";

/** Who changed what, when, with the record before and after. Append-only. */
export const auditEntries = pgTable(
  "audit_entries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** Null when the system acted (seed, import, expiry job). */
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: uuid("entity_id").notNull(),
    before: jsonb("before"),
    after: jsonb("after"),
    createdAt: createdAt(),
  },
  (t) => [
    index("audit_entries_entity_idx").on(t.entityType, t.entityId, t.createdAt),
    index("audit_entries_actor_idx").on(t.actorUserId),
  ],
);

export const feedbackKind = pgEnum("feedback_kind", ["outdated", "wrong_contact", "closed", "other"]);
export const FEEDBACK_KINDS = feedbackKind.enumValues;
export const feedbackStatus = pgEnum("feedback_status", ["open", "resolved", "dismissed"]);

/** A public report that a listing is wrong. No account and no personal data are needed. */
export const feedback = pgTable(
  "feedback",
  {
    id: id(),
    serviceId: uuid("service_id").references(() => services.id, { onDelete: "cascade" }),
    vacancyId: uuid("vacancy_id").references(() => vacancies.id, { onDelete: "cascade" }),
    kind: feedbackKind("kind").notNull(),
    message: text("message"),
    /** The locale the reporter was reading in. */
    locale: text("locale").references(() => locales.code, { onUpdate: "cascade" }),
    status: feedbackStatus("status").notNull().default("open"),
    resolvedByUserId: uuid("resolved_by_user_id").references(() => users.id, { onDelete: "set null" }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolutionNote: text("resolution_note"),
    version: version(),
    createdAt: createdAt(),
  },
  (t) => [
    check("feedback_exactly_one_listing", sql`num_nonnulls(${t.serviceId}, ${t.vacancyId}) = 1`),
    check("feedback_message_length", sql`${t.message} is null or length(${t.message}) <= 2000`),
    check("feedback_resolution_consistent", sql`(${t.status} = 'open') = (${t.resolvedAt} is null)`),
    check("feedback_version_positive", sql`${t.version} > 0`),
    index("feedback_service_idx").on(t.serviceId, t.status),
    index("feedback_vacancy_idx").on(t.vacancyId, t.status),
  ],
);

/**
 * Fixed-window counters for rate limits (login attempts, feedback), shared by every API process.
 * The key is a keyed hash: no raw IP address or e-mail is stored.
 */
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text("key").primaryKey(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [check("rate_limits_count_non_negative", sql`${t.count} >= 0`), index("rate_limits_window_idx").on(t.windowStart)],
);

export const publishJobStatus = pgEnum("publish_job_status", ["queued", "building", "succeeded", "failed"]);

/** The portal rebuild queue: a publish, an archive or an expiry adds a job; a worker takes them. */
export const publishJobs = pgTable(
  "publish_jobs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    reason: text("reason").notNull(),
    requestedByUserId: uuid("requested_by_user_id").references(() => users.id, { onDelete: "set null" }),
    status: publishJobStatus("status").notNull().default("queued"),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    workerId: text("worker_id"),
    attempts: integer("attempts").notNull().default(0),
    error: text("error"),
  },
  (t) => [index("publish_jobs_status_idx").on(t.status, t.requestedAt)],
);


/**
 * Process-wide settings every API process must agree on, created at first start: for example the
 * secret that keys the hashes of client addresses (rate limits) when START_SECRET is not set.
 */
export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});
