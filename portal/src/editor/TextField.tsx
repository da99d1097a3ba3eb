import { useEditor } from "./context.js";
import { type FieldForm, TextArea, TextInput } from "./forms.js";
import { getIn } from "./paths.js";
import { otherLocaleText } from "./texts.js";

/**
 * A text in one of the content's languages: its label says which language when it is not the
 * editor's, it carries that language's lang and dir, and when it is empty while another language
 * has it, it says so and shows that text to translate from.
 */
export function TextField(props: {
  form: FieldForm;
  path: string;
  label: string;
  locale: string;
  multiline?: boolean;
  rows?: number;
  required?: boolean;
  hint?: string;
  maxLength?: number;
}) {
  const { i18n, locales } = useEditor();
  const { form, path, locale } = props;
  const value = getIn(form.values, path);
  const empty = value == null || String(value).trim() === "";
  const source = empty ? otherLocaleText(form.values, path, locale, locales) : null;
  const label = locale === i18n.locale ? props.label : i18n.t("editor.forms.inLanguage", { label: props.label, language: i18n.languageInSentence(locale) });
  const hints = [
    props.hint,
    source
      ? i18n.t("editor.forms.untranslatedFrom", { language: i18n.languageInSentence(source.locale), text: `\u2068${truncate(source.text, 140)}\u2069` })
      : undefined,
  ].filter(Boolean);
  const common = {
    form,
    path,
    label,
    lang: locale,
    required: props.required,
    hint: hints.length ? hints.join(" ") : undefined,
    maxLength: props.maxLength,
    class: source ? "is-untranslated" : undefined,
  };
  return props.multiline ? <TextArea {...common} rows={props.rows ?? 4} /> : <TextInput {...common} />;
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
