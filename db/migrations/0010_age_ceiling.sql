-- One maximum age everywhere (START's rules, db/src/rules: MAX_AGE = 120, above any person's age):
-- the editor and the HSDS import refuse more, and so does the database now. An age above it can
-- only have come from content or an import before this rule; a maximum above 120 meant no upper
-- limit, which is what null says, and a minimum above 120 excluded everyone, so both become null.
UPDATE "services" SET "maximum_age" = NULL WHERE "maximum_age" > 120;--> statement-breakpoint
UPDATE "services" SET "minimum_age" = NULL WHERE "minimum_age" > 120;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_age_ceiling" CHECK (coalesce("services"."minimum_age", 0) <= 120 and coalesce("services"."maximum_age", 0) <= 120);
