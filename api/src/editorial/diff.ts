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
 * What names an entry of a list across two versions of a record, when it has something that does:
 * a location by its id, a phone by its number, a timetable by its dates of validity.
 */
function identity(item: Record<string, unknown>): string | null {
  if (typeof item.locationId === "string") return `location ${item.locationId}`;
  if (typeof item.number === "string") return `phone ${item.number} ${String(item.extension ?? "")}`;
  if (Array.isArray(item.periods)) return `schedule ${String(item.validFrom ?? "")} ${String(item.validTo ?? "")}`;
  return null;
}

/**
 * Pairs the entries of two lists: equal entries first, then entries with the same identity, then
 * what is left in order (an edited entry). Returns the pairs by their index in `after`, and the
 * entries of `before` left without a partner (removed).
 */
function pairEntries(before: unknown[], after: unknown[]): { pairs: Array<[number | null, number]>; removed: number[] } {
  const partner = new Map<number, number>();
  const taken = new Set<number>();
  const match = (same: (left: unknown, right: unknown) => boolean) => {
    after.forEach((right, index) => {
      if (partner.has(index)) return;
      const found = before.findIndex((left, position) => !taken.has(position) && same(left, right));
      if (found >= 0) {
        partner.set(index, found);
        taken.add(found);
      }
    });
  };
  match(deepEqual);
  match((left, right) => {
    const key = identity(left as Record<string, unknown>);
    return key !== null && key === identity(right as Record<string, unknown>);
  });
  const leftover = before.map((_, index) => index).filter((index) => !taken.has(index));
  after.forEach((_, index) => {
    if (!partner.has(index) && leftover.length) {
      const found = leftover.shift()!;
      partner.set(index, found);
      taken.add(found);
    }
  });
  return { pairs: after.map((_, index) => [partner.get(index) ?? null, index]), removed: leftover };
}

/**
 * The differences between two documents, as field paths an editor can show side by side:
 * per-locale lists are compared locale by locale ("texts.fr.description"); other lists of records
 * entry by entry, each entry matched with its counterpart (a phone by its number, a location by its
 * id, else by position), named by its place in the new version ("locations.0.phones.1.number"), or
 * in the old one when it was removed ("locations.0.phones.2": the phone before, null after); a
 * week's opening periods and lists of plain values as a whole ("languages").
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
    if (items.length > 0 && items.every(isObject) && !path.endsWith("periods")) {
      const { pairs, removed } = pairEntries(before, after);
      for (const [left, right] of pairs) {
        if (left === null) changes.push({ path: at(right), before: null, after: after[right] });
        else changes.push(...diffDocuments(before[left], after[right], at(right)));
      }
      for (const index of removed) changes.push({ path: at(index), before: before[index], after: null });
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
