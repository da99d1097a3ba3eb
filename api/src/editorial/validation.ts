import { SOURCE_TITLE_MAX, type SourceReference } from "@start/db";
import {
  EMAIL_MAX_LENGTH,
  hasE164Shape,
  isEmail,
  isLanguageCode,
  isLink,
  isSlug,
  isTimeOfDay,
  isWebLink,
  LINK_MAX_LENGTH,
  phoneNumberFrom,
  SLUG_MAX_LENGTH,
  withLowerCaseScheme,
  withoutPhoneSeparators,
} from "@start/db/rules";
import { z } from "zod";
import { type FieldIssue, invalidFields } from "../graphql/errors.js";
import { isMessageKey, type MessageKey, type MessageParams } from "../i18n/messages.js";

/**
 * Validation of editorial input with zod: every rule (lengths, phones, link schemes, dates,
 * enumerations, at least one locale's name…) is a schema, built on START's rules (@start/db/rules,
 * which the content loader, the HSDS import, the editor and the database share); every failure becomes a field of one
 * BAD_USER_INPUT error, named by its path in the input ("texts.ar.name": entries of per-locale
 * lists are named by their locale, not their position) and explained in the requester's locale.
 * A refinement names its message by a message key (i18n/messages.ts).
 */

/** Collects field problems found after parsing (references, uniqueness…) and throws them together. */
export class FieldErrors {
  readonly issues: FieldIssue[] = [];

  add(path: string, key: MessageKey, params: MessageParams = {}): void {
    this.issues.push({ path, key, params });
  }

  throwIfAny(): void {
    if (this.issues.length > 0) throw invalidFields(this.issues);
  }
}

/** The path of a value in the input, with list entries that carry a `locale` named by it. */
export function displayPath(input: unknown, path: readonly PropertyKey[], prefix = ""): string {
  const parts: string[] = prefix ? [prefix] : [];
  let current: unknown = input;
  for (const key of path) {
    const next = current != null && typeof current === "object" ? (current as Record<PropertyKey, unknown>)[key as string] : undefined;
    if (typeof key === "number" && next && typeof next === "object" && typeof (next as { locale?: unknown }).locale === "string") {
      parts.push(String((next as { locale: string }).locale).trim() || String(key));
    } else {
      parts.push(String(key));
    }
    current = next;
  }
  return parts.join(".");
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (current == null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key as string];
  }
  return current;
}

function fieldIssue(issue: z.core.$ZodIssue, input: unknown, prefix: string): FieldIssue {
  const path = displayPath(input, issue.path, prefix);
  if (isMessageKey(issue.message)) {
    return { path, key: issue.message, params: ((issue as { params?: MessageParams }).params ?? {}) as MessageParams };
  }
  switch (issue.code) {
    case "too_big": {
      const max = Number(issue.maximum);
      return { path, key: issue.origin === "string" ? "tooLong" : issue.origin === "array" ? "tooMany" : "tooLarge", params: { max } };
    }
    case "too_small": {
      const min = Number(issue.minimum);
      if ((issue.origin === "string" || issue.origin === "array") && min <= 1) return { path, key: "required" };
      return { path, key: issue.origin === "string" ? "tooShort" : "tooSmall", params: { min } };
    }
    case "invalid_type": {
      const value = valueAt(input, issue.path);
      return { path, key: value == null ? "required" : "invalidValue" };
    }
    default:
      return { path, key: "invalidValue" };
  }
}

/** Parses input with a schema, or throws one BAD_USER_INPUT error naming every field at fault. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, prefix = ""): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const seen = new Set<string>();
  const issues = result.error.issues
    .map((issue) => fieldIssue(issue, input, prefix))
    .filter((issue) => {
      const key = `${issue.path}\u0000${issue.key}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  throw invalidFields(issues);
}

// Building blocks ----------------------------------------------------------------------------

const DATE = /^\d{4}-\d{2}-\d{2}$/;

// Characters -----------------------------------------------------------------------------------
//
// Bidirectional embeddings and overrides (U+202A–U+202E) are removed from every text START
// stores: pasted from a word processor they mean nothing once stored, and one left open reverses
// or reorders whatever the portal shows after it (a phone number, a link). Isolates (U+2066–U+2069)
// stay when they are balanced, each opened one closed: they keep a number or a Latin name in
// Arabic text the right way round without touching what follows (content/README.md asks for them
// around phone numbers); unbalanced, they are removed too. Removal is silent, like trimming. The
// marks U+200E (LRM), U+200F (RLM) and U+061C (ALM) stay: they change the direction of nothing but
// the neutral characters next to them; so do ZWNJ (U+200C) and ZWJ (U+200D) inside words.
//
// A text must show something: one made only of spaces, format characters (zero-width space, word
// joiner, BOM, direction marks), default-ignorable code points (Hangul fillers, variation
// selectors) or combining marks with no letter to sit on is refused ("invisibleText"), or, where
// the text is optional, treated as blank.

const EMBEDDINGS_AND_OVERRIDES = /[\u202a-\u202e]/g;
const ISOLATES = /[\u2066-\u2069]/g;
const VISIBLE = /[^\p{White_Space}\p{Cc}\p{Cf}\p{M}\p{Default_Ignorable_Code_Point}\u2800]/u;

/** Whether every isolate the text opens (LRI, RLI, FSI) is closed by a PDI, and no PDI closes nothing. */
function balancedIsolates(text: string): boolean {
  let open = 0;
  for (const character of text) {
    if (character >= "\u2066" && character <= "\u2068") open += 1;
    else if (character === "\u2069" && --open < 0) return false;
  }
  return open === 0;
}

/** The text without bidirectional embeddings and overrides, and without its isolates unless they are balanced. */
export function withoutBidiControls(text: string): string {
  const cleaned = text.replace(EMBEDDINGS_AND_OVERRIDES, "");
  return balancedIsolates(cleaned) ? cleaned : cleaned.replace(ISOLATES, "");
}

/** Whether the text has at least one character a reader can see. */
export function hasVisibleText(text: string): boolean {
  return VISIBLE.test(text);
}

/** Any stored text: a string, bidirectional controls removed (see above). */
const text = () => z.string().overwrite(withoutBidiControls);

/** A required single-line text: trimmed, with something visible in it, at most `max` characters. */
export const requiredText = (max: number) =>
  text()
    .trim()
    .min(1)
    .max(max)
    .refine((value) => value.length === 0 || hasVisibleText(value), { message: "invisibleText" });

/** An optional text: trimmed; blank, invisible or absent becomes null. */
export const optionalText = (max: number) =>
  text()
    .trim()
    .max(max)
    .nullish()
    .transform((value) => (value && hasVisibleText(value) ? value : null));

/** Markdown or long text, stored as written (only trailing blank lines are dropped). */
export const optionalLongText = (max: number) =>
  text()
    .max(max)
    .nullish()
    .transform((value) => (value && hasVisibleText(value) ? value.replace(/\s+$/, "") : null));

export const requiredLongText = (max: number) =>
  text()
    .max(max)
    .refine((value) => value.trim().length > 0, { message: "required" })
    .refine((value) => value.trim().length === 0 || hasVisibleText(value), { message: "invisibleText" })
    .transform((value) => value.replace(/\s+$/, ""));

/**
 * A phone number START stores (E.164, in its country's numbering plan), written in international
 * form; the spaces, dots, dashes and brackets people type are removed. A number in the wrong form
 * is told how to write it; one in the right form that no line can have, to check its digits.
 */
function phoneIssue(typed: string, context: z.core.$RefinementCtx<string | null>): void {
  context.addIssue({ code: "custom", message: hasE164Shape(withoutPhoneSeparators(typed)) ? "phoneNumberUnknown" : "phoneNumber" });
}

export const phoneNumber = z
  .string()
  .transform((value) => withoutBidiControls(value))
  .superRefine((value, context) => {
    if (phoneNumberFrom(value) === undefined) phoneIssue(value, context);
  })
  .transform((value) => phoneNumberFrom(value)!);

export const optionalPhoneNumber = z
  .string()
  .nullish()
  .transform((value) => (value ? withoutBidiControls(value) : null))
  .superRefine((value, context) => {
    if (value !== null && phoneNumberFrom(value) === undefined) phoneIssue(value, context);
  })
  .transform((value) => (value === null ? null : phoneNumberFrom(value)!));

/** A link people may follow from a listing: http, https, tel or mailto only (never javascript:, data:…). */
export const optionalLink = text()
  .trim()
  .max(LINK_MAX_LENGTH)
  .nullish()
  .transform((value) => (value ? withLowerCaseScheme(value) : null))
  .refine((value) => value === null || isLink(value), { message: "linkScheme" });

/** A web page: http or https only. */
export const optionalWebLink = text()
  .trim()
  .max(LINK_MAX_LENGTH)
  .nullish()
  .transform((value) => (value ? withLowerCaseScheme(value) : null))
  .refine((value) => value === null || isWebLink(value), { message: "webLink" });

export const optionalEmail = text()
  .trim()
  .max(EMAIL_MAX_LENGTH)
  .nullish()
  .transform((value) => (value ? value : null))
  .refine((value) => value === null || isEmail(value), { message: "emailAddress" });

export const email = text().trim().min(1).max(EMAIL_MAX_LENGTH).refine(isEmail, { message: "emailAddress" });

function validDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** A calendar date, YYYY-MM-DD. */
export const isoDate = z.string().trim().refine(validDate, { message: "dateFormat" });
export const optionalIsoDate = z
  .string()
  .trim()
  .nullish()
  .transform((value) => (value ? value : null))
  .refine((value) => value === null || validDate(value), { message: "dateFormat" });

/** A time of day, HH:MM (24:00 allowed as a closing time). */
export const timeOfDay = z.string().trim().refine(isTimeOfDay, { message: "timeFormat" });

export const slug = z.string().trim().toLowerCase().max(SLUG_MAX_LENGTH).refine(isSlug, { message: "slugFormat" });
export const optionalSlug = z
  .string()
  .trim()
  .toLowerCase()
  .max(SLUG_MAX_LENGTH)
  .nullish()
  .transform((value) => (value ? value : null))
  .refine((value) => value === null || isSlug(value), { message: "slugFormat" });

/** ISO 639 codes, lower-cased, without repeats. */
export const languageCodes = z
  .array(z.string().trim().toLowerCase().refine(isLanguageCode, { message: "languageCode" }))
  .max(50)
  .nullish()
  .transform((values) => [...new Set(values ?? [])].sort());

export function oneOf<const T extends readonly string[]>(values: T) {
  return z.string().refine((value): value is T[number] => (values as readonly string[]).includes(value), { message: "invalidValue" });
}

/** A locale START publishes in (from the `locales` table, enabled). */
export const localeCode = (locales: readonly string[]) =>
  z
    .string()
    .trim()
    .superRefine((value, context) => {
      if (!locales.includes(value)) context.addIssue({ code: "custom", message: "localeNotAvailable", params: { locale: value } });
    });

/**
 * A per-locale list (texts, descriptions, notes): each locale at most once, sorted by locale code
 * so that equal content compares equal. With `requireOne`, at least one entry is needed
 * (named by the field that must be there: "name", "title").
 */
export function perLocale<Item extends z.ZodType<{ locale: string }>>(item: Item, options: { requireOne?: "name" | "title" } = {}) {
  return z
    .array(item)
    .max(20)
    .nullish()
    .transform((items) => items ?? [])
    .superRefine((items, context) => {
      const seen = new Set<string>();
      items.forEach((entry, index) => {
        if (seen.has(entry.locale)) context.addIssue({ code: "custom", message: "duplicateLocale", path: [index, "locale"] });
        seen.add(entry.locale);
      });
      if (options.requireOne && items.length === 0) {
        context.addIssue({ code: "custom", message: "atLeastOneLocale", params: { field: options.requireOne } });
      }
    })
    .transform((items) => [...items].sort((a, b) => a.locale.localeCompare(b.locale)) as z.output<Item>[]);
}

/** A text in one locale. */
export const localizedValue = (locales: readonly string[], max: number) =>
  z.object({ locale: localeCode(locales), text: requiredText(max) });

/** A source as stored: empty fields left out (the shape of content/ and of the database). */
export function sourceReference(source: { title: string; url?: string | null; published?: string | null; accessed?: string | null }): SourceReference {
  return {
    title: source.title,
    ...(source.url ? { url: source.url } : {}),
    ...(source.published ? { published: source.published } : {}),
    ...(source.accessed ? { accessed: source.accessed } : {}),
  };
}

/**
 * References to sources: a law, a convention, an official page, with the source's own date
 * (published) and the day it was read (accessed); neither in the future (in Libya), and a source is
 * not dated after it was read.
 */
export const sources = z
  .array(
    z
      .object({
        title: requiredText(SOURCE_TITLE_MAX),
        url: optionalWebLink,
        published: optionalIsoDate,
        accessed: optionalIsoDate,
      })
      .superRefine((source, context) => {
        // Dates that are not dates already have their own message.
        const published = source.published && validDate(source.published) ? source.published : null;
        const accessed = source.accessed && validDate(source.accessed) ? source.accessed : null;
        const today = todayInLibya();
        if (published && published > today) context.addIssue({ code: "custom", message: "dateInFuture", path: ["published"] });
        if (accessed && accessed > today) context.addIssue({ code: "custom", message: "dateInFuture", path: ["accessed"] });
        if (published && accessed && published > accessed) {
          context.addIssue({ code: "custom", message: "publishedAfterAccessed", path: ["published"] });
        }
      }),
  )
  .max(30)
  .nullish()
  .transform((items) => (items ?? []).map(sourceReference));

// Made once: a DateTimeFormat takes longer to make than a search takes to answer.
const LIBYA_DATE = new Intl.DateTimeFormat("en-CA", { timeZone: "Africa/Tripoli", year: "numeric", month: "2-digit", day: "2-digit" });

/** Today's date in Libya (vacancy deadlines are inclusive days in Libya time). */
export function todayInLibya(now: Date = new Date()): string {
  return LIBYA_DATE.format(now);
}

/** A slug from a name: accents folded, anything else a hyphen; null when nothing Latin is left (Arabic-only names). */
export function slugFrom(text: string): string | null {
  const value = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
  return value.length >= 3 ? value : null;
}
