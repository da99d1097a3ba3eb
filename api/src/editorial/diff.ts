/** One difference between two versions of a record: where, and the value on each side (null when absent). */
export interface FieldChange {
  path: string;
  before: unknown;
  after: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);
const hasLocale = (value: unknown): value is { locale: string } => isObject(value) && typeof value.locale === "string";

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => deepEqual(item, b[index]));
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) => deepEqual(a[key] ?? null, b[key] ?? null));
  }
  return false;
}

/**
 * The differences between two documents, as field paths an editor can show side by side:
 * per-locale lists are compared locale by locale ("texts.fr.description"), other lists entry by
 * entry ("locations.0.phones"), lists of plain values as a whole ("languages").
 */
export function diffDocuments(before: unknown, after: unknown, path = ""): FieldChange[] {
  if (deepEqual(before, after)) return [];
  const changes: FieldChange[] = [];
  const at = (key: string | number) => (path ? `${path}.${key}` : String(key));
  if (Array.isArray(before) && Array.isArray(after)) {
    const items = [...before, ...after];
    if (items.length > 0 && items.every(hasLocale)) {
      const locales = [...new Set(items.map((item) => (item as { locale: string }).locale))].sort();
      for (const locale of locales) {
        const left = before.find((item) => (item as { locale: string }).locale === locale) ?? null;
        const right = after.find((item) => (item as { locale: string }).locale === locale) ?? null;
        if (left === null || right === null) {
          if (!deepEqual(left, right)) changes.push({ path: at(locale), before: left, after: right });
        } else {
          changes.push(...diffDocuments(left, right, at(locale)));
        }
      }
      return changes;
    }
    if (items.length > 0 && items.every(isObject)) {
      for (let index = 0; index < Math.max(before.length, after.length); index++) {
        if (index >= before.length || index >= after.length) {
          changes.push({ path: at(index), before: before[index] ?? null, after: after[index] ?? null });
        } else {
          changes.push(...diffDocuments(before[index], after[index], at(index)));
        }
      }
      return changes;
    }
    return [{ path, before, after }];
  }
  if (isObject(before) && isObject(after)) {
    for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])]) {
      changes.push(...diffDocuments(before[key] ?? null, after[key] ?? null, at(key)));
    }
    return changes;
  }
  return [{ path, before: before ?? null, after: after ?? null }];
}
