import { useEffect } from "preact/hooks";
import { useActiveLocale } from "../chrome.js";
import { useEditor } from "../context.js";
import { Section, SelectInput, TextInput } from "../forms.js";
import { SourcesEditor } from "../lists.js";
import { SOURCE_FIELDS, type SourceForm, sourcesToForm, sourcesToInput } from "../sources.js";
import { RecordForm } from "../record-form.js";
import { TextField } from "../TextField.js";
import { RecordName } from "../ui.js";
import { type LocaleTexts, textsToForm, textsToInput } from "../texts.js";
import { ContentActions, type ContentKind, ContentList, nameIn, RecordBadges, useContentEditor } from "./common.js";

/** Organizations (admins): ministries, UN agencies, NGOs — their names, kind and contacts. */
interface OrganizationText extends Record<string, unknown> {
  name: string;
  alternateName: string;
  description: string;
}

interface OrganizationForm {
  slug: string;
  kind: string;
  website: string;
  email: string;
  logo: string;
  sources: SourceForm[];
  texts: LocaleTexts<OrganizationText>;
}

const KINDS = ["GOVERNMENT", "UN_AGENCY", "INTERGOVERNMENTAL", "INTERNATIONAL_NGO", "NATIONAL_NGO", "RED_CROSS_RED_CRESCENT", "PRIVATE"];
const emptyText = (): OrganizationText => ({ name: "", alternateName: "", description: "" });
const text = (value: unknown) => (value === null || value === undefined ? "" : String(value));
const orNull = (value: string) => (value.trim() === "" ? null : value.trim());

export const organizationKind: ContentKind<OrganizationForm> = {
  type: "Organization",
  route: "organizations",
  entity: "organization",
  published: true,
  publicPath: "organizations",
  list: "editorOrganizations",
  values: `slug kind website email logo ${SOURCE_FIELDS} texts { locale name alternateName description }`,
  empty: (locales) => ({ slug: "", kind: "NATIONAL_NGO", website: "", email: "", logo: "", sources: [], texts: textsToForm([], locales, emptyText) }),
  toForm: (values, locales) => ({
    slug: text(values.slug),
    kind: values.kind,
    website: text(values.website),
    email: text(values.email),
    logo: text(values.logo),
    sources: sourcesToForm(values.sources),
    texts: textsToForm(values.texts, locales, emptyText),
  }),
  toInput: (form) => ({
    slug: form.slug.trim(),
    kind: form.kind,
    website: orNull(form.website),
    email: orNull(form.email),
    logo: orNull(form.logo),
    sources: sourcesToInput(form.sources),
    texts: textsToInput(form.texts),
  }),
};

export function OrganizationEditor({ id }: { id: string | null }) {
  const { i18n, references } = useEditor();
  const t = i18n.t;
  const [locale, setLocale] = useActiveLocale();
  const editor = useContentEditor(organizationKind, id);
  useEffect(() => {
    if (editor.status.kind === "saved") references.invalidate();
  }, [editor.status, references]);
  const form = editor.form;
  const name =
    form.values.texts[locale]?.name ||
    Object.values(form.values.texts)
      .map((entry) => entry.name)
      .find(Boolean);
  return (
    <RecordForm
      editor={editor}
      formName="organization"
      title={id ? <RecordName texts={form.values.texts} field="name" fallback={form.values.slug} /> : t("editor.organizations.new")}
      badges={<RecordBadges kind={organizationKind} record={editor.loaded} />}
      locale={locale}
      setLocale={setLocale}
      actions={<ContentActions kind={organizationKind} editor={editor} />}
    >
      <Section title={t("editor.forms.texts")} id="organization-texts">
        <TextField form={form} path={`texts.${locale}.name`} label={t("editor.forms.name")} locale={locale} required maxLength={200} />
        <TextField form={form} path={`texts.${locale}.alternateName`} label={t("editor.forms.alternateName")} locale={locale} maxLength={100} />
        <TextField form={form} path={`texts.${locale}.description`} label={t("editor.forms.description")} locale={locale} multiline rows={4} />
      </Section>
      <Section title={t("editor.organizations.details")} id="organization-details">
        <SelectInput
          form={form}
          path="kind"
          label={t("editor.forms.kind")}
          options={KINDS.map((value) => ({ value, label: i18n.enumLabel("organizationKind", value) }))}
        />
        <TextInput form={form} path="slug" label={t("editor.forms.slug")} dir="ltr" required />
        <TextInput form={form} path="website" label={t("editor.forms.website")} type="url" dir="ltr" />
        <TextInput form={form} path="email" label={t("editor.forms.email")} type="email" dir="ltr" />
        <TextInput form={form} path="logo" label={t("editor.forms.logo")} dir="ltr" hint={t("editor.organizations.logoHint")} />
        <SourcesEditor form={form} />
      </Section>
    </RecordForm>
  );
}

export function OrganizationList() {
  const { i18n } = useEditor();
  return (
    <ContentList
      kind={organizationKind}
      title={i18n.t("editor.common.organizations")}
      addLabel={i18n.t("editor.organizations.new")}
      nameOf={(record) => nameIn(record.values.texts, "name", i18n.locale)}
      detailOf={(record) => i18n.enumLabel("organizationKind", record.values.kind)}
    />
  );
}
