import { readFileSync } from "node:fs";
import { PROFILE_FOLDER, profilePatches, SPEC_FOLDER, HSDS_VERSION } from "./spec.js";
import { DEFAULT_PER_PAGE, MAX_PAGE, MAX_PER_PAGE } from "./constants.js";

/** The HSDA OpenAPI description as START serves it: START's details filled in, the `lang` parameter added. */
export function openApiDocument(baseUrl: string): Record<string, unknown> {
  const document = JSON.parse(readFileSync(`${SPEC_FOLDER}/openapi.json`, "utf8")) as {
    info: Record<string, unknown>;
    paths: Record<string, Record<string, { parameters?: unknown[] }>>;
    components: { parameters: Record<string, unknown> };
    servers?: unknown[];
  };
  document.info = {
    title: "START — Open Referral Human Services Data API (HSDA)",
    version: HSDS_VERSION,
    summary: "The published directory of START (help services for migrants in Libya and Libyans abroad) as Open Referral HSDS 3.0.",
    description:
      `Read-only. Published records only. Texts in the locale asked for with ?lang=ar|en|fr (else Accept-Language, else Arabic), ` +
      `falling back to the other locales when a record lacks one. Pages hold ${DEFAULT_PER_PAGE} records by default and at most ${MAX_PER_PAGE}, numbered up to ${MAX_PAGE}; ` +
      `format=ndjson streams every match without pages. START's profile (${baseUrl}/profile) adds every locale's texts, audiences, ` +
      `cost, verification, the sample flag and places.`,
  };
  document.servers = [{ url: baseUrl }];
  document.components.parameters.lang = {
    name: "lang",
    in: "query",
    required: false,
    description: "START profile: the locale of the texts (ar, en, fr). Default: the best match for Accept-Language, else ar.",
    schema: { type: "string" },
  };
  for (const item of Object.values(document.paths)) {
    const operation = item.get;
    if (operation) operation.parameters = [...(operation.parameters ?? []), { $ref: "#/components/parameters/lang" }];
  }
  return document;
}

/** START's HSDS profile: its documentation and the JSON merge patches it applies to the HSDS schemas. */
export function profileDocument(): Record<string, unknown> {
  return {
    name: "start",
    title: "START profile of Open Referral HSDS 3.0",
    hsds_version: HSDS_VERSION,
    documentation: readFileSync(`${PROFILE_FOLDER}/README.md`, "utf8"),
    schema_patches: profilePatches(),
  };
}
