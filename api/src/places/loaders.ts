import { and, inArray, isNull } from "drizzle-orm";
import { placeAliases, places, placeTranslations } from "@start/db";
import { loader, manyByKey, oneByKey } from "../graphql/batch.js";
import { anyOf, preparedOnce } from "../graphql/prepared.js";
import type { RequestContext } from "../graphql/context.js";

export type PlaceRecord = typeof places.$inferSelect & {
  translations: (typeof placeTranslations.$inferSelect)[];
  aliases: Pick<typeof placeAliases.$inferSelect, "alias">[];
};

const withTexts = { translations: true, aliases: { columns: { alias: true } } } as const;

export function placeLoaders({ db }: RequestContext) {
  const byId = loader<string, PlaceRecord | null>(async (ids) => {
    const query = preparedOnce(db, "places_by_id", () =>
      db.query.places.findMany({ where: and(anyOf(places.id), isNull(places.archivedAt)), with: withTexts }).prepare("places_by_id"),
    );
    return oneByKey(ids, await query.execute({ ids: [...ids] }), (row) => row.id);
  });
  const childrenOf = loader<string, PlaceRecord[]>(async (ids) => {
    const rows = await db.query.places.findMany({
      where: and(inArray(places.parentId, [...ids]), isNull(places.archivedAt)),
      with: withTexts,
    });
    for (const row of rows) byId.prime(row.id, row);
    return manyByKey(ids, rows, (row) => row.parentId);
  });
  let everything: Promise<PlaceRecord[]> | undefined;
  return {
    byId,
    childrenOf,
    /** Every place (for the tree), in one statement; primes the other loaders. */
    all(): Promise<PlaceRecord[]> {
      everything ??= db.query.places.findMany({ where: isNull(places.archivedAt), with: withTexts }).then((rows) => {
        const ids = new Set(rows.map((row) => row.id));
        for (const row of rows) byId.prime(row.id, row);
        for (const id of ids) childrenOf.prime(id, rows.filter((row) => row.parentId === id));
        return rows;
      });
      return everything;
    },
  };
}
