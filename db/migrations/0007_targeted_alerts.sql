-- Alerts that concern places, organisations and services, and closures: an alert with
-- closed_until temporarily closes the services it names, from valid_from to the end of that day in
-- Libya; the alert itself stays in force at least into that day. The one place an alert had (alerts.place_id) becomes its first row in alert_places.
ALTER TABLE "alerts" ADD COLUMN "closed_until" date;--> statement-breakpoint
CREATE TABLE "alert_places" (
	"alert_id" uuid NOT NULL,
	"place_id" uuid NOT NULL,
	CONSTRAINT "alert_places_alert_id_place_id_pk" PRIMARY KEY("alert_id","place_id")
);
--> statement-breakpoint
CREATE TABLE "alert_organizations" (
	"alert_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	CONSTRAINT "alert_organizations_alert_id_organization_id_pk" PRIMARY KEY("alert_id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "alert_services" (
	"alert_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	CONSTRAINT "alert_services_alert_id_service_id_pk" PRIMARY KEY("alert_id","service_id")
);
--> statement-breakpoint
ALTER TABLE "alert_places" ADD CONSTRAINT "alert_places_alert_id_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alerts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_places" ADD CONSTRAINT "alert_places_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_organizations" ADD CONSTRAINT "alert_organizations_alert_id_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alerts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_organizations" ADD CONSTRAINT "alert_organizations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_services" ADD CONSTRAINT "alert_services_alert_id_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alerts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_services" ADD CONSTRAINT "alert_services_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alert_places_place_idx" ON "alert_places" USING btree ("place_id");--> statement-breakpoint
CREATE INDEX "alert_organizations_organization_idx" ON "alert_organizations" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "alert_services_service_idx" ON "alert_services" USING btree ("service_id");--> statement-breakpoint
INSERT INTO "alert_places" ("alert_id", "place_id") SELECT "id", "place_id" FROM "alerts" WHERE "place_id" IS NOT NULL;--> statement-breakpoint
DROP INDEX "alerts_place_idx";--> statement-breakpoint
ALTER TABLE "alerts" DROP CONSTRAINT "alerts_place_id_places_id_fk";--> statement-breakpoint
ALTER TABLE "alerts" DROP COLUMN "place_id";--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_closure_after_start" CHECK ("alerts"."closed_until" is null or "alerts"."closed_until" >= ("alerts"."valid_from" at time zone 'Africa/Tripoli')::date);--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_closure_within_validity" CHECK ("alerts"."closed_until" is null or "alerts"."valid_until" is null or "alerts"."valid_until" >= ("alerts"."closed_until"::timestamp at time zone 'Africa/Tripoli'));--> statement-breakpoint
-- The last day a published closure in force at an instant keeps a service closed (Libya time), or
-- null when none does. The one definition for the API's services, open-now filter and search.
CREATE OR REPLACE FUNCTION start_service_closed_until(service uuid, at timestamptz) RETURNS date
LANGUAGE sql STABLE PARALLEL SAFE
AS $function$
  SELECT max(a.closed_until)
  FROM alert_services x
  JOIN alerts a ON a.id = x.alert_id
  WHERE x.service_id = service
    AND a.state = 'published' AND a.archived_at IS NULL
    AND a.closed_until IS NOT NULL
    AND a.valid_from <= at
    AND a.closed_until >= (at AT TIME ZONE 'Africa/Tripoli')::date
$function$;
--> statement-breakpoint
-- As in 0003, and a service closed by an alert is not open.
CREATE OR REPLACE FUNCTION start_service_open_at(service uuid, at timestamptz) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
AS $function$
  WITH scopes AS (
    SELECT sal.id AS service_at_location_id, l.id AS location_id, p.time_zone
    FROM service_at_locations sal
    JOIN locations l ON l.id = sal.location_id AND l.archived_at IS NULL
    JOIN places p ON p.id = l.place_id
    WHERE sal.service_id = service
    UNION ALL
    SELECT NULL, NULL, 'Africa/Tripoli'
    WHERE NOT EXISTS (
      SELECT 1 FROM service_at_locations sal JOIN locations l ON l.id = sal.location_id AND l.archived_at IS NULL
      WHERE sal.service_id = service)
  ),
  effective AS (
    SELECT scopes.time_zone, sc.id, sc.valid_from, sc.valid_to
    FROM scopes
    JOIN schedules sc ON sc.service_at_location_id = scopes.service_at_location_id
    UNION ALL
    SELECT scopes.time_zone, sc.id, sc.valid_from, sc.valid_to
    FROM scopes
    JOIN schedules sc ON sc.service_id = service
    WHERE NOT EXISTS (SELECT 1 FROM schedules own WHERE own.service_at_location_id = scopes.service_at_location_id)
    UNION ALL
    SELECT scopes.time_zone, sc.id, sc.valid_from, sc.valid_to
    FROM scopes
    JOIN schedules sc ON sc.location_id = scopes.location_id
    WHERE NOT EXISTS (SELECT 1 FROM schedules own WHERE own.service_at_location_id = scopes.service_at_location_id)
      AND NOT EXISTS (SELECT 1 FROM schedules own WHERE own.service_id = service)
  )
  SELECT EXISTS (SELECT 1 FROM services s WHERE s.id = service AND s.status = 'active')
    AND start_service_closed_until(service, at) IS NULL
    AND EXISTS (
      SELECT 1
      FROM effective e
      CROSS JOIN LATERAL (SELECT (at AT TIME ZONE e.time_zone) AS moment) AS local
      JOIN schedule_periods sp ON sp.schedule_id = e.id
      WHERE sp.weekday = extract(isodow FROM local.moment)
        AND local.moment::time >= sp.opens_at
        AND local.moment::time < sp.closes_at
        AND (e.valid_from IS NULL OR local.moment::date >= e.valid_from)
        AND (e.valid_to IS NULL OR local.moment::date <= e.valid_to)
    )
$function$;
--> statement-breakpoint
-- A closure changes whether a service is marked closed in search: the search generation moves
-- with alerts and what they name, as with every other table documents are made of (0006).
DO $triggers$
DECLARE
  table_name text;
BEGIN
  FOREACH table_name IN ARRAY ARRAY['alerts', 'alert_services']
  LOOP
    EXECUTE format(
      'CREATE CONSTRAINT TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION start_search_changed()',
      table_name || '_search_changed', table_name);
  END LOOP;
END
$triggers$;
