import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ValidateFunction } from "ajv";
import jsonMergePatch from "json-merge-patch";
import { hsds } from "@start/api";

/**
 * The official HSDS 3.0 files (schemas, OpenAPI description, examples), outside the repository:
 * START_HSDS_REFERENCE, else ../shared/hsds beside the checkout, else this machine's /work/shared/hsds.
 */
export const SHARED_HSDS = resolveReference();

function resolveReference(): string {
  const candidates = [
    process.env.START_HSDS_REFERENCE,
    fileURLToPath(new URL("../../../shared/hsds/", import.meta.url)),
    "/work/shared/hsds/",
  ].filter((candidate): candidate is string => Boolean(candidate));
  const found = candidates.find((candidate) => existsSync(`${candidate.replace(/\/?$/, "/")}schema/service.json`));
  if (!found) throw new Error(`The HSDS 3.0 reference files were not found (looked in ${candidates.join(", ")}); set START_HSDS_REFERENCE`);
  return found.replace(/\/?$/, "/");
}

const readJson = (relative: string) => JSON.parse(readFileSync(`${SHARED_HSDS}${relative}`, "utf8")) as Record<string, any>;

const ajv = hsds.createAjv();
const cache = new Map<string, ValidateFunction>();

function compiled(key: string, schema: () => Record<string, any>): ValidateFunction {
  let validate = cache.get(key);
  if (!validate) {
    validate = ajv.compile(schema());
    cache.set(key, validate);
  }
  return validate;
}

/** The schemas responses and exports are checked against, from ../shared/hsds (non-strict Ajv, draft 2020-12). */
export const schemas = {
  service: () => compiled("service", () => readJson("schema/service.json")),
  serviceList: () => compiled("service_list", () => readJson("schema/service_list.json")),
  organization: () => compiled("organization", () => readJson("schema/organization.json")),
  organizationList: () => compiled("organization_list", () => readJson("schema/organization_list.json")),
  serviceAtLocation: () => compiled("service_at_location", () => readJson("schema/service_at_location.json")),
  serviceAtLocationList: () => compiled("service_at_location_list", () => readJson("schema/service_at_location_list.json")),
  /** taxonomy_term and taxonomy have no compiled file: they are the ones nested in a service's attributes. */
  taxonomyTerm: () => compiled("taxonomy_term", () => readJson("schema/service.json").properties.attributes.items.properties.taxonomy_term),
  taxonomy: () =>
    compiled("taxonomy", () => readJson("schema/service.json").properties.attributes.items.properties.taxonomy_term.properties.taxonomy_detail),
  page: () => compiled("page", () => readJson("openapi.json").components.schemas.Page),
  /** A row of a table of the tabular package (its nested lists, which rows never hold, left out). */
  tabularRow: (table: string) =>
    compiled(`tabular:${table}`, () => {
      const item = readJson("schema/tabular.json").properties[table].items;
      const properties = Object.fromEntries(Object.entries(item.properties as Record<string, any>).filter(([, p]) => p.type !== "array"));
      return { ...item, properties };
    }),
  /** The same with START's profile merged in (its own fields checked too). */
  profiled: (name: "service" | "organization") =>
    compiled(`profiled:${name}`, () => jsonMergePatch.apply(readJson(`schema/${name}.json`), hsds.profilePatches()[name]!) as Record<string, any>),
  profiledPlace: () => compiled("place", () => hsds.profilePatches().place!),
};

/** Asserts a value validates, showing Ajv's errors when it does not. */
export function expectValid(validate: ValidateFunction, value: unknown, label = ""): void {
  if (!validate(value)) {
    throw new Error(`${label} does not validate: ${JSON.stringify(validate.errors?.slice(0, 5), null, 2)}\n${JSON.stringify(value).slice(0, 600)}`);
  }
}

export const exampleFile = (name: string) => `${SHARED_HSDS}examples/${name}`;
