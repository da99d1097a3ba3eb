import { type SQL, sql } from "drizzle-orm";
import { alerts, queryRows } from "@start/db";
import { inArray } from "drizzle-orm";
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, FieldResolver, Info, Query, Resolver, Root } from "type-graphql";
import { visibilityFor } from "../auth/visibility.js";
import { Source } from "../graphql/common-types.js";
import type { RequestContext } from "../graphql/context.js";
import { inLocaleOrder, Localized, LocalizedText, pickRequiredText, pickText, LOCALE_ARGUMENT } from "../graphql/localized.js";
import { resolveReferences } from "../graphql/references.js";
import { placeLoaders, type PlaceRecord } from "../places/loaders.js";
import { Place } from "../places/types.js";
import { Alert, AlertTranslation } from "./types.js";
import type { alertTranslations } from "@start/db";

export type AlertRecord = typeof alerts.$inferSelect & { translations: (typeof alertTranslations.$inferSelect)[] };

const MAX_ALERTS = 100;

@Resolver(() => Alert)
export class AlertResolver {
  @Query(() => [Alert], {
    description:
      "Published alerts, most severe and most recent first (at most 100). With `place`: alerts for that place, for the places " +
      "that contain it, for the places inside it, and alerts for everywhere.",
  })
  @Localized()
  async alerts(
    @Ctx() context: RequestContext,
    @Arg("place", () => String, { nullable: true, description: "A place id or slug." }) place?: string,
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
      conditions.push(sql`(al.place_id is null
        or al.place_id in (select start_place_lineage(${sql.param(ids)}::uuid[]))
        or al.place_id in (select start_place_subtree(${sql.param(ids)}::uuid[])))`);
    }
    const rows = await queryRows<{ id: string }>(
      context.db,
      sql`select al.id::text as id from alerts al where ${sql.join(conditions, sql` and `)}
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
    return rows.map((row) => byId.get(row.id)).filter((record): record is AlertRecord => record !== undefined);
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

  @FieldResolver(() => Place, { nullable: true, description: "Where it applies; null for everywhere." })
  async place(@Root() alert: AlertRecord, @Ctx() context: RequestContext): Promise<PlaceRecord | null> {
    return alert.placeId ? context.loaders.use(placeLoaders).byId.load(alert.placeId) : null;
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
