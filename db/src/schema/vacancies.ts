import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { CURRENCY_CODE_PATTERN, E164_PATTERN, EMAIL_PATTERN, OCCUPATION_CODE_PATTERN, SLUG_PATTERN, WEB_LINK_PATTERN } from "../rules/index.js";
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
import { organizations, type SourceReference } from "./organizations.js";
import { places } from "./places.js";
import { localeRef } from "./translation.js";

/** schema.org JobPosting employmentType values, in lower case. */
export const employmentType = pgEnum("employment_type", [
  "full_time",
  "part_time",
  "contractor",
  "temporary",
  "intern",
  "volunteer",
  "per_diem",
  "other",
]);
export const EMPLOYMENT_TYPES = employmentType.enumValues;

export const vacancyEligibility = pgEnum("vacancy_eligibility", ["libyan_nationals", "migrants_with_work_permit", "anyone"]);
export const VACANCY_ELIGIBILITIES = vacancyEligibility.enumValues;

export const recruitmentChannel = pgEnum("recruitment_channel", ["labour_office", "online", "email", "phone", "in_person"]);
export const RECRUITMENT_CHANNELS = recruitmentChannel.enumValues;

export const salaryPeriod = pgEnum("salary_period", ["hour", "day", "week", "month", "year"]);

/** A vacancy notice from a ministry or an employer. It is closed once its deadline has passed. */
export const vacancies = pgTable(
  "vacancies",
  {
    id: id(),
    slug: text("slug").notNull().unique(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    /** Sector code ("health", "education"); labels live with the UI strings. */
    sector: text("sector").notNull(),
    /** ISCO-08 occupation code, when known. */
    occupationCode: text("occupation_code"),
    placeId: uuid("place_id")
      .notNull()
      .references(() => places.id, { onDelete: "restrict" }),
    positions: integer("positions").notNull().default(1),
    employmentType: employmentType("employment_type").notNull().default("full_time"),
    salaryMin: numeric("salary_min", { precision: 12, scale: 2 }),
    salaryMax: numeric("salary_max", { precision: 12, scale: 2 }),
    salaryCurrency: text("salary_currency"),
    salaryPeriod: salaryPeriod("salary_period"),
    eligibility: vacancyEligibility("eligibility").notNull().default("anyone"),
    recruitmentChannel: recruitmentChannel("recruitment_channel").notNull(),
    applyUrl: text("apply_url"),
    applyEmail: text("apply_email"),
    applyPhone: text("apply_phone"),
    /** The notice's publication date, as shown to readers. */
    publishedOn: date("published_on"),
    /** Last day applications are accepted (inclusive, Libya time). */
    deadline: date("deadline").notNull(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
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
    check("vacancies_slug_format", matches(t.slug, SLUG_PATTERN)),
    check("vacancies_sector_format", matches(t.sector, SLUG_PATTERN)),
    check("vacancies_occupation_code_format", matches(t.occupationCode, OCCUPATION_CODE_PATTERN)),
    check("vacancies_positions_positive", sql`${t.positions} > 0`),
    check("vacancies_deadline_not_before_publication", sql`${t.publishedOn} is null or ${t.deadline} >= ${t.publishedOn}`),
    check("vacancies_salary_non_negative", sql`coalesce(${t.salaryMin}, 0) >= 0 and coalesce(${t.salaryMax}, 0) >= 0`),
    check("vacancies_salary_range", sql`${t.salaryMin} is null or ${t.salaryMax} is null or ${t.salaryMin} <= ${t.salaryMax}`),
    check(
      "vacancies_salary_has_currency",
      sql`(${t.salaryMin} is null and ${t.salaryMax} is null) or ${t.salaryCurrency} is not null`,
    ),
    check("vacancies_salary_currency_format", matches(t.salaryCurrency, CURRENCY_CODE_PATTERN)),
    check("vacancies_apply_url_scheme", matches(t.applyUrl, WEB_LINK_PATTERN)),
    check("vacancies_apply_email_format", matches(t.applyEmail, EMAIL_PATTERN)),
    check("vacancies_apply_phone_e164", matches(t.applyPhone, E164_PATTERN)),
    check("vacancies_sources_array", sql`jsonb_typeof(${t.sources}) = 'array'`),
    check("vacancies_version_positive", sql`${t.version} > 0`),
    index("vacancies_organization_idx").on(t.organizationId),
    index("vacancies_place_idx").on(t.placeId),
    index("vacancies_state_deadline_idx").on(t.state, t.deadline),
  ],
);

export const vacancyTranslations = pgTable(
  "vacancy_translations",
  {
    vacancyId: uuid("vacancy_id")
      .notNull()
      .references(() => vacancies.id, { onDelete: "cascade" }),
    locale: localeRef(),
    title: text("title").notNull(),
    description: text("description"),
    requirements: text("requirements"),
    howToApply: text("how_to_apply"),
  },
  (t) => [primaryKey({ columns: [t.vacancyId, t.locale] }), check("vacancy_translations_title_present", notBlank(t.title))],
);
