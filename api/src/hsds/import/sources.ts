import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { HsdsError } from "../errors.js";
import { table, tableForFile } from "../spec.js";

/** One file to read: a CSV table of the tabular package, or a JSON document. */
export interface InputFile {
  path: string;
  /** As messages name it: the file name (relative to the folder imported). */
  name: string;
  format: "csv" | "json";
  /** The HSDS table a CSV file holds. */
  table?: string;
  size: number;
}

const JSON_EXTENSIONS = new Set([".json", ".ndjson", ".jsonl"]);

/** The tables' reading order: the package's description of itself first, then parents before children. */
const CSV_ORDER = ["meta_table_description", "taxonomy", "taxonomy_term", "place", "organization", "location", "address", "accessibility", "service"];

function csvRank(name: string): number {
  const index = CSV_ORDER.indexOf(name);
  return index === -1 ? CSV_ORDER.length + table(name).order : index;
}

/** JSON documents: organizations first, so an organization's own record comes before the copies nested in its services. */
const JSON_ORDER = ["taxonom", "place", "organization", "location", "service_at_location", "service"];
function jsonRank(name: string): number {
  const index = JSON_ORDER.findIndex((prefix) => name.toLowerCase().startsWith(prefix));
  return index === -1 ? JSON_ORDER.length : index;
}

/** The CSV files a Frictionless datapackage.json names, by table (a package may name its files as it likes). */
async function packageResources(folder: string): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  try {
    const descriptor = JSON.parse(await readFile(path.join(folder, "datapackage.json"), "utf8")) as {
      resources?: { name?: string; path?: string }[];
    };
    for (const resource of descriptor.resources ?? []) {
      if (typeof resource.name === "string" && typeof resource.path === "string") result.set(path.basename(resource.path).toLowerCase(), resource.name);
    }
  } catch {
    // No (readable) descriptor: files are recognised by their HSDS names.
  }
  return result;
}

/**
 * What to read for a path: a JSON document, one CSV table, or a folder (the tabular package's CSV
 * files, and/or JSON documents). An unknown CSV file is an error (its data would silently be missed).
 */
export async function discoverInputs(source: string): Promise<{ inputs: InputFile[]; unknownCsv: string[] }> {
  let info;
  try {
    info = await stat(source);
  } catch {
    throw new HsdsError("pathNotFound", { path: source });
  }
  const folder = info.isDirectory() ? source : path.dirname(source);
  const names = info.isDirectory()
    ? (await readdir(source, { withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => entry.name)
    : path.basename(source).toLowerCase() === "datapackage.json"
      ? (await readdir(folder, { withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => entry.name)
      : [path.basename(source)];
  const resources = await packageResources(folder);
  const inputs: InputFile[] = [];
  const unknownCsv: string[] = [];
  for (const name of names.sort()) {
    const file = path.join(folder, name);
    const extension = path.extname(name).toLowerCase();
    if (extension === ".csv") {
      const resourceName = resources.get(name.toLowerCase());
      const spec = (resourceName ? tablesByName(resourceName) : undefined) ?? tableForFile(name);
      if (!spec) {
        unknownCsv.push(name);
        continue;
      }
      inputs.push({ path: file, name, format: "csv", table: spec.name, size: (await stat(file)).size });
    } else if (JSON_EXTENSIONS.has(extension) && name.toLowerCase() !== "datapackage.json") {
      inputs.push({ path: file, name, format: "json", size: (await stat(file)).size });
    }
  }
  if (inputs.length === 0 && unknownCsv.length === 0) throw new HsdsError("noFiles", { path: source });
  inputs.sort((a, b) =>
    a.format !== b.format ? (a.format === "csv" ? -1 : 1) : a.format === "csv" ? csvRank(a.table!) - csvRank(b.table!) : jsonRank(a.name) - jsonRank(b.name),
  );
  return { inputs, unknownCsv };
}

function tablesByName(name: string) {
  try {
    return table(name);
  } catch {
    return undefined;
  }
}
