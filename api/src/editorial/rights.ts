import { eq } from "drizzle-orm";
import { AUDIENCES, queryRows, rightsArticles, rightsArticleTranslations, type Executor, type SourceReference, type Transaction } from "@start/db";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { RequestContext } from "../graphql/context.js";
import { invalidState } from "../graphql/errors.js";
import { archive, changeRecord, createRecord, type RecordKind, replaceTexts, restore } from "./kit.js";
import { freeSlug, keyAvailable, resolveKeys } from "./references.js";
import {
  FieldErrors,
  isoDate,
  localeCode,
  oneOf,
  optionalSlug,
  parseInput,
  perLocale,
  requiredLongText,
  requiredText,
  slug as slugRule,
  slugFrom,
  sourceReference,
  sources,
} from "./validation.js";

type ArticleRow = typeof rightsArticles.$inferSelect;

/** A rights article as edited: bodies are Markdown, stored as written (rendering sanitises them). */
export interface RightsArticleDocument {
  slug: string;
  topic: string;
  countryId: string;
  audience: string;
  reviewedOn: string;
  sources: SourceReference[];
  texts: Array<{ locale: string; title: string; summary: string; body: string }>;
}

export function rightsArticleSchema(locales: readonly string[]) {
  return z.object({
    slug: optionalSlug,
    topic: slugRule,
    country: z.string().trim().min(1).max(120),
    audience: oneOf(AUDIENCES),
    reviewedOn: isoDate,
    sources,
    texts: perLocale(
      z.object({
        locale: localeCode(locales),
        title: requiredText(200),
        summary: requiredText(1000),
        body: requiredLongText(50_000),
      }),
      { requireOne: "title" },
    ),
  });
}

async function articleDocument(tx: Transaction, input: unknown, locales: readonly string[], target: { id: string | null; currentSlug: string | null }) {
  const parsed = parseInput(rightsArticleSchema(locales), input);
  const errors = new FieldErrors();
  const places = await resolveKeys(tx, "places", [parsed.country]);
  const countryId = places.get(parsed.country);
  if (!countryId) errors.add("country", "unknownReference", { entity: "place", value: parsed.country });
  else {
    const [place] = await queryRows<{ kind: string }>(tx, sql`select kind::text as kind from places where id = ${countryId}`);
    if (place?.kind !== "country") errors.add("country", "invalidValue");
  }
  if (parsed.slug && parsed.slug !== target.currentSlug && !(await keyAvailable(tx, "rights_articles", "slug", parsed.slug, target.id))) {
    errors.add("slug", "slugTaken");
  }
  errors.throwIfAny();
  const slug =
    parsed.slug ??
    target.currentSlug ??
    (await freeSlug(tx, "rights_articles", parsed.texts.map((text) => slugFrom(text.title)).find(Boolean) ?? `article-${Math.random().toString(16).slice(2, 8)}`, target.id));
  const { country: _country, slug: _slug, ...rest } = parsed;
  return { ...rest, slug, countryId: countryId! } satisfies RightsArticleDocument;
}

export async function loadRightsArticleDocument(tx: Executor, id: string): Promise<RightsArticleDocument> {
  const row = await tx.query.rightsArticles.findFirst({ where: eq(rightsArticles.id, id), with: { translations: true } });
  if (!row) throw new Error(`rights article ${id} vanished`);
  return {
    slug: row.slug,
    topic: row.topic,
    countryId: row.countryId,
    audience: row.audience,
    reviewedOn: row.reviewedOn,
    sources: row.sources.map(sourceReference),
    texts: row.translations
      .map((t) => ({ locale: t.locale, title: t.title, summary: t.summary, body: t.body }))
      .sort((a, b) => a.locale.localeCompare(b.locale)),
  };
}

async function writeArticle(tx: Transaction, id: string, document: RightsArticleDocument): Promise<void> {
  const { texts, ...columns } = document;
  await tx
    .update(rightsArticles)
    .set(columns as Partial<typeof rightsArticles.$inferInsert>)
    .where(eq(rightsArticles.id, id));
  await replaceTexts(tx, rightsArticleTranslations, rightsArticleTranslations.articleId, id, texts.map((text) => ({ ...text, articleId: id })));
}

export const rightsArticleKind: RecordKind<ArticleRow, RightsArticleDocument> = {
  entity: "rightsArticle",
  auditType: "rights_article",
  table: rightsArticles,
  permission: "content.moderate",
  organizationOf: () => null,
  isPublic: (row) => row.state === "published" && row.archivedAt === null,
  label: (row) => row.slug,
  load: loadRightsArticleDocument,
};

const locales = async (context: RequestContext) => (await context.locales.available()).map((locale) => locale.code);

export async function createRightsArticle(context: RequestContext, input: unknown): Promise<string> {
  const enabled = await locales(context);
  return createRecord(context, rightsArticleKind, null, async (tx) => {
    const document = await articleDocument(tx, input, enabled, { id: null, currentSlug: null });
    const [created] = await tx
      .insert(rightsArticles)
      .values({
        slug: document.slug,
        topic: document.topic,
        countryId: document.countryId,
        audience: document.audience as (typeof AUDIENCES)[number],
        reviewedOn: document.reviewedOn,
        state: "draft",
      })
      .returning({ id: rightsArticles.id });
    await writeArticle(tx, created!.id, document);
    return created!.id;
  });
}

/** Moderators hold the publish right: their edit of a published article applies directly (and queues a rebuild). */
export async function updateRightsArticle(context: RequestContext, id: string, expectedVersion: number, input: unknown): Promise<string> {
  const enabled = await locales(context);
  return changeRecord(context, rightsArticleKind, id, expectedVersion, "update", async (tx, row) => {
    await writeArticle(tx, row.id, await articleDocument(tx, input, enabled, { id: row.id, currentSlug: row.slug }));
    return { public: rightsArticleKind.isPublic(row) };
  });
}

export async function publishRightsArticle(context: RequestContext, id: string, expectedVersion: number): Promise<string> {
  return changeRecord(context, rightsArticleKind, id, expectedVersion, "publish", async (_tx, row) => {
    if (row.state === "published") throw invalidState("alreadyPublished", { entity: "rightsArticle" });
    return { set: { state: "published" as const, publishedAt: row.publishedAt ?? new Date() }, public: true };
  });
}

export const archiveRightsArticle = (context: RequestContext, id: string, expectedVersion: number) =>
  archive(context, rightsArticleKind, id, expectedVersion);
export const restoreRightsArticle = (context: RequestContext, id: string, expectedVersion: number) =>
  restore(context, rightsArticleKind, id, expectedVersion);
