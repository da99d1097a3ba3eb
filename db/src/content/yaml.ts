import { CORE_SCHEMA, load } from "js-yaml";

/**
 * Parses a YAML file of content/ (the one parser for the loader, the search vocabulary and the
 * portal). YAML 1.2's core schema: dates stay strings, as the content schemas expect them, and a
 * key given twice is an error.
 */
export function parseYaml(text: string): unknown {
  return load(text, { schema: CORE_SCHEMA });
}
