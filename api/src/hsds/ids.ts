import { v5 as uuidv5 } from "uuid";

/**
 * HSDS wants an id on every record, including those START keeps as plain values (a service's
 * languages, a location's address, a category link). Those ids are derived from the owner's id, so
 * the same data always gets the same ids: an export is reproducible and a re-import changes nothing.
 */
const HSDS_NAMESPACE = "0d8a3c4e-6b1f-5c2a-9e47-3f5b8d1c2a60";

export function derivedId(...parts: string[]): string {
  return uuidv5(parts.join(":"), HSDS_NAMESPACE);
}

/** START's one taxonomy: its categories. */
export const START_TAXONOMY_ID = derivedId("taxonomy", "start-categories");

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string => typeof value === "string" && UUID.test(value);
