import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import fc from "fast-check";
import {
  getNamedType,
  getNullableType,
  type GraphQLArgument,
  type GraphQLField,
  GraphQLEnumType,
  GraphQLInputObjectType,
  type GraphQLInputType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  type GraphQLSchema,
  GraphQLInterfaceType,
  GraphQLUnionType,
  isLeafType,
  type GraphQLOutputType,
} from "graphql";
import { HOSTILE_STRINGS } from "./hostile-strings.js";

/**
 * Generators of hostile GraphQL traffic for fast-check: operations built from the schema itself
 * (every root field, arguments of every type, aliases, fragments, directives, variables of the
 * right and the wrong type), values from the hostile corpus and random Unicode, and the request
 * bodies and HTTP requests around them (malformed JSON, wrong content types, batches, bombs).
 */

type Draw = fc.GeneratorValue;

const ARABIC_LETTERS = fc.integer({ min: 0x0600, max: 0x06ff }).map((code) => String.fromCharCode(code));

/** A string value: from the corpus, random Unicode (astral planes too), Arabic, or huge. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 3, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: ARABIC_LETTERS, minLength: 1, maxLength: 30 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom("a", "ع", "😀", "\u202e", "'", "<"), fc.integer({ min: 1_000, max: 20_000 })).map(([unit, count]) => unit.repeat(count)) },
  { weight: 1, arbitrary: fc.uuid() },
);

const weirdNumber = fc.oneof(
  fc.integer(),
  fc.constantFrom(0, -1, 1, 2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER, 1e308, -1e-308, 0.5),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

const idValue = fc.oneof(fc.uuid(), hostileString);
/** A custom scalar's text (dates, times, phone numbers) or anything hostile. */
const scalarText = fc.oneof(hostileString, fc.date({ noInvalidDate: true }).map((date) => date.toISOString()), fc.constantFrom("2026-01-01", "24:00", "25:61", "+218912345678"));
const parameterValue = fc.oneof(hostileString, fc.integer().map(String));
const formValue = fc.oneof(hostileString, fc.uuid(), fc.constantFrom("outdated", "closed", "other"));

/** Any JSON value, sometimes nested deep. */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 3_000 }).map((depth) => nestedArray(depth)) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 3_000 }).map((depth) => nestedObject(depth)) },
);

export function nestedArray(depth: number): unknown {
  let value: unknown = "x";
  for (let level = 0; level < depth; level++) value = [value];
  return value;
}

export function nestedObject(depth: number): unknown {
  let value: unknown = "x";
  for (let level = 0; level < depth; level++) value = { a: value };
  return value;
}

/** A value for an input type: mostly of the right shape, sometimes not at all. */
export function inputValue(draw: Draw, type: GraphQLInputType, depth = 0): unknown {
  if (draw(fc.integer, { min: 0, max: 19 }) === 0) return draw(() => anyJson);
  if (!(type instanceof GraphQLNonNull) && draw(fc.integer, { min: 0, max: 9 }) === 0) return null;
  const inner = getNullableType(type) as GraphQLInputType;
  if (inner instanceof GraphQLList) {
    if (depth > 4) return [];
    const length = draw(fc.integer, { min: 0, max: 4 });
    return Array.from({ length }, () => inputValue(draw, inner.ofType as GraphQLInputType, depth + 1));
  }
  if (inner instanceof GraphQLEnumType) {
    return draw(fc.integer, { min: 0, max: 5 }) === 0 ? draw(() => hostileString) : draw(fc.constantFrom, ...inner.getValues().map((value) => value.name));
  }
  if (inner instanceof GraphQLInputObjectType) {
    if (depth > 4) return {};
    const value: Record<string, unknown> = {};
    for (const field of Object.values(inner.getFields())) {
      const required = field.type instanceof GraphQLNonNull;
      if (required || draw(fc.boolean)) value[field.name] = inputValue(draw, field.type, depth + 1);
    }
    if (draw(fc.integer, { min: 0, max: 9 }) === 0) value[draw(() => hostileString)] = draw(() => hostileString);
    return value;
  }
  if (inner instanceof GraphQLScalarType) {
    switch (inner.name) {
      case "Int":
      case "Float":
        return draw(fc.integer, { min: 0, max: 5 }) === 0 ? draw(() => hostileString) : draw(() => weirdNumber);
      case "Boolean":
        return draw(fc.integer, { min: 0, max: 5 }) === 0 ? draw(() => hostileString) : draw(fc.boolean);
      case "ID":
        return draw(() => idValue);
      default:
        return draw(() => scalarText);
    }
  }
  return draw(() => hostileString);
}

/** Nesting beyond this is written as null: deeper literals would overflow the generator's own stack (the bombs nest deeper, as text). */
const LITERAL_DEPTH = 500;

/** A GraphQL literal for a value (JSON escaping gives valid GraphQL strings; enum names stay bare). */
export function literal(value: unknown, type: GraphQLInputType, depth = 0): string {
  if (value === null || value === undefined || depth > LITERAL_DEPTH) return "null";
  const inner = getNullableType(type) as GraphQLInputType;
  if (Array.isArray(value)) {
    const itemType = inner instanceof GraphQLList ? (inner.ofType as GraphQLInputType) : inner;
    return `[${value.map((item) => literal(item, itemType, depth + 1)).join(", ")}]`;
  }
  if (typeof value === "object") {
    const fields = inner instanceof GraphQLInputObjectType ? inner.getFields() : {};
    return `{ ${Object.entries(value as Record<string, unknown>)
      .filter(([key]) => /^[_A-Za-z][_0-9A-Za-z]*$/.test(key))
      .map(([key, item]) => `${key}: ${literal(item, fields[key]?.type ?? inner, depth + 1)}`)
      .join(", ")} }`;
  }
  if (inner instanceof GraphQLEnumType && typeof value === "string" && /^[_A-Za-z][_0-9A-Za-z]*$/.test(value)) return value;
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "0";
  return JSON.stringify(value);
}

function typeReference(type: GraphQLInputType): string {
  return String(type);
}

interface Built {
  query: string;
  variables: Record<string, unknown>;
}

/**
 * A random operation over the schema's root type: 1–4 root fields (aliased at times), arguments
 * as literals or variables, sub-selections to a random depth, fragments and directives.
 */
export function schemaOperation(draw: Draw, schema: GraphQLSchema, root: GraphQLObjectType, kind: "query" | "mutation"): Built {
  const variables: Record<string, unknown> = {};
  const declarations: string[] = [];
  const fragments: string[] = [];
  let counter = 0;

  const argumentsOf = (args: readonly GraphQLArgument[]): string => {
    const parts: string[] = [];
    for (const arg of args) {
      const required = arg.type instanceof GraphQLNonNull;
      if (!required && draw(fc.integer, { min: 0, max: 2 }) !== 0) continue;
      if (required && draw(fc.integer, { min: 0, max: 29 }) === 0) continue; // a missing required argument
      const value = inputValue(draw, arg.type);
      if (draw(fc.boolean)) {
        const name = `v${counter++}`;
        // Now and then a variable declared with the wrong type.
        const declared = draw(fc.integer, { min: 0, max: 14 }) === 0 ? draw(fc.constantFrom, "String", "Int!", "[ID!]!", "Boolean") : typeReference(arg.type);
        declarations.push(`$${name}: ${declared}`);
        if (draw(fc.integer, { min: 0, max: 14 }) !== 0) variables[name] = value;
        parts.push(`${arg.name}: $${name}`);
      } else {
        parts.push(`${arg.name}: ${literal(value, arg.type)}`);
      }
    }
    return parts.length ? `(${parts.join(", ")})` : "";
  };

  const selection = (type: GraphQLOutputType, depth: number): string => {
    const named = getNamedType(type);
    if (isLeafType(named)) return "";
    if (named instanceof GraphQLUnionType) {
      const members = named.getTypes();
      const member = members[draw(fc.integer, { min: 0, max: members.length - 1 })]!;
      return `{ __typename ... on ${member.name} ${selection(member, depth) || "{ __typename }"} }`;
    }
    const objectType = named as GraphQLObjectType | GraphQLInterfaceType;
    const fields = Object.values(objectType.getFields()) as GraphQLField<unknown, unknown>[];
    if (depth <= 0) {
      const leaf = fields.find((field) => isLeafType(getNamedType(field.type)) && field.args.every((arg) => !(arg.type instanceof GraphQLNonNull)));
      return `{ ${leaf?.name ?? "__typename"} }`;
    }
    const count = draw(fc.integer, { min: 1, max: Math.min(4, fields.length) });
    const parts: string[] = [];
    for (let index = 0; index < count; index++) {
      const field = fields[draw(fc.integer, { min: 0, max: fields.length - 1 })]!;
      const alias = draw(fc.integer, { min: 0, max: 5 }) === 0 ? `a${counter++}: ` : "";
      const directive = draw(fc.integer, { min: 0, max: 11 }) === 0 ? ` @${draw(fc.constantFrom, "include", "skip")}(if: ${draw(fc.boolean)})` : "";
      const sub = selection(field.type, depth - 1);
      parts.push(`${alias}${field.name}${argumentsOf(field.args)}${directive} ${sub}`);
    }
    if (draw(fc.integer, { min: 0, max: 7 }) === 0) {
      const name = `F${counter++}`;
      fragments.push(`fragment ${name} on ${objectType.name} { __typename }`);
      parts.push(`...${name}`);
    }
    if (draw(fc.integer, { min: 0, max: 9 }) === 0) parts.push(`... on ${objectType.name} { __typename }`);
    return `{ ${parts.join(" ")} }`;
  };

  const body = selection(root, draw(fc.integer, { min: 1, max: 6 }));
  const header = declarations.length ? `${kind} Fuzz(${declarations.join(", ")})` : kind;
  return { query: [`${header} ${body}`, ...fragments].join("\n"), variables };
}

/** Shapes that stress the parser, the validator and the limits: deep, wide, aliased, fragment fan-out. */
export const bombs: fc.Arbitrary<Built> = fc.oneof(
  fc.integer({ min: 10, max: 20_000 }).map((depth) => ({ query: `{ ${"categories { children ".repeat(depth / 2)}code${" }".repeat(depth / 2)} }`, variables: {} })),
  fc.integer({ min: 10, max: 30_000 }).map((depth) => ({ query: `${"{".repeat(depth)}${"}".repeat(depth)}`, variables: {} })),
  fc.integer({ min: 10, max: 5_000 }).map((count) => ({ query: `{ ${Array.from({ length: count }, (_, index) => `a${index}: locales { code }`).join(" ")} }`, variables: {} })),
  fc.integer({ min: 10, max: 8_000 }).map((count) => ({ query: `{ ${"__typename ".repeat(count)} }`, variables: {} })),
  fc.integer({ min: 2, max: 40 }).map((levels) => {
    // Each fragment spreads the next one twice: 2^levels fields once expanded.
    const fragments = Array.from({ length: levels }, (_, index) =>
      index === levels - 1 ? `fragment F${index} on Query { locales { code } }` : `fragment F${index} on Query { ...F${index + 1} ...F${index + 1} a${index}: locales { code } }`,
    );
    return { query: `{ ...F0 }\n${fragments.join("\n")}`, variables: {} };
  }),
  fc.integer({ min: 2, max: 50 }).map((count) => ({
    query: `{ ...F0 }\n${Array.from({ length: count }, (_, index) => `fragment F${index} on Query { ...F${(index + 1) % count} }`).join("\n")}`,
    variables: {},
  })),
  fc.integer({ min: 10, max: 3_000 }).map((count) => ({ query: `{ locales ${"@include(if: true) ".repeat(count)} { code } }`, variables: {} })),
  fc.integer({ min: 10, max: 3_000 }).map((count) => ({
    query: `query (${Array.from({ length: count }, (_, index) => `$v${index}: String`).join(", ")}) { locales { code } }`,
    variables: Object.fromEntries(Array.from({ length: count }, (_, index) => [`v${index}`, "x"])),
  })),
  fc.integer({ min: 1, max: 3_000 }).map((depth) => ({ query: "query ($f: ServiceFilter) { services(filter: $f) { totalCount } }", variables: { f: nestedObject(depth) } })),
  fc.integer({ min: 1, max: 3_000 }).map((depth) => ({ query: "query ($c: [String!]) { services(filter: { categories: $c }) { totalCount } }", variables: { c: nestedArray(depth) } })),
  fc.integer({ min: 1_000, max: 60_000 }).map((length) => ({ query: `{ search(query: ${JSON.stringify("ع".repeat(length / 2))}) { totalCount } }`, variables: {} })),
  fc.integer({ min: 1, max: 200 }).map((count) => ({
    query: `{ ${Array.from({ length: count }, (_, index) => `s${index}: services(first: 100) { edges { node { slug locations { location { place { name { text } } } } } } }`).join(" ")} }`,
    variables: {},
  })),
  fc.constantFrom(
    { query: "{ services(first: 99999999999999999999) { totalCount } }", variables: {} },
    { query: "{ services(first: -2147483649) { totalCount } }", variables: {} },
    { query: "{ __schema { types { fields { type { ofType { ofType { ofType { ofType { name } } } } } } } } }", variables: {} },
    { query: "subscription { locales { code } }", variables: {} },
    { query: "mutation { __typename }", variables: {} },
    { query: "{ __type(name: \"Query\") { fields { name } } }", variables: {} },
    { query: "# only a comment", variables: {} },
    { query: "", variables: {} },
    { query: "query A { locales { code } } query A { locales { code } }", variables: {} },
    { query: "{ locales { code } } fragment X on Nope { a }", variables: {} },
    { query: "\"\"\"unterminated", variables: {} },
    { query: "{ search(query: \"\\u0000\") { totalCount } }", variables: {} },
    { query: "{ service(slug: \"\\u0000\") { slug } }", variables: {} },
    { query: "{ services(after: \"\\u0000\") { totalCount } }", variables: {} },
    { query: "query ($q: String!) { search(query: $q) { totalCount } }", variables: { q: "\u0000" } },
  ),
);

/** Content types, right and wrong (header values: Latin-1 at most, as an HTTP client can send them). */
const CONTENT_TYPES = [
  "application/json",
  "application/json; charset=utf-8",
  "application/json; charset=utf-16",
  "application/json; charset=nonsense",
  "application/graphql-response+json",
  "application/graphql",
  "text/plain",
  "text/html",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/xml",
  "application/octet-stream",
  "*/*",
  "",
  "application/json, text/plain",
  "application/json; boundary=\u00ff",
];

/** A whole request body: JSON of every shape the server must refuse, and text that is not JSON. */
export function requestBody(draw: Draw, operation: Built): string {
  const choice = draw(fc.integer, { min: 0, max: 11 });
  const json = JSON.stringify({ query: operation.query, variables: operation.variables });
  switch (choice) {
    case 0:
      return json.slice(0, draw(fc.integer, { min: 0, max: Math.max(0, json.length - 1) }));
    case 1:
      return JSON.stringify([{ query: operation.query }, { query: operation.query }]);
    case 2:
      return JSON.stringify({ query: draw(() => anyJson), variables: draw(() => anyJson), operationName: draw(() => anyJson), extensions: draw(() => anyJson) });
    case 3:
      return draw(fc.string, { unit: "binary", maxLength: 200 });
    case 4:
      return `\ufeff${json}`;
    case 5:
      return JSON.stringify({ query: operation.query, variables: operation.variables, extensions: { persistedQuery: { version: 1, sha256Hash: "0".repeat(64) } } });
    case 6:
      return JSON.stringify({ query: operation.query, operationName: draw(() => hostileString) });
    case 7:
      return JSON.stringify(draw(() => anyJson));
    case 8:
      return `${json}${json}`;
    case 9:
      return JSON.stringify({ query: operation.query, variables: JSON.stringify(operation.variables) });
    default:
      return json;
  }
}

/** encodeURIComponent, with lone surrogates (which it refuses, and a URL cannot carry) written as U+FFFD. */
function encodePathSegment(value: string): string {
  return encodeURIComponent(value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd"));
}

export interface HttpAttempt {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

const HSDS_PATHS = ["/hsds/", "/hsds/services", "/hsds/organizations", "/hsds/taxonomies", "/hsds/taxonomy_terms", "/hsds/service_at_locations", "/hsds/openapi.json", "/hsds/profile"];
const HSDS_PARAMETERS = ["search", "page", "per_page", "format", "lang", "taxonomy_term_id", "taxonomy_id", "organization_id", "modified_after", "full", "minimal", "full_service", "top_only", "parent_id", "postcode", "proximity"];

/** An HTTP request around an operation: odd methods, content types, headers, GET query strings, HSDS and the feedback form. */
export function httpAttempt(draw: Draw, operation: Built): HttpAttempt {
  const acceptLanguage = draw(fc.constantFrom, "ar", "en", "fr", "ar-LY,ar;q=0.9", "*", "xx", "", "en;q=abc", "ar\u00e9\u00ff", "fr-CA, en;q=0.1, ar;q=0.5".repeat(50));
  const target = draw(fc.integer, { min: 0, max: 9 });
  if (target <= 4) {
    const headers: Record<string, string> = { "content-type": draw(fc.constantFrom, ...CONTENT_TYPES), "accept-language": acceptLanguage };
    if (draw(fc.integer, { min: 0, max: 5 }) === 0) headers.accept = draw(fc.constantFrom, "text/html", "application/xml", "*/*", "application/graphql-response+json", "nonsense/");
    if (draw(fc.integer, { min: 0, max: 7 }) === 0) headers.authorization = draw(fc.constantFrom, "Bearer ", "Bearer x", `Bearer ${"A".repeat(60)}`, "Basic YWRtaW46YWRtaW4=", "Bearer ' OR 1=1 --");
    if (draw(fc.integer, { min: 0, max: 7 }) === 0) headers.cookie = draw(fc.constantFrom, "start_session=", `start_session=${"B".repeat(43)}`, "start_session=%00", "start_session=a;start_session=b", "=;=;");
    if (draw(fc.integer, { min: 0, max: 9 }) === 0) headers["x-forwarded-for"] = draw(fc.constantFrom, "1.2.3.4", "::1, 10.0.0.1", "not an address");
    const method = draw(fc.constantFrom, "POST", "POST", "POST", "GET", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD");
    if (method === "GET" || method === "HEAD") {
      const params = new URLSearchParams({ query: operation.query });
      if (draw(fc.boolean)) params.set("variables", draw(fc.boolean) ? JSON.stringify(operation.variables) : draw(() => hostileString));
      if (draw(fc.boolean)) headers["apollo-require-preflight"] = "true";
      return { method, path: `/graphql?${params.toString()}`, headers };
    }
    return { method, path: "/graphql", headers, body: requestBody(draw, operation) };
  }
  if (target <= 7) {
    const params = new URLSearchParams();
    const count = draw(fc.integer, { min: 0, max: 4 });
    for (let index = 0; index < count; index++) params.append(draw(fc.constantFrom, ...HSDS_PARAMETERS), draw(() => parameterValue));
    const base = draw(fc.constantFrom, ...HSDS_PATHS);
    const id = draw(fc.integer, { min: 0, max: 2 }) === 0 ? `/${encodePathSegment(draw(() => hostileString))}` : "";
    const path = base.endsWith("/") || !id ? base : `${base}${id}`;
    return { method: draw(fc.constantFrom, "GET", "GET", "GET", "POST", "HEAD"), path: `${path}?${params.toString()}`, headers: { "accept-language": acceptLanguage } };
  }
  const form = new URLSearchParams();
  for (const name of ["listing", "kind", "message", "locale"]) if (draw(fc.boolean)) form.set(name, draw(() => formValue));
  return {
    method: "POST",
    path: "/feedback",
    headers: { "content-type": draw(fc.constantFrom, "application/x-www-form-urlencoded", "application/json", "text/plain", "multipart/form-data"), "accept-language": acceptLanguage },
    body: draw(fc.integer, { min: 0, max: 5 }) === 0 ? draw(() => hostileString) : form.toString(),
  };
}

/** Content-Encoding values: the three body-parser inflates, spelled oddly at times, and ones it does not know. */
const CONTENT_ENCODINGS = ["gzip", "gzip", "deflate", "deflate", "br", "br", "GZIP", "identity", "x-gzip", "zstd", "gzip, br", "compress"];

const compressors: Record<string, (data: Buffer) => Buffer> = { gzip: gzipSync, deflate: deflateSync, br: brotliCompressSync };

/** Nested lists or objects written out as text: JSON.stringify itself overflows the stack a few thousand levels down. */
export function nestedJsonText(depth: number, kind: "array" | "object", leaf = '"x"'): string {
  return kind === "array" ? `${"[".repeat(depth)}${leaf}${"]".repeat(depth)}` : `${'{"a":'.repeat(depth)}${leaf}${"}".repeat(depth)}`;
}

/** Numbers a query parameter cannot hold: past 2^63, past 2^53, past a double, signed, fractional, in other notations. */
const OVERFLOWING_NUMBERS = fc.oneof(
  fc.constantFrom("200000000000000000", "9223372036854775807", "9223372036854775808", "18446744073709551616", "9007199254740993", "1e21", "1e400", "-1", "0", "-0", "1.5", "0x10", "Infinity", "NaN", "١٢", " 1", "1 "),
  fc.integer({ min: 16, max: 2_000 }).map((digits) => "9".repeat(digits)),
  fc.bigInt({ min: 2n ** 53n, max: 2n ** 200n }).map(String),
);

/** A percent-escape that does not decode: a lone %, a bad hex digit, a byte that is not UTF-8, an overlong or surrogate sequence. */
const BAD_ESCAPE = fc.constantFrom("%", "%F", "%FF", "%ZZ", "%C0%80", "%E0%A4%A", "%ED%A0%80", "%F4%90%80%80", "%80", "%%", "%u0041", "a%2", "%E2%82");

const HSDS_KINDS = ["services", "organizations", "service_at_locations", "taxonomies", "taxonomy_terms", "locations"];
const PAGED_HSDS_PATHS = ["/hsds/services", "/hsds/organizations", "/hsds/service_at_locations", "/hsds/taxonomies", "/hsds/taxonomy_terms"];

/** Where a bad escape may go: every route of the API, the record ids of HSDS, a query parameter. */
function pathWithBadEscape(draw: Draw): string {
  const bad = draw(() => BAD_ESCAPE);
  const around = (text: string) => (draw(fc.boolean) ? text : `${draw(fc.constantFrom, "", "a", "3f7b145d")}${text}${draw(fc.constantFrom, "", "b", "/x")}`);
  switch (draw(fc.integer, { min: 0, max: 5 })) {
    case 0:
    case 1:
      return `/hsds/${draw(fc.constantFrom, ...HSDS_KINDS)}/${around(bad)}`;
    case 2:
      return `${draw(fc.constantFrom, "/hsds/", "/graphql/", "/healthz/", "/readyz/", "/feedback/", "/")}${around(bad)}`;
    case 3:
      return `${draw(fc.constantFrom, "/hsds", "/graphql", "/healthz", "/readyz", "/feedback", "")}${around(bad)}`;
    default:
      return `${draw(fc.constantFrom, ...PAGED_HSDS_PATHS, "/graphql")}?${draw(fc.constantFrom, ...HSDS_PARAMETERS, "query", "variables")}=${around(bad)}`;
  }
}

/** A request body compressed as said, compressed otherwise, corrupt, or cut short. */
function compressedBody(draw: Draw, json: string): { encoding: string; body: Buffer } {
  const encoding = draw(fc.constantFrom, ...CONTENT_ENCODINGS);
  const compress = compressors[encoding.toLowerCase()] ?? gzipSync;
  const whole = compress(Buffer.from(json));
  switch (draw(fc.integer, { min: 0, max: 4 })) {
    case 0:
      return { encoding, body: whole };
    case 1:
      return { encoding, body: whole.subarray(0, draw(fc.integer, { min: 0, max: Math.max(0, whole.length - 1) })) };
    case 2:
      return { encoding, body: Buffer.from(draw(fc.uint8Array, { minLength: 1, maxLength: 300 })) };
    case 3: {
      // One byte flipped somewhere in a valid stream.
      const body = Buffer.from(whole);
      const at = draw(fc.integer, { min: 0, max: body.length - 1 });
      body[at] = body[at]! ^ draw(fc.integer, { min: 1, max: 255 });
      return { encoding, body };
    }
    default:
      // Compressed with another algorithm than the one named.
      return { encoding, body: compressors[draw(fc.constantFrom, "gzip", "deflate", "br")]!(Buffer.from(json)) };
  }
}

export interface EncodedAttempt {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer | string;
}

/**
 * The hostile input that once made START answer 500: compressed bodies (valid, corrupt,
 * truncated, under each Content-Encoding), variables and other body fields nested thousands deep,
 * numbers past what a query parameter can hold, and malformed percent-escapes in paths.
 */
export function encodedAttempt(draw: Draw, operation: Built): EncodedAttempt {
  const acceptLanguage = draw(fc.constantFrom, "ar", "en", "fr", "fr-CA, en;q=0.1", "");
  const json = JSON.stringify({ query: operation.query, variables: operation.variables });
  switch (draw(fc.integer, { min: 0, max: 3 })) {
    case 0: {
      const { encoding, body } = compressedBody(draw, draw(fc.boolean) ? json : nestedJsonText(draw(fc.integer, { min: 1, max: 5_000 }), "array"));
      return { method: "POST", path: "/graphql", headers: { "content-type": "application/json", "content-encoding": encoding, "accept-language": acceptLanguage }, body };
    }
    case 1: {
      const deep = nestedJsonText(draw(fc.integer, { min: 1, max: 8_000 }), draw(fc.constantFrom, "array", "object"));
      const where = draw(fc.constantFrom, "variables", "variable", "extensions", "operationName", "query");
      const body =
        where === "variable"
          ? `{"query":"query ($c: [String!]) { services(filter: { categories: $c }) { totalCount } }","variables":{"c":${deep}}}`
          : `{"query":${where === "query" ? deep : JSON.stringify(operation.query)}${where === "query" ? "" : `,"${where}":${deep}`}}`;
      if (draw(fc.integer, { min: 0, max: 4 }) === 0) {
        // The same in a GET query string (short enough for Node's header limit).
        const params = new URLSearchParams({ query: "query ($c: [String!]) { services(filter: { categories: $c }) { totalCount } }", variables: `{"c":${nestedJsonText(draw(fc.integer, { min: 1, max: 1_500 }), "array")}}` });
        return { method: "GET", path: `/graphql?${params}`, headers: { "apollo-require-preflight": "true", "accept-language": acceptLanguage } };
      }
      return { method: "POST", path: "/graphql", headers: { "content-type": "application/json", "accept-language": acceptLanguage }, body };
    }
    case 2: {
      const params = new URLSearchParams();
      for (const name of draw(fc.subarray, ["page", "per_page"], { minLength: 1 })) params.set(name, draw(() => OVERFLOWING_NUMBERS));
      if (draw(fc.boolean)) params.set("format", draw(fc.constantFrom, "json", "ndjson"));
      return { method: draw(fc.constantFrom, "GET", "GET", "HEAD"), path: `${draw(fc.constantFrom, ...PAGED_HSDS_PATHS)}?${params}`, headers: { "accept-language": acceptLanguage } };
    }
    default:
      return { method: draw(fc.constantFrom, "GET", "GET", "HEAD", "POST"), path: pathWithBadEscape(draw), headers: { "accept-language": acceptLanguage, "apollo-require-preflight": "true" } };
  }
}
