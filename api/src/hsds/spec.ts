import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import jsonMergePatch from "json-merge-patch";

/**
 * HSDS 3.0 as START uses it at run time: the tables of the tabular data package (vendored in
 * api/hsds-spec/tabular.json) with START's profile (api/hsds-profile/schema/*.json, JSON merge
 * patches) applied, and a validator per table.
 */

export const HSDS_VERSION = "3.0";

const apiFolder = (relative: string) => fileURLToPath(new URL(`../../${relative}`, import.meta.url));
export const SPEC_FOLDER = apiFolder("hsds-spec");
export const PROFILE_FOLDER = apiFolder("hsds-profile");

/** A JSON Schema document of the HSDS specification, navigated key by key (properties, items, additionalProperties…). */
// biome-ignore lint/suspicious/noExplicitAny: a JSON Schema nests arbitrarily; typing it is follow-up work of issue 20 point 9.
export type JsonSchema = Record<string, any>;

/** The tables START's profile changes, and the one it adds (place). */
export const PROFILED_TABLES = ["organization", "service", "location", "phone", "schedule", "taxonomy_term", "place"] as const;

export interface TableSpec {
  /** HSDS table name (singular): service, service_at_location, taxonomy_term… */
  name: string;
  /** File name in the tabular package: services.csv, service_at_location.csv… */
  path: string;
  order: number;
  /** The table's JSON schema with START's profile applied. */
  schema: JsonSchema;
  /** CSV columns: the table's scalar fields in HSDS order, then the profile's scalar fields. */
  columns: string[];
  /** Texts the profile's `translations` object holds, and which of them are lists. */
  translated: { field: string; list: boolean }[];
  /** Profile fields that are arrays or objects (written as text in CSV). */
  structured: string[];
  /** Fields HSDS requires on the table. */
  required: string[];
}

function readJson(path: string): JsonSchema {
  return JSON.parse(readFileSync(path, "utf8")) as JsonSchema;
}

let cachedTables: Map<string, TableSpec> | undefined;
let cachedPatches: Record<string, JsonSchema> | undefined;

/** START's profile: the merge patch of each profiled schema (place.json is a whole new schema). */
export function profilePatches(): Record<string, JsonSchema> {
  cachedPatches ??= Object.fromEntries(PROFILED_TABLES.map((name) => [name, readJson(`${PROFILE_FOLDER}/schema/${name}.json`)]));
  return cachedPatches;
}

const isScalar = (property: JsonSchema) => property.type !== "array" && property.type !== "object";

/** Every table of the tabular package (HSDS's and the profile's), by name. */
export function tables(): Map<string, TableSpec> {
  if (cachedTables) return cachedTables;
  const tabular = readJson(`${SPEC_FOLDER}/tabular.json`).properties as Record<string, { items: JsonSchema }>;
  const patches = profilePatches();
  const result = new Map<string, TableSpec>();
  const add = (name: string, base: JsonSchema | undefined) => {
    const patch = patches[name];
    const schema = (base && patch ? jsonMergePatch.apply(structuredClone(base), patch) : (base ?? patch)) as JsonSchema;
    const baseProperties = Object.keys(base?.properties ?? {});
    const profileProperties = Object.keys(patch?.properties ?? {}).filter((key) => !baseProperties.includes(key));
    const properties = schema.properties as Record<string, JsonSchema>;
    const translations = properties.translations?.additionalProperties?.properties as Record<string, JsonSchema> | undefined;
    result.set(name, {
      name,
      path: schema.path as string,
      order: (schema.datapackage_metadata?.order as number | undefined) ?? 99,
      schema,
      columns: [
        ...baseProperties.filter((key) => isScalar(properties[key]!)),
        ...profileProperties.filter((key) => key !== "translations"),
      ],
      translated: Object.entries(translations ?? {}).map(([field, property]) => ({ field, list: property.type === "array" })),
      structured: profileProperties.filter((key) => key !== "translations" && !isScalar(properties[key]!)),
      required: (schema.required as string[] | undefined) ?? [],
    });
  };
  for (const [name, definition] of Object.entries(tabular)) add(name, definition.items);
  add("place", undefined);
  cachedTables = result;
  return result;
}

export function table(name: string): TableSpec {
  const spec = tables().get(name);
  if (!spec) throw new Error(`unknown HSDS table ${name}`);
  return spec;
}

/** The table a CSV file holds, from its name (services.csv → service). */
export function tableForFile(fileName: string): TableSpec | undefined {
  const lower = fileName.toLowerCase();
  return [...tables().values()].find((spec) => spec.path === lower);
}

let ajv: Ajv2020 | undefined;
const validators = new Map<string, ValidateFunction>();

/** JSON Schema draft 2020-12 in non-strict mode: HSDS schemas carry extra keywords (core, constraints…). */
export function createAjv(): Ajv2020 {
  const instance = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats.default(instance);
  return instance;
}

/**
 * A row validator for a table: the table's schema without its nested lists (a row of the tabular
 * package holds only its own fields; related records are rows of their own tables).
 */
export function rowValidator(name: string): ValidateFunction {
  let validate = validators.get(name);
  if (!validate) {
    const spec = table(name);
    const properties = Object.fromEntries(
      Object.entries(spec.schema.properties as Record<string, JsonSchema>).filter(
        ([key, property]) => isScalar(property) || key === "translations" || spec.structured.includes(key),
      ),
    );
    ajv ??= createAjv();
    validate = ajv.compile({ type: "object", properties, required: spec.required });
    validators.set(name, validate);
  }
  return validate;
}

export type { ErrorObject };
