import { eq } from "drizzle-orm";
import { ALERT_SEVERITIES, alerts, alertTranslations, type Executor, type SourceReference, type Transaction } from "@start/db";
import { z } from "zod";
import type { RequestContext } from "../graphql/context.js";
import { invalidState } from "../graphql/errors.js";
import { archive, changeRecord, createRecord, type RecordKind, replaceTexts, restore } from "./kit.js";
import { resolveKeys } from "./references.js";
import { FieldErrors, localeCode, oneOf, optionalLongText, parseInput, perLocale, requiredText, sourceReference, sources } from "./validation.js";

type AlertRow = typeof alerts.$inferSelect;

export interface AlertDocument {
  placeId: string | null;
  severity: string;
  validFrom: string;
  validUntil: string | null;
  sources: SourceReference[];
  texts: Array<{ locale: string; title: string; body: string | null }>;
}

const dateTime = z
  .string()
  .trim()
  .refine((value) => /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) && !Number.isNaN(Date.parse(value)), {
    message: "dateFormat",
  })
  .transform((value) => new Date(value).toISOString());

export function alertSchema(locales: readonly string[]) {
  return z
    .object({
      place: z.string().trim().max(120).nullish().transform((value) => value || null),
      severity: oneOf(ALERT_SEVERITIES).nullish().transform((value) => value ?? "info"),
      validFrom: dateTime,
      validUntil: dateTime.nullish().transform((value) => value ?? null),
      sources,
      texts: perLocale(z.object({ locale: localeCode(locales), title: requiredText(200), body: optionalLongText(5_000) }), { requireOne: "title" }),
    })
    .refine((alert) => alert.validUntil === null || alert.validUntil >= alert.validFrom, {
      message: "dateOrder",
      path: ["validUntil"],
      params: { other: "validFrom" },
    });
}

async function alertDocument(tx: Transaction, input: unknown, locales: readonly string[]): Promise<AlertDocument> {
  const parsed = parseInput(alertSchema(locales), input);
  const errors = new FieldErrors();
  const places = parsed.place ? await resolveKeys(tx, "places", [parsed.place]) : new Map<string, string>();
  if (parsed.place && !places.has(parsed.place)) errors.add("place", "unknownReference", { entity: "place", value: parsed.place });
  errors.throwIfAny();
  const { place, ...rest } = parsed;
  return { ...rest, placeId: place ? places.get(place)! : null };
}

export async function loadAlertDocument(tx: Executor, id: string): Promise<AlertDocument> {
  const row = await tx.query.alerts.findFirst({ where: eq(alerts.id, id), with: { translations: true } });
  if (!row) throw new Error(`alert ${id} vanished`);
  return {
    placeId: row.placeId,
    severity: row.severity,
    validFrom: row.validFrom.toISOString(),
    validUntil: row.validUntil?.toISOString() ?? null,
    sources: row.sources.map(sourceReference),
    texts: row.translations.map((t) => ({ locale: t.locale, title: t.title, body: t.body })).sort((a, b) => a.locale.localeCompare(b.locale)),
  };
}

async function writeAlert(tx: Transaction, id: string, document: AlertDocument): Promise<void> {
  await tx
    .update(alerts)
    .set({
      placeId: document.placeId,
      severity: document.severity as (typeof ALERT_SEVERITIES)[number],
      validFrom: new Date(document.validFrom),
      validUntil: document.validUntil ? new Date(document.validUntil) : null,
      sources: document.sources,
    })
    .where(eq(alerts.id, id));
  await replaceTexts(tx, alertTranslations, alertTranslations.alertId, id, document.texts.map((text) => ({ ...text, alertId: id })));
}

export const alertKind: RecordKind<AlertRow, AlertDocument> = {
  entity: "alert",
  auditType: "alert",
  table: alerts,
  permission: "content.moderate",
  organizationOf: () => null,
  isPublic: (row) => row.state === "published" && row.archivedAt === null,
  label: (row) => row.id,
  load: loadAlertDocument,
};

const locales = async (context: RequestContext) => (await context.locales.available()).map((locale) => locale.code);

export async function createAlert(context: RequestContext, input: unknown): Promise<string> {
  const enabled = await locales(context);
  return createRecord(context, alertKind, null, async (tx) => {
    const document = await alertDocument(tx, input, enabled);
    const [created] = await tx
      .insert(alerts)
      .values({ validFrom: new Date(document.validFrom), state: "draft" })
      .returning({ id: alerts.id });
    await writeAlert(tx, created!.id, document);
    return created!.id;
  });
}

export async function updateAlert(context: RequestContext, id: string, expectedVersion: number, input: unknown): Promise<string> {
  const enabled = await locales(context);
  return changeRecord(context, alertKind, id, expectedVersion, "update", async (tx, row) => {
    await writeAlert(tx, row.id, await alertDocument(tx, input, enabled));
    return { public: alertKind.isPublic(row) };
  });
}

export async function publishAlert(context: RequestContext, id: string, expectedVersion: number): Promise<string> {
  return changeRecord(context, alertKind, id, expectedVersion, "publish", async (_tx, row) => {
    if (row.state === "published") throw invalidState("alreadyPublished", { entity: "alert" });
    return { set: { state: "published" as const, publishedAt: row.publishedAt ?? new Date() }, public: true };
  });
}

export const archiveAlert = (context: RequestContext, id: string, expectedVersion: number) => archive(context, alertKind, id, expectedVersion);
export const restoreAlert = (context: RequestContext, id: string, expectedVersion: number) => restore(context, alertKind, id, expectedVersion);
