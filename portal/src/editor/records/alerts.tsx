import { useEffect, useState } from "preact/hooks";
import { paths } from "../../lib/urls.js";
import { useActiveLocale } from "../chrome.js";
import { useEditor } from "../context.js";
import { Checkbox, PickList, Section, SelectInput, type SelectOption, TextInput } from "../forms.js";
import { LISTINGS } from "../queries.js";
import { SourcesEditor } from "../lists.js";
import { SOURCE_FIELDS, type SourceForm, sourcesToForm, sourcesToInput } from "../sources.js";
import { RecordForm } from "../record-form.js";
import { useReferences } from "../references.js";
import { TextField } from "../TextField.js";
import { RecordName } from "../ui.js";
import { type ApiTexts, type LocaleTexts, textsToForm, textsToInput } from "../texts.js";
import { ContentActions, type ContentKind, ContentList, nameIn, publicPageOf, RecordBadges, useContentEditor } from "./common.js";

/**
 * Alerts (moderators): a dated notice — a clinic closed, a road cut — about places, organisations
 * and services (none: everyone), valid from one day to another; a closure marks the services
 * chosen closed until a day.
 */
interface AlertText extends Record<string, unknown> {
  title: string;
  body: string;
}

interface AlertForm {
  places: string[];
  organizations: string[];
  services: string[];
  severity: string;
  validFrom: string;
  validUntil: string;
  closure: boolean;
  closedUntil: string;
  sources: SourceForm[];
  texts: LocaleTexts<AlertText>;
}

const SEVERITIES = ["INFO", "WARNING", "DANGER"];
const emptyText = (): AlertText => ({ title: "", body: "" });
const ids = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);

/** A moment as its calendar day in Libya (alerts are edited by day). */
const libyanDay = (value: string | null | undefined) =>
  value ? new Intl.DateTimeFormat("en-CA", { timeZone: "Africa/Tripoli", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(value)) : "";
/** Libya is UTC+2 all year. */
const startOfDay = (day: string) => `${day}T00:00:00+02:00`;
const endOfDay = (day: string) => `${day}T23:59:59+02:00`;
/** The moment a closure's alert ends when it is given no end of its own: midnight after the closure's last day, in Libya. */
const closureEnd = (day: string) => Date.parse(`${day}T00:00:00+02:00`) + 86_400_000;

/** AlertValues, as `alertKind.values` selects them (api/schema.graphql). */
interface AlertValues {
  placeIds: string[];
  organizationIds: string[];
  serviceIds: string[];
  severity: string;
  validFrom: string;
  validUntil: string | null;
  closedUntil: string | null;
  sources: unknown;
  texts: ApiTexts<AlertText>;
}

export const alertKind: ContentKind<AlertForm, AlertValues> = {
  type: "Alert",
  route: "alerts",
  entity: "alert",
  published: true,
  publicPage: (_values, locale) => paths.alerts(locale),
  single: true,
  list: "editorAlerts",
  values: `placeIds organizationIds serviceIds severity validFrom validUntil closedUntil ${SOURCE_FIELDS} texts { locale title body }`,
  empty: (locales) => ({
    places: [],
    organizations: [],
    services: [],
    severity: "WARNING",
    validFrom: libyanDay(new Date().toISOString()),
    validUntil: "",
    closure: false,
    closedUntil: "",
    sources: [],
    texts: textsToForm([], locales, emptyText),
  }),
  toForm: (values, locales) => ({
    places: ids(values.placeIds),
    organizations: ids(values.organizationIds),
    services: ids(values.serviceIds),
    severity: values.severity,
    validFrom: libyanDay(values.validFrom),
    // A closure's alert that ends with the closure has no end of its own to show.
    validUntil: values.closedUntil && values.validUntil && Date.parse(values.validUntil) === closureEnd(values.closedUntil) ? "" : libyanDay(values.validUntil),
    closure: Boolean(values.closedUntil),
    closedUntil: values.closedUntil ?? "",
    sources: sourcesToForm(values.sources),
    texts: textsToForm(values.texts, locales, emptyText),
  }),
  toInput: (form) => ({
    places: form.places,
    organizations: form.organizations,
    services: form.services,
    severity: form.severity,
    validFrom: form.validFrom ? startOfDay(form.validFrom) : "",
    validUntil: form.validUntil ? endOfDay(form.validUntil) : null,
    closure: form.closure,
    closedUntil: form.closure && form.closedUntil ? form.closedUntil : null,
    sources: sourcesToInput(form.sources),
    texts: textsToInput(form.texts),
  }),
};

interface ServiceListing {
  id: string;
  kind: string;
  organizationId: string | null;
  name: { text: string };
}

/** Every service a moderator can name (drafts included, archived ones not), as options "name — organisation". */
function useServiceOptions(): SelectOption[] {
  const { request, references } = useEditor();
  const data = useReferences(references);
  const [listings, setListings] = useState<ServiceListing[]>([]);
  useEffect(() => {
    let cancelled = false;
    request<{ editorListings: ServiceListing[] }>(LISTINGS, { includeArchived: false }).then(
      (answer) => !cancelled && setListings(answer.editorListings.filter((listing) => listing.kind === "SERVICE")),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [request]);
  return listings
    .map((listing) => ({ value: listing.id, label: [listing.name.text, data?.organizationName(listing.organizationId)].filter(Boolean).join(" — ") }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

export function AlertEditor({ id }: { id: string | null }) {
  const { i18n, references } = useEditor();
  const t = i18n.t;
  const data = useReferences(references);
  const [locale, setLocale] = useActiveLocale();
  const editor = useContentEditor(alertKind, id);
  const form = editor.form;
  const serviceOptions = useServiceOptions();
  const pickStrings = {
    filterLabel: t("editor.alerts.filter"),
    noneChosen: t("editor.alerts.noneChosen"),
    typeForMore: t("editor.alerts.typeForMore"),
    noMatch: t("editor.alerts.noMatch"),
  };
  return (
    <RecordForm
      editor={editor}
      publicPage={publicPageOf(alertKind, editor.loaded, i18n.locale)}
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
      <Section title={t("editor.alerts.concerns")} id="alert-concerns" intro={t("editor.alerts.concernsIntro")}>
        <PickList form={form} path="services" legend={t("editor.alerts.services")} options={serviceOptions} {...pickStrings} />
        <PickList
          form={form}
          path="organizations"
          legend={t("editor.alerts.organizations")}
          options={(data?.organizations ?? []).map((organization) => ({ value: organization.id, label: organization.name.text })).sort((a, b) => a.label.localeCompare(b.label))}
          {...pickStrings}
        />
        <PickList form={form} path="places" legend={t("editor.alerts.places")} options={data?.placeOptions ?? []} {...pickStrings} />
      </Section>
      <Section title={t("editor.alerts.details")} id="alert-details">
        <SelectInput
          form={form}
          path="severity"
          label={t("editor.forms.severity")}
          options={SEVERITIES.map((value) => ({ value, label: i18n.enumLabel("alertSeverity", value) }))}
        />
        <div class="field-pair">
          <TextInput form={form} path="validFrom" label={t("editor.forms.validFrom")} type="date" required />
          <TextInput form={form} path="validUntil" label={t("editor.forms.validUntil")} type="date" />
        </div>
        <Checkbox form={form} path="closure" label={t("editor.alerts.closure")} />
        {form.values.closure ? (
          <TextInput form={form} path="closedUntil" label={t("editor.alerts.closedUntil")} hint={t("editor.alerts.closureHint")} type="date" required />
        ) : null}
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
        [
          i18n.enumLabel("alertSeverity", record.values.severity),
          ...ids(record.values.organizationIds).map((organization) => data?.organizationName(organization)),
          ...ids(record.values.placeIds).map((place) => data?.placeName(place)),
          i18n.formatDate(record.values.validFrom),
          record.values.closedUntil ? i18n.t("editor.alerts.closedUntilDetail", { date: i18n.formatDate(record.values.closedUntil) }) : "",
        ]
          .filter(Boolean)
          .join(" · ")
      }
    />
  );
}
