-- Search documents and the SQL helpers the API's directory queries share.
--
-- Text search: every document is start_normalize()d first (the same normaliser the API applies to
-- queries and the portal to its lunr index). Arabic (and any locale without a stemmer of its own)
-- uses the 'simple' configuration: no stemming, no stop words, which suits Arabic better than the
-- aggressive snowball stemmer, and the normaliser already folds the spelling variants. Arabic words
-- carrying the article (ال, بال, كال, لل, with و/ف) are also indexed without it, so "مستشفى" finds
-- "المستشفى". English and French use their snowball configurations on the same normalised text, so
-- plurals and inflections meet ("clinics" → clinic, "enfants" → enfant) and accents never matter.
-- The API matches a query against all of them at once (one tsquery OR-ed over the configurations),
-- which keeps a single GIN index usable whatever the document's locale.

CREATE OR REPLACE FUNCTION start_search_config(locale text) RETURNS regconfig
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $function$
  SELECT CASE
    WHEN locale = 'en' OR locale LIKE 'en-%' THEN 'english'::regconfig
    WHEN locale = 'fr' OR locale LIKE 'fr-%' THEN 'french'::regconfig
    ELSE 'simple'::regconfig
  END
$function$;
--> statement-breakpoint
-- The words of normalised text that carry the Arabic article, without it ("المستشفي" → "مستشفي").
CREATE OR REPLACE FUNCTION start_search_without_article(normalised text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $function$
  SELECT coalesce(string_agg(m[1], ' '), '')
  FROM regexp_matches(normalised, '(?:^| )[وف]?(?:ال|بال|كال|لل)([^ ]{2,})', 'g') AS m
$function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION start_search_vector(config regconfig, input text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $function$
  SELECT to_tsvector(config, n) || to_tsvector('simple'::regconfig, start_search_without_article(n))
  FROM (SELECT start_normalize(coalesce(input, '')) AS n) AS normalised
$function$;
--> statement-breakpoint
-- The given categories and all their ancestors.
CREATE OR REPLACE FUNCTION start_category_lineage(ids uuid[]) RETURNS SETOF uuid
LANGUAGE sql STABLE PARALLEL SAFE
AS $function$
  WITH RECURSIVE lineage(id) AS (
    SELECT c.id FROM categories c WHERE c.id = ANY(ids)
    UNION
    SELECT c.parent_id FROM categories c JOIN lineage ON c.id = lineage.id WHERE c.parent_id IS NOT NULL
  )
  SELECT id FROM lineage
$function$;
--> statement-breakpoint
-- The given categories and everything below them.
CREATE OR REPLACE FUNCTION start_category_subtree(ids uuid[]) RETURNS SETOF uuid
LANGUAGE sql STABLE PARALLEL SAFE
AS $function$
  WITH RECURSIVE subtree(id) AS (
    SELECT c.id FROM categories c WHERE c.id = ANY(ids)
    UNION
    SELECT c.id FROM categories c JOIN subtree ON c.parent_id = subtree.id
  )
  SELECT id FROM subtree
$function$;
--> statement-breakpoint
-- The given places and all the places that contain them.
CREATE OR REPLACE FUNCTION start_place_lineage(ids uuid[]) RETURNS SETOF uuid
LANGUAGE sql STABLE PARALLEL SAFE
AS $function$
  WITH RECURSIVE lineage(id) AS (
    SELECT p.id FROM places p WHERE p.id = ANY(ids)
    UNION
    SELECT p.parent_id FROM places p JOIN lineage ON p.id = lineage.id WHERE p.parent_id IS NOT NULL
  )
  SELECT id FROM lineage
$function$;
--> statement-breakpoint
-- The given places and everything inside them (a country's regions, a region's municipalities).
CREATE OR REPLACE FUNCTION start_place_subtree(ids uuid[]) RETURNS SETOF uuid
LANGUAGE sql STABLE PARALLEL SAFE
AS $function$
  WITH RECURSIVE subtree(id) AS (
    SELECT p.id FROM places p WHERE p.id = ANY(ids)
    UNION
    SELECT p.id FROM places p JOIN subtree ON p.parent_id = subtree.id
  )
  SELECT id FROM subtree
$function$;
--> statement-breakpoint
-- Names (every locale) of the given categories and their ancestors.
CREATE OR REPLACE FUNCTION start_category_names(ids uuid[]) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
AS $function$
  SELECT coalesce(string_agg(ct.name, ' ' ORDER BY ct.category_id, ct.locale), '')
  FROM category_translations ct
  WHERE ct.category_id IN (SELECT start_category_lineage(ids))
$function$;
--> statement-breakpoint
-- Names (every locale) and aliases of the given places and of the places that contain them.
CREATE OR REPLACE FUNCTION start_place_names(ids uuid[]) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
AS $function$
  WITH lineage AS (SELECT start_place_lineage(ids) AS id)
  SELECT concat_ws(' ',
    (SELECT string_agg(pt.name, ' ' ORDER BY pt.place_id, pt.locale) FROM place_translations pt WHERE pt.place_id IN (SELECT id FROM lineage)),
    (SELECT string_agg(pa.alias, ' ' ORDER BY pa.place_id, pa.alias) FROM place_aliases pa WHERE pa.place_id IN (SELECT id FROM lineage))
  )
$function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION start_organization_names(organization uuid) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
AS $function$
  SELECT coalesce(string_agg(concat_ws(' ', ot.name, ot.alternate_name), ' ' ORDER BY ot.locale), '')
  FROM organization_translations ot WHERE ot.organization_id = organization
$function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION start_search_refresh_services(ids uuid[]) RETURNS void
LANGUAGE sql VOLATILE
AS $function$
  DELETE FROM search_documents WHERE entity_type = 'service' AND entity_id = ANY(ids);
  INSERT INTO search_documents (entity_type, entity_id, locale, names, document)
  SELECT 'service', s.id, t.locale,
    start_normalize(concat_ws(' ', t.name, t.alternate_name, borrowed.names)),
    setweight(start_search_vector(start_search_config(t.locale), concat_ws(' ', t.name, t.alternate_name)), 'A')
      || setweight(start_search_vector(start_search_config(t.locale), borrowed.names), 'B')
      || setweight(start_search_vector(start_search_config(t.locale), concat_ws(' ',
           t.description, t.eligibility_description, t.application_process, t.fees_description,
           array_to_string(t.required_documents, ' '), addresses.text)), 'C')
  FROM services s
  JOIN service_translations t ON t.service_id = s.id
  CROSS JOIN LATERAL (
    SELECT concat_ws(' ',
      start_organization_names(s.organization_id),
      start_category_names(ARRAY(SELECT sc.category_id FROM service_categories sc WHERE sc.service_id = s.id)),
      start_place_names(ARRAY(
        SELECT l.place_id FROM service_at_locations sal JOIN locations l ON l.id = sal.location_id
        WHERE sal.service_id = s.id AND l.archived_at IS NULL))
    ) AS names
  ) AS borrowed
  -- A confidential service publishes no address, so none is indexed.
  CROSS JOIN LATERAL (
    SELECT string_agg(concat_ws(' ', lt.name, lt.address), ' ' ORDER BY sal.position, lt.location_id) AS text
    FROM service_at_locations sal
    JOIN locations l ON l.id = sal.location_id AND l.archived_at IS NULL
    JOIN location_translations lt ON lt.location_id = l.id AND lt.locale = t.locale
    WHERE sal.service_id = s.id AND NOT s.confidential_address
  ) AS addresses
  WHERE s.id = ANY(ids);
$function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION start_search_refresh_rights_articles(ids uuid[]) RETURNS void
LANGUAGE sql VOLATILE
AS $function$
  DELETE FROM search_documents WHERE entity_type = 'rights_article' AND entity_id = ANY(ids);
  INSERT INTO search_documents (entity_type, entity_id, locale, names, document)
  SELECT 'rights_article', a.id, t.locale,
    start_normalize(concat_ws(' ', t.title, borrowed.names)),
    setweight(start_search_vector(start_search_config(t.locale), t.title), 'A')
      || setweight(start_search_vector(start_search_config(t.locale), borrowed.names), 'B')
      || setweight(start_search_vector(start_search_config(t.locale), concat_ws(' ', t.summary, t.body)), 'C')
  FROM rights_articles a
  JOIN rights_article_translations t ON t.article_id = a.id
  CROSS JOIN LATERAL (
    SELECT concat_ws(' ', start_place_names(ARRAY[a.country_id]), replace(a.topic, '-', ' ')) AS names
  ) AS borrowed
  WHERE a.id = ANY(ids);
$function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION start_search_refresh_vacancies(ids uuid[]) RETURNS void
LANGUAGE sql VOLATILE
AS $function$
  DELETE FROM search_documents WHERE entity_type = 'vacancy' AND entity_id = ANY(ids);
  INSERT INTO search_documents (entity_type, entity_id, locale, names, document)
  SELECT 'vacancy', v.id, t.locale,
    start_normalize(concat_ws(' ', t.title, borrowed.names)),
    setweight(start_search_vector(start_search_config(t.locale), t.title), 'A')
      || setweight(start_search_vector(start_search_config(t.locale), borrowed.names), 'B')
      || setweight(start_search_vector(start_search_config(t.locale), concat_ws(' ', t.description, t.requirements, t.how_to_apply)), 'C')
  FROM vacancies v
  JOIN vacancy_translations t ON t.vacancy_id = v.id
  CROSS JOIN LATERAL (
    SELECT concat_ws(' ',
      start_organization_names(v.organization_id),
      start_place_names(ARRAY[v.place_id]),
      replace(v.sector, '-', ' ')
    ) AS names
  ) AS borrowed
  WHERE v.id = ANY(ids);
$function$;
--> statement-breakpoint
-- Refreshes the documents that depend on the given records of one kind.
CREATE OR REPLACE FUNCTION start_search_refresh(kind text, ids uuid[]) RETURNS void
LANGUAGE plpgsql VOLATILE
AS $function$
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN
    RETURN;
  END IF;
  CASE kind
    WHEN 'service' THEN
      PERFORM start_search_refresh_services(ids);
    WHEN 'location' THEN
      PERFORM start_search_refresh_services(ARRAY(
        SELECT DISTINCT sal.service_id FROM service_at_locations sal WHERE sal.location_id = ANY(ids)));
    WHEN 'organization' THEN
      PERFORM start_search_refresh_services(ARRAY(SELECT s.id FROM services s WHERE s.organization_id = ANY(ids)));
      PERFORM start_search_refresh_vacancies(ARRAY(SELECT v.id FROM vacancies v WHERE v.organization_id = ANY(ids)));
    WHEN 'category' THEN
      PERFORM start_search_refresh_services(ARRAY(
        SELECT DISTINCT sc.service_id FROM service_categories sc
        WHERE sc.category_id IN (SELECT start_category_subtree(ids))));
    WHEN 'place' THEN
      PERFORM start_search_refresh_services(ARRAY(
        SELECT DISTINCT sal.service_id FROM service_at_locations sal JOIN locations l ON l.id = sal.location_id
        WHERE l.place_id IN (SELECT start_place_subtree(ids))));
      PERFORM start_search_refresh_vacancies(ARRAY(
        SELECT v.id FROM vacancies v WHERE v.place_id IN (SELECT start_place_subtree(ids))));
      PERFORM start_search_refresh_rights_articles(ARRAY(
        SELECT a.id FROM rights_articles a WHERE a.country_id IN (SELECT start_place_subtree(ids))));
    WHEN 'rights_article' THEN
      PERFORM start_search_refresh_rights_articles(ids);
    WHEN 'vacancy' THEN
      PERFORM start_search_refresh_vacancies(ids);
    ELSE
      RAISE EXCEPTION 'start_search_refresh: unknown kind %', kind;
  END CASE;
END
$function$;
--> statement-breakpoint
-- Rebuilds every search document (after a bulk load with triggers disabled, or to repair).
CREATE OR REPLACE FUNCTION start_search_refresh_all() RETURNS void
LANGUAGE plpgsql VOLATILE
AS $function$
BEGIN
  DELETE FROM search_documents;
  PERFORM start_search_refresh_services(ARRAY(SELECT id FROM services));
  PERFORM start_search_refresh_rights_articles(ARRAY(SELECT id FROM rights_articles));
  PERFORM start_search_refresh_vacancies(ARRAY(SELECT id FROM vacancies));
END
$function$;
--> statement-breakpoint
-- Statement-level trigger: collects the keys named by TG_ARGV[1] from the changed rows and refreshes
-- the documents that depend on them (TG_ARGV[0] says what kind of record the key identifies).
CREATE OR REPLACE FUNCTION start_search_track() RETURNS trigger
LANGUAGE plpgsql
AS $function$
DECLARE
  changed uuid[] := '{}';
  part uuid[];
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    EXECUTE format('SELECT coalesce(array_agg(DISTINCT %I), ''{}'') FROM changed_new', TG_ARGV[1]) INTO part;
    changed := changed || part;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    EXECUTE format('SELECT coalesce(array_agg(DISTINCT %I), ''{}'') FROM changed_old', TG_ARGV[1]) INTO part;
    changed := changed || part;
  END IF;
  PERFORM start_search_refresh(TG_ARGV[0], ARRAY(SELECT DISTINCT unnest(changed)));
  RETURN NULL;
END
$function$;
--> statement-breakpoint
DO $triggers$
DECLARE
  source record;
BEGIN
  FOR source IN
    SELECT * FROM (VALUES
      ('services', 'service', 'id'),
      ('service_translations', 'service', 'service_id'),
      ('service_categories', 'service', 'service_id'),
      ('service_at_locations', 'service', 'service_id'),
      ('locations', 'location', 'id'),
      ('location_translations', 'location', 'location_id'),
      ('organization_translations', 'organization', 'organization_id'),
      ('categories', 'category', 'id'),
      ('category_translations', 'category', 'category_id'),
      ('places', 'place', 'id'),
      ('place_translations', 'place', 'place_id'),
      ('place_aliases', 'place', 'place_id'),
      ('rights_articles', 'rights_article', 'id'),
      ('rights_article_translations', 'rights_article', 'article_id'),
      ('vacancies', 'vacancy', 'id'),
      ('vacancy_translations', 'vacancy', 'vacancy_id')
    ) AS t(table_name, kind, key_column)
  LOOP
    EXECUTE format(
      'CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION start_search_track(%L, %L)',
      source.table_name || '_search_insert', source.table_name, source.kind, source.key_column);
    EXECUTE format(
      'CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION start_search_track(%L, %L)',
      source.table_name || '_search_update', source.table_name, source.kind, source.key_column);
    EXECUTE format(
      'CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS changed_old FOR EACH STATEMENT EXECUTE FUNCTION start_search_track(%L, %L)',
      source.table_name || '_search_delete', source.table_name, source.kind, source.key_column);
  END LOOP;
END
$triggers$;
--> statement-breakpoint
SELECT start_search_refresh_all();
--> statement-breakpoint
-- Great-circle distance in kilometres (haversine; the Earth as a sphere of radius 6371 km).
CREATE OR REPLACE FUNCTION start_distance_km(lat1 double precision, lon1 double precision, lat2 double precision, lon2 double precision)
RETURNS double precision
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $function$
  SELECT 2 * 6371 * asin(least(1, sqrt(
    sin(radians(lat2 - lat1) / 2) ^ 2 + cos(radians(lat1)) * cos(radians(lat2)) * sin(radians(lon2 - lon1) / 2) ^ 2
  )))
$function$;
--> statement-breakpoint
-- Whether a service is open at an instant, from its opening hours, read in the time zone of each
-- location's place (Africa/Tripoli in Libya). At each location the most specific schedule wins:
-- the service-at-location's own, else the service's, else the location's. A service without a
-- location uses its own schedule in Libya time. Only active services are ever open.
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
