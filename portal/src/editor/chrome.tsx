import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { useEditor } from "./context.js";
import { describePath, describeValue } from "./describe.js";
import type { Conflict, RecordEditor, Status } from "./editing.js";
import { type FieldErrors, focusField } from "./forms.js";
import { directionOf } from "./i18n.js";
import { clone, getIn, sameValue, setIn } from "./paths.js";
import { useReferences } from "./references.js";
import { untranslatedPaths } from "./texts.js";
import { ActionButton, Notice } from "./ui.js";

/** The pieces every record form shares: status, error summary, restored draft, conflicts, language tabs. */

export function SaveStatus({ status }: { status: Status }) {
  const { i18n } = useEditor();
  if (status.kind === "saving") {
    return (
      <p class="save-status" role="status">
        {i18n.t("editor.common.saving")}
      </p>
    );
  }
  if (status.kind === "saved") {
    return (
      <p class="save-status save-status-ok" role="status">
        {status.message}
      </p>
    );
  }
  return <p class="save-status" role="status" />;
}

/**
 * What went wrong on the last save: a general message, and every field the API named, each a link
 * to its field (its language tab or section shown first).
 */
export function ErrorSummary(props: { status: Status; errors: FieldErrors; reveal(path: string): void; values: unknown }) {
  const { i18n, locales } = useEditor();
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(props.errors);
  const visible = props.status.kind === "error";
  useEffect(() => {
    if (visible) ref.current?.focus();
  }, [visible, props.status, props.errors]);
  if (!visible) return null;
  return (
    <div class="notice notice-danger error-summary" id="error-summary" role="alert" tabIndex={-1} ref={ref}>
      <div class="notice-body">
        <p>{props.status.kind === "error" ? props.status.message : ""}</p>
        {entries.length > 0 ? (
          <ul>
            {entries.map(([path, message]) => (
              <li key={path}>
                <a
                  href={`#${path}`}
                  onClick={(event) => {
                    event.preventDefault();
                    props.reveal(path);
                    focusField(path);
                  }}
                >
                  {describePath(path, i18n, locales, props.values)}
                </a>
                {`${i18n.labelled("")} ${message}`}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}

export function DraftNotice({ editor }: { editor: Pick<RecordEditor<unknown, unknown>, "restored" | "discardDraft"> }) {
  const { i18n } = useEditor();
  if (!editor.restored) return null;
  return (
    <Notice kind="warning" role="status" class="draft-notice">
      <p>{i18n.t("editor.drafts.restored", { date: i18n.formatDateTime(editor.restored) })}</p>
      <div class="actions">
        <button type="button" class="button-secondary" onClick={() => editor.discardDraft()} data-action="discard-draft">
          {i18n.t("editor.drafts.discard")}
        </button>
      </div>
    </Notice>
  );
}

/** The places where two versions of a form can differ, one choice each: per-locale texts field by field, the rest key by key. */
export function conflictUnits(...forms: unknown[]): string[] {
  const units = new Set<string>();
  for (const form of forms) {
    if (!form || typeof form !== "object") continue;
    for (const [key, value] of Object.entries(form as Record<string, unknown>)) {
      if (key === "texts" && value && typeof value === "object") {
        for (const [locale, text] of Object.entries(value as Record<string, unknown>)) {
          for (const field of Object.keys((text as Record<string, unknown>) ?? {})) units.add(`texts.${locale}.${field}`);
        }
      } else {
        units.add(key);
      }
    }
  }
  return [...units];
}

type Choice = "mine" | "theirs";

/**
 * Someone saved a newer version while this person was editing: both versions side by side, field by
 * field, each with a choice (what only one side changed is pre-selected from that side), or all
 * at once; then a save against the newer version.
 */
export function ConflictView<Form>({ conflict, onResolve }: { conflict: Conflict<Form>; onResolve(merged: Form): Promise<boolean> }) {
  const { i18n, locales, references } = useEditor();
  const data = useReferences(references);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const differing = useMemo(
    () => conflictUnits(conflict.mine, conflict.theirs).filter((unit) => !sameValue(getIn(conflict.mine, unit), getIn(conflict.theirs, unit))),
    [conflict],
  );
  const initial = useMemo(() => {
    const choices: Record<string, Choice> = {};
    for (const unit of differing) {
      const theirsChanged = !sameValue(getIn(conflict.base, unit), getIn(conflict.theirs, unit));
      const mineChanged = !sameValue(getIn(conflict.base, unit), getIn(conflict.mine, unit));
      choices[unit] = theirsChanged && !mineChanged ? "theirs" : "mine";
    }
    return choices;
  }, [conflict, differing]);
  const [choices, setChoices] = useState(initial);
  useEffect(() => {
    setChoices(initial);
    headingRef.current?.focus();
  }, [initial]);

  const merged = () => {
    let result = clone(conflict.theirs);
    for (const unit of differing) if (choices[unit] === "mine") result = setIn(result, unit, clone(getIn(conflict.mine, unit)));
    return result;
  };
  const show = (unit: string, value: unknown) => {
    const text = describeValue(unit, value, i18n, data);
    return text === "" ? <em class="muted">{i18n.t("editor.conflict.empty")}</em> : text;
  };
  const language = (unit: string) => {
    const locale = /^texts\.([a-z]{2,3})\./.exec(unit)?.[1];
    return locale ? { lang: locale, dir: directionOf(locale) } : {};
  };

  return (
    <section class="conflict" aria-labelledby="conflict-title">
      <h2 id="conflict-title" tabIndex={-1} ref={headingRef}>
        {i18n.t("editor.conflict.title")}
      </h2>
      <p>{i18n.t("editor.conflict.explain")}</p>
      <div class="actions">
        <button
          type="button"
          class="button-secondary"
          data-action="keep-all-mine"
          onClick={() => setChoices(Object.fromEntries(differing.map((unit) => [unit, "mine"])))}
        >
          {i18n.t("editor.conflict.allMine")}
        </button>
        <button
          type="button"
          class="button-secondary"
          data-action="take-all-theirs"
          onClick={() => setChoices(Object.fromEntries(differing.map((unit) => [unit, "theirs"])))}
        >
          {i18n.t("editor.conflict.allTheirs")}
        </button>
      </div>
      {differing.length === 0 ? <p>{i18n.t("editor.conflict.noDifference")}</p> : null}
      <ol class="conflict-list">
        {differing.map((unit, index) => {
          const name = `conflict-${index}`;
          const both =
            !sameValue(getIn(conflict.base, unit), getIn(conflict.theirs, unit)) && !sameValue(getIn(conflict.base, unit), getIn(conflict.mine, unit));
          return (
            <li key={unit} data-conflict-field={unit}>
              <fieldset>
                <legend>
                  {describePath(unit, i18n, locales, conflict.mine)}
                  {both ? <span class="badge badge-warning">{i18n.t("editor.conflict.bothChanged")}</span> : null}
                </legend>
                <div class="conflict-sides">
                  {(["theirs", "mine"] as const).map((side) => (
                    <div class={`conflict-side conflict-${side}`} key={side}>
                      <div class="field-check">
                        <input
                          type="radio"
                          id={`${name}-${side}`}
                          name={name}
                          value={side}
                          checked={choices[unit] === side}
                          onChange={() => setChoices({ ...choices, [unit]: side })}
                        />
                        <label for={`${name}-${side}`}>{i18n.t(side === "mine" ? "editor.conflict.mine" : "editor.conflict.theirs")}</label>
                      </div>
                      <div class="conflict-value" {...language(unit)}>
                        {show(unit, getIn(side === "mine" ? conflict.mine : conflict.theirs, unit))}
                      </div>
                    </div>
                  ))}
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <div class="actions">
        <ActionButton name="save-merged" onAction={() => onResolve(merged())}>
          {i18n.t("editor.conflict.saveChoices")}
        </ActionButton>
      </div>
    </section>
  );
}

/**
 * One tab per locale over the form's texts, each telling how many fields are written in another
 * language and not in this one.
 */
export function LocaleTabs(props: { values: unknown; active: string; onChange(locale: string): void; controls: string }) {
  const { i18n, locales } = useEditor();
  const missing = useMemo(() => untranslatedPaths(props.values, locales), [props.values, locales]);
  const select = (locale: string) => {
    props.onChange(locale);
    document.getElementById(`tab-${locale}`)?.focus();
  };
  return (
    <div class="locale-tabs" role="tablist" aria-label={i18n.t("editor.forms.languageTabs")}>
      {locales.map((locale, index) => {
        const count = missing[locale]?.length ?? 0;
        return (
          <button
            key={locale}
            type="button"
            role="tab"
            id={`tab-${locale}`}
            aria-selected={props.active === locale ? "true" : "false"}
            aria-controls={props.controls}
            tabIndex={props.active === locale ? 0 : -1}
            class={`locale-tab ${props.active === locale ? "is-active" : ""}`}
            data-locale={locale}
            onClick={() => props.onChange(locale)}
            onKeyDown={(event) => {
              const forward = i18n.dir === "rtl" ? "ArrowLeft" : "ArrowRight";
              const back = i18n.dir === "rtl" ? "ArrowRight" : "ArrowLeft";
              if (event.key === forward) select(locales[(index + 1) % locales.length]!);
              else if (event.key === back) select(locales[(index - 1 + locales.length) % locales.length]!);
              else if (event.key === "Home") select(locales[0]!);
              else if (event.key === "End") select(locales[locales.length - 1]!);
              else return;
              event.preventDefault();
            }}
          >
            <span>{i18n.languageName(locale)}</span>
            {count > 0 ? (
              <>
                <span class="tab-missing" data-missing-count={count} aria-hidden="true">
                  {count}
                </span>
                <span class="visually-hidden">{i18n.t("editor.forms.untranslated", { count })}</span>
              </>
            ) : null}
          </button>
        );
      })}
    </div>
  );
}

/** The language a field path belongs to ("locations.0.texts.fr.address" → "fr"). */
export function localeOfPath(path: string, locales: string[]): string | null {
  const match = /(^|\.)(texts|notes|descriptions)\.([a-z]{2,3})(\.|$)/.exec(path);
  return match && locales.includes(match[3]!) ? match[3]! : null;
}

export function useActiveLocale(): [string, (locale: string) => void] {
  const { i18n, locales } = useEditor();
  return useState(locales.includes(i18n.locale) ? i18n.locale : locales[0]!);
}
