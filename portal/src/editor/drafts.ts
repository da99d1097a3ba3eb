/**
 * Unsaved changes kept on this device (localStorage) until the API has them: a reload, a closed
 * tab or a dropped connection loses nothing. Keyed by record and by the version the changes were
 * made against, with that version's values (the base), so that changes made against an older
 * version can be compared with the newer one. Never a password or a session token: forms that
 * hold them are not kept, and a value under a key that looks like one is dropped.
 */
const PREFIX = "start.editor.draft:";

export interface LocalDraft<T> {
  kind: string;
  id: string;
  version: number;
  savedAt: string;
  base: T;
  values: T;
}

const SECRET_KEY = /pass(word)?|token|secret/i;

function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !SECRET_KEY.test(key))
        .map(([key, item]) => [key, withoutSecrets(item)]),
    );
  }
  return value;
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

const recordPrefix = (kind: string, id: string) => `${PREFIX}${kind}:${id}:`;

export function saveDraft<T>(draft: Omit<LocalDraft<T>, "savedAt">): boolean {
  const store = storage();
  if (!store) return false;
  try {
    clearDrafts(draft.kind, draft.id);
    const entry: LocalDraft<unknown> = { ...draft, base: withoutSecrets(draft.base), values: withoutSecrets(draft.values), savedAt: new Date().toISOString() };
    store.setItem(`${recordPrefix(draft.kind, draft.id)}${draft.version}`, JSON.stringify(entry));
    return true;
  } catch {
    return false;
  }
}

/** The draft kept for a record, whatever version it was made against. */
export function loadDraft<T>(kind: string, id: string): LocalDraft<T> | null {
  const store = storage();
  if (!store) return null;
  const prefix = recordPrefix(kind, id);
  for (let index = 0; index < store.length; index++) {
    const key = store.key(index);
    if (!key?.startsWith(prefix)) continue;
    try {
      return JSON.parse(store.getItem(key) ?? "null") as LocalDraft<T>;
    } catch {
      store.removeItem(key);
    }
  }
  return null;
}

export function clearDrafts(kind: string, id: string): void {
  const store = storage();
  if (!store) return;
  const prefix = recordPrefix(kind, id);
  const keys: string[] = [];
  for (let index = 0; index < store.length; index++) {
    const key = store.key(index);
    if (key?.startsWith(prefix)) keys.push(key);
  }
  for (const key of keys) store.removeItem(key);
}
