import { inArray } from "drizzle-orm";
import { vacancies, vacancyTranslations } from "@start/db";
import { loader, oneByKey } from "../graphql/batch.js";
import type { RequestContext } from "../graphql/context.js";

export type VacancyRecord = typeof vacancies.$inferSelect & { translations: (typeof vacancyTranslations.$inferSelect)[] };

export function jobLoaders({ db }: RequestContext) {
  return {
    byId: loader<string, VacancyRecord | null>(async (ids) => {
      const rows = await db.query.vacancies.findMany({ where: inArray(vacancies.id, [...ids]), with: { translations: true } });
      return oneByKey(ids, rows, (row) => row.id);
    }),
  };
}
