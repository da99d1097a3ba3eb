import { eq, sql } from "drizzle-orm";
import { isCurrencyCode, isOccupationCode, isSlug } from "@start/db/rules";
import {
  EMPLOYMENT_TYPES,
  type Executor,
  queryRows,
  RECRUITMENT_CHANNELS,
  salaryPeriod,
  type SourceReference,
  type Transaction,
  VACANCY_ELIGIBILITIES,
  vacancies,
  vacancyTranslations,
} from "@start/db";
import { z } from "zod";
import { requireViewer } from "../auth/authorization.js";
import type { RequestContext } from "../graphql/context.js";
import { badInput, invalidFields, invalidState } from "../graphql/errors.js";
import { isUuid } from "../graphql/relay.js";
import { archive, changeRecord, createRecord, type RecordKind, replaceTexts, restore } from "./kit.js";
import { freeSlug, keyAvailable, resolveKeys } from "./references.js";
import {
  FieldErrors,
  isoDate,
  localeCode,
  oneOf,
  optionalEmail,
  optionalIsoDate,
  optionalLongText,
  optionalPhoneNumber,
  optionalSlug,
  optionalWebLink,
  parseInput,
  perLocale,
  requiredText,
  slugFrom,
  sourceReference,
  sources,
  todayInLibya,
} from "./validation.js";

type VacancyRow = typeof vacancies.$inferSelect;

export interface VacancyDocument {
  slug: string;
  sector: string;
  occupationCode: string | null;
  placeId: string;
  positions: number;
  employmentType: string;
  salaryMin: number | null;
  salaryMax: number | null;
  salaryCurrency: string | null;
  salaryPeriod: string | null;
  eligibility: string;
  recruitmentChannel: string;
  applyUrl: string | null;
  applyEmail: string | null;
  applyPhone: string | null;
  publishedOn: string | null;
  deadline: string;
  sources: SourceReference[];
  texts: Array<{ locale: string; title: string; description: string | null; requirements: string | null; howToApply: string | null }>;
}

const money = z.number().min(0).max(1e9).nullish().transform((value) => value ?? null);

export function vacancySchema(locales: readonly string[]) {
  return z
    .object({
      slug: optionalSlug,
      sector: z.string().trim().toLowerCase().max(60).refine(isSlug, { message: "slugFormat" }),
      occupationCode: z
        .string()
        .trim()
        .nullish()
        .transform((value) => value || null)
        .refine((value) => value === null || isOccupationCode(value), { message: "invalidValue" }),
      place: z.string().trim().min(1).max(120),
      positions: z.number().int().min(1).max(100_000).nullish().transform((value) => value ?? 1),
      employmentType: oneOf(EMPLOYMENT_TYPES).nullish().transform((value) => value ?? "full_time"),
      salaryMin: money,
      salaryMax: money,
      salaryCurrency: z
        .string()
        .trim()
        .toUpperCase()
        .nullish()
        .transform((value) => value || null)
        .refine((value) => value === null || isCurrencyCode(value), { message: "currencyCode" }),
      salaryPeriod: oneOf(salaryPeriod.enumValues).nullish().transform((value) => value ?? null),
      eligibility: oneOf(VACANCY_ELIGIBILITIES).nullish().transform((value) => value ?? "anyone"),
      recruitmentChannel: oneOf(RECRUITMENT_CHANNELS),
      applyUrl: optionalWebLink,
      applyEmail: optionalEmail,
      applyPhone: optionalPhoneNumber,
      publishedOn: optionalIsoDate,
      deadline: isoDate,
      sources,
      texts: perLocale(
        z.object({
          locale: localeCode(locales),
          title: requiredText(200),
          description: optionalLongText(10_000),
          requirements: optionalLongText(5_000),
          howToApply: optionalLongText(5_000),
        }),
        { requireOne: "title" },
      ),
    })
    .refine((vacancy) => vacancy.salaryMin === null || vacancy.salaryMax === null || vacancy.salaryMin <= vacancy.salaryMax, {
      message: "salaryOrder",
      path: ["salaryMax"],
    })
    .refine((vacancy) => (vacancy.salaryMin === null && vacancy.salaryMax === null) || vacancy.salaryCurrency !== null, {
      message: "salaryCurrency",
      path: ["salaryCurrency"],
    })
    .refine((vacancy) => !vacancy.publishedOn || vacancy.deadline >= vacancy.publishedOn, {
      message: "dateOrder",
      path: ["deadline"],
      params: { other: "publishedOn" },
    });
}

async function vacancyDocument(
  tx: Transaction,
  input: unknown,
  locales: readonly string[],
  target: { id: string | null; currentSlug: string | null; currentDeadline: string | null },
): Promise<VacancyDocument> {
  const parsed = parseInput(vacancySchema(locales), input);
  const errors = new FieldErrors();
  const places = await resolveKeys(tx, "places", [parsed.place]);
  if (!places.has(parsed.place)) errors.add("place", "unknownReference", { entity: "place", value: parsed.place });
  if (parsed.deadline !== target.currentDeadline && parsed.deadline < todayInLibya()) errors.add("deadline", "deadlineInPast");
  if (parsed.slug && parsed.slug !== target.currentSlug && !(await keyAvailable(tx, "vacancies", "slug", parsed.slug, target.id))) {
    errors.add("slug", "slugTaken");
  }
  errors.throwIfAny();
  const slug =
    parsed.slug ??
    target.currentSlug ??
    (await freeSlug(tx, "vacancies", parsed.texts.map((text) => slugFrom(text.title)).find(Boolean) ?? `vacancy-${Math.random().toString(16).slice(2, 8)}`, target.id));
  const { place, slug: _slug, ...rest } = parsed;
  return { ...rest, slug, placeId: places.get(place)! };
}

export async function loadVacancyDocument(tx: Executor, id: string): Promise<VacancyDocument> {
  const row = await tx.query.vacancies.findFirst({ where: eq(vacancies.id, id), with: { translations: true } });
  if (!row) throw new Error(`vacancy ${id} vanished`);
  const number = (value: string | null) => (value === null ? null : Number(value));
  return {
    slug: row.slug,
    sector: row.sector,
    occupationCode: row.occupationCode,
    placeId: row.placeId,
    positions: row.positions,
    employmentType: row.employmentType,
    salaryMin: number(row.salaryMin),
    salaryMax: number(row.salaryMax),
    salaryCurrency: row.salaryCurrency,
    salaryPeriod: row.salaryPeriod,
    eligibility: row.eligibility,
    recruitmentChannel: row.recruitmentChannel,
    applyUrl: row.applyUrl,
    applyEmail: row.applyEmail,
    applyPhone: row.applyPhone,
    publishedOn: row.publishedOn,
    deadline: row.deadline,
    sources: row.sources.map(sourceReference),
    texts: row.translations
      .map((t) => ({ locale: t.locale, title: t.title, description: t.description, requirements: t.requirements, howToApply: t.howToApply }))
      .sort((a, b) => a.locale.localeCompare(b.locale)),
  };
}

async function writeVacancy(tx: Transaction, id: string, document: VacancyDocument): Promise<void> {
  const { texts, salaryMin, salaryMax, ...columns } = document;
  await tx
    .update(vacancies)
    .set({
      ...(columns as Partial<typeof vacancies.$inferInsert>),
      salaryMin: salaryMin === null ? null : String(salaryMin),
      salaryMax: salaryMax === null ? null : String(salaryMax),
    })
    .where(eq(vacancies.id, id));
  await replaceTexts(tx, vacancyTranslations, vacancyTranslations.vacancyId, id, texts.map((text) => ({ ...text, vacancyId: id })));
}

export const vacancyKind: RecordKind<VacancyRow, VacancyDocument> = {
  entity: "vacancy",
  auditType: "vacancy",
  table: vacancies,
  permission: "vacancy.edit",
  organizationOf: (row) => row.organizationId,
  isPublic: (row) => row.state === "published" && row.archivedAt === null,
  label: (row) => row.slug,
  load: loadVacancyDocument,
};

const locales = async (context: RequestContext) => (await context.locales.available()).map((locale) => locale.code);

export async function createVacancy(context: RequestContext, organizationId: string, input: unknown): Promise<string> {
  requireViewer(context);
  if (!isUuid(organizationId)) throw badInput("invalidId", { value: organizationId }, "organizationId");
  const enabled = await locales(context);
  return createRecord(context, vacancyKind, organizationId.toLowerCase(), async (tx) => {
    const organization = await queryRows<{ id: string }>(tx, sql`select id::text as id from organizations where id = ${organizationId}::uuid`);
    if (organization.length === 0) throw invalidFields([{ path: "organizationId", key: "unknownReference", params: { entity: "organization", value: organizationId } }]);
    const document = await vacancyDocument(tx, input, enabled, { id: null, currentSlug: null, currentDeadline: null });
    const [created] = await tx
      .insert(vacancies)
      .values({
        organizationId: organizationId.toLowerCase(),
        slug: document.slug,
        sector: document.sector,
        placeId: document.placeId,
        recruitmentChannel: document.recruitmentChannel as (typeof RECRUITMENT_CHANNELS)[number],
        deadline: document.deadline,
        state: "draft",
      })
      .returning({ id: vacancies.id });
    await writeVacancy(tx, created!.id, document);
    return created!.id;
  });
}

export async function updateVacancy(context: RequestContext, id: string, expectedVersion: number, input: unknown): Promise<string> {
  const enabled = await locales(context);
  return changeRecord(context, vacancyKind, id, expectedVersion, "update", async (tx, row) => {
    const document = await vacancyDocument(tx, input, enabled, { id: row.id, currentSlug: row.slug, currentDeadline: row.deadline });
    await writeVacancy(tx, row.id, document);
    return { public: vacancyKind.isPublic(row) };
  });
}

/** Ministry publishers publish their own notices directly (no review). */
export async function publishVacancy(context: RequestContext, id: string, expectedVersion: number): Promise<string> {
  return changeRecord(context, vacancyKind, id, expectedVersion, "publish", async (_tx, row) => {
    if (row.state === "published") throw invalidState("alreadyPublished", { entity: "vacancy" });
    const today = todayInLibya();
    if (row.deadline < today) throw invalidState("deadlinePassed");
    return {
      set: { state: "published" as const, publishedAt: row.publishedAt ?? new Date(), publishedOn: row.publishedOn ?? today, closedAt: null },
      public: true,
    };
  });
}

export async function closeVacancy(context: RequestContext, id: string, expectedVersion: number): Promise<string> {
  return changeRecord(context, vacancyKind, id, expectedVersion, "close", async (_tx, row) => {
    if (row.state !== "published") throw invalidState("notPublished", { entity: "vacancy" });
    if (row.closedAt !== null || row.deadline < todayInLibya()) throw invalidState("alreadyClosed");
    return { set: { closedAt: new Date() }, public: true };
  });
}

export const archiveVacancy = (context: RequestContext, id: string, expectedVersion: number) => archive(context, vacancyKind, id, expectedVersion);
export const restoreVacancy = (context: RequestContext, id: string, expectedVersion: number) => restore(context, vacancyKind, id, expectedVersion);
