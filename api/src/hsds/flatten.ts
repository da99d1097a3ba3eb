/**
 * HSDS nested objects → rows of the tabular package's tables. The export writes a fully nested
 * service as CSV rows with it; the import turns any HSDS JSON document into the same rows as a CSV
 * package would give, so both formats go through one importer.
 *
 * A nested record belongs to the record it is nested in: its foreign key is set from its parent
 * (a phone in a service gets service_id, an attribute in a service links to it), whatever the
 * nested object says.
 */

export type Row = Record<string, unknown>;

export interface FlatRow {
  table: string;
  row: Row;
  /** JSON pointer of the object in its document (for error messages). */
  pointer: string;
  /** The record this one is nested in, when it is. */
  owner?: { table: string; id: string };
  /** The nested lists the object carried (even empty): an import replaces those lists. */
  lists: string[];
}

interface Nesting {
  table: string;
  /** Lists: the child's field that points to the parent. */
  childKey?: string;
  /** Single objects: the parent's field that points to the child. */
  parentKey?: string;
}

const common: Record<string, Nesting> = {
  attributes: { table: "attribute", childKey: "link_id" },
  metadata: { table: "metadata", childKey: "resource_id" },
};

/** How HSDS nests tables in each other (the compiled schemas' shape). */
export const NESTING: Record<string, Record<string, Nesting>> = {
  organization: {
    funding: { table: "funding", childKey: "organization_id" },
    contacts: { table: "contact", childKey: "organization_id" },
    phones: { table: "phone", childKey: "organization_id" },
    locations: { table: "location", childKey: "organization_id" },
    programs: { table: "program", childKey: "organization_id" },
    organization_identifiers: { table: "organization_identifier", childKey: "organization_id" },
    services: { table: "service", childKey: "organization_id" },
    ...common,
  },
  service: {
    phones: { table: "phone", childKey: "service_id" },
    schedules: { table: "schedule", childKey: "service_id" },
    service_areas: { table: "service_area", childKey: "service_id" },
    service_at_locations: { table: "service_at_location", childKey: "service_id" },
    languages: { table: "language", childKey: "service_id" },
    organization: { table: "organization", parentKey: "organization_id" },
    funding: { table: "funding", childKey: "service_id" },
    cost_options: { table: "cost_option", childKey: "service_id" },
    program: { table: "program", parentKey: "program_id" },
    required_documents: { table: "required_document", childKey: "service_id" },
    contacts: { table: "contact", childKey: "service_id" },
    ...common,
  },
  service_at_location: {
    contacts: { table: "contact", childKey: "service_at_location_id" },
    phones: { table: "phone", childKey: "service_at_location_id" },
    schedules: { table: "schedule", childKey: "service_at_location_id" },
    location: { table: "location", parentKey: "location_id" },
    service: { table: "service", parentKey: "service_id" },
    ...common,
  },
  location: {
    languages: { table: "language", childKey: "location_id" },
    addresses: { table: "address", childKey: "location_id" },
    contacts: { table: "contact", childKey: "location_id" },
    accessibility: { table: "accessibility", childKey: "location_id" },
    phones: { table: "phone", childKey: "location_id" },
    schedules: { table: "schedule", childKey: "location_id" },
    ...common,
  },
  phone: { languages: { table: "language", childKey: "phone_id" }, ...common },
  contact: { phones: { table: "phone", childKey: "contact_id" }, ...common },
  attribute: { taxonomy_term: { table: "taxonomy_term", parentKey: "taxonomy_term_id" }, metadata: common.metadata! },
  taxonomy_term: { taxonomy_detail: { table: "taxonomy", parentKey: "taxonomy_id" }, metadata: common.metadata! },
};

/** The other foreign keys a nested child's owner replaces (a phone nested in a location belongs to it alone). */
const OWNER_KEYS = ["organization_id", "service_id", "location_id", "service_at_location_id", "contact_id", "phone_id"];
/** The tables whose owner is one of several (a phone belongs to an organization, a service, a location…). */
const OWNED_BY_ONE = new Set(["phone", "schedule", "contact", "language", "funding"]);

const isObject = (value: unknown): value is Row => typeof value === "object" && value !== null && !Array.isArray(value);

/** The rows of one HSDS object and everything nested in it, depth first, the object's own row first. */
export function* flatten(table: string, object: Row, pointer = "", owner?: FlatRow["owner"]): Generator<FlatRow> {
  const nesting = NESTING[table] ?? {};
  const row: Row = {};
  const lists: string[] = [];
  const children: [string, Nesting, unknown][] = [];
  for (const [key, value] of Object.entries(object)) {
    const nested = nesting[key];
    if (nested) {
      children.push([key, nested, value]);
      if (Array.isArray(value)) lists.push(key);
    } else {
      row[key] = value;
    }
  }
  // A single nested object (a service's organization, a link's location) names the parent's key.
  for (const [, nested, value] of children) {
    if (nested.parentKey && isObject(value) && value.id !== undefined) row[nested.parentKey] = value.id;
  }
  if (owner) {
    const ownerNesting = Object.values(NESTING[owner.table] ?? {}).find((candidate) => candidate.table === table && candidate.childKey);
    if (ownerNesting?.childKey) {
      if (OWNED_BY_ONE.has(table)) for (const key of OWNER_KEYS) if (key !== ownerNesting.childKey) delete row[key];
      row[ownerNesting.childKey] = owner.id;
      if (table === "attribute") row.link_entity = owner.table;
    }
  }
  yield { table, row, pointer, owner, lists };
  const self = typeof row.id === "string" ? { table, id: row.id } : undefined;
  for (const [key, nested, value] of children) {
    if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) {
        if (isObject(item)) yield* flatten(nested.table, item, `${pointer}/${key}/${index}`, nested.childKey && self ? self : undefined);
      }
    } else if (isObject(value)) {
      yield* flatten(nested.table, value, `${pointer}/${key}`);
    }
  }
}
