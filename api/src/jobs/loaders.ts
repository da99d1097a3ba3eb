import { vacancies, vacancyTranslations } from "@start/db";
import { loader, oneByKey } from "../graphql/batch.js";
import type { RequestContext } from "../graphql/context.js";
import { anyOf, preparedOnce } from "../graphql/prepared.js";

export type VacancyRecord = typeof vacancies.$inferSelect & { translations: (typeof vacancyTranslations.$inferSelect)[] };

export function jobLoaders({ db }: RequestContext) {
  return {
    byId: loader<string, VacancyRecord | null>(async (ids) => {
      const query = preparedOnce(db, "vacancies_by_id", () =>
        db.query.vacancies.findMany({ where: anyOf(vacancies.id), with: { translations: true } }).prepare("vacancies_by_id"),
      );
      return oneByKey(ids, await query.execute({ ids: [...ids] }), (row) => row.id);
    }),
  };
}
