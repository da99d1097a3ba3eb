import { eq } from "drizzle-orm";
import {
  ALERT_SEVERITIES,
  alertOrganizations,
  alertPlaces,
  alerts,
  alertServices,
  alertTranslations,
  dayInLibya,
  endOfDayInLibya,
  type Executor,
  type SourceReference,
  type Transaction,
} from "@start/db";
import { z } from "zod";
import type { RequestContext } from "../graphql/context.js";
import { invalidState } from "../graphql/errors.js";
import { archive, changeRecord, createRecord, type RecordKind, replaceTexts, restore } from "./kit.js";
import { resolveKeysWithArchived } from "./references.js";
import { FieldErrors, localeCode, oneOf, optionalIsoDate, optionalLongText, parseInput, perLocale, requiredText, sourceReference, sources } from "./validation.js";

type AlertRow = typeof alerts.$inferSelect;

/**
 * An alert as edited and audited: what it concerns (places, organisations, services; none for
 * everyone), when, and, for a closure, the last day the services it names are closed.
 */
export interface AlertDocument {
  placeIds: string[];
  organizationIds: string[];
  serviceIds: string[];
  severity: string;
  validFrom: string;
  validUntil: string | null;
  /** A closure: the last day (YYYY-MM-DD, Libya) the services are closed; null for other alerts. */
  closedUntil: string | null;
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

/** Records named by id or slug, each at most once. */
const references = z
  .array(z.string().trim().min(1).max(120))
  .max(100)
  .nullish()
  .transform((values) => values ?? [])
  .superRefine((values, context) => {
    const seen = new Set<string>();
    values.forEach((value, index) => {
      if (seen.has(value)) context.addIssue({ code: "custom", message: "duplicateValue", path: [index] });
      seen.add(value);
    });
  });

export function alertSchema(locales: readonly string[]) {
  return z
    .object({
      places: references,
      organizations: references,
      services: references,
      severity: oneOf(ALERT_SEVERITIES).nullish().transform((value) => value ?? "info"),
      validFrom: dateTime,
      validUntil: dateTime.nullish().transform((value) => value ?? null),
      closure: z.boolean().nullish().transform((value) => value ?? false),
      closedUntil: optionalIsoDate,
      sources,
      texts: perLocale(z.object({ locale: localeCode(locales), title: requiredText(200), body: optionalLongText(5_000) }), { requireOne: "title" }),
    })
    .superRefine((alert, context) => {
      if (alert.validUntil !== null && alert.validUntil < alert.validFrom) {
        context.addIssue({ code: "custom", message: "alertEndsBeforeStart", path: ["validUntil"] });
      }
      if (!alert.closure) {
        if (alert.closedUntil !== null) context.addIssue({ code: "custom", message: "closureDateWithoutClosure", path: ["closedUntil"] });
        return;
      }
      if (alert.services.length === 0) context.addIssue({ code: "custom", message: "closureNeedsService", path: ["services"] });
      if (alert.closedUntil === null) {
        context.addIssue({ code: "custom", message: "closureDateRequired", path: ["closedUntil"] });
        return;
      }
      const start = dayInLibya(new Date(alert.validFrom));
      if (alert.closedUntil < start) {
        context.addIssue({ code: "custom", message: "closureEndsBeforeStart", path: ["closedUntil"], params: { start } });
      } else if (alert.validUntil !== null && dayInLibya(new Date(alert.validUntil)) < alert.closedUntil) {
        context.addIssue({ code: "custom", message: "closureOutlastsAlert", path: ["validUntil"], params: { date: alert.closedUntil } });
      }
    });
}

const TARGETS = [
  { field: "places", table: "places", entity: "place" },
  { field: "organizations", table: "organizations", entity: "organization" },
  { field: "services", table: "services", entity: "service" },
] as const;

async function alertDocument(tx: Transaction, input: unknown, locales: readonly string[]): Promise<AlertDocument> {
  const parsed = parseInput(alertSchema(locales), input);
  const errors = new FieldErrors();
  const ids: Record<(typeof TARGETS)[number]["field"], string[]> = { places: [], organizations: [], services: [] };
  for (const { field, table, entity } of TARGETS) {
    const found = await resolveKeysWithArchived(tx, table, parsed[field]);
    parsed[field].forEach((value, index) => {
      const record = found.get(value);
      if (!record) errors.add(`${field}.${index}`, "unknownReference", { entity, value });
      else if (record.archived) errors.add(`${field}.${index}`, "archivedReference", { entity, value });
      else ids[field].push(record.id);
    });
  }
  errors.throwIfAny();
  const unique = (values: string[]) => [...new Set(values)].sort();
  return {
    placeIds: unique(ids.places),
    organizationIds: unique(ids.organizations),
    serviceIds: unique(ids.services),
    severity: parsed.severity,
    validFrom: parsed.validFrom,
    // A closure's alert stays in force until the services reopen, unless it says longer.
    validUntil: parsed.validUntil ?? (parsed.closure && parsed.closedUntil ? endOfDayInLibya(parsed.closedUntil).toISOString() : null),
    closedUntil: parsed.closure ? parsed.closedUntil : null,
    sources: parsed.sources,
    texts: parsed.texts,
  };
}

export async function loadAlertDocument(tx: Executor, id: string): Promise<AlertDocument> {
  const row = await tx.query.alerts.findFirst({
    where: eq(alerts.id, id),
    with: { translations: true, places: true, organizations: true, services: true },
  });
  if (!row) throw new Error(`alert ${id} vanished`);
  return {
    placeIds: row.places.map((link) => link.placeId).sort(),
    organizationIds: row.organizations.map((link) => link.organizationId).sort(),
    serviceIds: row.services.map((link) => link.serviceId).sort(),
    severity: row.severity,
    validFrom: row.validFrom.toISOString(),
    validUntil: row.validUntil?.toISOString() ?? null,
    closedUntil: row.closedUntil,
    sources: row.sources.map(sourceReference),
    texts: row.translations.map((t) => ({ locale: t.locale, title: t.title, body: t.body })).sort((a, b) => a.locale.localeCompare(b.locale)),
  };
}

async function writeAlert(tx: Transaction, id: string, document: AlertDocument): Promise<void> {
  await tx
    .update(alerts)
    .set({
      severity: document.severity as (typeof ALERT_SEVERITIES)[number],
      validFrom: new Date(document.validFrom),
      validUntil: document.validUntil ? new Date(document.validUntil) : null,
      closedUntil: document.closedUntil,
      sources: document.sources,
    })
    .where(eq(alerts.id, id));
  await replaceTexts(tx, alertTranslations, alertTranslations.alertId, id, document.texts.map((text) => ({ ...text, alertId: id })));
  await tx.delete(alertPlaces).where(eq(alertPlaces.alertId, id));
  await tx.delete(alertOrganizations).where(eq(alertOrganizations.alertId, id));
  await tx.delete(alertServices).where(eq(alertServices.alertId, id));
  if (document.placeIds.length) await tx.insert(alertPlaces).values(document.placeIds.map((placeId) => ({ alertId: id, placeId })));
  if (document.organizationIds.length) {
    await tx.insert(alertOrganizations).values(document.organizationIds.map((organizationId) => ({ alertId: id, organizationId })));
  }
  if (document.serviceIds.length) await tx.insert(alertServices).values(document.serviceIds.map((serviceId) => ({ alertId: id, serviceId })));
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
