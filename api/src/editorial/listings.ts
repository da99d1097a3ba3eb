import { type SQL, sql } from "drizzle-orm";
import { type Executor, queryRows } from "@start/db";
import { pickRequiredText } from "../graphql/localized.js";
import type { LocaleChain } from "../i18n/locales.js";
import { type EditorListing, ListingKind } from "./types.js";

/** How long a listing may go without a verification before it counts as stale. */
export const STALE_AFTER_DAYS = 180;
/**
 * A service (alias s) that gives the public no way of its own to reach anyone: no phone (its own,
 * at one of its locations, or the location's), no e-mail, no website. Its page then falls back to
 * its organisation's channels; editors see it as work to do.
 */
const NO_CONTACT_OF_ITS_OWN = sql`(s.email is null and s.url is null
  and not exists (select 1 from phones p where p.service_id = s.id)
  and not exists (select 1 from service_at_locations sal join phones p on p.service_at_location_id = sal.id where sal.service_id = s.id)
  and not exists (select 1 from service_at_locations sal join locations l on l.id = sal.location_id and l.archived_at is null
                  join phones p on p.location_id = l.id where sal.service_id = s.id))`;

/** The longest list an editor's listing queries return. */
export const MAX_LISTINGS = 500;

export interface ListingFilter {
  /** Organizations whose listings to include: "all" (moderators, admins) or a list. */
  organizations: "all" | string[];
  kinds: ListingKind[];
  includeArchived?: boolean;
  /** Only services not verified in this many days (or never). */
  staleDays?: number;
  /** Only what waits for a moderator: drafts in review and pending changes in review. */
  inReview?: boolean;
  serviceIds?: string[];
  vacancyIds?: string[];
}

type Row = {
  id: string;
  slug: string;
  organization_id: string;
  state: string;
  archived: boolean;
  version: number | string;
  updated_at: Date | string;
  pending: string | null;
  submitted_at: Date | string | null;
  verified_at: Date | string | null;
  stale: boolean;
  no_contact: boolean;
  open_feedback: number | string;
  missing: string[] | string | null;
  deadline: string | null;
  closed: boolean;
};

const pgArray = (value: string[] | string | null): string[] =>
  value === null ? [] : Array.isArray(value) ? value : value.replace(/^\{|\}$/g, "").split(",").filter(Boolean);

const inOrganizations = (column: string, organizations: "all" | string[]) =>
  organizations === "all" ? sql`true` : sql`${sql.raw(column)} = any(${sql.param(organizations)}::uuid[])`;

/** Services and vacancies as editors' lists show them: one statement per kind, plus one for their names. */
export async function loadListings(db: Executor, filter: ListingFilter, chain: LocaleChain): Promise<EditorListing[]> {
  if (filter.organizations !== "all" && filter.organizations.length === 0) return [];
  const rows: Array<Row & { kind: ListingKind }> = [];

  if (filter.kinds.includes(ListingKind.SERVICE) && !(filter.vacancyIds && !filter.serviceIds)) {
    const conditions: SQL[] = [inOrganizations("s.organization_id", filter.organizations)];
    if (!filter.includeArchived) conditions.push(sql`s.archived_at is null`);
    if (filter.serviceIds) conditions.push(sql`s.id = any(${sql.param(filter.serviceIds)}::uuid[])`);
    if (filter.staleDays !== undefined) {
      conditions.push(sql`(s.verified_at is null or s.verified_at < now() - make_interval(days => ${filter.staleDays}))`);
    }
    if (filter.inReview) conditions.push(sql`(s.state = 'in_review' or r.status = 'in_review')`);
    const services = await queryRows<Row>(
      db,
      sql`select s.id::text as id, s.slug, s.organization_id::text as organization_id, s.state::text as state,
            s.archived_at is not null as archived, s.version, s.updated_at, r.status::text as pending,
            case when r.id is not null then r.submitted_at else s.submitted_at end as submitted_at, s.verified_at,
            (s.verified_at is null or s.verified_at < now() - make_interval(days => ${STALE_AFTER_DAYS})) as stale,
            ${NO_CONTACT_OF_ITS_OWN} as no_contact,
            (select count(*) from feedback f where f.service_id = s.id and f.status = 'open') as open_feedback,
            array(select l.code from locales l where l.enabled
                  and not exists (select 1 from service_translations t where t.service_id = s.id and t.locale = l.code)
                  order by l.position) as missing,
            null::text as deadline, false as closed
          from services s
          left join service_revisions r on r.service_id = s.id and r.status in ('draft', 'in_review')
          where ${sql.join(conditions, sql` and `)}
          order by ${filter.inReview ? sql`submitted_at asc nulls last,` : sql``} s.updated_at desc, s.id
          limit ${MAX_LISTINGS}`,
    );
    rows.push(...services.map((row) => ({ ...row, kind: ListingKind.SERVICE })));
  }

  if (filter.kinds.includes(ListingKind.VACANCY) && !(filter.serviceIds && !filter.vacancyIds) && !filter.inReview && filter.staleDays === undefined) {
    const conditions: SQL[] = [inOrganizations("v.organization_id", filter.organizations)];
    if (!filter.includeArchived) conditions.push(sql`v.archived_at is null`);
    if (filter.vacancyIds) conditions.push(sql`v.id = any(${sql.param(filter.vacancyIds)}::uuid[])`);
    const vacancies = await queryRows<Row>(
      db,
      sql`select v.id::text as id, v.slug, v.organization_id::text as organization_id, v.state::text as state,
            v.archived_at is not null as archived, v.version, v.updated_at, null::text as pending, null::timestamptz as submitted_at,
            null::timestamptz as verified_at, false as stale, false as no_contact,
            (select count(*) from feedback f where f.vacancy_id = v.id and f.status = 'open') as open_feedback,
            array(select l.code from locales l where l.enabled
                  and not exists (select 1 from vacancy_translations t where t.vacancy_id = v.id and t.locale = l.code)
                  order by l.position) as missing,
            v.deadline::text as deadline,
            (v.closed_at is not null or v.deadline < (now() at time zone 'Africa/Tripoli')::date) as closed
          from vacancies v
          where ${sql.join(conditions, sql` and `)}
          order by v.updated_at desc, v.id
          limit ${MAX_LISTINGS}`,
    );
    rows.push(...vacancies.map((row) => ({ ...row, kind: ListingKind.VACANCY })));
  }

  // Organizations appear in the review queue only: those whose changes wait for a moderator.
  if (filter.kinds.includes(ListingKind.ORGANIZATION) && filter.inReview) {
    const organizations = await queryRows<Row>(
      db,
      sql`select o.id::text as id, o.slug, o.id::text as organization_id, o.state::text as state,
            o.archived_at is not null as archived, o.version, o.updated_at, r.status::text as pending, r.submitted_at,
            null::timestamptz as verified_at, false as stale, false as no_contact, 0 as open_feedback,
            array(select l.code from locales l where l.enabled
                  and not exists (select 1 from organization_translations t where t.organization_id = o.id and t.locale = l.code)
                  order by l.position) as missing,
            null::text as deadline, false as closed
          from organizations o
          join organization_revisions r on r.organization_id = o.id and r.status = 'in_review'
          where ${inOrganizations("o.id", filter.organizations)} and o.archived_at is null
          order by r.submitted_at asc nulls last, o.id
          limit ${MAX_LISTINGS}`,
    );
    rows.push(...organizations.map((row) => ({ ...row, kind: ListingKind.ORGANIZATION })));
  }

  const names = await listingNames(
    db,
    rows.filter((row) => row.kind === ListingKind.SERVICE).map((row) => row.id),
    rows.filter((row) => row.kind === ListingKind.VACANCY).map((row) => row.id),
    rows.filter((row) => row.kind === ListingKind.ORGANIZATION).map((row) => row.id),
  );
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    slug: row.slug,
    organizationId: row.organization_id,
    name: pickRequiredText(names.get(row.id) ?? [], (text) => text.name, chain),
    state: row.state,
    archived: row.archived,
    version: Number(row.version),
    updatedAt: new Date(row.updated_at),
    pendingChanges: row.pending,
    submittedAt: row.submitted_at === null ? null : new Date(row.submitted_at),
    missingLocales: pgArray(row.missing),
    verifiedAt: row.verified_at === null ? null : new Date(row.verified_at),
    stale: row.kind === ListingKind.SERVICE && row.stale,
    noContact: row.kind === ListingKind.SERVICE && row.no_contact,
    openFeedbackCount: Number(row.open_feedback),
    deadline: row.deadline,
    closed: row.closed,
  }));
}

async function listingNames(db: Executor, serviceIds: string[], vacancyIds: string[], organizationIds: string[]) {
  const rows =
    serviceIds.length + vacancyIds.length + organizationIds.length === 0
      ? []
      : await queryRows<{ id: string; locale: string; name: string }>(
          db,
          sql`select service_id::text as id, locale, name from service_translations where service_id = any(${sql.param(serviceIds)}::uuid[])
              union all
              select vacancy_id::text as id, locale, title as name from vacancy_translations where vacancy_id = any(${sql.param(vacancyIds)}::uuid[])
              union all
              select organization_id::text as id, locale, name from organization_translations where organization_id = any(${sql.param(organizationIds)}::uuid[])`,
        );
  const byId = new Map<string, Array<{ locale: string; name: string }>>();
  for (const row of rows) {
    const list = byId.get(row.id) ?? [];
    list.push({ locale: row.locale, name: row.name });
    byId.set(row.id, list);
  }
  return byId;
}
