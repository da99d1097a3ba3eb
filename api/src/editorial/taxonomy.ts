import { eq, sql } from "drizzle-orm";
import { isCategoryCode, isCountryCode } from "@start/db/rules";
import {
  categories,
  categoryTranslations,
  PLACE_KINDS,
  placeAliases,
  places,
  placeTranslations,
  type Executor,
  queryRows,
  type Transaction,
} from "@start/db";
import { z } from "zod";
import type { RequestContext } from "../graphql/context.js";
import { invalidState } from "../graphql/errors.js";
import { archive, changeRecord, createRecord, type RecordKind, replaceTexts, restore } from "./kit.js";
import { keyAvailable, resolveKeys } from "./references.js";
import { FieldErrors, localeCode, oneOf, optionalText, parseInput, perLocale, requiredText, slug as slugRule } from "./validation.js";

/**
 * Categories and places: the trees the directory is filed under. Moderators and admins edit them;
 * every change to a record that is not archived is public at once (there is no draft state), so
 * each queues a portal rebuild. Neither tree may loop, and nothing in use is archived.
 */

type CategoryRow = typeof categories.$inferSelect;
type PlaceRow = typeof places.$inferSelect;

export interface CategoryDocument {
  code: string;
  parentId: string | null;
  position: number;
  icon: string | null;
  texts: Array<{ locale: string; name: string; description: string | null }>;
}

export interface PlaceDocument {
  slug: string;
  kind: string;
  parentId: string | null;
  countryCode: string;
  latitude: number | null;
  longitude: number | null;
  timeZone: string;
  texts: Array<{ locale: string; name: string }>;
  aliases: string[];
}

function knownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone.includes("/") || zone === "UTC";
  } catch {
    return false;
  }
}

export function categorySchema(locales: readonly string[]) {
  return z.object({
    code: z.string().trim().toLowerCase().max(100).refine(isCategoryCode, { message: "codeFormat" }),
    parent: z.string().trim().max(120).nullish().transform((value) => value || null),
    position: z.number().int().min(0).max(10_000).nullish().transform((value) => value ?? 0),
    icon: optionalText(40).refine((value) => value === null || /^[a-z0-9-]+$/.test(value), { message: "slugFormat" }),
    texts: perLocale(z.object({ locale: localeCode(locales), name: requiredText(120), description: optionalText(1000) }), { requireOne: "name" }),
  });
}

export function placeSchema(locales: readonly string[]) {
  return z
    .object({
      slug: slugRule,
      kind: oneOf(PLACE_KINDS),
      parent: z.string().trim().max(120).nullish().transform((value) => value || null),
      countryCode: z.string().trim().toUpperCase().refine(isCountryCode, { message: "countryCode" }),
      latitude: z.number().min(-90).max(90).nullish().transform((value) => value ?? null),
      longitude: z.number().min(-180).max(180).nullish().transform((value) => value ?? null),
      timeZone: z.string().trim().max(60).refine(knownTimeZone, { message: "timeZone" }),
      texts: perLocale(z.object({ locale: localeCode(locales), name: requiredText(120) }), { requireOne: "name" }),
      aliases: z
        .array(requiredText(100))
        .max(50)
        .nullish()
        .transform((values) => [...new Set(values ?? [])].sort()),
    })
    .refine((place) => (place.latitude === null) === (place.longitude === null), { message: "coordinatesTogether", path: ["longitude"] })
    .refine((place) => (place.kind === "country") === (place.parent === null), { message: "countryParent", path: ["parent"] });
}

/** Whether making `parentId` the parent of `id` would put the record inside itself. */
async function wouldLoop(tx: Transaction, table: "categories" | "places", id: string, parentId: string): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`with recursive up(id, parent_id) as (
          select id, parent_id from ${sql.raw(table)} where id = ${parentId}::uuid
          union all
          select t.id, t.parent_id from ${sql.raw(table)} t join up on t.id = up.parent_id)
        select id::text as id from up where id = ${id}::uuid`,
  );
  return rows.length > 0;
}

// Categories ------------------------------------------------------------------------------------

async function categoryDocument(tx: Transaction, input: unknown, locales: readonly string[], id: string | null, currentCode: string | null) {
  const parsed = parseInput(categorySchema(locales), input);
  const errors = new FieldErrors();
  const parents = parsed.parent ? await resolveKeys(tx, "categories", [parsed.parent]) : new Map<string, string>();
  const parentId = parsed.parent ? (parents.get(parsed.parent) ?? null) : null;
  if (parsed.parent && !parentId) errors.add("parent", "unknownReference", { entity: "category", value: parsed.parent });
  if (id && parentId && (parentId === id || (await wouldLoop(tx, "categories", id, parentId)))) errors.add("parent", "parentCycle");
  if (parsed.code !== currentCode && !(await keyAvailable(tx, "categories", "code", parsed.code, id))) errors.add("code", "slugTaken");
  errors.throwIfAny();
  const { parent: _parent, ...rest } = parsed;
  return { ...rest, parentId } satisfies CategoryDocument;
}

export async function loadCategoryDocument(tx: Executor, id: string): Promise<CategoryDocument> {
  const row = await tx.query.categories.findFirst({ where: eq(categories.id, id), with: { translations: true } });
  if (!row) throw new Error(`category ${id} vanished`);
  return {
    code: row.code,
    parentId: row.parentId,
    position: row.position,
    icon: row.icon,
    texts: row.translations.map((t) => ({ locale: t.locale, name: t.name, description: t.description })).sort((a, b) => a.locale.localeCompare(b.locale)),
  };
}

async function writeCategory(tx: Transaction, id: string, document: CategoryDocument) {
  const { texts, ...columns } = document;
  await tx.update(categories).set(columns).where(eq(categories.id, id));
  await replaceTexts(tx, categoryTranslations, categoryTranslations.categoryId, id, texts.map((text) => ({ ...text, categoryId: id })));
}

export const categoryKind: RecordKind<CategoryRow, CategoryDocument> = {
  entity: "category",
  auditType: "category",
  table: categories,
  permission: "content.moderate",
  organizationOf: () => null,
  isPublic: (row) => row.archivedAt === null,
  label: (row) => row.code,
  load: loadCategoryDocument,
};

const locales = async (context: RequestContext) => (await context.locales.available()).map((locale) => locale.code);

export async function createCategory(context: RequestContext, input: unknown): Promise<string> {
  const enabled = await locales(context);
  return createRecord(context, categoryKind, null, async (tx) => {
    const document = await categoryDocument(tx, input, enabled, null, null);
    const [created] = await tx.insert(categories).values({ code: document.code }).returning({ id: categories.id });
    await writeCategory(tx, created!.id, document);
    return created!.id;
  });
}

export async function updateCategory(context: RequestContext, id: string, expectedVersion: number, input: unknown): Promise<string> {
  const enabled = await locales(context);
  return changeRecord(context, categoryKind, id, expectedVersion, "update", async (tx, row) => {
    await writeCategory(tx, row.id, await categoryDocument(tx, input, enabled, row.id, row.code));
    return { public: true };
  });
}

export const archiveCategory = (context: RequestContext, id: string, expectedVersion: number) =>
  archive(context, categoryKind, id, expectedVersion, async (tx, row) => {
    const children = await queryRows<{ id: string }>(tx, sql`select id::text as id from categories where parent_id = ${row.id} and archived_at is null limit 1`);
    if (children.length) throw invalidState("categoryHasChildren");
  });

export const restoreCategory = (context: RequestContext, id: string, expectedVersion: number) =>
  restore(context, categoryKind, id, expectedVersion, async (tx, row) => {
    if (!row.parentId) return;
    const [parent] = await queryRows<{ archived: boolean }>(tx, sql`select archived_at is not null as archived from categories where id = ${row.parentId}`);
    if (parent?.archived) throw invalidState("parentArchived", { entity: "category" });
  });

// Places ----------------------------------------------------------------------------------------

async function placeDocument(tx: Transaction, input: unknown, locales: readonly string[], id: string | null, currentSlug: string | null) {
  const parsed = parseInput(placeSchema(locales), input);
  const errors = new FieldErrors();
  const parents = parsed.parent ? await resolveKeys(tx, "places", [parsed.parent]) : new Map<string, string>();
  const parentId = parsed.parent ? (parents.get(parsed.parent) ?? null) : null;
  if (parsed.parent && !parentId) errors.add("parent", "unknownReference", { entity: "place", value: parsed.parent });
  if (id && parentId && (parentId === id || (await wouldLoop(tx, "places", id, parentId)))) errors.add("parent", "parentCycle");
  if (parsed.slug !== currentSlug && !(await keyAvailable(tx, "places", "slug", parsed.slug, id))) errors.add("slug", "slugTaken");
  errors.throwIfAny();
  const { parent: _parent, ...rest } = parsed;
  return { ...rest, parentId } satisfies PlaceDocument;
}

export async function loadPlaceDocument(tx: Executor, id: string): Promise<PlaceDocument> {
  const row = await tx.query.places.findFirst({ where: eq(places.id, id), with: { translations: true, aliases: true } });
  if (!row) throw new Error(`place ${id} vanished`);
  return {
    slug: row.slug,
    kind: row.kind,
    parentId: row.parentId,
    countryCode: row.countryCode,
    latitude: row.latitude,
    longitude: row.longitude,
    timeZone: row.timeZone,
    texts: row.translations.map((t) => ({ locale: t.locale, name: t.name })).sort((a, b) => a.locale.localeCompare(b.locale)),
    aliases: row.aliases.map((alias) => alias.alias).sort(),
  };
}

async function writePlace(tx: Transaction, id: string, document: PlaceDocument) {
  const { texts, aliases, ...columns } = document;
  await tx
    .update(places)
    .set(columns as Partial<typeof places.$inferInsert>)
    .where(eq(places.id, id));
  await replaceTexts(tx, placeTranslations, placeTranslations.placeId, id, texts.map((text) => ({ ...text, placeId: id })));
  await replaceTexts(tx, placeAliases, placeAliases.placeId, id, aliases.map((alias) => ({ alias, placeId: id })));
}

export const placeKind: RecordKind<PlaceRow, PlaceDocument> = {
  entity: "place",
  auditType: "place",
  table: places,
  permission: "content.moderate",
  organizationOf: () => null,
  isPublic: (row) => row.archivedAt === null,
  label: (row) => row.slug,
  load: loadPlaceDocument,
};

export async function createPlace(context: RequestContext, input: unknown): Promise<string> {
  const enabled = await locales(context);
  return createRecord(context, placeKind, null, async (tx) => {
    const document = await placeDocument(tx, input, enabled, null, null);
    const [created] = await tx
      .insert(places)
      .values({
        slug: document.slug,
        kind: document.kind as (typeof PLACE_KINDS)[number],
        parentId: document.parentId,
        countryCode: document.countryCode,
        timeZone: document.timeZone,
      })
      .returning({ id: places.id });
    await writePlace(tx, created!.id, document);
    return created!.id;
  });
}

export async function updatePlace(context: RequestContext, id: string, expectedVersion: number, input: unknown): Promise<string> {
  const enabled = await locales(context);
  return changeRecord(context, placeKind, id, expectedVersion, "update", async (tx, row) => {
    await writePlace(tx, row.id, await placeDocument(tx, input, enabled, row.id, row.slug));
    return { public: true };
  });
}

/** A place still used by a live record (a place inside it, a location, a vacancy, an article, an alert) stays. */
export const archivePlace = (context: RequestContext, id: string, expectedVersion: number) =>
  archive(context, placeKind, id, expectedVersion, async (tx, row) => {
    const [usage] = await queryRows<{ count: number | string }>(
      tx,
      sql`select (select count(*) from places where parent_id = ${row.id} and archived_at is null)
               + (select count(*) from locations where place_id = ${row.id} and archived_at is null)
               + (select count(*) from vacancies where place_id = ${row.id} and archived_at is null)
               + (select count(*) from rights_articles where country_id = ${row.id} and archived_at is null)
               + (select count(*) from alert_places ap join alerts a on a.id = ap.alert_id where ap.place_id = ${row.id} and a.archived_at is null) as count`,
    );
    const count = Number(usage?.count ?? 0);
    if (count > 0) throw invalidState("placeInUse", { count });
  });

export const restorePlace = (context: RequestContext, id: string, expectedVersion: number) =>
  restore(context, placeKind, id, expectedVersion, async (tx, row) => {
    if (!row.parentId) return;
    const [parent] = await queryRows<{ archived: boolean }>(tx, sql`select archived_at is not null as archived from places where id = ${row.parentId}`);
    if (parent?.archived) throw invalidState("parentArchived", { entity: "place" });
  });
