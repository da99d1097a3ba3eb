-- The search generation: a number that moves on with every committed change to anything search
-- documents are made of (records, their texts, names they borrow, hours notes, visibility, the
-- enabled locales). An API process keeps its search indexes in memory and rebuilds them when it
-- reads a generation other than the one they were built at, whoever made the change (this process,
-- another one, the seed, a SQL console).
--
-- The number is bumped once per transaction, by a deferred trigger, so that the one row is locked
-- only while the transaction commits, after every other lock it takes: writers never wait for it
-- while holding other rows, and the new number is visible exactly when the change is.
CREATE TABLE "search_changes" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"generation" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "search_changes_one_row" CHECK ("id" = 1)
);
--> statement-breakpoint
INSERT INTO "search_changes" ("id", "generation") VALUES (1, 0);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION start_search_changed() RETURNS trigger
LANGUAGE plpgsql
AS $function$
BEGIN
  IF coalesce(current_setting('start.search_changed', true), '') <> txid_current()::text THEN
    PERFORM set_config('start.search_changed', txid_current()::text, true);
    UPDATE search_changes SET generation = generation + 1 WHERE id = 1;
  END IF;
  RETURN NULL;
END
$function$;
--> statement-breakpoint
DO $triggers$
DECLARE
  table_name text;
BEGIN
  FOREACH table_name IN ARRAY ARRAY[
    'locales', 'services', 'service_translations', 'service_categories', 'service_at_locations',
    'locations', 'location_translations', 'organizations', 'organization_translations',
    'categories', 'category_translations', 'places', 'place_translations', 'place_aliases',
    'schedules', 'schedule_translations', 'rights_articles', 'rights_article_translations',
    'vacancies', 'vacancy_translations'
  ]
  LOOP
    EXECUTE format(
      'CREATE CONSTRAINT TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION start_search_changed()',
      table_name || '_search_changed', table_name);
  END LOOP;
END
$triggers$;
--> statement-breakpoint
-- The full-text documents of the earlier SQL search are no longer read: the API searches with the
-- same engine as the portal (@start/db/search), in memory. Their triggers no longer slow writes.
DO $drop$
DECLARE
  table_name text;
BEGIN
  FOREACH table_name IN ARRAY ARRAY[
    'services', 'service_translations', 'service_categories', 'service_at_locations', 'locations',
    'location_translations', 'organization_translations', 'categories', 'category_translations',
    'places', 'place_translations', 'place_aliases', 'rights_articles', 'rights_article_translations',
    'vacancies', 'vacancy_translations'
  ]
  LOOP
    EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', table_name || '_search_insert', table_name);
    EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', table_name || '_search_update', table_name);
    EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', table_name || '_search_delete', table_name);
  END LOOP;
END
$drop$;
--> statement-breakpoint
DROP FUNCTION IF EXISTS start_search_track();--> statement-breakpoint
DROP FUNCTION IF EXISTS start_search_refresh_all();--> statement-breakpoint
DROP FUNCTION IF EXISTS start_search_refresh(text, uuid[]);--> statement-breakpoint
DROP FUNCTION IF EXISTS start_search_refresh_services(uuid[]);--> statement-breakpoint
DROP FUNCTION IF EXISTS start_search_refresh_rights_articles(uuid[]);--> statement-breakpoint
DROP FUNCTION IF EXISTS start_search_refresh_vacancies(uuid[]);--> statement-breakpoint
DROP FUNCTION IF EXISTS start_search_vector(regconfig, text);--> statement-breakpoint
DROP FUNCTION IF EXISTS start_search_without_article(text);--> statement-breakpoint
DROP FUNCTION IF EXISTS start_search_config(text);--> statement-breakpoint
DROP FUNCTION IF EXISTS start_organization_names(uuid);--> statement-breakpoint
DROP FUNCTION IF EXISTS start_category_names(uuid[]);--> statement-breakpoint
DROP FUNCTION IF EXISTS start_place_names(uuid[]);--> statement-breakpoint
DROP TABLE "search_documents";--> statement-breakpoint
DROP TYPE "public"."search_entity_type";
