import { and, asc, inArray, isNull, sql } from "drizzle-orm";
import { categories, categoryTranslations, queryRows } from "@start/db";
import { visibilityFor } from "../auth/visibility.js";
import { loader, manyByKey, oneByKey } from "../graphql/batch.js";
import type { RequestContext } from "../graphql/context.js";
import { anyOf, preparedOnce } from "../graphql/prepared.js";

export type CategoryRecord = typeof categories.$inferSelect & {
  translations: (typeof categoryTranslations.$inferSelect)[];
};

const order = [asc(categories.position), asc(categories.code)];

export function categoryLoaders({ db, viewer }: RequestContext) {
  const byId = loader<string, CategoryRecord | null>(async (ids) => {
    const query = preparedOnce(db, "categories_by_id", () =>
      db.query.categories
        .findMany({ where: and(anyOf(categories.id), isNull(categories.archivedAt)), with: { translations: true } })
        .prepare("categories_by_id"),
    );
    return oneByKey(ids, await query.execute({ ids: [...ids] }), (row) => row.id);
  });
  const childrenOf = loader<string, CategoryRecord[]>(async (ids) => {
    const rows = await db.query.categories.findMany({
      where: and(inArray(categories.parentId, [...ids]), isNull(categories.archivedAt)),
      with: { translations: true },
      orderBy: order,
    });
    for (const row of rows) byId.prime(row.id, row);
    return manyByKey(ids, rows, (row) => row.parentId);
  });
  /** Visible services in the category or below it. */
  const serviceCount = loader<string, number>(async (ids) => {
    const rows = await queryRows<{ id: string; total: number | string }>(
      db,
      sql`select c.id::text as id,
            (select count(distinct sc.service_id)::int from service_categories sc join services s on s.id = sc.service_id
             where sc.category_id in (select start_category_subtree(array[c.id])) and ${visibilityFor(viewer).service("s")}) as total
          from unnest(${sql.param([...ids])}::uuid[]) as c(id)`,
    );
    return oneByKey(ids, rows, (row) => row.id).map((row) => Number(row?.total ?? 0));
  });
  let everything: Promise<CategoryRecord[]> | undefined;
  return {
    byId,
    childrenOf,
    serviceCount,
    /** The whole taxonomy in one statement; primes the other loaders. */
    all(): Promise<CategoryRecord[]> {
      everything ??= db.query.categories
        .findMany({ where: isNull(categories.archivedAt), with: { translations: true }, orderBy: order })
        .then((rows) => {
          for (const row of rows) byId.prime(row.id, row);
          for (const row of rows) childrenOf.prime(row.id, rows.filter((child) => child.parentId === row.id));
          return rows;
        });
      return everything;
    },
  };
}
