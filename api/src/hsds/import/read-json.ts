import { createReadStream } from "node:fs";
import path from "node:path";
import { Transform } from "node:stream";
import Assembler from "stream-json/Assembler.js";
import StreamJson from "stream-json";
import { tableForFile } from "../spec.js";

/**
 * Streams the HSDS records of a JSON document with stream-json: a list of records, a page of the
 * HSDA API (`{ …, contents: [...] }`), newline-delimited JSON, the tabular package as JSON
 * (`{ "services.csv": [...] }`) or one record. Only one record is assembled in memory at a time
 * (a single record is read whole: an organization with its services nested in it is one record).
 */

export interface JsonRecord {
  /** The HSDS table the record belongs to, when the document says (tabular JSON); else detected. */
  table?: string;
  value: unknown;
  /** JSON pointer of the record in the document. */
  pointer: string;
}

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly pointer: string | undefined,
  ) {
    super(message);
  }
}

interface Token {
  name: string;
  value?: unknown;
}

const PAGE_KEYS = new Set(["contents", "total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty"]);

type Frame = { kind: "object"; key: string | null } | { kind: "array"; index: number };

/** The path of the value a token starts (keys and indexes from the root). */
function currentPath(stack: Frame[]): (string | number)[] {
  return stack.map((frame) => (frame.kind === "object" ? (frame.key ?? "") : frame.index));
}

const escapePointer = (part: string | number) => String(part).replace(/~/g, "~0").replace(/\//g, "~1");

export async function* readJson(file: string, onBytes: (count: number) => void = () => {}): AsyncGenerator<JsonRecord> {
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      onBytes(chunk.length);
      callback(null, chunk);
    },
  });
  const parser = StreamJson.parser({ jsonStreaming: true, streamValues: false });
  const source = createReadStream(file).pipe(counter);
  source.on("error", (error) => parser.destroy(error));
  source.pipe(parser);

  // How the document holds its records, decided from its first key (or its first character).
  let mode: "unknown" | "values" | "array" | "page" | "tabular" = "unknown";
  const stack: Frame[] = [];
  let assembler: Assembler | null = null;
  let recordPath: (string | number)[] = [];
  let pending: Token[] = [];
  let lastPointer: string | undefined;

  const isRecordStart = (path: (string | number)[]): boolean => {
    switch (mode) {
      case "values":
        return path.length === 0;
      case "array":
        return path.length === 1 && typeof path[0] === "number";
      case "page":
        return path.length === 2 && path[0] === "contents" && typeof path[1] === "number";
      case "tabular":
        return path.length === 2 && typeof path[0] === "string" && path[0].toLowerCase().endsWith(".csv") && typeof path[1] === "number";
      default:
        return false;
    }
  };

  function* feed(token: Token): Generator<JsonRecord> {
    if (assembler) {
      assembler.consume(token as never);
      if (assembler.done) {
        const pointer = recordPath.length ? `/${recordPath.map(escapePointer).join("/")}` : "";
        lastPointer = pointer;
        const fileTable = mode === "tabular" ? tableForFile(String(recordPath[0]))?.name : undefined;
        yield { table: fileTable, value: assembler.current, pointer };
        assembler = null;
      }
    } else if (token.name === "startObject" || token.name === "startArray" || token.name.endsWith("Value")) {
      const path = currentPath(stack);
      if (token.name !== "keyValue" && isRecordStart(path)) {
        assembler = new Assembler();
        recordPath = path;
        assembler.consume(token as never);
        if (assembler.done) {
          yield { table: undefined, value: assembler.current, pointer: `/${path.map(escapePointer).join("/")}` };
          assembler = null;
        }
      }
    }
    // Track where we are in the document (after the record logic, which needs the path before the token).
    switch (token.name) {
      case "startObject":
        stack.push({ kind: "object", key: null });
        break;
      case "startArray":
        stack.push({ kind: "array", index: 0 });
        break;
      case "keyValue": {
        const top = stack[stack.length - 1];
        if (top?.kind === "object") top.key = String(token.value);
        return;
      }
      case "endObject":
      case "endArray":
        stack.pop();
        break;
    }
    // A value just ended (or a scalar passed): the enclosing array moves to its next index.
    if (token.name === "endObject" || token.name === "endArray" || (token.name.endsWith("Value") && token.name !== "keyValue")) {
      const top = stack[stack.length - 1];
      if (top?.kind === "array") top.index++;
    }
  }

  try {
    for await (const token of parser as AsyncIterable<Token>) {
      if (mode === "unknown") {
        pending.push(token);
        if (pending.length === 1 && token.name === "startArray") mode = "array";
        else if (pending.length === 1 && token.name !== "startObject") mode = "values";
        else if (pending.length === 2) {
          const key = token.name === "keyValue" ? String(token.value) : "";
          mode = PAGE_KEYS.has(key) ? "page" : key.toLowerCase().endsWith(".csv") ? "tabular" : "values";
        }
        if (mode === "unknown") continue;
        const buffered = pending;
        pending = [];
        for (const earlier of buffered) yield* feed(earlier);
        continue;
      }
      yield* feed(token);
    }
    // A document of one empty object: "{}" never decided its mode.
    for (const earlier of pending) {
      mode = "values";
      yield* feed(earlier);
    }
  } catch (error) {
    throw new JsonSyntaxError((error as Error).message.replace(/^Parser cannot parse input: /, ""), lastPointer);
  } finally {
    source.destroy();
  }
}

/** The HSDS table a JSON document's records belong to, from its file name (services.json, service_list.json…). */
export function tableFromFileName(file: string): string | undefined {
  const base = path.basename(file).toLowerCase();
  const prefixes: [string, string][] = [
    ["service_at_location", "service_at_location"],
    ["taxonomy_term", "taxonomy_term"],
    ["taxonom", "taxonomy"],
    ["organization", "organization"],
    ["organisation", "organization"],
    ["location", "location"],
    ["service", "service"],
    ["place", "place"],
  ];
  return prefixes.find(([prefix]) => base.startsWith(prefix))?.[1];
}

/** The table of a record from its fields, when its file name does not tell. */
export function tableFromShape(value: Record<string, unknown>): string | undefined {
  if ("status" in value && "name" in value) return "service";
  if (("service" in value || "service_id" in value) && ("location" in value || "location_id" in value) && !("name" in value)) return "service_at_location";
  if ("location_type" in value || "addresses" in value) return "location";
  if ("taxonomy_detail" in value || "taxonomy_id" in value || "term_uri" in value || ("code" in value && "parent_id" in value)) return "taxonomy_term";
  if ("services" in value || "website" in value || "legal_status" in value || "tax_status" in value || "year_incorporated" in value) return "organization";
  return undefined;
}
