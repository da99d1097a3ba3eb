import { useState } from "preact/hooks";
import { paths } from "../../lib/urls.js";
import { useActiveLocale } from "../chrome.js";
import { useEditor } from "../context.js";
import { type FieldForm, Section, SelectInput, TextInput } from "../forms.js";
import { directionOf } from "../i18n.js";
import { SourcesEditor } from "../lists.js";
import { SOURCE_FIELDS, type SourceForm, sourcesToForm, sourcesToInput } from "../sources.js";
import { getIn } from "../paths.js";
import { PREVIEW_MARKDOWN } from "../queries.js";
import { RecordForm } from "../record-form.js";
import { useReferences } from "../references.js";
import { TextField } from "../TextField.js";
import { type ApiTexts, type LocaleTexts, textsToForm, textsToInput } from "../texts.js";
import { problemMessage, RecordName } from "../ui.js";
import { ContentActions, type ContentKind, ContentList, nameIn, publicPageOf, RecordBadges, useContentEditor } from "./common.js";

/** Rights articles (moderators): Markdown bodies with a preview made by the API's one safe renderer, sources, review date. */
interface RightsText extends Record<string, unknown> {
  title: string;
  summary: string;
  body: string;
}

interface RightsForm {
  slug: string;
  topic: string;
  country: string;
  audience: string;
  reviewedOn: string;
  sources: SourceForm[];
  texts: LocaleTexts<RightsText>;
}

const AUDIENCES = ["MIGRANTS_IN_LIBYA", "LIBYANS_ABROAD", "IDPS", "RETURNEES", "WOMEN", "CHILDREN", "ANYONE"];
const emptyText = (): RightsText => ({ title: "", summary: "", body: "" });
const text = (value: unknown) => (value === null || value === undefined ? "" : String(value));
const orNull = (value: string) => (value.trim() === "" ? null : value.trim());

/** RightsArticleValues, as `rightsKind.values` selects them (api/schema.graphql). */
interface RightsValues {
  slug: string;
  topic: string;
  countryId: string;
  audience: string;
  reviewedOn: string;
  sources: unknown;
  texts: ApiTexts<RightsText>;
}

export const rightsKind: ContentKind<RightsForm, RightsValues> = {
  type: "RightsArticle",
  route: "rights",
  entity: "rights_article",
  published: true,
  publicPage: (values, locale) => paths.rightsArticle(locale, values.slug),
  single: true,
  list: "editorRightsArticles",
  values: `slug topic countryId audience reviewedOn ${SOURCE_FIELDS} texts { locale title summary body }`,
  empty: (locales) => ({
    slug: "",
    topic: "",
    country: "",
    audience: "ANYONE",
    reviewedOn: new Date().toISOString().slice(0, 10),
    sources: [],
    texts: textsToForm([], locales, emptyText),
  }),
  toForm: (values, locales) => ({
    slug: text(values.slug),
    topic: text(values.topic),
    country: text(values.countryId),
    audience: values.audience,
    reviewedOn: text(values.reviewedOn),
    sources: sourcesToForm(values.sources),
    texts: textsToForm(values.texts, locales, emptyText),
  }),
  toInput: (form) => ({
    slug: orNull(form.slug),
    topic: form.topic,
    country: form.country,
    audience: form.audience,
    reviewedOn: form.reviewedOn,
    sources: sourcesToInput(form.sources),
    texts: textsToInput(form.texts),
  }),
};

/** A Markdown text with a preview rendered by the API (the renderer the public pages use). */
function MarkdownField({ form, path, label, locale }: { form: FieldForm; path: string; label: string; locale: string }) {
  const { i18n, request } = useEditor();
  const [preview, setPreview] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const showPreview = async () => {
    setProblem(null);
    try {
      const answer = await request<{ previewMarkdown: string }>(PREVIEW_MARKDOWN, { markdown: String(getIn(form.values, path) ?? "") });
      setPreview(answer.previewMarkdown);
    } catch (error) {
      setProblem(problemMessage(error, i18n.t));
    }
  };
  return (
    <div class="markdown-field">
      <TextField form={form} path={path} label={label} locale={locale} multiline rows={12} hint={i18n.t("editor.rights.markdownHint")} />
      <div class="actions">
        <button type="button" class="button-secondary" onClick={() => void showPreview()} data-action="preview">
          {i18n.t(preview === null ? "editor.rights.preview" : "editor.rights.refreshPreview")}
        </button>
        {preview !== null ? (
          <button type="button" class="button-secondary" onClick={() => setPreview(null)}>
            {i18n.t("editor.rights.hidePreview")}
          </button>
        ) : null}
      </div>
      {problem ? (
        <p class="field-error" role="alert">
          {problem}
        </p>
      ) : null}
      {preview !== null ? (
        <section class="markdown-preview" aria-label={i18n.t("editor.rights.previewLabel")} lang={locale} dir={directionOf(locale)}>
          {/* Sanitised by the API's renderer (no script, no image, safe links only). */}
          <div class="prose" dangerouslySetInnerHTML={{ __html: preview }} />
        </section>
      ) : null}
    </div>
  );
}

export function RightsEditor({ id }: { id: string | null }) {
  const { i18n, references } = useEditor();
  const t = i18n.t;
  const data = useReferences(references);
  const [locale, setLocale] = useActiveLocale();
  const editor = useContentEditor(rightsKind, id);
  const form = editor.form;
  const topics = i18n.keysOf("rights.topics").map((code) => ({ value: code, label: t(`rights.topics.${code}`) }));
  const countries = (data?.placeOptions ?? []).filter((option) => option.kind === "COUNTRY").map((option) => ({ value: option.value, label: option.label }));
  return (
    <RecordForm
      editor={editor}
      publicPage={publicPageOf(rightsKind, editor.loaded, i18n.locale)}
      formName="rights"
      title={id ? <RecordName texts={form.values.texts} field="title" fallback={t("editor.rights.untitled")} /> : t("editor.rights.new")}
      badges={<RecordBadges kind={rightsKind} record={editor.loaded} />}
      locale={locale}
      setLocale={setLocale}
      actions={<ContentActions kind={rightsKind} editor={editor} />}
    >
      <Section title={t("editor.rights.texts")} id="rights-texts">
        <TextField form={form} path={`texts.${locale}.title`} label={t("editor.forms.title")} locale={locale} required maxLength={200} />
        <TextField form={form} path={`texts.${locale}.summary`} label={t("editor.forms.summary")} locale={locale} multiline rows={3} required />
        <MarkdownField form={form} path={`texts.${locale}.body`} label={t("editor.forms.body")} locale={locale} />
      </Section>
      <Section title={t("editor.rights.details")} id="rights-details">
        <SelectInput form={form} path="topic" label={t("editor.forms.topic")} options={topics} empty={t("editor.forms.chooseOne")} required />
        <SelectInput form={form} path="country" label={t("editor.forms.country")} options={countries} empty={t("editor.forms.chooseOne")} required />
        <SelectInput
          form={form}
          path="audience"
          label={t("editor.forms.audience")}
          options={AUDIENCES.map((value) => ({ value, label: i18n.enumLabel("audience", value) }))}
        />
        <TextInput form={form} path="reviewedOn" label={t("editor.forms.reviewedOn")} type="date" required />
        <TextInput form={form} path="slug" label={t("editor.forms.slug")} dir="ltr" hint={t("editor.forms.slugHint")} />
        <SourcesEditor form={form} />
      </Section>
    </RecordForm>
  );
}

export function RightsList() {
  const { i18n, references } = useEditor();
  const data = useReferences(references);
  return (
    <ContentList
      kind={rightsKind}
      title={i18n.t("editor.common.rights")}
      addLabel={i18n.t("editor.rights.new")}
      nameOf={(record) => nameIn(record.values.texts, "title", i18n.locale)}
      detailOf={(record) => [i18n.t(`rights.topics.${record.values.topic}`), data?.placeName(record.values.countryId)].filter(Boolean).join(" · ")}
    />
  );
}
