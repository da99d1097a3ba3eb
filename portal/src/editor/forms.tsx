import type { ComponentChildren, JSX } from "preact";
import { useCallback, useRef, useState } from "preact/hooks";
import { directionOf } from "./i18n.js";
import { fieldId, getIn, type Path, setIn } from "./paths.js";

/**
 * Form state and labelled controls. Every control is named by its path in the form's values
 * (name="texts.ar.name", id="f-texts-ar-name"), the path the API names in a field error, so an
 * error lands next to its field; the message is the API's, already in the editor's language.
 */
export type FieldErrors = Record<Path, string>;

export interface FormState<T> {
  values: T;
  errors: FieldErrors;
  set(path: Path, value: unknown): void;
  update(change: (values: T) => T): void;
  reset(values: T): void;
  setErrors(errors: FieldErrors): void;
  /** Whether the values differ from the last reset(). */
  dirty: boolean;
}

/**
 * What a field reads and writes of its form, by path: any FormState<T> is one, whatever T, so the
 * field components serve every record's form.
 */
export type FieldForm = Pick<FormState<unknown>, "values" | "errors" | "set">;

export function useForm<T>(initial: T, onChange?: (values: T) => void): FormState<T> {
  const [values, setValues] = useState<T>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [dirty, setDirty] = useState(false);
  const changeRef = useRef(onChange);
  changeRef.current = onChange;
  const update = useCallback((change: (values: T) => T) => {
    setValues((previous) => {
      const next = change(previous);
      changeRef.current?.(next);
      return next;
    });
    setDirty(true);
  }, []);
  const set = useCallback(
    (path: Path, value: unknown) => {
      update((previous) => setIn(previous, path, value));
      setErrors((previous) => {
        if (!(path in previous)) return previous;
        const { [path]: _removed, ...rest } = previous;
        return rest;
      });
    },
    [update],
  );
  const reset = useCallback((next: T) => {
    setValues(next);
    setErrors({});
    setDirty(false);
  }, []);
  return { values, errors, set, update, reset, setErrors, dirty };
}

/** Field errors from the API, by the form's paths (a per-locale value's ".text" is its field). */
export function errorsByPath(fields: { path: string; message: string }[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const field of fields) {
    const path = field.path.replace(/^input\./, "").replace(/\.(descriptions|notes)\.([a-z]{2,3})\.text$/, ".$1.$2");
    errors[path] = errors[path] ? `${errors[path]} ${field.message}` : field.message;
  }
  return errors;
}

interface FieldProps {
  form: FieldForm;
  path: Path;
  label: string;
  hint?: string;
  required?: boolean;
  /** The language of the value (a text in another locale than the editor's). */
  lang?: string;
  class?: string;
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return ids || undefined;
}

function Label({ id, label, required }: { id: string; label: string; required?: boolean }) {
  return (
    <label for={id} class={required ? "is-required" : undefined}>
      {label}
    </label>
  );
}

function Hint({ id, hint }: { id: string; hint?: string }) {
  return hint ? (
    <span class="hint" id={`${id}-hint`}>
      {hint}
    </span>
  ) : null;
}

export function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p class="field-error" id={`${id}-error`}>
      {message}
    </p>
  ) : null;
}

const langAttributes = (lang?: string) => (lang ? { lang, dir: directionOf(lang) } : {});

export function TextInput(
  props: FieldProps & {
    type?: "text" | "email" | "url" | "tel" | "date" | "time" | "number" | "password";
    inputMode?: JSX.HTMLAttributes["inputMode"];
    autoComplete?: string;
    dir?: "ltr" | "rtl" | "auto";
    min?: number;
    max?: number;
    step?: string;
    maxLength?: number;
  },
) {
  const { form, path, label, hint, required, lang, type = "text" } = props;
  const id = fieldId(path);
  const error = form.errors[path];
  const value = getIn(form.values, path);
  return (
    <div class={`field ${props.class ?? ""}`}>
      <Label id={id} label={label} required={required} />
      <Hint id={id} hint={hint} />
      <input
        id={id}
        name={path}
        type={type}
        value={value == null ? "" : String(value)}
        onInput={(event) => form.set(path, (event.currentTarget as HTMLInputElement).value)}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy(id, hint, error)}
        aria-required={required ? "true" : undefined}
        inputMode={props.inputMode}
        autoComplete={props.autoComplete}
        min={props.min}
        max={props.max}
        step={props.step}
        maxLength={props.maxLength}
        {...langAttributes(lang)}
        {...(props.dir ? { dir: props.dir } : {})}
      />
      <FieldError id={id} message={error} />
    </div>
  );
}

export function TextArea(props: FieldProps & { rows?: number; maxLength?: number }) {
  const { form, path, label, hint, required, lang, rows = 4 } = props;
  const id = fieldId(path);
  const error = form.errors[path];
  const value = getIn(form.values, path);
  return (
    <div class={`field ${props.class ?? ""}`}>
      <Label id={id} label={label} required={required} />
      <Hint id={id} hint={hint} />
      <textarea
        id={id}
        name={path}
        rows={rows}
        value={value == null ? "" : String(value)}
        onInput={(event) => form.set(path, (event.currentTarget as HTMLTextAreaElement).value)}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy(id, hint, error)}
        maxLength={props.maxLength}
        {...langAttributes(lang)}
      />
      <FieldError id={id} message={error} />
    </div>
  );
}

export interface SelectOption {
  value: string;
  label: string;
  depth?: number;
}

export function SelectInput(props: FieldProps & { options: SelectOption[]; empty?: string }) {
  const { form, path, label, hint, required, options, empty } = props;
  const id = fieldId(path);
  const error = form.errors[path];
  const value = getIn(form.values, path);
  const current = value == null ? "" : String(value);
  const known = current === "" || options.some((option) => option.value === current);
  return (
    <div class={`field ${props.class ?? ""}`}>
      <Label id={id} label={label} required={required} />
      <Hint id={id} hint={hint} />
      <select
        id={id}
        name={path}
        value={current}
        onChange={(event) => form.set(path, (event.currentTarget as HTMLSelectElement).value || null)}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy(id, hint, error)}
        aria-required={required ? "true" : undefined}
      >
        {empty !== undefined ? <option value="">{empty}</option> : null}
        {known ? null : <option value={current}>{current}</option>}
        {options.map((option) => (
          <option value={option.value} key={option.value}>
            {`${"\u00a0\u00a0".repeat(option.depth ?? 0)}${option.label}`}
          </option>
        ))}
      </select>
      <FieldError id={id} message={error} />
    </div>
  );
}

export function Checkbox(props: FieldProps) {
  const { form, path, label, hint } = props;
  const id = fieldId(path);
  const error = form.errors[path];
  return (
    <div class={`field-check-wrap ${props.class ?? ""}`}>
      <div class="field-check">
        <input
          id={id}
          name={path}
          type="checkbox"
          checked={Boolean(getIn(form.values, path))}
          onChange={(event) => form.set(path, (event.currentTarget as HTMLInputElement).checked)}
          aria-invalid={error ? "true" : undefined}
          aria-describedby={describedBy(id, hint, error)}
        />
        <label for={id}>{label}</label>
      </div>
      <Hint id={id} hint={hint} />
      <FieldError id={id} message={error} />
    </div>
  );
}

/** A set of values (audiences, languages, categories) as checkboxes in a fieldset. */
export function CheckboxGroup(props: { form: FieldForm; path: Path; legend: string; options: SelectOption[]; hint?: string; columns?: boolean }) {
  const { form, path, legend, options, hint } = props;
  const id = fieldId(path);
  const error = form.errors[path] ?? Object.entries(form.errors).find(([key]) => key.startsWith(`${path}.`))?.[1];
  const selected = (getIn(form.values, path) as string[] | undefined) ?? [];
  const toggle = (value: string, on: boolean) =>
    form.set(path, on ? [...selected.filter((item) => item !== value), value] : selected.filter((item) => item !== value));
  return (
    <fieldset class="field" id={id} aria-describedby={describedBy(id, hint, error)} aria-invalid={error ? "true" : undefined}>
      <legend>{legend}</legend>
      <Hint id={id} hint={hint} />
      <div class={props.columns ? "check-columns" : undefined}>
        {options.map((option) => {
          const optionId = `${id}-${option.value.replace(/[^A-Za-z0-9_-]/g, "-")}`;
          return (
            <div class="field-check" key={option.value} style={option.depth ? { paddingInlineStart: `${option.depth * 1.25}rem` } : undefined}>
              <input
                id={optionId}
                type="checkbox"
                name={path}
                value={option.value}
                checked={selected.includes(option.value)}
                onChange={(event) => toggle(option.value, (event.currentTarget as HTMLInputElement).checked)}
              />
              <label for={optionId}>{option.label}</label>
            </div>
          );
        })}
      </div>
      <FieldError id={id} message={error} />
    </fieldset>
  );
}

export function Section(props: { title: string; id?: string; children: ComponentChildren; intro?: string }) {
  return (
    <section class="form-section" id={props.id} aria-labelledby={props.id ? `${props.id}-title` : undefined}>
      <h2 id={props.id ? `${props.id}-title` : undefined}>{props.title}</h2>
      {props.intro ? <p class="muted">{props.intro}</p> : null}
      {props.children}
    </section>
  );
}

/** Moves focus to the control of a path (after its tab or section has been shown). */
export function focusField(path: Path): void {
  requestAnimationFrame(() => {
    const byId = document.getElementById(fieldId(path));
    let target: HTMLElement | null = byId;
    if (!target) {
      // The closest control that exists: "locations.1.phones.0" → the first control inside it.
      let prefix = path;
      while (!target && prefix.includes(".")) {
        prefix = prefix.slice(0, prefix.lastIndexOf("."));
        target =
          document.getElementById(fieldId(prefix)) ??
          document.querySelector<HTMLElement>(`[name^="${CSS.escape(prefix)}."]`) ??
          document.querySelector<HTMLElement>(`[data-path="${CSS.escape(prefix)}"]`);
      }
    }
    if (!target) return;
    for (let details = target.closest("details"); details; details = details.parentElement?.closest("details") ?? null) details.open = true;
    target.scrollIntoView({ block: "center" });
    const focusable = target.matches("input, select, textarea, button, [tabindex]")
      ? target
      : target.querySelector<HTMLElement>("input, select, textarea, button");
    focusable?.focus();
  });
}

/** Folds case, accents and Arabic letter variants, so that a filter matches what people type. */
function folded(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f\u064b-\u065f\u0670\u0640]/g, "")
    .replace(/[أإآٱ]/g, "ا")
    .replace(/ى/g, "ي")
    .replace(/ة/g, "ه")
    .toLowerCase();
}

/**
 * A set of records chosen from a long list (places, organisations, services): what is chosen
 * stays on top, ticked; a filter finds the others, a few at a time. The value is the list of ids.
 */
export function PickList(props: {
  form: FieldForm;
  path: Path;
  legend: string;
  options: SelectOption[];
  filterLabel: string;
  noneChosen: string;
  typeForMore: string;
  noMatch: string;
  limit?: number;
}) {
  const { form, path, legend, options, limit = 8 } = props;
  const id = fieldId(path);
  const [query, setQuery] = useState("");
  const errors = Object.entries(form.errors)
    .filter(([key]) => key === path || key.startsWith(`${path}.`))
    .map(([, message]) => message);
  const error = errors.length ? errors.join(" ") : undefined;
  const selected = (getIn(form.values, path) as string[] | undefined) ?? [];
  const chosen = selected.map((value) => options.find((option) => option.value === value) ?? { value, label: value });
  const wanted = folded(query.trim());
  const others = options.filter((option) => !selected.includes(option.value) && (wanted === "" || folded(option.label).includes(wanted)));
  const toggle = (value: string, on: boolean) =>
    form.set(path, on ? [...selected.filter((item) => item !== value), value] : selected.filter((item) => item !== value));
  const box = (option: SelectOption, checked: boolean) => {
    const optionId = `${id}-${option.value.replace(/[^A-Za-z0-9_-]/g, "-")}`;
    return (
      <div class="field-check" key={option.value} style={!checked && option.depth && wanted === "" ? { paddingInlineStart: `${option.depth * 1.25}rem` } : undefined}>
        <input id={optionId} type="checkbox" name={path} value={option.value} checked={checked} onChange={(event) => toggle(option.value, (event.currentTarget as HTMLInputElement).checked)} />
        <label for={optionId}>{option.label}</label>
      </div>
    );
  };
  return (
    <fieldset class="field pick-list" data-path={path} aria-describedby={error ? `${id}-error` : undefined} aria-invalid={error ? "true" : undefined}>
      <legend>{legend}</legend>
      {chosen.length ? <div class="pick-chosen">{chosen.map((option) => box(option, true))}</div> : <p class="muted">{props.noneChosen}</p>}
      <label for={id} class="pick-filter-label">
        {props.filterLabel}
      </label>
      <input id={id} type="search" value={query} autoComplete="off" onInput={(event) => setQuery((event.currentTarget as HTMLInputElement).value)} />
      <div class="pick-options">{others.slice(0, limit).map((option) => box(option, false))}</div>
      {others.length > limit ? <p class="hint">{props.typeForMore}</p> : others.length === 0 ? <p class="hint">{props.noMatch}</p> : null}
      <FieldError id={id} message={error} />
    </fieldset>
  );
}
