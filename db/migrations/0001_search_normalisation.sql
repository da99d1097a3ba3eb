-- Search support shared by both drivers: trigram similarity for misspellings, and the text
-- normaliser that db/src/text/normalize.ts implements for the API and the portal's lunr index.
-- The two must agree; tests/db/normalize.test.ts runs both over one corpus.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION start_normalize(input text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $function$
  SELECT regexp_replace(
    regexp_replace(
      lower(
        replace(replace(replace(replace(replace(
          translate(
            regexp_replace(input, '[\u064B-\u065F\u0670\u06D6-\u06ED\u0640\u061C\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]', '', 'g'),
            'أإآٱىةیک' || '٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹' || 'àáâãäåçèéêëìíîïñòóôõöùúûüýÿ' || 'ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝŸ' || '’‘ʼ`' || U&'\00A0\2002\2003\2007\2009\200A\202F\3000',
            'اااا' || 'يهيك' || '01234567890123456789' || 'aaaaaaceeeeiiiinooooouuuuyy' || 'aaaaaaceeeeiiiinooooouuuuyy' || '''''''''' || '        '
          ),
          'œ', 'oe'), 'Œ', 'oe'), 'æ', 'ae'), 'Æ', 'ae'), 'ß', 'ss')
      ),
      '[ \t\n\r\f\v]+', ' ', 'g'
    ),
    '^ | $', '', 'g'
  )
$function$;
