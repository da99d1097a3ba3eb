CREATE TYPE "public"."audience" AS ENUM('migrants_in_libya', 'libyans_abroad', 'idps', 'returnees', 'women', 'children', 'anyone');--> statement-breakpoint
CREATE TYPE "public"."publication_state" AS ENUM('draft', 'in_review', 'published', 'rejected', 'archived');--> statement-breakpoint
CREATE TYPE "public"."place_kind" AS ENUM('country', 'region', 'municipality', 'city');--> statement-breakpoint
CREATE TYPE "public"."organization_kind" AS ENUM('government', 'un_agency', 'intergovernmental', 'international_ngo', 'national_ngo', 'red_cross_red_crescent', 'private');--> statement-breakpoint
CREATE TYPE "public"."location_type" AS ENUM('physical', 'postal', 'virtual');--> statement-breakpoint
CREATE TYPE "public"."phone_type" AS ENUM('voice', 'whatsapp', 'sms', 'hotline', 'fax');--> statement-breakpoint
CREATE TYPE "public"."service_cost" AS ENUM('free', 'paid', 'varies');--> statement-breakpoint
CREATE TYPE "public"."service_status" AS ENUM('active', 'inactive', 'defunct', 'temporarily closed');--> statement-breakpoint
CREATE TYPE "public"."employment_type" AS ENUM('full_time', 'part_time', 'contractor', 'temporary', 'intern', 'volunteer', 'per_diem', 'other');--> statement-breakpoint
CREATE TYPE "public"."recruitment_channel" AS ENUM('labour_office', 'online', 'email', 'phone', 'in_person');--> statement-breakpoint
CREATE TYPE "public"."salary_period" AS ENUM('hour', 'day', 'week', 'month', 'year');--> statement-breakpoint
CREATE TYPE "public"."vacancy_eligibility" AS ENUM('libyan_nationals', 'migrants_with_work_permit', 'anyone');--> statement-breakpoint
CREATE TYPE "public"."alert_severity" AS ENUM('info', 'warning', 'danger');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('org_editor', 'ministry_publisher', 'moderator', 'admin');--> statement-breakpoint
CREATE TYPE "public"."feedback_kind" AS ENUM('outdated', 'wrong_contact', 'closed', 'other');--> statement-breakpoint
CREATE TYPE "public"."feedback_status" AS ENUM('open', 'resolved', 'dismissed');--> statement-breakpoint
CREATE TYPE "public"."publish_job_status" AS ENUM('queued', 'building', 'succeeded', 'failed');--> statement-breakpoint
CREATE TABLE "locales" (
	"code" text PRIMARY KEY NOT NULL,
	"autonym" text NOT NULL,
	"direction" text DEFAULT 'ltr' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	CONSTRAINT "locales_code_format" CHECK ("locales"."code" ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'),
	CONSTRAINT "locales_direction_valid" CHECK ("locales"."direction" in ('ltr', 'rtl'))
);
--> statement-breakpoint
CREATE TABLE "place_aliases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"place_id" uuid NOT NULL,
	"alias" text NOT NULL,
	CONSTRAINT "place_aliases_place_alias_unique" UNIQUE("place_id","alias"),
	CONSTRAINT "place_aliases_alias_present" CHECK (length(btrim("place_aliases"."alias")) > 0)
);
--> statement-breakpoint
CREATE TABLE "place_translations" (
	"place_id" uuid NOT NULL,
	"locale" text NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "place_translations_place_id_locale_pk" PRIMARY KEY("place_id","locale"),
	CONSTRAINT "place_translations_name_present" CHECK (length(btrim("place_translations"."name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "places" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"kind" "place_kind" NOT NULL,
	"parent_id" uuid,
	"country_code" text NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"time_zone" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "places_slug_unique" UNIQUE("slug"),
	CONSTRAINT "places_slug_format" CHECK ("places"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
	CONSTRAINT "places_country_code_format" CHECK ("places"."country_code" ~ '^[A-Z]{2}$'),
	CONSTRAINT "places_latitude_range" CHECK ("places"."latitude" between -90 and 90),
	CONSTRAINT "places_longitude_range" CHECK ("places"."longitude" between -180 and 180),
	CONSTRAINT "places_coordinates_together" CHECK (("places"."latitude" is null) = ("places"."longitude" is null)),
	CONSTRAINT "places_country_is_root" CHECK (("places"."kind" = 'country') = ("places"."parent_id" is null)),
	CONSTRAINT "places_version_positive" CHECK ("places"."version" > 0)
);
--> statement-breakpoint
CREATE TABLE "categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"parent_id" uuid,
	"position" integer DEFAULT 0 NOT NULL,
	"icon" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "categories_code_unique" UNIQUE("code"),
	CONSTRAINT "categories_code_format" CHECK ("categories"."code" ~ '^[a-z0-9]+(_[a-z0-9]+)*(\.[a-z0-9]+(_[a-z0-9]+)*)*$'),
	CONSTRAINT "categories_not_own_parent" CHECK ("categories"."parent_id" is distinct from "categories"."id"),
	CONSTRAINT "categories_version_positive" CHECK ("categories"."version" > 0)
);
--> statement-breakpoint
CREATE TABLE "category_translations" (
	"category_id" uuid NOT NULL,
	"locale" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	CONSTRAINT "category_translations_category_id_locale_pk" PRIMARY KEY("category_id","locale"),
	CONSTRAINT "category_translations_name_present" CHECK (length(btrim("category_translations"."name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "organization_translations" (
	"organization_id" uuid NOT NULL,
	"locale" text NOT NULL,
	"name" text NOT NULL,
	"alternate_name" text,
	"description" text,
	CONSTRAINT "organization_translations_organization_id_locale_pk" PRIMARY KEY("organization_id","locale"),
	CONSTRAINT "organization_translations_name_present" CHECK (length(btrim("organization_translations"."name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"kind" "organization_kind" NOT NULL,
	"website" text,
	"email" text,
	"logo" text,
	"state" "publication_state" DEFAULT 'draft' NOT NULL,
	"is_sample" boolean DEFAULT false NOT NULL,
	"sources" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	"archived_at" timestamp with time zone,
	CONSTRAINT "organizations_slug_unique" UNIQUE("slug"),
	CONSTRAINT "organizations_slug_format" CHECK ("organizations"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
	CONSTRAINT "organizations_website_scheme" CHECK ("organizations"."website" ~ '^https?://'),
	CONSTRAINT "organizations_email_format" CHECK ("organizations"."email" ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
	CONSTRAINT "organizations_sources_array" CHECK (jsonb_typeof("organizations"."sources") = 'array'),
	CONSTRAINT "organizations_version_positive" CHECK ("organizations"."version" > 0)
);
--> statement-breakpoint
CREATE TABLE "location_translations" (
	"location_id" uuid NOT NULL,
	"locale" text NOT NULL,
	"name" text,
	"address" text,
	"description" text,
	"transportation" text,
	"accessibility" text,
	CONSTRAINT "location_translations_location_id_locale_pk" PRIMARY KEY("location_id","locale")
);
--> statement-breakpoint
CREATE TABLE "locations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid,
	"place_id" uuid NOT NULL,
	"location_type" "location_type" DEFAULT 'physical' NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"postal_code" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "locations_latitude_range" CHECK ("locations"."latitude" between -90 and 90),
	CONSTRAINT "locations_longitude_range" CHECK ("locations"."longitude" between -180 and 180),
	CONSTRAINT "locations_coordinates_together" CHECK (("locations"."latitude" is null) = ("locations"."longitude" is null)),
	CONSTRAINT "locations_version_positive" CHECK ("locations"."version" > 0)
);
--> statement-breakpoint
CREATE TABLE "phone_translations" (
	"phone_id" uuid NOT NULL,
	"locale" text NOT NULL,
	"description" text NOT NULL,
	CONSTRAINT "phone_translations_phone_id_locale_pk" PRIMARY KEY("phone_id","locale"),
	CONSTRAINT "phone_translations_description_present" CHECK (length(btrim("phone_translations"."description")) > 0)
);
--> statement-breakpoint
CREATE TABLE "phones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid,
	"service_id" uuid,
	"location_id" uuid,
	"service_at_location_id" uuid,
	"number" text NOT NULL,
	"extension" text,
	"type" "phone_type" DEFAULT 'voice' NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "phones_number_e164" CHECK ("phones"."number" ~ '^\+[1-9][0-9]{6,14}$'),
	CONSTRAINT "phones_extension_digits" CHECK ("phones"."extension" ~ '^[0-9]{1,8}$'),
	CONSTRAINT "phones_languages_format" CHECK (array_to_string("phones"."languages", ',') ~ '^([a-z]{2,3}(,|$))*$'),
	CONSTRAINT "phones_exactly_one_owner" CHECK (num_nonnulls("phones"."organization_id", "phones"."service_id", "phones"."location_id", "phones"."service_at_location_id") = 1)
);
--> statement-breakpoint
CREATE TABLE "schedule_periods" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"schedule_id" uuid NOT NULL,
	"weekday" smallint NOT NULL,
	"opens_at" time NOT NULL,
	"closes_at" time NOT NULL,
	CONSTRAINT "schedule_periods_no_duplicate" UNIQUE("schedule_id","weekday","opens_at"),
	CONSTRAINT "schedule_periods_weekday_range" CHECK ("schedule_periods"."weekday" between 1 and 7),
	CONSTRAINT "schedule_periods_closes_after_opens" CHECK ("schedule_periods"."closes_at" > "schedule_periods"."opens_at")
);
--> statement-breakpoint
CREATE TABLE "schedule_translations" (
	"schedule_id" uuid NOT NULL,
	"locale" text NOT NULL,
	"notes" text NOT NULL,
	CONSTRAINT "schedule_translations_schedule_id_locale_pk" PRIMARY KEY("schedule_id","locale")
);
--> statement-breakpoint
CREATE TABLE "schedules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid,
	"location_id" uuid,
	"service_at_location_id" uuid,
	"valid_from" date,
	"valid_to" date,
	CONSTRAINT "schedules_exactly_one_owner" CHECK (num_nonnulls("schedules"."service_id", "schedules"."location_id", "schedules"."service_at_location_id") = 1),
	CONSTRAINT "schedules_valid_range" CHECK ("schedules"."valid_from" is null or "schedules"."valid_to" is null or "schedules"."valid_from" <= "schedules"."valid_to")
);
--> statement-breakpoint
CREATE TABLE "service_at_locations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_at_locations_service_location_unique" UNIQUE("service_id","location_id")
);
--> statement-breakpoint
CREATE TABLE "service_categories" (
	"service_id" uuid NOT NULL,
	"category_id" uuid NOT NULL,
	CONSTRAINT "service_categories_service_id_category_id_pk" PRIMARY KEY("service_id","category_id")
);
--> statement-breakpoint
CREATE TABLE "service_translations" (
	"service_id" uuid NOT NULL,
	"locale" text NOT NULL,
	"name" text NOT NULL,
	"alternate_name" text,
	"description" text,
	"eligibility_description" text,
	"application_process" text,
	"fees_description" text,
	"required_documents" text[] DEFAULT '{}'::text[] NOT NULL,
	CONSTRAINT "service_translations_service_id_locale_pk" PRIMARY KEY("service_id","locale"),
	CONSTRAINT "service_translations_name_present" CHECK (length(btrim("service_translations"."name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "services" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"organization_id" uuid NOT NULL,
	"status" "service_status" DEFAULT 'active' NOT NULL,
	"state" "publication_state" DEFAULT 'draft' NOT NULL,
	"url" text,
	"email" text,
	"cost" "service_cost" DEFAULT 'free' NOT NULL,
	"audiences" "audience"[] DEFAULT '{}'::audience[] NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"minimum_age" smallint,
	"maximum_age" smallint,
	"confidential_address" boolean DEFAULT false NOT NULL,
	"is_sample" boolean DEFAULT false NOT NULL,
	"sources" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"verified_at" timestamp with time zone,
	"verified_by_user_id" uuid,
	"verified_by_name" text,
	"rejection_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"archived_at" timestamp with time zone,
	CONSTRAINT "services_slug_unique" UNIQUE("slug"),
	CONSTRAINT "services_slug_format" CHECK ("services"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
	CONSTRAINT "services_url_scheme" CHECK ("services"."url" ~ '^(https?|tel|mailto):'),
	CONSTRAINT "services_email_format" CHECK ("services"."email" ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
	CONSTRAINT "services_languages_format" CHECK (array_to_string("services"."languages", ',') ~ '^([a-z]{2,3}(,|$))*$'),
	CONSTRAINT "services_age_range" CHECK ("services"."minimum_age" is null or "services"."maximum_age" is null or "services"."minimum_age" <= "services"."maximum_age"),
	CONSTRAINT "services_age_non_negative" CHECK (coalesce("services"."minimum_age", 0) >= 0 and coalesce("services"."maximum_age", 0) >= 0),
	CONSTRAINT "services_sources_array" CHECK (jsonb_typeof("services"."sources") = 'array'),
	CONSTRAINT "services_version_positive" CHECK ("services"."version" > 0)
);
--> statement-breakpoint
CREATE TABLE "rights_article_translations" (
	"article_id" uuid NOT NULL,
	"locale" text NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"body" text NOT NULL,
	CONSTRAINT "rights_article_translations_article_id_locale_pk" PRIMARY KEY("article_id","locale"),
	CONSTRAINT "rights_article_translations_title_present" CHECK (length(btrim("rights_article_translations"."title")) > 0)
);
--> statement-breakpoint
CREATE TABLE "rights_articles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"topic" text NOT NULL,
	"country_id" uuid NOT NULL,
	"audience" "audience" NOT NULL,
	"reviewed_on" date NOT NULL,
	"state" "publication_state" DEFAULT 'draft' NOT NULL,
	"is_sample" boolean DEFAULT false NOT NULL,
	"sources" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	"archived_at" timestamp with time zone,
	CONSTRAINT "rights_articles_slug_unique" UNIQUE("slug"),
	CONSTRAINT "rights_articles_slug_format" CHECK ("rights_articles"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
	CONSTRAINT "rights_articles_topic_format" CHECK ("rights_articles"."topic" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
	CONSTRAINT "rights_articles_sources_array" CHECK (jsonb_typeof("rights_articles"."sources") = 'array'),
	CONSTRAINT "rights_articles_version_positive" CHECK ("rights_articles"."version" > 0)
);
--> statement-breakpoint
CREATE TABLE "vacancies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"organization_id" uuid NOT NULL,
	"sector" text NOT NULL,
	"occupation_code" text,
	"place_id" uuid NOT NULL,
	"positions" integer DEFAULT 1 NOT NULL,
	"employment_type" "employment_type" DEFAULT 'full_time' NOT NULL,
	"salary_min" numeric(12, 2),
	"salary_max" numeric(12, 2),
	"salary_currency" text,
	"salary_period" "salary_period",
	"eligibility" "vacancy_eligibility" DEFAULT 'anyone' NOT NULL,
	"recruitment_channel" "recruitment_channel" NOT NULL,
	"apply_url" text,
	"apply_email" text,
	"apply_phone" text,
	"published_on" date,
	"deadline" date NOT NULL,
	"closed_at" timestamp with time zone,
	"state" "publication_state" DEFAULT 'draft' NOT NULL,
	"is_sample" boolean DEFAULT false NOT NULL,
	"sources" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	"archived_at" timestamp with time zone,
	CONSTRAINT "vacancies_slug_unique" UNIQUE("slug"),
	CONSTRAINT "vacancies_slug_format" CHECK ("vacancies"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
	CONSTRAINT "vacancies_sector_format" CHECK ("vacancies"."sector" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
	CONSTRAINT "vacancies_occupation_code_format" CHECK ("vacancies"."occupation_code" ~ '^[0-9]{1,4}$'),
	CONSTRAINT "vacancies_positions_positive" CHECK ("vacancies"."positions" > 0),
	CONSTRAINT "vacancies_deadline_not_before_publication" CHECK ("vacancies"."published_on" is null or "vacancies"."deadline" >= "vacancies"."published_on"),
	CONSTRAINT "vacancies_salary_non_negative" CHECK (coalesce("vacancies"."salary_min", 0) >= 0 and coalesce("vacancies"."salary_max", 0) >= 0),
	CONSTRAINT "vacancies_salary_range" CHECK ("vacancies"."salary_min" is null or "vacancies"."salary_max" is null or "vacancies"."salary_min" <= "vacancies"."salary_max"),
	CONSTRAINT "vacancies_salary_has_currency" CHECK (("vacancies"."salary_min" is null and "vacancies"."salary_max" is null) or "vacancies"."salary_currency" is not null),
	CONSTRAINT "vacancies_salary_currency_format" CHECK ("vacancies"."salary_currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "vacancies_apply_url_scheme" CHECK ("vacancies"."apply_url" ~ '^https?://'),
	CONSTRAINT "vacancies_apply_email_format" CHECK ("vacancies"."apply_email" ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
	CONSTRAINT "vacancies_apply_phone_e164" CHECK ("vacancies"."apply_phone" ~ '^\+[1-9][0-9]{6,14}$'),
	CONSTRAINT "vacancies_sources_array" CHECK (jsonb_typeof("vacancies"."sources") = 'array'),
	CONSTRAINT "vacancies_version_positive" CHECK ("vacancies"."version" > 0)
);
--> statement-breakpoint
CREATE TABLE "vacancy_translations" (
	"vacancy_id" uuid NOT NULL,
	"locale" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"requirements" text,
	"how_to_apply" text,
	CONSTRAINT "vacancy_translations_vacancy_id_locale_pk" PRIMARY KEY("vacancy_id","locale"),
	CONSTRAINT "vacancy_translations_title_present" CHECK (length(btrim("vacancy_translations"."title")) > 0)
);
--> statement-breakpoint
CREATE TABLE "alert_translations" (
	"alert_id" uuid NOT NULL,
	"locale" text NOT NULL,
	"title" text NOT NULL,
	"body" text,
	CONSTRAINT "alert_translations_alert_id_locale_pk" PRIMARY KEY("alert_id","locale"),
	CONSTRAINT "alert_translations_title_present" CHECK (length(btrim("alert_translations"."title")) > 0)
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"place_id" uuid,
	"severity" "alert_severity" DEFAULT 'info' NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_until" timestamp with time zone,
	"state" "publication_state" DEFAULT 'draft' NOT NULL,
	"is_sample" boolean DEFAULT false NOT NULL,
	"sources" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	"archived_at" timestamp with time zone,
	CONSTRAINT "alerts_validity_window" CHECK ("alerts"."valid_until" is null or "alerts"."valid_until" >= "alerts"."valid_from"),
	CONSTRAINT "alerts_sources_array" CHECK (jsonb_typeof("alerts"."sources") = 'array'),
	CONSTRAINT "alerts_version_positive" CHECK ("alerts"."version" > 0)
);
--> statement-breakpoint
CREATE TABLE "invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"organization_id" uuid,
	"role" "role" NOT NULL,
	"token_hash" text NOT NULL,
	"invited_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "invitations_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "invitations_email_format" CHECK ("invitations"."email" ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
	CONSTRAINT "invitations_organization_matches_role" CHECK (("invitations"."role" in ('org_editor', 'ministry_publisher')) = ("invitations"."organization_id" is not null)),
	CONSTRAINT "invitations_expires_after_creation" CHECK ("invitations"."expires_at" > "invitations"."created_at")
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"organization_id" uuid,
	"role" "role" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_user_organization_role_unique" UNIQUE NULLS NOT DISTINCT("user_id","organization_id","role"),
	CONSTRAINT "memberships_organization_matches_role" CHECK (("memberships"."role" in ('org_editor', 'ministry_publisher')) = ("memberships"."organization_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sessions_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "sessions_expires_after_creation" CHECK ("sessions"."expires_at" > "sessions"."created_at")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text,
	"preferred_locale" text,
	"failed_login_count" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"last_login_at" timestamp with time zone,
	"disabled_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_format" CHECK ("users"."email" ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
	CONSTRAINT "users_failed_login_count_non_negative" CHECK ("users"."failed_login_count" >= 0),
	CONSTRAINT "users_version_positive" CHECK ("users"."version" > 0)
);
--> statement-breakpoint
CREATE TABLE "audit_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"actor_user_id" uuid,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feedback" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid,
	"vacancy_id" uuid,
	"kind" "feedback_kind" NOT NULL,
	"message" text,
	"locale" text,
	"status" "feedback_status" DEFAULT 'open' NOT NULL,
	"resolved_by_user_id" uuid,
	"resolved_at" timestamp with time zone,
	"resolution_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feedback_exactly_one_listing" CHECK (num_nonnulls("feedback"."service_id", "feedback"."vacancy_id") = 1),
	CONSTRAINT "feedback_message_length" CHECK ("feedback"."message" is null or length("feedback"."message") <= 2000),
	CONSTRAINT "feedback_resolution_consistent" CHECK (("feedback"."status" = 'open') = ("feedback"."resolved_at" is null))
);
--> statement-breakpoint
CREATE TABLE "publish_jobs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"reason" text NOT NULL,
	"requested_by_user_id" uuid,
	"status" "publish_job_status" DEFAULT 'queued' NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"worker_id" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "rate_limits_count_non_negative" CHECK ("rate_limits"."count" >= 0)
);
--> statement-breakpoint
ALTER TABLE "place_aliases" ADD CONSTRAINT "place_aliases_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "place_translations" ADD CONSTRAINT "place_translations_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "place_translations" ADD CONSTRAINT "place_translations_locale_locales_code_fk" FOREIGN KEY ("locale") REFERENCES "public"."locales"("code") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "places" ADD CONSTRAINT "places_parent_id_places_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."places"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "categories" ADD CONSTRAINT "categories_parent_id_categories_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."categories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "category_translations" ADD CONSTRAINT "category_translations_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "category_translations" ADD CONSTRAINT "category_translations_locale_locales_code_fk" FOREIGN KEY ("locale") REFERENCES "public"."locales"("code") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "organization_translations" ADD CONSTRAINT "organization_translations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_translations" ADD CONSTRAINT "organization_translations_locale_locales_code_fk" FOREIGN KEY ("locale") REFERENCES "public"."locales"("code") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "location_translations" ADD CONSTRAINT "location_translations_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "location_translations" ADD CONSTRAINT "location_translations_locale_locales_code_fk" FOREIGN KEY ("locale") REFERENCES "public"."locales"("code") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "locations" ADD CONSTRAINT "locations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "locations" ADD CONSTRAINT "locations_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_translations" ADD CONSTRAINT "phone_translations_phone_id_phones_id_fk" FOREIGN KEY ("phone_id") REFERENCES "public"."phones"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_translations" ADD CONSTRAINT "phone_translations_locale_locales_code_fk" FOREIGN KEY ("locale") REFERENCES "public"."locales"("code") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "phones" ADD CONSTRAINT "phones_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phones" ADD CONSTRAINT "phones_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phones" ADD CONSTRAINT "phones_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phones" ADD CONSTRAINT "phones_service_at_location_id_service_at_locations_id_fk" FOREIGN KEY ("service_at_location_id") REFERENCES "public"."service_at_locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_periods" ADD CONSTRAINT "schedule_periods_schedule_id_schedules_id_fk" FOREIGN KEY ("schedule_id") REFERENCES "public"."schedules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_translations" ADD CONSTRAINT "schedule_translations_schedule_id_schedules_id_fk" FOREIGN KEY ("schedule_id") REFERENCES "public"."schedules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_translations" ADD CONSTRAINT "schedule_translations_locale_locales_code_fk" FOREIGN KEY ("locale") REFERENCES "public"."locales"("code") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "schedules" ADD CONSTRAINT "schedules_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedules" ADD CONSTRAINT "schedules_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedules" ADD CONSTRAINT "schedules_service_at_location_id_service_at_locations_id_fk" FOREIGN KEY ("service_at_location_id") REFERENCES "public"."service_at_locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_at_locations" ADD CONSTRAINT "service_at_locations_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_at_locations" ADD CONSTRAINT "service_at_locations_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_categories" ADD CONSTRAINT "service_categories_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_categories" ADD CONSTRAINT "service_categories_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_translations" ADD CONSTRAINT "service_translations_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_translations" ADD CONSTRAINT "service_translations_locale_locales_code_fk" FOREIGN KEY ("locale") REFERENCES "public"."locales"("code") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_verified_by_user_id_users_id_fk" FOREIGN KEY ("verified_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rights_article_translations" ADD CONSTRAINT "rights_article_translations_article_id_rights_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."rights_articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rights_article_translations" ADD CONSTRAINT "rights_article_translations_locale_locales_code_fk" FOREIGN KEY ("locale") REFERENCES "public"."locales"("code") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "rights_articles" ADD CONSTRAINT "rights_articles_country_id_places_id_fk" FOREIGN KEY ("country_id") REFERENCES "public"."places"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vacancies" ADD CONSTRAINT "vacancies_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vacancies" ADD CONSTRAINT "vacancies_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vacancy_translations" ADD CONSTRAINT "vacancy_translations_vacancy_id_vacancies_id_fk" FOREIGN KEY ("vacancy_id") REFERENCES "public"."vacancies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vacancy_translations" ADD CONSTRAINT "vacancy_translations_locale_locales_code_fk" FOREIGN KEY ("locale") REFERENCES "public"."locales"("code") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "alert_translations" ADD CONSTRAINT "alert_translations_alert_id_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alerts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_translations" ADD CONSTRAINT "alert_translations_locale_locales_code_fk" FOREIGN KEY ("locale") REFERENCES "public"."locales"("code") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_invited_by_user_id_users_id_fk" FOREIGN KEY ("invited_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_preferred_locale_locales_code_fk" FOREIGN KEY ("preferred_locale") REFERENCES "public"."locales"("code") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "audit_entries" ADD CONSTRAINT "audit_entries_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_vacancy_id_vacancies_id_fk" FOREIGN KEY ("vacancy_id") REFERENCES "public"."vacancies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_locale_locales_code_fk" FOREIGN KEY ("locale") REFERENCES "public"."locales"("code") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_resolved_by_user_id_users_id_fk" FOREIGN KEY ("resolved_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publish_jobs" ADD CONSTRAINT "publish_jobs_requested_by_user_id_users_id_fk" FOREIGN KEY ("requested_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "places_parent_idx" ON "places" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "categories_parent_idx" ON "categories" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "locations_place_idx" ON "locations" USING btree ("place_id");--> statement-breakpoint
CREATE INDEX "locations_organization_idx" ON "locations" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "phones_organization_idx" ON "phones" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "phones_service_idx" ON "phones" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "phones_location_idx" ON "phones" USING btree ("location_id");--> statement-breakpoint
CREATE INDEX "phones_service_at_location_idx" ON "phones" USING btree ("service_at_location_id");--> statement-breakpoint
CREATE INDEX "schedule_periods_schedule_idx" ON "schedule_periods" USING btree ("schedule_id");--> statement-breakpoint
CREATE INDEX "schedules_service_idx" ON "schedules" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "schedules_location_idx" ON "schedules" USING btree ("location_id");--> statement-breakpoint
CREATE INDEX "schedules_service_at_location_idx" ON "schedules" USING btree ("service_at_location_id");--> statement-breakpoint
CREATE INDEX "service_at_locations_location_idx" ON "service_at_locations" USING btree ("location_id");--> statement-breakpoint
CREATE INDEX "service_categories_category_idx" ON "service_categories" USING btree ("category_id");--> statement-breakpoint
CREATE INDEX "services_organization_idx" ON "services" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "services_state_idx" ON "services" USING btree ("state");--> statement-breakpoint
CREATE INDEX "services_audiences_idx" ON "services" USING gin ("audiences");--> statement-breakpoint
CREATE INDEX "services_languages_idx" ON "services" USING gin ("languages");--> statement-breakpoint
CREATE INDEX "rights_articles_country_idx" ON "rights_articles" USING btree ("country_id");--> statement-breakpoint
CREATE INDEX "vacancies_organization_idx" ON "vacancies" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "vacancies_place_idx" ON "vacancies" USING btree ("place_id");--> statement-breakpoint
CREATE INDEX "vacancies_state_deadline_idx" ON "vacancies" USING btree ("state","deadline");--> statement-breakpoint
CREATE INDEX "alerts_place_idx" ON "alerts" USING btree ("place_id");--> statement-breakpoint
CREATE INDEX "memberships_organization_idx" ON "memberships" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_expires_idx" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_unique" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "audit_entries_entity_idx" ON "audit_entries" USING btree ("entity_type","entity_id","created_at");--> statement-breakpoint
CREATE INDEX "audit_entries_actor_idx" ON "audit_entries" USING btree ("actor_user_id");--> statement-breakpoint
CREATE INDEX "feedback_service_idx" ON "feedback" USING btree ("service_id","status");--> statement-breakpoint
CREATE INDEX "feedback_vacancy_idx" ON "feedback" USING btree ("vacancy_id","status");--> statement-breakpoint
CREATE INDEX "publish_jobs_status_idx" ON "publish_jobs" USING btree ("status","requested_at");--> statement-breakpoint
CREATE INDEX "rate_limits_window_idx" ON "rate_limits" USING btree ("window_start");