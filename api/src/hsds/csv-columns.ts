import { LOCALE_CODE_PATTERN } from "@start/db/rules";
import type { Row } from "./flatten.js";
import type { TableSpec } from "./spec.js";

/**
 * How a row of the tabular package is written as CSV cells and read back. HSDS fields are plain
 * cells; the profile's `translations` object becomes one column per text and locale
 * (`name@ar`, `required_documents@fr` with one document per line); audiences are comma-separated;
 * sources are JSON.
 */

export const translationColumn = (field: string, locale: string) => `${field}@${locale}`;

/** "name@ar": a field, then a locale code (START's rule, without its anchors). */
const TRANSLATION_COLUMN = new RegExp(`^([a-z_]+)@(${LOCALE_CODE_PATTERN.slice(1, -1)})$`);

export function csvColumns(spec: TableSpec, locales: readonly string[]): string[] {
  return [...spec.columns, ...locales.flatMap((locale) => spec.translated.map(({ field }) => translationColumn(field, locale)))];
}

function cell(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

export function encodeCsvRow(spec: TableSpec, row: Row, locales: readonly string[]): string[] {
  const cells = spec.columns.map((column) => {
    const value = row[column];
    if (column === "audiences" && Array.isArray(value)) return value.join(",");
    return cell(value);
  });
  const texts = (row.translations ?? {}) as Record<string, Record<string, unknown>>;
  for (const locale of locales) {
    for (const { field, list } of spec.translated) {
      const value = texts[locale]?.[field];
      cells.push(list && Array.isArray(value) ? value.join("\n") : cell(value));
    }
  }
  return cells;
}

/** The JSON type each CSV cell should have, from the table's schema. */
function propertyType(spec: TableSpec, column: string): string | undefined {
  const property = (spec.schema.properties as Record<string, { type?: string }>)[column];
  return property?.type;
}

/**
 * A CSV record (column → text) as the JSON row the table's schema describes: numbers and booleans
 * parsed (left as text when they do not parse, so validation names the cell), empty cells absent —
 * except required plain-text fields, which HSDS lets be empty ("" for a postcode in a country
 * without postcodes).
 */
export function decodeCsvRecord(spec: TableSpec, record: Record<string, string>): { row: Row; unknownColumns: string[] } {
  const row: Row = {};
  const unknownColumns: string[] = [];
  const translations: Record<string, Record<string, unknown>> = {};
  for (const [column, raw] of Object.entries(record)) {
    const value = raw ?? "";
    const translated = TRANSLATION_COLUMN.exec(column);
    if (translated && spec.translated.some((entry) => entry.field === translated[1])) {
      if (value.trim() === "") continue;
      const [, field, locale] = translated as unknown as [string, string, string];
      const list = spec.translated.find((entry) => entry.field === field)!.list;
      (translations[locale] ??= {})[field] = list
        ? value
            .split(/\r?\n/)
            .map((item) => item.trim())
            .filter(Boolean)
        : value;
      continue;
    }
    const type = propertyType(spec, column);
    if (type === undefined) {
      if (value.trim() !== "") unknownColumns.push(column);
      continue;
    }
    if (value.trim() === "") {
      const format = (spec.schema.properties as Record<string, { format?: string }>)[column]?.format;
      if (type === "string" && !format && spec.required.includes(column)) row[column] = "";
      continue;
    }
    const text = value.trim();
    switch (type) {
      case "number":
      case "integer":
        row[column] = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : text;
        break;
      case "boolean":
        row[column] = /^(true|yes|1)$/i.test(text) ? true : /^(false|no|0)$/i.test(text) ? false : text;
        break;
      case "array":
        if (column === "audiences") {
          row[column] = text
            .split(/[,;]/)
            .map((item) => item.trim())
            .filter(Boolean);
        } else {
          row[column] = parseJson(text);
        }
        break;
      case "object":
        row[column] = parseJson(text);
        break;
      default:
        row[column] = text;
    }
  }
  if (Object.keys(translations).length > 0) row.translations = translations;
  return { row, unknownColumns };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
