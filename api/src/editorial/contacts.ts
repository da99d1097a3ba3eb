import { asc, eq } from "drizzle-orm";
import { isPhoneExtension } from "@start/db/rules";
import { PHONE_TYPES, phones, phoneTranslations, schedulePeriods, schedules, scheduleTranslations, type Transaction } from "@start/db";
import { z } from "zod";
import { languageCodes, localizedValue, oneOf, optionalIsoDate, perLocale, phoneNumber, timeOfDay } from "./validation.js";

/**
 * Phones and opening hours as the editor edits them, wherever they live: an organization's phones,
 * a service's, a location's own (shared by every service delivered there) and a service's at one
 * location; hours of a service, a location and a service at a location. One set of rules, one way
 * of reading them into a document and one way of writing a document back, for every owner.
 */

export interface LocalizedValueDocument {
  locale: string;
  text: string;
}
export interface PhoneDocument {
  number: string;
  extension: string | null;
  type: string;
  languages: string[];
  descriptions: LocalizedValueDocument[];
}
export interface ScheduleDocument {
  validFrom: string | null;
  validTo: string | null;
  periods: Array<{ weekday: number; opensAt: string; closesAt: string }>;
  notes: LocalizedValueDocument[];
}

/** Lists in a canonical order, so that equal content is equal JSON. */
export const canonical = <T>(items: T[]) => [...items].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

function phoneSchema(locales: readonly string[]) {
  return z.object({
    number: phoneNumber,
    extension: z
      .string()
      .trim()
      .nullish()
      .transform((value) => (value ? value : null))
      .refine((value) => value === null || isPhoneExtension(value), { message: "invalidValue" }),
    type: oneOf(PHONE_TYPES).nullish().transform((value) => value ?? "voice"),
    languages: languageCodes,
    descriptions: perLocale(localizedValue(locales, 200)),
  });
}

function scheduleSchema(locales: readonly string[]) {
  return z
    .object({
      validFrom: optionalIsoDate,
      validTo: optionalIsoDate,
      periods: z
        .array(
          z
            .object({ weekday: z.number().int().min(1).max(7), opensAt: timeOfDay, closesAt: timeOfDay })
            .refine((period) => period.opensAt === "24:00" || period.closesAt > period.opensAt, {
              message: "closesAfterOpens",
              path: ["closesAt"],
            })
            .refine((period) => period.opensAt !== "24:00", { message: "timeFormat", path: ["opensAt"] }),
        )
        .max(50)
        .nullish()
        .transform((periods) => periods ?? [])
        .superRefine((periods, context) => {
          const seen = new Set<string>();
          periods.forEach((period, index) => {
            const key = `${period.weekday} ${period.opensAt}`;
            if (seen.has(key)) context.addIssue({ code: "custom", message: "duplicateValue", path: [index, "opensAt"] });
            seen.add(key);
          });
        })
        .transform((periods) => [...periods].sort((a, b) => a.weekday - b.weekday || a.opensAt.localeCompare(b.opensAt))),
      notes: perLocale(localizedValue(locales, 500)),
    })
    .refine((schedule) => !schedule.validFrom || !schedule.validTo || schedule.validTo >= schedule.validFrom, {
      message: "dateOrder",
      path: ["validTo"],
      params: { other: "validFrom" },
    });
}

/** A list of phones: at most 20, each an E.164 number with its type, languages and what it is for. */
export const phoneList = (locales: readonly string[]) =>
  z
    .array(phoneSchema(locales))
    .max(20)
    .nullish()
    .transform((values): PhoneDocument[] => values ?? []);

/** A list of timetables (weekly hours, each maybe for a season): at most 10, in canonical order. */
export const scheduleList = (locales: readonly string[]) =>
  z
    .array(scheduleSchema(locales))
    .max(10)
    .nullish()
    .transform((values): ScheduleDocument[] => canonical(values ?? []));

// Reading -------------------------------------------------------------------------------------

/** How drizzle's relational queries read phones and hours for a document (in their stored order). */
export const phoneRelation = { with: { translations: true as const }, orderBy: [asc(phones.position), asc(phones.id)] };
export const scheduleRelation = { with: { periods: true as const, translations: true as const } };

type PhoneRow = typeof phones.$inferSelect & { translations: (typeof phoneTranslations.$inferSelect)[] };
type ScheduleRow = typeof schedules.$inferSelect & {
  periods: (typeof schedulePeriods.$inferSelect)[];
  translations: (typeof scheduleTranslations.$inferSelect)[];
};

const byLocale = <T extends { locale: string }>(rows: T[]) => [...rows].sort((a, b) => a.locale.localeCompare(b.locale));

export function phoneDocuments(rows: PhoneRow[]): PhoneDocument[] {
  return rows.map((row) => ({
    number: row.number,
    extension: row.extension,
    type: row.type,
    languages: [...row.languages].sort(),
    descriptions: byLocale(row.translations.map((t) => ({ locale: t.locale, text: t.description }))),
  }));
}

export function scheduleDocuments(rows: ScheduleRow[]): ScheduleDocument[] {
  return canonical(
    rows.map((row) => ({
      validFrom: row.validFrom,
      validTo: row.validTo,
      periods: row.periods
        .map((period) => ({ weekday: period.weekday, opensAt: period.opensAt.slice(0, 5), closesAt: period.closesAt.slice(0, 5) }))
        .sort((a, b) => a.weekday - b.weekday || a.opensAt.localeCompare(b.opensAt)),
      notes: byLocale(row.translations.map((t) => ({ locale: t.locale, text: t.notes }))),
    })),
  );
}

// Writing -------------------------------------------------------------------------------------

/** Who a phone or a timetable belongs to: exactly one owner (the database checks it too). */
export type PhoneOwner = { organizationId: string } | { serviceId: string } | { locationId: string } | { serviceAtLocationId: string };
export type ScheduleOwner = Exclude<PhoneOwner, { organizationId: string }>;

const ownerKey = <O extends PhoneOwner>(owner: O) => Object.keys(owner)[0] as keyof O & keyof typeof phones.$inferSelect;

/** Makes the owner's phones the document's, in its order. */
export async function replacePhones(tx: Transaction, owner: PhoneOwner, documents: PhoneDocument[]): Promise<void> {
  const key = ownerKey(owner);
  await tx.delete(phones).where(eq(phones[key as "serviceId"], (owner as Record<string, string>)[key]!));
  if (documents.length === 0) return;
  const inserted = await tx
    .insert(phones)
    .values(
      documents.map((phone, position) => ({
        ...owner,
        number: phone.number,
        extension: phone.extension,
        type: phone.type as (typeof PHONE_TYPES)[number],
        languages: phone.languages,
        position,
      })),
    )
    .returning({ id: phones.id });
  const texts = documents.flatMap((phone, index) =>
    phone.descriptions.map((description) => ({ phoneId: inserted[index]!.id, locale: description.locale, description: description.text })),
  );
  if (texts.length) await tx.insert(phoneTranslations).values(texts);
}

/** Makes the owner's timetables the document's. */
export async function replaceSchedules(tx: Transaction, owner: ScheduleOwner, documents: ScheduleDocument[]): Promise<void> {
  const key = ownerKey(owner);
  await tx.delete(schedules).where(eq(schedules[key as "serviceId"], (owner as Record<string, string>)[key]!));
  if (documents.length === 0) return;
  const inserted = await tx
    .insert(schedules)
    .values(documents.map((schedule) => ({ ...owner, validFrom: schedule.validFrom, validTo: schedule.validTo })))
    .returning({ id: schedules.id });
  const periods = documents.flatMap((schedule, index) =>
    schedule.periods.map((period) => ({
      scheduleId: inserted[index]!.id,
      weekday: period.weekday,
      opensAt: period.opensAt === "24:00" ? "24:00:00" : `${period.opensAt}:00`,
      closesAt: period.closesAt === "24:00" ? "24:00:00" : `${period.closesAt}:00`,
    })),
  );
  if (periods.length) await tx.insert(schedulePeriods).values(periods);
  const notes = documents.flatMap((schedule, index) =>
    schedule.notes.map((note) => ({ scheduleId: inserted[index]!.id, locale: note.locale, notes: note.text })),
  );
  if (notes.length) await tx.insert(scheduleTranslations).values(notes);
}
