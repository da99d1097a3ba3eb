import { csvColumns } from "../csv-columns.js";
import { type JsonSchema, tableForFile, type TableSpec } from "../spec.js";

/**
 * The Frictionless `datapackage.json` of a tabular export: one tabular-data-resource per CSV file,
 * its fields described from the HSDS table schema (START's profile fields included), primary and
 * foreign keys.
 */

const FOREIGN_KEYS: Record<string, [string, string][]> = {
  service: [["organization_id", "organization"]],
  service_at_location: [
    ["service_id", "service"],
    ["location_id", "location"],
  ],
  location: [
    ["organization_id", "organization"],
    ["place_id", "place"],
  ],
  address: [["location_id", "location"]],
  accessibility: [["location_id", "location"]],
  required_document: [["service_id", "service"]],
  cost_option: [["service_id", "service"]],
  attribute: [["taxonomy_term_id", "taxonomy_term"]],
  taxonomy_term: [
    ["parent_id", "taxonomy_term"],
    ["taxonomy_id", "taxonomy"],
  ],
  place: [["parent_id", "place"]],
};

/** Frictionless field types: HSDS gives them as datapackage_type where they differ from the JSON type. */
function fieldDescriptor(spec: TableSpec, column: string): JsonSchema {
  const translated = /^([a-z_]+)@(.+)$/.exec(column);
  if (translated) {
    return {
      name: column,
      type: "string",
      description: `START profile: ${translated[1]} in ${translated[2]}${spec.translated.find((t) => t.field === translated[1])?.list ? " (one item per line)" : ""}.`,
    };
  }
  const property = (spec.schema.properties as Record<string, JsonSchema>)[column] ?? {};
  const jsonType = property.type as string | undefined;
  const type =
    (property.datapackage_type as string | undefined) ??
    (jsonType === "array" || jsonType === "object" ? "string" : jsonType === "number" ? "number" : (jsonType ?? "string"));
  const format = property.format === "date-time" ? undefined : property.format;
  return Object.fromEntries(
    Object.entries({
      name: column,
      type: property.format === "date-time" ? "datetime" : type,
      format: format === "uuid" || format === "email" || format === "uri" ? format : undefined,
      title: property.title,
      description: property.description,
      constraints: spec.required.includes(column) ? { required: true } : undefined,
    }).filter(([, value]) => value !== undefined),
  );
}

export function dataPackage(options: { locale: string; locales: readonly string[]; files: string[]; profileUrl: string; hsdsVersion: string }) {
  const resources = options.files
    .map((file) => tableForFile(file))
    .filter((spec): spec is TableSpec => spec !== undefined)
    .sort((a, b) => a.order - b.order)
    .map((spec) => ({
      name: spec.name,
      path: spec.path,
      profile: "tabular-data-resource",
      format: "csv",
      mediatype: "text/csv",
      encoding: "utf-8",
      title: spec.schema.title,
      description: spec.schema.description,
      schema: {
        fields: csvColumns(spec, options.locales).map((column) => fieldDescriptor(spec, column)),
        primaryKey: ["id"],
        ...(FOREIGN_KEYS[spec.name]
          ? { foreignKeys: FOREIGN_KEYS[spec.name]!.map(([field, resource]) => ({ fields: [field], reference: { resource, fields: ["id"] } })) }
          : {}),
      },
    }));
  return {
    profile: "tabular-data-package",
    name: `start-directory-${options.locale}`,
    title: `START directory — Open Referral HSDS ${options.hsdsVersion} (${options.locale})`,
    description:
      "The published directory of START (help services for migrants in Libya and Libyans abroad) in the Open Referral Human Services Data Specification, with START's profile.",
    created: new Date().toISOString(),
    language: options.locale,
    hsds: { version: options.hsdsVersion, profile: options.profileUrl, locales: [...options.locales] },
    resources,
  };
}
