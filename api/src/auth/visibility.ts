import { type SQL, sql } from "drizzle-orm";
import type { Viewer } from "./viewer.js";

/**
 * What a viewer may read, as SQL conditions on a table alias. This is the one place that decides
 * visibility: every query of the public API goes through it. The public (viewer null) sees only
 * published records that are not archived; vacancies only until their deadline (Libya time).
 * It is the same for everyone, signed in or not, so public answers stay cacheable: editors read
 * drafts, pending changes and archived records through the editorial queries instead, which
 * check their permissions in authorization.ts.
 */
export interface Visibility {
  organization(alias: string): SQL;
  service(alias: string): SQL;
  location(alias: string): SQL;
  category(alias: string): SQL;
  place(alias: string): SQL;
  rightsArticle(alias: string): SQL;
  /** Published and not past its deadline; `open` also excludes notices closed early. */
  vacancy(alias: string, options?: { openOnly?: boolean }): SQL;
  alert(alias: string): SQL;
}

/** Libya's date now: vacancy deadlines are inclusive days in Libya time. */
export const TODAY_IN_LIBYA = sql`(now() at time zone 'Africa/Tripoli')::date`;

const hasEnabledTranslation = (table: string, foreignKey: string, alias: string) =>
  sql.raw(
    `exists (select 1 from ${table} tr join locales lc on lc.code = tr.locale and lc.enabled where tr.${foreignKey} = ${alias}.id)`,
  );

const publicVisibility: Visibility = {
  organization: (o) =>
    sql.join(
      [
        sql.raw(`${o}.state = 'published' and ${o}.archived_at is null and `),
        hasEnabledTranslation("organization_translations", "organization_id", o),
      ],
      sql``,
    ),
  service: (s) =>
    sql.join(
      [
        sql.raw(
          `${s}.state = 'published' and ${s}.archived_at is null and ${s}.status <> 'defunct' and exists (select 1 from organizations so where so.id = ${s}.organization_id and so.state = 'published' and so.archived_at is null) and `,
        ),
        hasEnabledTranslation("service_translations", "service_id", s),
      ],
      sql``,
    ),
  location: (l) => sql.raw(`${l}.archived_at is null`),
  category: (c) => sql.raw(`${c}.archived_at is null`),
  place: (p) => sql.raw(`${p}.archived_at is null`),
  rightsArticle: (a) =>
    sql.join(
      [
        sql.raw(`${a}.state = 'published' and ${a}.archived_at is null and `),
        hasEnabledTranslation("rights_article_translations", "article_id", a),
      ],
      sql``,
    ),
  vacancy: (v, options = {}) =>
    sql.join(
      [
        sql.raw(
          `${v}.state = 'published' and ${v}.archived_at is null and exists (select 1 from organizations vo where vo.id = ${v}.organization_id and vo.state = 'published' and vo.archived_at is null) and `,
        ),
        hasEnabledTranslation("vacancy_translations", "vacancy_id", v),
        sql.raw(` and ${v}.deadline >= `),
        TODAY_IN_LIBYA,
        options.openOnly ? sql.raw(` and ${v}.closed_at is null`) : sql``,
      ],
      sql``,
    ),
  // An alert that names places, organizations or services is public while one of them is: one
  // about nothing the public can see would read as concerning everyone.
  alert: (a) =>
    sql.join(
      [
        sql.raw(`${a}.state = 'published' and ${a}.archived_at is null and `),
        hasEnabledTranslation("alert_translations", "alert_id", a),
        sql.raw(` and ((not exists (select 1 from alert_places x where x.alert_id = ${a}.id)
          and not exists (select 1 from alert_organizations x where x.alert_id = ${a}.id)
          and not exists (select 1 from alert_services x where x.alert_id = ${a}.id))
          or exists (select 1 from alert_places x join places ap on ap.id = x.place_id where x.alert_id = ${a}.id and `),
        publicVisibility.place("ap"),
        sql.raw(`) or exists (select 1 from alert_organizations x join organizations ao on ao.id = x.organization_id where x.alert_id = ${a}.id and `),
        publicVisibility.organization("ao"),
        sql.raw(`) or exists (select 1 from alert_services x join services avs on avs.id = x.service_id where x.alert_id = ${a}.id and `),
        publicVisibility.service("avs"),
        sql.raw(`))`),
      ],
      sql``,
    ),
};

export function visibilityFor(_viewer: Viewer | null): Visibility {
  return publicVisibility;
}
