import { useEditor } from "./context.js";
import { type FieldForm, TextInput } from "./forms.js";
import { directionOf } from "./i18n.js";
import { fieldId, getIn } from "./paths.js";
import { emptySource, type SourceForm } from "./sources.js";

/** Editable lists shared by the record forms: sources, and lists of short texts (documents to bring). */


export function SourcesEditor({ form, path = "sources" }: { form: FieldForm; path?: string }) {
  const { i18n } = useEditor();
  const sources = (getIn(form.values, path) as SourceForm[] | undefined) ?? [];
  const add = () => {
    form.set(path, [...sources, emptySource()]);
    const index = sources.length;
    requestAnimationFrame(() => document.getElementById(fieldId(`${path}.${index}.title`))?.focus());
  };
  return (
    <fieldset class="sources-editor" data-path={path}>
      <legend>{i18n.t("editor.forms.sources")}</legend>
      {sources.length === 0 ? <p class="muted">{i18n.t("editor.sources.none")}</p> : null}
      {sources.map((_, index) => (
        <div class="list-row" role="group" aria-label={i18n.t("editor.forms.sourceNumber", { number: index + 1 })} key={index}>
          <TextInput form={form} path={`${path}.${index}.title`} label={i18n.t("editor.forms.sourceTitle")} required />
          <TextInput form={form} path={`${path}.${index}.url`} label={i18n.t("editor.forms.sourceUrl")} type="url" dir="ltr" />
          <TextInput form={form} path={`${path}.${index}.published`} label={i18n.t("editor.forms.sourcePublished")} type="date" />
          <TextInput form={form} path={`${path}.${index}.accessed`} label={i18n.t("editor.forms.sourceAccessed")} type="date" />
          <button
            type="button"
            class="button-secondary button-small"
            onClick={() =>
              form.set(
                path,
                sources.filter((__, position) => position !== index),
              )
            }
            aria-label={i18n.t("editor.sources.remove", { number: index + 1 })}
          >
            {i18n.t("editor.common.remove")}
          </button>
        </div>
      ))}
      <button type="button" class="button-secondary" onClick={add}>
        {i18n.t("editor.sources.add")}
      </button>
    </fieldset>
  );
}

/** A list of short texts in one language (the documents a person must bring). */
export function TextListEditor(props: {
  form: FieldForm;
  path: string;
  legend: string;
  itemLabel: string;
  addLabel: string;
  removeLabel: string;
  locale: string;
}) {
  const { i18n } = useEditor();
  const { form, path, locale } = props;
  const items = (getIn(form.values, path) as string[] | undefined) ?? [];
  const add = () => {
    form.set(path, [...items, ""]);
    const index = items.length;
    requestAnimationFrame(() => document.getElementById(fieldId(`${path}.${index}`))?.focus());
  };
  const legend = locale === i18n.locale ? props.legend : i18n.t("editor.forms.inLanguage", { label: props.legend, language: i18n.languageInSentence(locale) });
  return (
    <fieldset class="text-list" data-path={path}>
      <legend>{legend}</legend>
      {items.map((_, index) => {
        const id = fieldId(`${path}.${index}`);
        const error = form.errors[`${path}.${index}`];
        return (
          <div class="list-row list-row-inline" key={index}>
            <div class="field">
              <label for={id}>{`${props.itemLabel} ${index + 1}`}</label>
              <input
                id={id}
                name={`${path}.${index}`}
                type="text"
                lang={locale}
                dir={directionOf(locale)}
                value={items[index] ?? ""}
                aria-invalid={error ? "true" : undefined}
                aria-describedby={error ? `${id}-error` : undefined}
                onInput={(event) => form.set(`${path}.${index}`, (event.currentTarget as HTMLInputElement).value)}
              />
              {error ? (
                <p class="field-error" id={`${id}-error`}>
                  {error}
                </p>
              ) : null}
            </div>
            <button
              type="button"
              class="button-secondary button-small"
              onClick={() =>
                form.set(
                  path,
                  items.filter((__, position) => position !== index),
                )
              }
              aria-label={`${props.removeLabel} ${index + 1}`}
            >
              {i18n.t("editor.common.remove")}
            </button>
          </div>
        );
      })}
      <button type="button" class="button-secondary" onClick={add}>
        {props.addLabel}
      </button>
    </fieldset>
  );
}
