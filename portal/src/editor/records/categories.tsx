import { useEffect } from "preact/hooks";
import { paths } from "../../lib/urls.js";
import { useActiveLocale } from "../chrome.js";
import { useEditor } from "../context.js";
import { Section, SelectInput, TextInput } from "../forms.js";
import { RecordForm } from "../record-form.js";
import { useReferences } from "../references.js";
import { TextField } from "../TextField.js";
import { RecordName } from "../ui.js";
import { type ApiTexts, type LocaleTexts, textsToForm, textsToInput } from "../texts.js";
import { ContentActions, type ContentKind, ContentList, nameIn, publicPageOf, RecordBadges, useContentEditor } from "./common.js";

/** Categories (moderators): the types of service, a tree; a change is public at once. */
interface CategoryText extends Record<string, unknown> {
  name: string;
  description: string;
}

interface CategoryForm {
  code: string;
  parent: string;
  position: string;
  icon: string;
  texts: LocaleTexts<CategoryText>;
}

const emptyText = (): CategoryText => ({ name: "", description: "" });
const text = (value: unknown) => (value === null || value === undefined ? "" : String(value));
const orNull = (value: string) => (value.trim() === "" ? null : value.trim());

/** CategoryValues, as `categoryKind.values` selects them (api/schema.graphql). */
interface CategoryValues {
  code: string;
  icon: string | null;
  parentId: string | null;
  position: number;
  texts: ApiTexts<CategoryText>;
}

export const categoryKind: ContentKind<CategoryForm, CategoryValues> = {
  type: "Category",
  route: "categories",
  entity: "category",
  published: false,
  publicPage: (values, locale) => paths.category(locale, values.code),
  list: "editorCategories",
  values: "code icon parentId position texts { locale name description }",
  empty: (locales) => ({ code: "", parent: "", position: "0", icon: "", texts: textsToForm([], locales, emptyText) }),
  toForm: (values, locales) => ({
    code: text(values.code),
    parent: text(values.parentId),
    position: text(values.position),
    icon: text(values.icon),
    texts: textsToForm(values.texts, locales, emptyText),
  }),
  toInput: (form) => ({
    code: form.code.trim(),
    parent: orNull(form.parent),
    position: form.position.trim() === "" ? null : Number(form.position),
    icon: orNull(form.icon),
    texts: textsToInput(form.texts),
  }),
};

export function CategoryEditor({ id }: { id: string | null }) {
  const { i18n, references } = useEditor();
  const t = i18n.t;
  const data = useReferences(references);
  const [locale, setLocale] = useActiveLocale();
  const editor = useContentEditor(categoryKind, id);
  useEffect(() => {
    if (editor.status.kind === "saved") references.invalidate();
  }, [editor.status, references]);
  const form = editor.form;
  const parents = (data?.categoryOptions ?? [])
    .filter((option) => option.value !== id)
    .map((option) => ({ value: option.value, label: option.label, depth: option.depth }));
  return (
    <RecordForm
      editor={editor}
      publicPage={publicPageOf(categoryKind, editor.loaded, i18n.locale)}
      formName="category"
      title={id ? <RecordName texts={form.values.texts} field="name" fallback={form.values.code} /> : t("editor.categories.new")}
      badges={<RecordBadges kind={categoryKind} record={editor.loaded} />}
      notices={<p class="muted">{t("editor.categories.publicAtOnce")}</p>}
      locale={locale}
      setLocale={setLocale}
      actions={<ContentActions kind={categoryKind} editor={editor} />}
    >
      <Section title={t("editor.forms.texts")} id="category-texts">
        <TextField form={form} path={`texts.${locale}.name`} label={t("editor.forms.name")} locale={locale} required maxLength={200} />
        <TextField form={form} path={`texts.${locale}.description`} label={t("editor.forms.description")} locale={locale} multiline rows={3} />
      </Section>
      <Section title={t("editor.categories.details")} id="category-details">
        <TextInput form={form} path="code" label={t("editor.forms.code")} dir="ltr" required hint={t("editor.categories.codeHint")} />
        <SelectInput form={form} path="parent" label={t("editor.forms.parent")} options={parents} empty={t("editor.categories.topLevel")} />
        <div class="field-pair">
          <TextInput form={form} path="position" label={t("editor.forms.position")} type="number" inputMode="numeric" />
          <TextInput form={form} path="icon" label={t("editor.forms.icon")} dir="ltr" />
        </div>
      </Section>
    </RecordForm>
  );
}

export function CategoryList() {
  const { i18n } = useEditor();
  return (
    <ContentList
      kind={categoryKind}
      title={i18n.t("editor.common.categories")}
      addLabel={i18n.t("editor.categories.new")}
      nameOf={(record) => nameIn(record.values.texts, "name", i18n.locale)}
      detailOf={(record) => record.values.code}
    />
  );
}
