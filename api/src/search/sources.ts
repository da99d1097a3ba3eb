import { sql } from "drizzle-orm";
import { type Executor, queryRows } from "@start/db";
import { type LocalizedTexts, rightsArticleLabels, type SearchContext, type SearchSource, vacancyLabels } from "@start/db/search";
import { visibilityFor } from "../auth/visibility.js";

/**
 * The published records as search sources (documents.ts decides what goes where), read in a few
 * statements: the same texts the portal's snapshot holds, so that both surfaces index the same.
 */
type Translations = Record<string, (string | null)[]> | null;

const ENABLED = sql.raw("(select code from locales where enabled)");

export async function readSearchSources(db: Executor, labels: SearchContext["labels"]): Promise<{ sources: SearchSource[]; context: SearchContext }> {
  const visible = visibilityFor(null);
  const [locales, organizations, categories, places, services, articles, vacancies] = await Promise.all([
    queryRows<{ code: string }>(db, sql`select code from locales where enabled order by position, code`),
    queryRows<{ id: string; names: Translations }>(
      db,
      sql`select o.id::text as id, (select jsonb_object_agg(t.locale, jsonb_build_array(t.name, t.alternate_name))
            from organization_translations t where t.organization_id = o.id and t.locale in ${ENABLED}) as names
          from organizations o where ${visible.organization("o")}`,
    ),
    queryRows<{ code: string; parent: string | null; names: Translations; descriptions: Translations }>(
      db,
      sql`select c.code, (select p.code from categories p where p.id = c.parent_id) as parent,
            (select jsonb_object_agg(t.locale, jsonb_build_array(t.name)) from category_translations t where t.category_id = c.id and t.locale in ${ENABLED}) as names,
            (select jsonb_object_agg(t.locale, jsonb_build_array(t.description)) from category_translations t where t.category_id = c.id and t.locale in ${ENABLED}) as descriptions
          from categories c where ${visible.category("c")}`,
    ),
    queryRows<{ slug: string; parent: string | null; names: Translations; aliases: string[] }>(
      db,
      sql`select p.slug, (select q.slug from places q where q.id = p.parent_id) as parent,
            (select jsonb_object_agg(t.locale, jsonb_build_array(t.name)) from place_translations t where t.place_id = p.id and t.locale in ${ENABLED}) as names,
            array(select a.alias from place_aliases a where a.place_id = p.id order by a.alias) as aliases
          from places p where ${visible.place("p")}`,
    ),
    queryRows<{
      id: string;
      slug: string;
      sample: boolean;
      closed: boolean;
      organization: string;
      titles: Translations;
      body: Translations;
      categories: string[];
      places: string[];
    }>(
      db,
      sql`select s.id::text as id, s.slug, s.is_sample as sample, (s.status = 'temporarily closed' or start_service_closed_until(s.id, now()) is not null) as closed, s.organization_id::text as organization,
            (select jsonb_object_agg(t.locale, jsonb_build_array(t.name, t.alternate_name)) from service_translations t where t.service_id = s.id and t.locale in ${ENABLED}) as titles,
            (select jsonb_object_agg(t.locale,
                jsonb_build_array(t.description, t.eligibility_description, t.application_process, t.fees_description) || to_jsonb(t.required_documents)
                || coalesce((select jsonb_agg(text order by position, key) from (
                     select sal.position, sal.id::text as key, concat_ws(' ', lt.name, lt.address) as text
                     from service_at_locations sal join locations l on l.id = sal.location_id and ${visible.location("l")}
                     join location_translations lt on lt.location_id = l.id and lt.locale = t.locale
                     where sal.service_id = s.id and not s.confidential_address
                     union all
                     select 0, sc.id::text, st.notes from schedules sc join schedule_translations st on st.schedule_id = sc.id and st.locale = t.locale
                     where sc.service_id = s.id
                     union all
                     select 0, sc.id::text, st.notes from service_at_locations sal join schedules sc on sc.service_at_location_id = sal.id
                     join schedule_translations st on st.schedule_id = sc.id and st.locale = t.locale
                     where sal.service_id = s.id
                   ) as extra), '[]'::jsonb))
             from service_translations t where t.service_id = s.id and t.locale in ${ENABLED}) as body,
            array(select c.code from service_categories sc join categories c on c.id = sc.category_id where sc.service_id = s.id and ${visible.category("c")} order by c.code) as categories,
            array(select distinct p.slug from service_at_locations sal join locations l on l.id = sal.location_id and ${visible.location("l")}
                  join places p on p.id = l.place_id where sal.service_id = s.id order by p.slug) as places
          from services s where ${visible.service("s")}`,
    ),
    queryRows<{ id: string; slug: string; sample: boolean; topic: string; country: string; titles: Translations; body: Translations }>(
      db,
      sql`select a.id::text as id, a.slug, a.is_sample as sample, a.topic, (select p.slug from places p where p.id = a.country_id) as country,
            (select jsonb_object_agg(t.locale, jsonb_build_array(t.title)) from rights_article_translations t where t.article_id = a.id and t.locale in ${ENABLED}) as titles,
            (select jsonb_object_agg(t.locale, jsonb_build_array(t.summary, t.body)) from rights_article_translations t where t.article_id = a.id and t.locale in ${ENABLED}) as body
          from rights_articles a where ${visible.rightsArticle("a")}`,
    ),
    queryRows<{ id: string; slug: string; sample: boolean; sector: string; organization: string; place: string; deadline: string; titles: Translations; body: Translations }>(
      db,
      sql`select v.id::text as id, v.slug, v.is_sample as sample, v.sector, v.organization_id::text as organization,
            (select p.slug from places p where p.id = v.place_id) as place, v.deadline::text as deadline,
            (select jsonb_object_agg(t.locale, jsonb_build_array(t.title)) from vacancy_translations t where t.vacancy_id = v.id and t.locale in ${ENABLED}) as titles,
            (select jsonb_object_agg(t.locale, jsonb_build_array(t.description, t.requirements, t.how_to_apply)) from vacancy_translations t where t.vacancy_id = v.id and t.locale in ${ENABLED}) as body
          from vacancies v where ${visible.vacancy("v", { openOnly: true })}`,
    ),
  ]);
  const texts = (value: Translations): LocalizedTexts => value ?? {};
  const context: SearchContext = {
    locales: locales.map((row) => row.code),
    organizations: new Map(organizations.map((row) => [row.id, texts(row.names)])),
    categories: new Map(categories.map((row) => [row.code, { names: texts(row.names), descriptions: texts(row.descriptions), parent: row.parent }])),
    places: new Map(places.map((row) => [row.slug, { names: texts(row.names), aliases: row.aliases, parent: row.parent }])),
    labels,
  };
  const sources: SearchSource[] = [
    ...services.map((row): SearchSource => ({
      kind: "service",
      id: row.id,
      slug: row.slug,
      sample: row.sample,
      closed: row.closed,
      titles: texts(row.titles),
      body: texts(row.body),
      organization: row.organization,
      categories: row.categories,
      places: row.places,
      labels: [],
    })),
    ...articles.map((row): SearchSource => ({
      kind: "rights_article",
      id: row.id,
      slug: row.slug,
      sample: row.sample,
      closed: false,
      titles: texts(row.titles),
      body: texts(row.body),
      categories: [],
      places: [row.country],
      labels: rightsArticleLabels(row.topic),
    })),
    ...vacancies.map((row): SearchSource => ({
      kind: "vacancy",
      id: row.id,
      slug: row.slug,
      sample: row.sample,
      closed: false,
      deadline: row.deadline,
      titles: texts(row.titles),
      body: texts(row.body),
      organization: row.organization,
      categories: [],
      places: [row.place],
      labels: vacancyLabels(row.sector),
    })),
  ];
  return { sources, context };
}
