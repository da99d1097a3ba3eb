import {
  isAge,
  isEmail,
  isLanguageCode,
  isLink,
  isPhoneExtension,
  isTimeOfDay,
  isWebLink,
  MAX_AGE,
  MIN_AGE,
  phoneNumberFrom,
  withLowerCaseScheme,
} from "@start/db/rules";
import type { Message } from "../errors.js";
import type { Row } from "../flatten.js";
import { START_TAXONOMY_ID } from "../ids.js";
import { type ErrorObject, rowValidator } from "../spec.js";
import type { Issues, Origin } from "./issues.js";

/**
 * One HSDS row (from a CSV line or a flattened JSON object) → what START will store, as a staged
 * record: validated against the HSDS table's schema with START's profile (Ajv), then against
 * START's own rules (@start/db/rules: phone numbers, e-mail addresses, link schemes, ages, weekly
 * hours…), the editor's and the database's. Problems are reported
 * with the row's origin and field; a row with an error is not staged.
 */

export type StagedKind =
  | "place"
  | "taxonomy_term"
  | "organization"
  | "location"
  | "address"
  | "accessibility"
  | "service"
  | "service_at_location"
  | "phone"
  | "schedule"
  | "language"
  | "required_document"
  | "cost_option"
  | "category";

export interface Staged {
  kind: StagedKind;
  id: string | null;
  ownerKind: StagedKind | null;
  ownerId: string | null;
  data: Record<string, unknown>;
  origin: Origin;
}

/** Texts by locale; a field set to null is cleared. */
export type Texts = Record<string, Record<string, string | string[] | null>>;

export interface RowInput {
  table: string;
  row: Row;
  origin: Origin;
  owner?: { table: string; id: string };
  /** The lists the source gives for this record (and so replaces), as staged kinds. */
  lists: StagedKind[];
}

export interface NormaliseContext {
  issues: Issues;
  /** Enabled locales. */
  enabled: readonly string[];
  /** The locale of texts given without one (plain HSDS fields), from a sample of the record's text. */
  textLocale: (sample: string | undefined) => string;
  /** Set when a record carries the profile's translations (its plain texts are then not read). */
  sawProfileTexts?: boolean;
}

/** Tables START keeps nothing of. */
export const IGNORED_TABLES = new Set([
  "contact",
  "funding",
  "program",
  "service_area",
  "organization_identifier",
  "metadata",
  "meta_table_description",
  "taxonomy",
]);

/** HSDS fields START has no place for (each reported once per table, with a count). */
const IGNORED_FIELDS: Record<string, string[]> = {
  organization: ["tax_status", "tax_id", "year_incorporated", "legal_status", "uri", "parent_organization_id"],
  service: ["program_id", "interpretation_services", "wait_time", "fees", "accreditations", "assurer_email", "licenses", "alert"],
  location: ["url", "alternate_name", "external_identifier", "external_identifier_type"],
  service_at_location: ["description"],
  schedule: ["dtstart", "timezone", "until", "count", "wkst", "interval", "byweekno", "bymonthday", "byyearday", "schedule_link", "attending_type"],
  address: ["attention"],
  accessibility: ["url"],
  required_document: ["uri"],
  language: ["note"],
  cost_option: ["valid_from", "valid_to", "currency", "amount_description"],
  taxonomy_term: ["term_uri"],
};

/** Nested lists (JSON) and tables (CSV) → the staged kind each holds. */
export const LIST_KINDS: Record<string, StagedKind> = {
  phones: "phone",
  schedules: "schedule",
  languages: "language",
  required_documents: "required_document",
  cost_options: "cost_option",
  attributes: "category",
  service_at_locations: "service_at_location",
  addresses: "address",
  accessibility: "accessibility",
};
export const TABLE_KINDS: Record<string, StagedKind> = {
  phone: "phone",
  schedule: "schedule",
  language: "language",
  required_document: "required_document",
  cost_option: "cost_option",
  attribute: "category",
  service_at_location: "service_at_location",
  address: "address",
  accessibility: "accessibility",
};
/** Which lists each kind of record has. */
export const LISTS_OF: Partial<Record<StagedKind, StagedKind[]>> = {
  organization: ["phone"],
  location: ["phone", "schedule", "address", "accessibility"],
  service: ["phone", "schedule", "language", "required_document", "cost_option", "category", "service_at_location"],
  service_at_location: ["phone", "schedule"],
  phone: ["language"],
};

const text = (value: unknown): string | undefined => (typeof value === "string" && value.trim() !== "" ? value.trim() : undefined);
/** A link as the rules want it: its scheme in lower case (HTTP://… is the same address). */
const link = (value: unknown): string | undefined => {
  const given = text(value);
  return given === undefined ? undefined : withLowerCaseScheme(given);
};
const fieldOf = (error: ErrorObject): string => {
  if (error.keyword === "required") return String((error.params as { missingProperty: string }).missingProperty);
  return error.instancePath.replace(/^\//, "").replace(/\//g, ".") || "(record)";
};

function schemaMessage(error: ErrorObject, field: string): Message {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required":
      return { key: "required", params: { field } };
    case "type":
      return { key: "type", params: { field, expected: { key: `type.${String(params.type)}` as never } } };
    case "format":
      return { key: "format", params: { field, format: { key: `format.${String(params.format)}` as never } } };
    case "enum":
      return { key: "enum", params: { field, allowed: (params.allowedValues as unknown[]).join(", ") } };
    case "pattern":
      return { key: "pattern", params: { field } };
    default:
      return { key: "invalid", params: { field } };
  }
}

/** Validates a row with the table's schema; reports each field's first problem. */
function validate(input: RowInput, context: NormaliseContext): boolean {
  const validator = rowValidator(input.table);
  if (validator(input.row)) return true;
  const seen = new Set<string>();
  for (const error of validator.errors ?? []) {
    const field = fieldOf(error);
    if (seen.has(field)) continue;
    seen.add(field);
    context.issues.error(input.origin, field, schemaMessage(error, field));
  }
  return false;
}

/** Reports the fields START does not keep, and leaves them out: what START does not keep, it does not judge. */
function withoutIgnoredFields(input: RowInput, context: NormaliseContext): RowInput {
  const ignored = IGNORED_FIELDS[input.table] ?? [];
  if (!ignored.some((field) => field in input.row)) return input;
  const row = { ...input.row };
  for (const field of ignored) {
    const value = row[field];
    if (value !== undefined && value !== null && value !== "") {
      context.issues.warn(`ignoredField:${input.table}:${field}`, input.origin, field, {
        key: "ignoredField",
        params: { field, table: input.table },
      });
    }
    delete row[field];
  }
  return { ...input, row };
}

/**
 * The record's texts: the profile's `translations` (every locale, complete) when given, else the
 * plain HSDS fields in the text locale. Locales START does not publish in are left out.
 */
function textsOf(input: RowInput, context: NormaliseContext, fields: Record<string, string>, sample: unknown): { texts: Texts; complete: boolean } {
  const translations = input.row.translations as Record<string, Record<string, unknown>> | undefined;
  if (translations && typeof translations === "object" && Object.keys(translations).length > 0) {
    const texts: Texts = {};
    for (const [locale, values] of Object.entries(translations)) {
      if (!context.enabled.includes(locale)) {
        context.issues.warn(`localeNotEnabled:${locale}`, input.origin, "translations", { key: "localeNotEnabled", params: { locale } });
        continue;
      }
      texts[locale] = Object.fromEntries(
        Object.entries(fields).map(([hsds, field]) => {
          const value = values[hsds];
          return [field, Array.isArray(value) ? value.map(String).filter((item) => item.trim() !== "") : (text(value) ?? null)];
        }),
      );
    }
    context.sawProfileTexts = true;
    return { texts, complete: true };
  }
  const locale = context.textLocale(text(sample));
  const values = Object.fromEntries(Object.entries(fields).map(([hsds, field]) => [field, text(input.row[hsds]) ?? null]));
  return { texts: { [locale]: values }, complete: false };
}

/** A phone number as E.164 (+218912345678): international numbers as given, national ones read as Libyan. */
export function normalisePhoneNumber(raw: string): string | undefined {
  return phoneNumberFrom(raw, "LY");
}

const PHONE_CHANNELS = ["voice", "whatsapp", "sms", "hotline", "fax"];
function phoneChannel(row: Row): string {
  const channel = text(row.channel)?.toLowerCase();
  if (channel && PHONE_CHANNELS.includes(channel)) return channel;
  const type = text(row.type)?.toLowerCase();
  if (type === "text" || type === "sms") return "sms";
  if (type === "fax") return "fax";
  if (type === "whatsapp") return "whatsapp";
  if (type === "hotline") return "hotline";
  return "voice";
}

const WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

/** "09:00", "9:00:00", "09:00+02:00", "0900" → "09:00:00"; "24:00" allowed as a closing time. */
export function parseTime(raw: string, closing: boolean): string | undefined {
  const match = /^(\d{1,2}):?(\d{2})(?::(\d{2}))?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?$/i.exec(raw.trim());
  if (!match) return undefined;
  const time = `${match[1]!.padStart(2, "0")}:${match[2]}`;
  const seconds = Number(match[3] ?? 0);
  if (!isTimeOfDay(time) || seconds > 59 || (time === "24:00" && (seconds > 0 || !closing))) return undefined;
  return `${time}:${String(seconds).padStart(2, "0")}`;
}

function parseDate(raw: unknown): string | undefined | null {
  const value = text(raw);
  if (value === undefined) return undefined;
  const date = value.slice(0, 10);
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && !Number.isNaN(new Date(`${date}T00:00:00Z`).getTime()) ? date : null;
}

/** The profile's sources (already shaped by its schema): none dated after the day it was read. */
function sourcesOf(input: RowInput, context: NormaliseContext): unknown[] | undefined | null {
  const { row, origin } = input;
  if (!Array.isArray(row.sources)) return undefined;
  for (const [index, source] of (row.sources as { published?: string; accessed?: string }[]).entries()) {
    if (source.published && source.accessed && source.published > source.accessed) {
      context.issues.error(origin, "sources", { key: "sourceDateOrder", params: { index: index + 1, published: source.published, accessed: source.accessed } });
      return null;
    }
  }
  return row.sources;
}

type Period = [number, string, string];

/** An HSDS schedule (weekly RRULE parts) → START periods, an overnight opening split at midnight. */
function periodsOf(input: RowInput, context: NormaliseContext): Period[] | null {
  const { row, origin } = input;
  const opensRaw = text(row.opens_at);
  const closesRaw = text(row.closes_at);
  if (!opensRaw && !closesRaw) return [];
  const opens = opensRaw ? parseTime(opensRaw, false) : undefined;
  const closes = closesRaw ? parseTime(closesRaw, true) : undefined;
  if (!opens) {
    context.issues.error(origin, "opens_at", { key: "badTime", params: { value: opensRaw ?? "" } });
    return null;
  }
  if (!closes) {
    context.issues.error(origin, "closes_at", { key: "badTime", params: { value: closesRaw ?? "" } });
    return null;
  }
  const dayText = text(row.byday);
  const days = dayText ? dayText.toUpperCase().split(/[\s,;]+/).filter(Boolean).map((day) => day.replace(/^[+-]?\d+/, "")) : WEEKDAYS;
  if (days.some((day) => !WEEKDAYS.includes(day))) {
    context.issues.error(origin, "byday", { key: "badDays", params: { value: dayText ?? "" } });
    return null;
  }
  if (opens === closes) {
    context.issues.error(origin, "closes_at", { key: "emptyPeriod" });
    return null;
  }
  const periods: Period[] = [];
  for (const day of new Set(days)) {
    const weekday = WEEKDAYS.indexOf(day) + 1;
    if (closes > opens || closes === "24:00:00") periods.push([weekday, opens, closes]);
    else {
      periods.push([weekday, opens, "24:00:00"]);
      if (closes !== "00:00:00") periods.push([(weekday % 7) + 1, "00:00:00", closes]);
    }
  }
  return periods;
}

/** The most specific owner a row names (a phone of a service at a location belongs to that link). */
function ownerOf(input: RowInput, candidates: [string, StagedKind][]): { kind: StagedKind; id: string } | undefined {
  if (input.owner) {
    const kind = candidates.find(([, candidate]) => candidate === input.owner!.table)?.[1];
    if (kind) return { kind, id: input.owner.id };
  }
  for (const [field, kind] of candidates) {
    const id = text(input.row[field]);
    if (id) return { kind, id: id.toLowerCase() };
  }
  return undefined;
}

const staged = (kind: StagedKind, id: string | null, owner: { kind: StagedKind; id: string } | null, data: Record<string, unknown>, origin: Origin): Staged => ({
  kind,
  id: id?.toLowerCase() ?? null,
  ownerKind: owner?.kind ?? null,
  ownerId: owner?.id.toLowerCase() ?? null,
  data,
  origin,
});

const profileBoolean = (value: unknown) => (typeof value === "boolean" ? value : undefined);

export function normaliseRow(given: RowInput, context: NormaliseContext): Staged[] {
  const issues = context.issues;
  if (IGNORED_TABLES.has(given.table)) {
    if (given.table === "taxonomy") {
      // START has one taxonomy, its categories: other taxonomies' terms are imported, not the taxonomies.
      if (given.row.id !== START_TAXONOMY_ID) issues.warn("ignoredTaxonomy", given.origin, undefined, { key: "ignoredTaxonomy" });
    } else if (given.table !== "meta_table_description") {
      issues.warn(`ignoredTable:${given.table}`, given.origin, undefined, { key: "ignoredTable", params: { table: given.table } });
    }
    return [];
  }
  const input = withoutIgnoredFields(given, context);
  const { table, row, origin } = input;
  if (!validate(input, context)) return [];
  const lists = input.lists;
  const id = typeof row.id === "string" ? row.id.toLowerCase() : null;

  switch (table) {
    case "organization": {
      const { texts, complete } = textsOf(input, context, { name: "name", alternate_name: "alternateName", description: "description" }, row.name);
      const website = link(row.website);
      if (website && !isWebLink(website)) {
        issues.error(origin, "website", { key: "badWebsite", params: { value: website } });
        return [];
      }
      const email = text(row.email);
      if (email && !isEmail(email)) {
        issues.error(origin, "email", { key: "badEmail", params: { value: email } });
        return [];
      }
      const sources = sourcesOf(input, context);
      if (sources === null) return [];
      let logo = text(row.logo);
      if (logo && !logo.startsWith("/")) {
        issues.warn("logoNotLocal", origin, "logo", { key: "logoNotLocal", params: { value: logo } });
        logo = undefined;
      }
      return [
        staged("organization", id, null, {
          texts,
          textsComplete: complete,
          email: email ?? null,
          website: website ?? null,
          logo: logo ?? null,
          kind: text(row.kind),
          sample: profileBoolean(row.sample),
          sources,
          slug: text(row.slug),
          lists,
        }, origin),
      ];
    }

    case "service": {
      const { texts, complete } = textsOf(
        input,
        context,
        {
          name: "name",
          alternate_name: "alternateName",
          description: "description",
          eligibility_description: "eligibilityDescription",
          application_process: "applicationProcess",
          fees_description: "feesDescription",
          required_documents: "requiredDocuments",
        },
        row.name,
      );
      const url = link(row.url);
      if (url && !isLink(url)) {
        issues.error(origin, "url", { key: "badUrl", params: { value: url } });
        return [];
      }
      const email = text(row.email);
      if (email && !isEmail(email)) {
        issues.error(origin, "email", { key: "badEmail", params: { value: email } });
        return [];
      }
      const ages: Record<string, number | null> = {};
      for (const field of ["minimum_age", "maximum_age"]) {
        const value = row[field];
        if (value === undefined || value === null || value === "") ages[field] = null;
        else if (isAge(value)) ages[field] = value;
        else {
          issues.error(origin, field, { key: "range", params: { field, min: MIN_AGE, max: MAX_AGE } });
          return [];
        }
      }
      if (ages.minimum_age !== null && ages.maximum_age !== null && ages.minimum_age! > ages.maximum_age!) {
        issues.error(origin, "minimum_age", { key: "ageRange" });
        return [];
      }
      const sources = sourcesOf(input, context);
      if (sources === null) return [];
      const assured = parseDate(row.assured_date);
      if (assured === null) {
        issues.error(origin, "assured_date", { key: "format", params: { field: "assured_date", format: { key: "format.date" } } });
        return [];
      }
      return [
        staged("service", id, null, {
          organizationId: text(row.organization_id)?.toLowerCase(),
          texts,
          textsComplete: complete,
          status: row.status,
          url: url ?? null,
          email: email ?? null,
          minimumAge: ages.minimum_age,
          maximumAge: ages.maximum_age,
          assuredDate: assured ?? null,
          lastModified: text(row.last_modified),
          slug: text(row.slug),
          cost: text(row.cost),
          audiences: Array.isArray(row.audiences) ? row.audiences : undefined,
          confidential: profileBoolean(row.confidential_address),
          sample: profileBoolean(row.sample),
          verifiedAt: text(row.verified_at),
          verifiedBy: text(row.verified_by),
          sources,
          lists,
        }, origin),
      ];
    }

    case "location": {
      const { texts, complete } = textsOf(
        input,
        context,
        { name: "name", description: "description", transportation: "transportation" },
        row.name ?? row.description,
      );
      // The profile's address and accessibility texts come with the translations; plain HSDS gives them as addresses and accessibility records.
      const translations = row.translations as Record<string, Record<string, unknown>> | undefined;
      if (complete && translations) {
        for (const [locale, values] of Object.entries(texts)) {
          values.address = text(translations[locale]?.address) ?? null;
          values.accessibility = text(translations[locale]?.accessibility) ?? null;
        }
      }
      let latitude = typeof row.latitude === "number" ? row.latitude : null;
      let longitude = typeof row.longitude === "number" ? row.longitude : null;
      if ((latitude !== null || longitude !== null) && !(latitude !== null && longitude !== null && Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180)) {
        issues.warn("coordinatesOutOfRange", origin, "latitude", { key: "coordinatesOutOfRange" });
        latitude = longitude = null;
      }
      return [
        staged("location", id, null, {
          organizationId: text(row.organization_id)?.toLowerCase(),
          locationType: row.location_type,
          latitude,
          longitude,
          texts,
          textsComplete: complete,
          placeId: text(row.place_id)?.toLowerCase(),
          withheld: row.address_withheld === true,
          lists,
        }, origin),
      ];
    }

    case "address": {
      const owner = ownerOf(input, [["location_id", "location"]]);
      if (!owner) {
        issues.error(origin, "location_id", { key: "missingParent", params: { fields: "location_id" } });
        return [];
      }
      return [
        staged("address", id, owner, {
          address1: text(row.address_1),
          address2: text(row.address_2),
          city: text(row.city),
          region: text(row.region),
          stateProvince: text(row.state_province),
          postalCode: text(row.postal_code),
          country: text(row.country),
          locale: context.textLocale(text(row.address_1) ?? text(row.city)),
        }, origin),
      ];
    }

    case "accessibility": {
      const owner = ownerOf(input, [["location_id", "location"]]);
      if (!owner) {
        issues.error(origin, "location_id", { key: "missingParent", params: { fields: "location_id" } });
        return [];
      }
      const value = [text(row.description), text(row.details)].filter(Boolean).join("\n");
      return value ? [staged("accessibility", id, owner, { text: value, locale: context.textLocale(value) }, origin)] : [];
    }

    case "service_at_location": {
      const serviceId = text(row.service_id)?.toLowerCase() ?? input.owner?.id;
      const locationId = text(row.location_id)?.toLowerCase();
      if (!serviceId || !locationId) {
        const field = serviceId ? "location_id" : "service_id";
        issues.error(origin, field, { key: "required", params: { field } });
        return [];
      }
      return [staged("service_at_location", id, { kind: "service", id: serviceId }, { locationId, lists }, origin)];
    }

    case "phone": {
      const owner = ownerOf(input, [
        ["service_at_location_id", "service_at_location"],
        ["service_id", "service"],
        ["location_id", "location"],
        ["organization_id", "organization"],
      ]);
      if (!owner) {
        if (text(row.contact_id) || input.owner?.table === "contact") {
          issues.warn("contactPhone", origin, undefined, { key: "contactPhone" });
        } else {
          issues.error(origin, "service_id", {
            key: "missingParent",
            params: { fields: "service_id, location_id, organization_id, service_at_location_id" },
          });
        }
        return [];
      }
      const number = normalisePhoneNumber(String(row.number));
      if (!number) {
        issues.error(origin, "number", { key: "badPhone", params: { value: String(row.number) } });
        return [];
      }
      const extension = row.extension === undefined || row.extension === null || row.extension === "" ? null : String(row.extension).trim();
      if (extension !== null && !isPhoneExtension(extension)) {
        issues.error(origin, "extension", { key: "badExtension", params: { value: extension } });
        return [];
      }
      const { texts, complete } = textsOf(input, context, { description: "description" }, row.description);
      return [staged("phone", id, owner, { number, extension, type: phoneChannel(row), texts, textsComplete: complete, lists }, origin)];
    }

    case "schedule": {
      const owner = ownerOf(input, [
        ["service_at_location_id", "service_at_location"],
        ["service_id", "service"],
        ["location_id", "location"],
      ]);
      if (!owner) {
        issues.error(origin, "service_id", { key: "missingParent", params: { fields: "service_id, location_id, service_at_location_id" } });
        return [];
      }
      const freq = text(row.freq)?.toUpperCase();
      if (freq && freq !== "WEEKLY") {
        issues.warn(`notWeekly:${freq}`, origin, "freq", { key: "notWeekly", params: { freq } });
        return [];
      }
      const periods = periodsOf(input, context);
      if (!periods) return [];
      const validFrom = parseDate(row.valid_from);
      const validTo = parseDate(row.valid_to);
      for (const [field, value] of [["valid_from", validFrom], ["valid_to", validTo]] as const) {
        if (value === null) {
          issues.error(origin, field, { key: "format", params: { field, format: { key: "format.date" } } });
          return [];
        }
      }
      if (validFrom && validTo && validFrom > validTo) {
        issues.error(origin, "valid_to", { key: "invalid", params: { field: "valid_to" } });
        return [];
      }
      const notes = [text(row.description), text(row.notes)].filter(Boolean).join("\n");
      const plain: RowInput = { ...input, row: { ...row, notes: notes || undefined } };
      const { texts, complete } = textsOf(plain, context, { notes: "notes" }, notes);
      const groupId = text(row.group_id)?.toLowerCase() ?? id;
      return [
        staged("schedule", groupId, owner, { scheduleId: id, validFrom: validFrom ?? null, validTo: validTo ?? null, periods, texts, textsComplete: complete }, origin),
      ];
    }

    case "language": {
      const code = text(row.code)?.toLowerCase();
      if (!code || !isLanguageCode(code)) {
        issues.error(origin, "code", { key: "badLanguage", params: { value: String(row.code ?? row.name ?? "") } });
        return [];
      }
      const result: Staged[] = [];
      const owners: [string, StagedKind][] = [
        ["phone_id", "phone"],
        ["service_id", "service"],
      ];
      if (input.owner) {
        if (input.owner.table === "phone" || input.owner.table === "service") {
          result.push(staged("language", null, { kind: input.owner.table, id: input.owner.id }, { code }, origin));
        }
      } else {
        for (const [field, kind] of owners) {
          const ownerId = text(row[field]);
          if (ownerId) result.push(staged("language", null, { kind, id: ownerId }, { code }, origin));
        }
      }
      if (result.length === 0) {
        issues.warn("ignoredField:location:languages", origin, "location_id", { key: "ignoredField", params: { field: "languages", table: "location" } });
      }
      return result;
    }

    case "required_document": {
      const owner = ownerOf(input, [["service_id", "service"]]);
      const document = text(row.document);
      if (!owner) {
        issues.error(origin, "service_id", { key: "missingParent", params: { fields: "service_id" } });
        return [];
      }
      return document ? [staged("required_document", id, owner, { document, locale: context.textLocale(document) }, origin)] : [];
    }

    case "cost_option": {
      const owner = ownerOf(input, [["service_id", "service"]]);
      if (!owner) {
        issues.error(origin, "service_id", { key: "missingParent", params: { fields: "service_id" } });
        return [];
      }
      return [staged("cost_option", id, owner, { amount: typeof row.amount === "number" ? row.amount : null }, origin)];
    }

    case "attribute": {
      const entity = text(row.link_entity) ?? "";
      const linkId = text(row.link_id);
      if (entity !== "service" || !linkId) {
        issues.warn(`ignoredLink:${entity}`, origin, "link_entity", { key: "ignoredLink", params: { entity: entity || "?" } });
        return [];
      }
      const termId = text(row.taxonomy_term_id)?.toLowerCase();
      if (!termId) {
        issues.error(origin, "taxonomy_term_id", { key: "required", params: { field: "taxonomy_term_id" } });
        return [];
      }
      return [staged("category", id, { kind: "service", id: linkId }, { termId }, origin)];
    }

    case "taxonomy_term": {
      const languageHint = languageLocale(text(row.language), context.enabled);
      const contextForTerm = languageHint ? { ...context, textLocale: () => languageHint } : context;
      const { texts, complete } = textsOf(input, contextForTerm, { name: "name", description: "description" }, row.name);
      return [
        staged("taxonomy_term", id, null, {
          code: text(row.code),
          parentId: text(row.parent_id)?.toLowerCase(),
          texts,
          textsComplete: complete,
          position: typeof row.position === "number" ? row.position : undefined,
          icon: text(row.icon),
        }, origin),
      ];
    }

    case "place": {
      const { texts, complete } = textsOf(input, context, { name: "name" }, row.name);
      return [
        staged("place", id, null, {
          slug: row.slug,
          kind: row.kind,
          parentId: text(row.parent_id)?.toLowerCase() ?? null,
          countryCode: row.country_code,
          latitude: typeof row.latitude === "number" ? row.latitude : null,
          longitude: typeof row.longitude === "number" ? row.longitude : null,
          timeZone: row.time_zone,
          texts,
          textsComplete: complete,
        }, origin),
      ];
    }

    default:
      issues.warn(`ignoredTable:${table}`, origin, undefined, { key: "ignoredTable", params: { table } });
      return [];
  }
}

const ISO_639_2: Record<string, string> = { ara: "ar", eng: "en", fra: "fr", fre: "fr" };

/** An HSDS language code (ISO 639-1 or 639-2) as an enabled START locale, if it is one. */
export function languageLocale(code: string | undefined, enabled: readonly string[]): string | undefined {
  if (!code) return undefined;
  const lower = code.toLowerCase();
  const locale = ISO_639_2[lower] ?? lower;
  return enabled.includes(locale) ? locale : undefined;
}
