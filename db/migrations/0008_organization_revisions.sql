-- Changes to a published organization that wait for a moderator, as a service's do: an org editor's
-- proposal (names, description, web site, e-mail, phones…) is kept here, the public record stays as
-- it is until a moderator publishes the proposal; at most one is open per organization.
CREATE TABLE "organization_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
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
	"organization_id" uuid NOT NULL,
	CONSTRAINT "organization_revisions_proposed_object" CHECK (jsonb_typeof("organization_revisions"."proposed") = 'object'),
	CONSTRAINT "organization_revisions_decision_consistent" CHECK (("organization_revisions"."status" in ('draft', 'in_review')) = ("organization_revisions"."decided_at" is null)),
	CONSTRAINT "organization_revisions_rejection_has_reason" CHECK ("organization_revisions"."status" <> 'rejected' or "organization_revisions"."rejection_reason" is not null)
);
--> statement-breakpoint
ALTER TABLE "organization_revisions" ADD CONSTRAINT "organization_revisions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_revisions" ADD CONSTRAINT "organization_revisions_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_revisions" ADD CONSTRAINT "organization_revisions_submitted_by_user_id_users_id_fk" FOREIGN KEY ("submitted_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_revisions" ADD CONSTRAINT "organization_revisions_decided_by_user_id_users_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "organization_revisions_one_open" ON "organization_revisions" USING btree ("organization_id") WHERE "organization_revisions"."status" in ('draft', 'in_review');--> statement-breakpoint
CREATE INDEX "organization_revisions_organization_idx" ON "organization_revisions" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "organization_revisions_status_idx" ON "organization_revisions" USING btree ("status");
