import { rightsArticles, rightsArticleTranslations } from "@start/db";
import { loader, oneByKey } from "../graphql/batch.js";
import type { RequestContext } from "../graphql/context.js";
import { anyOf, preparedOnce } from "../graphql/prepared.js";

export type RightsArticleRecord = typeof rightsArticles.$inferSelect & {
  translations: (typeof rightsArticleTranslations.$inferSelect)[];
};

export function rightsLoaders({ db }: RequestContext) {
  return {
    byId: loader<string, RightsArticleRecord | null>(async (ids) => {
      const query = preparedOnce(db, "rights_articles_by_id", () =>
        db.query.rightsArticles.findMany({ where: anyOf(rightsArticles.id), with: { translations: true } }).prepare("rights_articles_by_id"),
      );
      return oneByKey(ids, await query.execute({ ids: [...ids] }), (row) => row.id);
    }),
  };
}
