/**
 * Values addressed by dotted paths ("locations.1.texts.ar.address"), the same paths the API names
 * in its field errors: the forms keep per-locale texts keyed by locale, so an API path is a path
 * in the form's values.
 */
export type Path = string;

const isIndex = (part: string) => /^\d+$/.test(part);

export function getIn(value: unknown, path: Path): unknown {
  if (path === "") return value;
  let current = value;
  for (const part of path.split(".")) {
    if (current == null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** A copy of `value` with `path` set (copies only along the path). */
export function setIn<T>(value: T, path: Path, next: unknown): T {
  if (path === "") return next as T;
  const [head, ...rest] = path.split(".") as [string, ...string[]];
  const container = (value ?? (isIndex(head) ? [] : {})) as Record<string, unknown> | unknown[];
  const child = (container as Record<string, unknown>)[head];
  const updated = rest.length === 0 ? next : setIn(child ?? (isIndex(rest[0]!) ? [] : {}), rest.join("."), next);
  if (Array.isArray(container)) {
    const copy = [...container];
    copy[Number(head)] = updated;
    return copy as T;
  }
  return { ...container, [head]: updated } as T;
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);

/** Structural equality where a missing key, null and "" count as the same (form fields). */
export function sameValue(a: unknown, b: unknown): boolean {
  const blank = (value: unknown) => value === undefined || value === null || value === "";
  if (blank(a) && blank(b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => sameValue(item, b[index]));
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) => sameValue(a[key], b[key]));
  }
  return a === b;
}

/** A deep copy of plain data. */
export function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** An id attribute for a field path ("texts.ar.name" → "f-texts-ar-name"). */
export const fieldId = (path: Path) => `f-${path.replace(/[^A-Za-z0-9_-]/g, "-")}`;
