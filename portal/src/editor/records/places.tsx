import { useEffect } from "preact/hooks";
import { useActiveLocale } from "../chrome.js";
import { useEditor } from "../context.js";
import { Section, SelectInput, TextInput } from "../forms.js";
import { RecordForm } from "../record-form.js";
import { useReferences } from "../references.js";
import { numberOrNull } from "../services/model.js";
import { TextField } from "../TextField.js";
import { RecordName } from "../ui.js";
import { type ApiTexts, type LocaleTexts, textsToForm, textsToInput } from "../texts.js";
import { ContentActions, type ContentKind, ContentList, nameIn, publicPageOf, RecordBadges, useContentEditor } from "./common.js";

/** Places (moderators): countries, regions, municipalities and cities with their names, aliases and coordinates. */
interface PlaceText extends Record<string, unknown> {
  name: string;
}

interface PlaceForm {
  slug: string;
  kind: string;
  parent: string;
  countryCode: string;
  timeZone: string;
  latitude: string;
  longitude: string;
  aliases: string;
  texts: LocaleTexts<PlaceText>;
}

const KINDS = ["COUNTRY", "REGION", "MUNICIPALITY", "CITY"];
const emptyText = (): PlaceText => ({ name: "" });
const text = (value: unknown) => (value === null || value === undefined ? "" : String(value));
const orNull = (value: string) => (value.trim() === "" ? null : value.trim());

/** PlaceValues, as `placeKind.values` selects them (api/schema.graphql). */
interface PlaceValues {
  slug: string;
  kind: string;
  parentId: string | null;
  countryCode: string;
  timeZone: string;
  latitude: number | null;
  longitude: number | null;
  aliases: string[];
  texts: ApiTexts<PlaceText>;
}

export const placeKind: ContentKind<PlaceForm, PlaceValues> = {
  type: "Place",
  route: "places",
  entity: "place",
  published: false,
  list: "editorPlaces",
  values: "slug kind parentId countryCode timeZone latitude longitude aliases texts { locale name }",
  empty: (locales) => ({
    slug: "",
    kind: "MUNICIPALITY",
    parent: "",
    countryCode: "LY",
    timeZone: "Africa/Tripoli",
    latitude: "",
    longitude: "",
    aliases: "",
    texts: textsToForm([], locales, emptyText),
  }),
  toForm: (values, locales) => ({
    slug: text(values.slug),
    kind: values.kind,
    parent: text(values.parentId),
    countryCode: text(values.countryCode),
    timeZone: text(values.timeZone),
    latitude: text(values.latitude),
    longitude: text(values.longitude),
    aliases: (values.aliases ?? []).join("\n"),
    texts: textsToForm(values.texts, locales, emptyText),
  }),
  toInput: (form) => ({
    slug: form.slug.trim(),
    kind: form.kind,
    parent: orNull(form.parent),
    countryCode: form.countryCode.trim(),
    timeZone: form.timeZone.trim(),
    latitude: numberOrNull(form.latitude),
    longitude: numberOrNull(form.longitude),
    aliases: form.aliases
      .split(/[\n،,]/)
      .map((alias) => alias.trim())
      .filter(Boolean),
    texts: textsToInput(form.texts),
  }),
};

export function PlaceEditor({ id }: { id: string | null }) {
  const { i18n, references } = useEditor();
  const t = i18n.t;
  const data = useReferences(references);
  const [locale, setLocale] = useActiveLocale();
  const editor = useContentEditor(placeKind, id);
  useEffect(() => {
    if (editor.status.kind === "saved") references.invalidate();
  }, [editor.status, references]);
  const form = editor.form;
  const parents = (data?.placeOptions ?? [])
    .filter((option) => option.value !== id)
    .map((option) => ({ value: option.value, label: option.label, depth: option.depth }));
  return (
    <RecordForm
      editor={editor}
      publicPage={publicPageOf(placeKind, editor.loaded, i18n.locale)}
      formName="place"
      title={id ? <RecordName texts={form.values.texts} field="name" fallback={form.values.slug} /> : t("editor.places.new")}
      badges={<RecordBadges kind={placeKind} record={editor.loaded} />}
      notices={<p class="muted">{t("editor.categories.publicAtOnce")}</p>}
      locale={locale}
      setLocale={setLocale}
      actions={<ContentActions kind={placeKind} editor={editor} />}
    >
      <Section title={t("editor.forms.texts")} id="place-texts">
        <TextField form={form} path={`texts.${locale}.name`} label={t("editor.forms.name")} locale={locale} required maxLength={200} />
      </Section>
      <Section title={t("editor.places.details")} id="place-details">
        <SelectInput
          form={form}
          path="kind"
          label={t("editor.forms.kind")}
          options={KINDS.map((value) => ({ value, label: i18n.enumLabel("placeKind", value) }))}
        />
        <SelectInput form={form} path="parent" label={t("editor.forms.parent")} options={parents} empty={t("editor.places.noParent")} />
        <TextInput form={form} path="slug" label={t("editor.forms.slug")} dir="ltr" required />
        <div class="field-pair">
          <TextInput form={form} path="countryCode" label={t("editor.forms.countryCode")} dir="ltr" maxLength={2} required />
          <TextInput form={form} path="timeZone" label={t("editor.forms.timeZone")} dir="ltr" required />
        </div>
        <div class="field-pair">
          <TextInput form={form} path="latitude" label={t("editor.forms.latitude")} inputMode="decimal" dir="ltr" />
          <TextInput form={form} path="longitude" label={t("editor.forms.longitude")} inputMode="decimal" dir="ltr" />
        </div>
        <div class="field">
          <label for="f-aliases">{t("editor.forms.aliases")}</label>
          <span class="hint" id="f-aliases-hint">
            {t("editor.places.aliasesHint")}
          </span>
          <textarea
            id="f-aliases"
            name="aliases"
            rows={3}
            dir="auto"
            value={form.values.aliases}
            aria-describedby={form.errors.aliases ? "f-aliases-hint f-aliases-error" : "f-aliases-hint"}
            onInput={(event) => form.set("aliases", (event.currentTarget as HTMLTextAreaElement).value)}
          />
          {form.errors.aliases ? (
            <p class="field-error" id="f-aliases-error">
              {form.errors.aliases}
            </p>
          ) : null}
        </div>
      </Section>
    </RecordForm>
  );
}

export function PlaceList() {
  const { i18n } = useEditor();
  return (
    <ContentList
      kind={placeKind}
      title={i18n.t("editor.common.places")}
      addLabel={i18n.t("editor.places.new")}
      nameOf={(record) => nameIn(record.values.texts, "name", i18n.locale)}
      detailOf={(record) => `${i18n.enumLabel("placeKind", record.values.kind)} · ${record.values.slug}`}
    />
  );
}
