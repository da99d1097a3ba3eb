import { type SQL, sql } from "drizzle-orm";
import { alerts, queryRows } from "@start/db";
import { inArray } from "drizzle-orm";
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, FieldResolver, Info, Query, Resolver, Root } from "type-graphql";
import { visibilityFor } from "../auth/visibility.js";
import { directoryLoaders, type OrganizationRecord, type ServiceRecord } from "../directory/loaders.js";
import { Organization, Service } from "../directory/types.js";
import { Source } from "../graphql/common-types.js";
import type { RequestContext } from "../graphql/context.js";
import { inLocaleOrder, Localized, LocalizedText, pickRequiredText, pickText, LOCALE_ARGUMENT } from "../graphql/localized.js";
import { resolveReferences } from "../graphql/references.js";
import { placeLoaders, type PlaceRecord } from "../places/loaders.js";
import { Place } from "../places/types.js";
import { Alert, AlertTranslation } from "./types.js";
import type { alertTranslations } from "@start/db";

export type AlertRecord = typeof alerts.$inferSelect & {
  translations: (typeof alertTranslations.$inferSelect)[];
  /** What it concerns that the public may see, by id. */
  targets: { places: string[]; organizations: string[]; services: string[] };
};

const MAX_ALERTS = 100;

/** An alert that names no place, organization or service: it concerns everyone. */
const CONCERNS_EVERYONE = sql`(not exists (select 1 from alert_places x where x.alert_id = al.id)
  and not exists (select 1 from alert_organizations x where x.alert_id = al.id)
  and not exists (select 1 from alert_services x where x.alert_id = al.id))`;

@Resolver(() => Alert)
export class AlertResolver {
  @Query(() => [Alert], {
    description:
      "Published alerts, most severe and most recent first (at most 100). Filters combine: with `place`, alerts for that place, for the places " +
      "that contain it, for the places inside it and for the services located there; with `organization`, alerts for it and for its services; " +
      "with `service`, alerts for it, for its organization and for the places where it is. Alerts for everyone always match.",
  })
  @Localized()
  async alerts(
    @Ctx() context: RequestContext,
    @Arg("place", () => String, { nullable: true, description: "A place id or slug." }) place?: string,
    @Arg("organization", () => String, { nullable: true, description: "An organization id or slug." }) organization?: string,
    @Arg("service", () => String, { nullable: true, description: "A service id or slug." }) service?: string,
    @Arg("activeOnly", () => Boolean, { defaultValue: true, description: "Only alerts in force now (true by default)." })
    activeOnly?: boolean,
    @Arg("locale", () => String, LOCALE_ARGUMENT) _locale?: string,
  ): Promise<AlertRecord[]> {
    const visibility = visibilityFor(context.viewer);
    const conditions: SQL[] = [visibility.alert("al")];
    if (activeOnly !== false) conditions.push(sql`al.valid_from <= now() and (al.valid_until is null or al.valid_until > now())`);
    if (place != null) {
      const ids = await resolveReferences(context.db, {
        from: "places p",
        alias: "p",
        keyColumn: "slug",
        visible: visibility.place("p"),
        values: [place],
        entity: "place",
        field: "place",
      });
      conditions.push(sql`(${CONCERNS_EVERYONE}
        or exists (select 1 from alert_places x where x.alert_id = al.id and (
          x.place_id in (select start_place_lineage(${sql.param(ids)}::uuid[]))
          or x.place_id in (select start_place_subtree(${sql.param(ids)}::uuid[]))))
        or exists (select 1 from alert_services x
          join service_at_locations sal on sal.service_id = x.service_id
          join locations l on l.id = sal.location_id and ${visibility.location("l")}
          where x.alert_id = al.id and l.place_id in (select start_place_subtree(${sql.param(ids)}::uuid[]))))`);
    }
    if (organization != null) {
      const ids = await resolveReferences(context.db, {
        from: "organizations o",
        alias: "o",
        keyColumn: "slug",
        visible: visibility.organization("o"),
        values: [organization],
        entity: "organization",
        field: "organization",
      });
      conditions.push(sql`(${CONCERNS_EVERYONE}
        or exists (select 1 from alert_organizations x where x.alert_id = al.id and x.organization_id = any(${sql.param(ids)}::uuid[]))
        or exists (select 1 from alert_services x join services s on s.id = x.service_id
          where x.alert_id = al.id and s.organization_id = any(${sql.param(ids)}::uuid[])))`);
    }
    if (service != null) {
      const ids = await resolveReferences(context.db, {
        from: "services s",
        alias: "s",
        keyColumn: "slug",
        visible: visibility.service("s"),
        values: [service],
        entity: "service",
        field: "service",
      });
      conditions.push(sql`(${CONCERNS_EVERYONE}
        or exists (select 1 from alert_services x where x.alert_id = al.id and x.service_id = any(${sql.param(ids)}::uuid[]))
        or exists (select 1 from alert_organizations x join services s on s.organization_id = x.organization_id
          where x.alert_id = al.id and s.id = any(${sql.param(ids)}::uuid[]))
        or exists (select 1 from alert_places x where x.alert_id = al.id and x.place_id in (select start_place_lineage(array(
          select l.place_id from service_at_locations sal join locations l on l.id = sal.location_id and ${visibility.location("l")}
          where sal.service_id = any(${sql.param(ids)}::uuid[]))))))`);
    }
    const rows = await queryRows<{ id: string; places: string[]; organizations: string[]; services: string[] }>(
      context.db,
      sql`select al.id::text as id,
            array(select x.place_id::text from alert_places x join places p on p.id = x.place_id and ${visibility.place("p")}
                  where x.alert_id = al.id order by p.slug) as places,
            array(select x.organization_id::text from alert_organizations x join organizations o on o.id = x.organization_id and ${visibility.organization("o")}
                  where x.alert_id = al.id order by o.slug) as organizations,
            array(select x.service_id::text from alert_services x join services s on s.id = x.service_id and ${visibility.service("s")}
                  where x.alert_id = al.id order by s.slug) as services
          from alerts al where ${sql.join(conditions, sql` and `)}
          order by array_position(array['danger', 'warning', 'info']::alert_severity[], al.severity), al.valid_from desc, al.id
          limit ${MAX_ALERTS}`,
    );
    if (rows.length === 0) return [];
    const records = await context.db.query.alerts.findMany({
      where: inArray(
        alerts.id,
        rows.map((row) => row.id),
      ),
      with: { translations: true },
    });
    const byId = new Map(records.map((record) => [record.id, record]));
    return rows.flatMap((row) => {
      const record = byId.get(row.id);
      return record ? [{ ...record, targets: { places: row.places, organizations: row.organizations, services: row.services } }] : [];
    });
  }

  @FieldResolver(() => LocalizedText)
  title(@Root() alert: AlertRecord, @Ctx() context: RequestContext, @Info() info: GraphQLResolveInfo) {
    return pickRequiredText(alert.translations, (t) => t.title, context.locales.chainFor(info));
  }

  @FieldResolver(() => LocalizedText, { nullable: true })
  body(@Root() alert: AlertRecord, @Ctx() context: RequestContext, @Info() info: GraphQLResolveInfo) {
    return pickText(alert.translations, (t) => t.body, context.locales.chainFor(info));
  }

  @FieldResolver(() => Boolean, { description: "In force now." })
  isActive(@Root() alert: AlertRecord): boolean {
    const now = Date.now();
    return alert.validFrom.getTime() <= now && (alert.validUntil === null || alert.validUntil.getTime() > now);
  }

  @FieldResolver(() => Boolean, { description: "Whether it names no place, organization or service: it concerns everyone." })
  concernsEveryone(@Root() alert: AlertRecord): boolean {
    const { places, organizations, services } = alert.targets;
    return places.length + organizations.length + services.length === 0;
  }

  @FieldResolver(() => [Place], { description: "The places it concerns (and the places inside them)." })
  async places(@Root() alert: AlertRecord, @Ctx() context: RequestContext): Promise<PlaceRecord[]> {
    const found = await context.loaders.use(placeLoaders).byId.loadMany(alert.targets.places);
    return found.filter((place): place is PlaceRecord => place !== null && !(place instanceof Error));
  }

  @FieldResolver(() => Place, { nullable: true, description: "The first place it concerns, or null.", deprecationReason: "An alert may concern several places: use places." })
  async place(@Root() alert: AlertRecord, @Ctx() context: RequestContext): Promise<PlaceRecord | null> {
    const first = alert.targets.places[0];
    return first ? context.loaders.use(placeLoaders).byId.load(first) : null;
  }

  @FieldResolver(() => [Organization], { description: "The organizations it concerns: it concerns their services too." })
  async organizations(@Root() alert: AlertRecord, @Ctx() context: RequestContext): Promise<OrganizationRecord[]> {
    const found = await context.loaders.use(directoryLoaders).organizationById.loadMany(alert.targets.organizations);
    return found.filter((organization): organization is OrganizationRecord => organization !== null && !(organization instanceof Error));
  }

  @FieldResolver(() => [Service], { description: "The services it concerns; a closure closes them." })
  async services(@Root() alert: AlertRecord, @Ctx() context: RequestContext): Promise<ServiceRecord[]> {
    const found = await context.loaders.use(directoryLoaders).serviceById.loadMany(alert.targets.services);
    return found.filter((service): service is ServiceRecord => service !== null && !(service instanceof Error));
  }

  @FieldResolver(() => [Source])
  sources(@Root() alert: AlertRecord): Source[] {
    return alert.sources;
  }

  @FieldResolver(() => [AlertTranslation])
  translations(@Root() alert: AlertRecord, @Ctx() context: RequestContext, @Info() info: GraphQLResolveInfo) {
    return inLocaleOrder(alert.translations, context.locales.chainFor(info));
  }
}
