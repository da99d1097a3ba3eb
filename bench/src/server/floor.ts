import { type SQL, sql } from "drizzle-orm";

/**
 * The floor the directory page is compared with: the same answer as the GraphQL directory query
 * (DIRECTORY_QUERY: 20 services by name in a locale, with organization, categories, phones, hours
 * and locations, texts falling back along the locale chain, the total count and the cursor), as
 * one hand-written SQL statement that builds the response's JSON in the database. The bench
 * checks that both give the same data before it times them.
 */

/** The first non-blank value of a translated column along the chain, as `{ text, locale, isFallback }` (or fewer keys). */
function picked(table: string, foreignKey: string, owner: string, column: string, keys: ("text" | "locale" | "isFallback")[]): string {
  const fields = keys.map((key) =>
    key === "text" ? `'text', t.${column}` : key === "locale" ? `'locale', t.locale` : `'isFallback', t.locale <> pr.requested`,
  );
  return `(select json_build_object(${fields.join(", ")}) from ${table} t cross join params pr
    where t.${foreignKey} = ${owner} and t.locale = any(pr.chain) and nullif(btrim(t.${column}), '') is not null
    order by array_position(pr.chain, t.locale) limit 1)`;
}

const enumName = (column: string) => `upper(regexp_replace(${column}::text, '[^a-zA-Z0-9]+', '_', 'g'))`;

const periods = (schedule: string) =>
  `coalesce((select json_agg(json_build_object('weekday', p.weekday, 'opensAt', left(p.opens_at::text, 5), 'closesAt', left(p.closes_at::text, 5))
     order by p.weekday, p.opens_at) from schedule_periods p where p.schedule_id = ${schedule}.id), '[]'::json)`;

function schedulesOf(ownerColumn: string, owner: string): string {
  return `(select json_agg(json_build_object('periods', ${periods("sc")}, 'notes', ${picked("schedule_translations", "schedule_id", "sc.id", "notes", ["text"])})
    order by sc.valid_from, sc.id) from schedules sc where sc.${ownerColumn} = ${owner})`;
}

/** `select … as body`: the whole GraphQL response as text. */
export function directoryFloorQuery(chain: readonly string[], first: number): SQL {
  const phones = (ownerColumn: string, owner: string, withLanguages: boolean) =>
    `coalesce((select json_agg(json_build_object('number', ph.number, 'type', ${enumName("ph.type")}${withLanguages ? ", 'languages', ph.languages" : ""})
       order by ph.position, ph.id) from phones ph where ph.${ownerColumn} = ${owner}), '[]'::json)`;
  return sql`with params as (select ${sql.param([...chain])}::text[] as chain, ${chain[0]}::text as requested),
    candidates as (
      select s.id, coalesce(${sql.join(
        chain.map((locale) => sql`(select t.name_sort from service_translations t where t.service_id = s.id and t.locale = ${locale})`),
        sql`, `,
      )}, (select t.name_sort from service_translations t where t.service_id = s.id
          order by array_position((select chain from params), t.locale) nulls last, t.locale limit 1), '') as sort_key
      from services s
      where s.state = 'published' and s.archived_at is null and s.status <> 'defunct'
        and exists (select 1 from organizations so where so.id = s.organization_id and so.state = 'published' and so.archived_at is null)
        and exists (select 1 from service_translations tr join locales lc on lc.code = tr.locale and lc.enabled where tr.service_id = s.id)
    ),
    top as (
      select c.id, c.sort_key from candidates c order by c.sort_key collate "C", c.id::text collate "C" limit ${first + 1}
    ),
    page as (
      select top.id, top.sort_key, row_number() over (order by top.sort_key collate "C", top.id::text collate "C") as n from top
    ),
    edges as (
      select p.n,
        translate(encode(convert_to('["services","NAME",' || to_json(p.sort_key)::text || ',' || to_json(p.id::text)::text || ']', 'UTF8'), 'base64'), E'+/=\n', '-_') as cursor,
        ${sql.raw(`json_build_object(
          'id', s.id,
          'slug', s.slug,
          'name', ${picked("service_translations", "service_id", "s.id", "name", ["text", "locale", "isFallback"])},
          'description', ${picked("service_translations", "service_id", "s.id", "description", ["text", "locale"])},
          'cost', ${enumName("s.cost")},
          'audiences', (select coalesce(json_agg(${enumName("a")} order by o), '[]'::json) from unnest(s.audiences) with ordinality as u(a, o)),
          'languages', to_json(s.languages),
          'organization', (select json_build_object('slug', o.slug, 'name', ${picked("organization_translations", "organization_id", "o.id", "name", ["text"])})
             from organizations o where o.id = s.organization_id),
          'categories', coalesce((select json_agg(json_build_object('code', c.code, 'name', ${picked("category_translations", "category_id", "c.id", "name", ["text"])})
             order by c.position, c.code) from service_categories sc join categories c on c.id = sc.category_id and c.archived_at is null
             where sc.service_id = s.id), '[]'::json),
          'phones', ${phones("service_id", "s.id", true)},
          'schedules', coalesce(${schedulesOf("service_id", "s.id")}, '[]'::json),
          'locations', coalesce((select json_agg(json_build_object(
              'location', json_build_object(
                'latitude', case when s.confidential_address then null else l.latitude end,
                'longitude', case when s.confidential_address then null else l.longitude end,
                'address', case when s.confidential_address then null else ${picked("location_translations", "location_id", "l.id", "address", ["text"])} end,
                'place', (select json_build_object('slug', pl.slug, 'name', ${picked("place_translations", "place_id", "pl.id", "name", ["text"])})
                  from places pl where pl.id = l.place_id)),
              'phones', ${phones("service_at_location_id", "sal.id", false)},
              'schedules', coalesce(${schedulesOf("service_at_location_id", "sal.id")}, ${schedulesOf("service_id", "s.id")}, ${schedulesOf("location_id", "l.id")}, '[]'::json)
            ) order by sal.position, sal.id)
            from service_at_locations sal join locations l on l.id = sal.location_id and l.archived_at is null
            where sal.service_id = s.id), '[]'::json)
        )`)} as node
      from page p join services s on s.id = p.id
      where p.n <= ${first}
    )
    select json_build_object('data', json_build_object('services', json_build_object(
      'totalCount', (select count(*) from candidates),
      'pageInfo', json_build_object(
        'hasNextPage', (select count(*) from page) > ${first},
        'endCursor', (select e.cursor from edges e order by e.n desc limit 1)),
      'edges', coalesce((select json_agg(json_build_object('cursor', e.cursor, 'node', e.node) order by e.n) from edges e), '[]'::json)
    )))::text as body`;
}
