import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { ApiProblem, NetworkProblem } from "./api.js";
import { useEditor } from "./context.js";
import { clearDrafts, loadDraft, saveDraft } from "./drafts.js";
import { errorsByPath, type FormState, useForm } from "./forms.js";
import { clone, sameValue } from "./paths.js";
import type { Publishes, PublishProgress } from "./publishing.js";
import { problemMessage } from "./ui.js";

/**
 * Editing one versioned record: load it, keep unsaved changes on the device, save against the
 * version it was loaded at, put the API's field errors next to their fields, and, when someone
 * else saved a newer version in the meantime, hand both versions to the conflict view — nothing
 * typed is lost. Workflow steps (submit, publish, verify…) save pending changes first. A save or
 * a step the public will see hands over its publish job, for the page to follow.
 */
export interface RecordSpec<Form, Loaded> {
  /** Drafts are kept under kind + key (the record's id, or "new:<organization>" before it exists). */
  kind: string;
  key: string;
  /** null for a new record. */
  load: (() => Promise<Loaded>) | null;
  empty: () => Form;
  formOf(loaded: Loaded): Form;
  versionOf(loaded: Loaded): number;
  /** Creates (version null) or updates the record; answers it as saved. */
  save(values: Form, version: number | null): Promise<Loaded>;
  /** Light checks before sending (the API checks everything again): field errors by path. */
  check?(values: Form): Record<string, string>;
  /** After the first save of a new record (to move to its address). */
  onCreated?(loaded: Loaded): void;
}

export interface Conflict<Form> {
  mine: Form;
  base: Form;
  theirs: Form;
  theirsVersion: number;
}

export type Status = { kind: "idle" } | { kind: "saving" } | { kind: "saved"; message: string } | { kind: "error"; message: string; fields?: boolean };

export interface RecordEditor<Form, Loaded> {
  state: "loading" | "ready" | "failed";
  loadError: unknown;
  reload(): void;
  loaded: Loaded | null;
  version: number | null;
  form: FormState<Form>;
  status: Status;
  /** A draft restored from this device, with when it was kept. */
  restored: string | null;
  discardDraft(): void;
  conflict: Conflict<Form> | null;
  resolveConflict(merged: Form): Promise<boolean>;
  save(): Promise<Loaded | null>;
  /** Runs a workflow step against the current version, after saving unsaved changes. */
  act(step: (version: number) => Promise<Loaded>, done: string): Promise<boolean>;
  setStatus(status: Status): void;
  /** The publish job of the last change made here that the public will see (publishing.tsx follows it). */
  publishing: PublishProgress | null;
}

export function useRecordEditor<Form, Loaded extends Publishes>(spec: RecordSpec<Form, Loaded>): RecordEditor<Form, Loaded> {
  const { i18n, announce } = useEditor();
  const specRef = useRef(spec);
  specRef.current = spec;
  const [state, setState] = useState<"loading" | "ready" | "failed">(spec.load ? "loading" : "ready");
  const [loadError, setLoadError] = useState<unknown>(null);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [version, setVersion] = useState<number | null>(null);
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const [restored, setRestored] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict<Form> | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [publishing, setPublishing] = useState<PublishProgress | null>(null);
  const base = useRef<Form>(spec.empty());
  const versionRef = useRef<number | null>(null);
  const pending = useRef<number | null>(null);
  const latest = useRef<Form | null>(null);

  const keep = useCallback(() => {
    pending.current = null;
    if (latest.current === null) return;
    const current = specRef.current;
    saveDraft({ kind: current.kind, id: current.key, version: versionRef.current ?? 0, base: base.current, values: latest.current });
  }, []);

  const form = useForm<Form>(spec.empty(), (values) => {
    latest.current = values;
    if (pending.current !== null) window.clearTimeout(pending.current);
    pending.current = window.setTimeout(keep, 300);
  });

  useEffect(() => {
    const flush = () => {
      if (pending.current !== null) {
        window.clearTimeout(pending.current);
        keep();
      }
    };
    window.addEventListener("pagehide", flush);
    return () => {
      flush();
      window.removeEventListener("pagehide", flush);
    };
  }, [keep]);

  /** Shows a record as loaded, with this device's unsaved changes to it if there are any. */
  const adopt = useCallback(
    (record: Loaded | null) => {
      const current = specRef.current;
      const values = record ? current.formOf(record) : current.empty();
      const recordVersion = record ? current.versionOf(record) : null;
      base.current = clone(values);
      versionRef.current = recordVersion;
      setLoaded(record);
      setVersion(recordVersion);
      form.reset(values);
      latest.current = null;
      const draft = loadDraft<Form>(current.kind, current.key);
      if (!draft || sameValue(draft.values, values)) {
        if (draft) clearDrafts(current.kind, current.key);
        setRestored(null);
        return;
      }
      if ((draft.version || null) === recordVersion || (recordVersion === null && !draft.version)) {
        form.update(() => draft.values);
        setRestored(draft.savedAt);
      } else {
        // Kept against an older version: the person compares and chooses.
        setConflict({ mine: draft.values, base: draft.base, theirs: values, theirsVersion: recordVersion ?? 0 });
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );

  useEffect(() => {
    let cancelled = false;
    const load = specRef.current.load;
    setConflict(null);
    setStatus({ kind: "idle" });
    setPublishing(null);
    if (!load) {
      adopt(null);
      setState("ready");
      return;
    }
    setState("loading");
    load().then(
      (record) => {
        if (cancelled) return;
        adopt(record);
        setState("ready");
      },
      (error: unknown) => {
        if (cancelled) return;
        setLoadError(error);
        setState("failed");
      },
    );
    return () => {
      cancelled = true;
    };
  }, [spec.kind, spec.key, attempt, adopt]);

  const fail = useCallback(
    async (error: unknown, values: Form): Promise<void> => {
      if (error instanceof ApiProblem && error.code === "CONFLICT" && specRef.current.load) {
        try {
          const theirs = await specRef.current.load();
          const current = specRef.current;
          setConflict({ mine: values, base: base.current, theirs: current.formOf(theirs), theirsVersion: current.versionOf(theirs) });
          setLoaded(theirs);
          setStatus({ kind: "error", message: i18n.t("editor.conflict.intro") });
        } catch (reloadError) {
          setStatus({ kind: "error", message: problemMessage(reloadError, i18n.t) });
        }
        return;
      }
      if (error instanceof ApiProblem && error.fields.length > 0) {
        const errors = errorsByPath(error.fields);
        form.setErrors(errors);
        // The API's own message repeats every field; the summary lists them with their labels instead.
        setStatus({ kind: "error", message: i18n.t("editor.errors.checkFields"), fields: true });
        return;
      }
      if (error instanceof NetworkProblem) {
        keep();
        setStatus({ kind: "error", message: i18n.t("editor.errors.offlineKept") });
        return;
      }
      setStatus({ kind: "error", message: problemMessage(error, i18n.t) });
    },
    [form, i18n, keep],
  );

  const saveValues = useCallback(
    async (values: Form, against: number | null): Promise<Loaded | null> => {
      const current = specRef.current;
      const problems = current.check?.(values) ?? {};
      if (Object.keys(problems).length > 0) {
        form.setErrors(problems);
        setStatus({ kind: "error", message: i18n.t("editor.errors.checkFields"), fields: true });
        return null;
      }
      setStatus({ kind: "saving" });
      form.setErrors({});
      try {
        const saved = await current.save(values, against);
        if (saved.publishProgress) setPublishing(saved.publishProgress);
        if (pending.current !== null) window.clearTimeout(pending.current);
        pending.current = null;
        clearDrafts(current.kind, current.key);
        setConflict(null);
        setRestored(null);
        const message = i18n.t("editor.common.saved");
        if (against === null && current.onCreated) {
          current.onCreated(saved);
        } else {
          adopt(saved);
        }
        setStatus({ kind: "saved", message });
        announce(message);
        return saved;
      } catch (error) {
        await fail(error, values);
        return null;
      }
    },
    [adopt, announce, fail, form, i18n],
  );

  const save = useCallback(() => saveValues(form.values, versionRef.current), [form.values, saveValues]);

  const resolveConflict = useCallback(
    async (merged: Form) => {
      if (!conflict) return false;
      base.current = clone(conflict.theirs);
      versionRef.current = conflict.theirsVersion;
      setVersion(conflict.theirsVersion);
      form.reset(conflict.theirs);
      form.update(() => merged);
      const saved = await saveValues(merged, conflict.theirsVersion);
      return saved !== null;
    },
    [conflict, form, saveValues],
  );

  const act = useCallback(
    async (step: (version: number) => Promise<Loaded>, done: string) => {
      if (form.dirty || versionRef.current === null) {
        const saved = await saveValues(form.values, versionRef.current);
        if (!saved) return false;
      }
      setStatus({ kind: "saving" });
      try {
        const result = await step(versionRef.current!);
        if (result.publishProgress) setPublishing(result.publishProgress);
        adopt(result);
        setStatus({ kind: "saved", message: done });
        announce(done);
        return true;
      } catch (error) {
        await fail(error, form.values);
        return false;
      }
    },
    [adopt, announce, fail, form.dirty, form.values, saveValues],
  );

  const discardDraft = useCallback(() => {
    const current = specRef.current;
    clearDrafts(current.kind, current.key);
    if (pending.current !== null) window.clearTimeout(pending.current);
    pending.current = null;
    latest.current = null;
    setRestored(null);
    setConflict(null);
    form.reset(clone(base.current));
  }, [form]);

  return {
    state,
    loadError,
    reload: () => setAttempt((value) => value + 1),
    loaded,
    version,
    form,
    status,
    restored,
    discardDraft,
    conflict,
    resolveConflict,
    save,
    act,
    setStatus,
    publishing,
  };
}
