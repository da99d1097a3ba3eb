import { useActiveLocale } from "../chrome.js";
import { useEditor } from "../context.js";
import { Section, SelectInput, TextInput } from "../forms.js";
import { SourcesEditor } from "../lists.js";
import { SOURCE_FIELDS, type SourceForm, sourcesToForm, sourcesToInput } from "../sources.js";
import { RecordForm } from "../record-form.js";
import { useReferences } from "../references.js";
import { TextField } from "../TextField.js";
import { RecordName } from "../ui.js";
import { type LocaleTexts, textsToForm, textsToInput } from "../texts.js";
import { ContentActions, type ContentKind, ContentList, nameIn, RecordBadges, useContentEditor } from "./common.js";

/** Alerts (moderators): a dated notice about a place — a clinic closed, a road cut — valid from one day to another. */
interface AlertText extends Record<string, unknown> {
  title: string;
  body: string;
}

interface AlertForm {
  place: string;
  severity: string;
  validFrom: string;
  validUntil: string;
  sources: SourceForm[];
  texts: LocaleTexts<AlertText>;
}

const SEVERITIES = ["INFO", "WARNING", "DANGER"];
const emptyText = (): AlertText => ({ title: "", body: "" });
const text = (value: unknown) => (value === null || value === undefined ? "" : String(value));
const orNull = (value: string) => (value.trim() === "" ? null : value.trim());

/** A moment as its calendar day in Libya (alerts are edited by day). */
const libyanDay = (value: string | null | undefined) =>
  value ? new Intl.DateTimeFormat("en-CA", { timeZone: "Africa/Tripoli", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(value)) : "";
/** Libya is UTC+2 all year. */
const startOfDay = (day: string) => `${day}T00:00:00+02:00`;
const endOfDay = (day: string) => `${day}T23:59:59+02:00`;

export const alertKind: ContentKind<AlertForm> = {
  type: "Alert",
  route: "alerts",
  entity: "alert",
  published: true,
  single: true,
  list: "editorAlerts",
  values: `placeId severity validFrom validUntil ${SOURCE_FIELDS} texts { locale title body }`,
  empty: (locales) => ({
    place: "",
    severity: "WARNING",
    validFrom: libyanDay(new Date().toISOString()),
    validUntil: "",
    sources: [],
    texts: textsToForm([], locales, emptyText),
  }),
  toForm: (values, locales) => ({
    place: text(values.placeId),
    severity: values.severity,
    validFrom: libyanDay(values.validFrom),
    validUntil: libyanDay(values.validUntil),
    sources: sourcesToForm(values.sources),
    texts: textsToForm(values.texts, locales, emptyText),
  }),
  toInput: (form) => ({
    place: orNull(form.place),
    severity: form.severity,
    validFrom: form.validFrom ? startOfDay(form.validFrom) : "",
    validUntil: form.validUntil ? endOfDay(form.validUntil) : null,
    sources: sourcesToInput(form.sources),
    texts: textsToInput(form.texts),
  }),
};

export function AlertEditor({ id }: { id: string | null }) {
  const { i18n, references } = useEditor();
  const t = i18n.t;
  const data = useReferences(references);
  const [locale, setLocale] = useActiveLocale();
  const editor = useContentEditor(alertKind, id);
  const form = editor.form;
  const title =
    form.values.texts[locale]?.title ||
    Object.values(form.values.texts)
      .map((entry) => entry.title)
      .find(Boolean);
  return (
    <RecordForm
      editor={editor}
      formName="alert"
      title={id ? <RecordName texts={form.values.texts} field="title" fallback={t("editor.alerts.untitled")} /> : t("editor.alerts.new")}
      badges={<RecordBadges kind={alertKind} record={editor.loaded} />}
      locale={locale}
      setLocale={setLocale}
      actions={<ContentActions kind={alertKind} editor={editor} />}
    >
      <Section title={t("editor.alerts.texts")} id="alert-texts">
        <TextField form={form} path={`texts.${locale}.title`} label={t("editor.forms.title")} locale={locale} required maxLength={200} />
        <TextField form={form} path={`texts.${locale}.body`} label={t("editor.forms.body")} locale={locale} multiline rows={4} />
      </Section>
      <Section title={t("editor.alerts.details")} id="alert-details">
        <SelectInput
          form={form}
          path="severity"
          label={t("editor.forms.severity")}
          options={SEVERITIES.map((value) => ({ value, label: i18n.enumLabel("alertSeverity", value) }))}
        />
        <SelectInput
          form={form}
          path="place"
          label={t("editor.forms.place")}
          options={(data?.placeOptions ?? []).map((option) => ({ value: option.value, label: option.label, depth: option.depth }))}
          empty={t("editor.alerts.everywhere")}
        />
        <div class="field-pair">
          <TextInput form={form} path="validFrom" label={t("editor.forms.validFrom")} type="date" required />
          <TextInput form={form} path="validUntil" label={t("editor.forms.validUntil")} type="date" />
        </div>
        <SourcesEditor form={form} />
      </Section>
    </RecordForm>
  );
}

export function AlertList() {
  const { i18n, references } = useEditor();
  const data = useReferences(references);
  return (
    <ContentList
      kind={alertKind}
      title={i18n.t("editor.common.alerts")}
      addLabel={i18n.t("editor.alerts.new")}
      nameOf={(record) => nameIn(record.values.texts, "title", i18n.locale)}
      detailOf={(record) =>
        [i18n.enumLabel("alertSeverity", record.values.severity), data?.placeName(record.values.placeId), i18n.formatDate(record.values.validFrom)]
          .filter(Boolean)
          .join(" · ")
      }
    />
  );
}
