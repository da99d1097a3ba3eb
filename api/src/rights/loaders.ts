import { inArray } from "drizzle-orm";
import { rightsArticles, rightsArticleTranslations } from "@start/db";
import { loader, oneByKey } from "../graphql/batch.js";
import type { RequestContext } from "../graphql/context.js";

export type RightsArticleRecord = typeof rightsArticles.$inferSelect & {
  translations: (typeof rightsArticleTranslations.$inferSelect)[];
};

export function rightsLoaders({ db }: RequestContext) {
  return {
    byId: loader<string, RightsArticleRecord | null>(async (ids) => {
      const rows = await db.query.rightsArticles.findMany({
        where: inArray(rightsArticles.id, [...ids]),
        with: { translations: true },
      });
      return oneByKey(ids, rows, (row) => row.id);
    }),
  };
}
