CREATE TYPE "public"."revision_status" AS ENUM('draft', 'in_review', 'applied', 'rejected', 'discarded');--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL,
	"status" "revision_status" DEFAULT 'draft' NOT NULL,
	"proposed" jsonb NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone,
	"submitted_by_user_id" uuid,
	"decided_at" timestamp with time zone,
	"decided_by_user_id" uuid,
	"rejection_reason" text,
	CONSTRAINT "service_revisions_proposed_object" CHECK (jsonb_typeof("service_revisions"."proposed") = 'object'),
	CONSTRAINT "service_revisions_decision_consistent" CHECK (("service_revisions"."status" in ('draft', 'in_review')) = ("service_revisions"."decided_at" is null)),
	CONSTRAINT "service_revisions_rejection_has_reason" CHECK ("service_revisions"."status" <> 'rejected' or "service_revisions"."rejection_reason" is not null)
);
--> statement-breakpoint
ALTER TABLE "feedback" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "service_revisions" ADD CONSTRAINT "service_revisions_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_revisions" ADD CONSTRAINT "service_revisions_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_revisions" ADD CONSTRAINT "service_revisions_submitted_by_user_id_users_id_fk" FOREIGN KEY ("submitted_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_revisions" ADD CONSTRAINT "service_revisions_decided_by_user_id_users_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "service_revisions_one_open" ON "service_revisions" USING btree ("service_id") WHERE "service_revisions"."status" in ('draft', 'in_review');--> statement-breakpoint
CREATE INDEX "service_revisions_service_idx" ON "service_revisions" USING btree ("service_id","created_at");--> statement-breakpoint
CREATE INDEX "service_revisions_status_idx" ON "service_revisions" USING btree ("status");--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_version_positive" CHECK ("feedback"."version" > 0);