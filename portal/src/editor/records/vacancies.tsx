import { useRef } from "preact/hooks";
import { paths } from "../../lib/urls.js";
import { useActiveLocale } from "../chrome.js";
import { useEditor } from "../context.js";
import { Section, SelectInput, TextInput } from "../forms.js";
import { SourcesEditor } from "../lists.js";
import { SOURCE_FIELDS, type SourceForm, sourcesToForm, sourcesToInput } from "../sources.js";
import { RecordForm } from "../record-form.js";
import { useReferences } from "../references.js";
import { numberOrNull } from "../services/model.js";
import { TextField } from "../TextField.js";
import { type ApiTexts, type LocaleTexts, textsToForm, textsToInput } from "../texts.js";
import { ActionButton, Notice, RecordName } from "../ui.js";
import { ContentActions, type ContentKind, OrganizationChooser, publicPageOf, RecordBadges, useContentEditor } from "./common.js";

/**
 * A ministry's vacancy notice in the three languages, with its deadline and recruitment channel;
 * published directly (no review), closed early when filled, closed by itself after its deadline.
 */
interface VacancyText extends Record<string, unknown> {
  title: string;
  description: string;
  requirements: string;
  howToApply: string;
}

export interface VacancyForm {
  slug: string;
  sector: string;
  occupationCode: string;
  place: string;
  positions: string;
  employmentType: string;
  salaryMin: string;
  salaryMax: string;
  salaryCurrency: string;
  salaryPeriod: string;
  eligibility: string;
  recruitmentChannel: string;
  applyUrl: string;
  applyEmail: string;
  applyPhone: string;
  publishedOn: string;
  deadline: string;
  sources: SourceForm[];
  texts: LocaleTexts<VacancyText>;
}

const emptyText = (): VacancyText => ({ title: "", description: "", requirements: "", howToApply: "" });
const text = (value: unknown) => (value === null || value === undefined ? "" : String(value));
const orNull = (value: string) => (value.trim() === "" ? null : value.trim());

const EMPLOYMENT_TYPES = ["FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY", "INTERN", "VOLUNTEER", "PER_DIEM", "OTHER"];
const ELIGIBILITIES = ["ANYONE", "LIBYAN_NATIONALS", "MIGRANTS_WITH_WORK_PERMIT"];
const CHANNELS = ["LABOUR_OFFICE", "ONLINE", "EMAIL", "PHONE", "IN_PERSON"];
const PERIODS = ["MONTH", "YEAR", "WEEK", "DAY", "HOUR"];

/** VacancyValues, as `vacancyKind.values` selects them (api/schema.graphql). */
interface VacancyValues {
  slug: string;
  sector: string;
  occupationCode: string | null;
  placeId: string;
  positions: number;
  employmentType: string;
  salaryMin: number | null;
  salaryMax: number | null;
  salaryCurrency: string | null;
  salaryPeriod: string | null;
  eligibility: string;
  recruitmentChannel: string;
  applyUrl: string | null;
  applyEmail: string | null;
  applyPhone: string | null;
  publishedOn: string | null;
  deadline: string;
  sources: unknown;
  texts: ApiTexts<VacancyText>;
}

export const vacancyKind: ContentKind<VacancyForm, VacancyValues> = {
  type: "Vacancy",
  route: "vacancies",
  entity: "vacancy",
  published: true,
  publicPage: (values, locale) => paths.vacancy(locale, values.slug),
  single: true,
  values: `slug sector occupationCode placeId positions employmentType salaryMin salaryMax salaryCurrency salaryPeriod eligibility
    recruitmentChannel applyUrl applyEmail applyPhone publishedOn deadline ${SOURCE_FIELDS}
    texts { locale title description requirements howToApply }`,
  empty: (locales) => ({
    slug: "",
    sector: "",
    occupationCode: "",
    place: "",
    positions: "1",
    employmentType: "FULL_TIME",
    salaryMin: "",
    salaryMax: "",
    salaryCurrency: "LYD",
    salaryPeriod: "MONTH",
    eligibility: "ANYONE",
    recruitmentChannel: "LABOUR_OFFICE",
    applyUrl: "",
    applyEmail: "",
    applyPhone: "",
    publishedOn: "",
    deadline: "",
    sources: [],
    texts: textsToForm([], locales, emptyText),
  }),
  toForm: (values, locales) => ({
    slug: text(values.slug),
    sector: text(values.sector),
    occupationCode: text(values.occupationCode),
    place: text(values.placeId),
    positions: text(values.positions),
    employmentType: values.employmentType,
    salaryMin: text(values.salaryMin),
    salaryMax: text(values.salaryMax),
    salaryCurrency: text(values.salaryCurrency),
    salaryPeriod: text(values.salaryPeriod),
    eligibility: values.eligibility,
    recruitmentChannel: values.recruitmentChannel,
    applyUrl: text(values.applyUrl),
    applyEmail: text(values.applyEmail),
    applyPhone: text(values.applyPhone),
    publishedOn: text(values.publishedOn),
    deadline: text(values.deadline),
    sources: sourcesToForm(values.sources),
    texts: textsToForm(values.texts, locales, emptyText),
  }),
  toInput: (form) => {
    const hasSalary = form.salaryMin.trim() !== "" || form.salaryMax.trim() !== "";
    return {
      slug: orNull(form.slug),
      sector: form.sector,
      occupationCode: orNull(form.occupationCode),
      place: form.place,
      positions: numberOrNull(form.positions),
      employmentType: form.employmentType,
      salaryMin: numberOrNull(form.salaryMin),
      salaryMax: numberOrNull(form.salaryMax),
      salaryCurrency: hasSalary ? orNull(form.salaryCurrency) : null,
      salaryPeriod: hasSalary && form.salaryPeriod ? form.salaryPeriod : null,
      eligibility: form.eligibility,
      recruitmentChannel: form.recruitmentChannel,
      applyUrl: orNull(form.applyUrl),
      applyEmail: orNull(form.applyEmail),
      applyPhone: orNull(form.applyPhone),
      publishedOn: orNull(form.publishedOn),
      deadline: form.deadline,
      sources: sourcesToInput(form.sources),
      texts: textsToInput(form.texts),
    };
  },
  check: (form, t, locale) => {
    const errors: Record<string, string> = {};
    // A title in any language will do: the error goes to the tab in use, not to the first language's.
    const tab = locale in form.texts ? locale : Object.keys(form.texts)[0];
    if (!Object.values(form.texts).some((entry) => entry.title.trim())) errors[`texts.${tab}.title`] = t("editor.errors.titleRequired");
    if (!form.deadline) errors.deadline = t("editor.errors.required");
    if (!form.place) errors.place = t("editor.errors.required");
    if (!form.sector) errors.sector = t("editor.errors.required");
    if (form.publishedOn && form.deadline && form.deadline < form.publishedOn) errors.deadline = t("editor.errors.deadlineBeforePublication");
    return errors;
  },
};

export function VacancyEditor({ id, organizationId }: { id: string | null; organizationId?: string }) {
  const { i18n, session, references } = useEditor();
  const t = i18n.t;
  const data = useReferences(references);
  const [locale, setLocale] = useActiveLocale();
  const activeLocale = useRef(locale);
  activeLocale.current = locale;
  const editor = useContentEditor(vacancyKind, id, { organizationId, activeLocale: () => activeLocale.current });
  const form = editor.form;
  const record = editor.loaded;

  if (!id && !organizationId)
    return (
      <OrganizationChooser
        kind="vacancies"
        title={t("editor.vacancy.new")}
        organizations={session.isModerator ? (data?.organizations ?? []) : session.vacancyOrganizations}
      />
    );

  const sectors = i18n.keysOf("jobs.sectors").map((code) => ({ value: code, label: t(`jobs.sectors.${code}`) }));
  const organization = record?.organizationId ?? organizationId;
  const organizationName = data?.organizationName(organization) || session.vacancyOrganizations.find((item) => item.id === organization)?.name.text || "";
  const closable = record && record.state === "PUBLISHED" && !record.closed && !record.archived;
  return (
    <RecordForm
      editor={editor}
      publicPage={publicPageOf(vacancyKind, editor.loaded, i18n.locale)}
      formName="vacancy"
      title={id ? <RecordName texts={form.values.texts} field="title" fallback={t("editor.vacancy.untitled")} /> : t("editor.vacancy.new")}
      subtitle={organizationName || undefined}
      badges={<RecordBadges kind={vacancyKind} record={record} />}
      notices={record?.closed ? <Notice kind="warning">{t("editor.vacancy.closedNotice")}</Notice> : null}
      locale={locale}
      setLocale={setLocale}
      actions={
        <ContentActions kind={vacancyKind} editor={editor}>
          {closable ? (
            <ActionButton
              name="close"
              kind="secondary"
              onAction={() => (window.confirm(t("editor.vacancy.confirmClose")) ? editor.act(editor.step("close"), t("editor.vacancy.closedDone")) : undefined)}
            >
              {t("editor.vacancy.close")}
            </ActionButton>
          ) : null}
        </ContentActions>
      }
    >
      <Section title={t("editor.vacancy.about")} id="vacancy-texts">
        <TextField form={form} path={`texts.${locale}.title`} label={t("editor.forms.title")} locale={locale} required maxLength={200} />
        <TextField form={form} path={`texts.${locale}.description`} label={t("editor.forms.description")} locale={locale} multiline rows={5} />
        <TextField form={form} path={`texts.${locale}.requirements`} label={t("editor.forms.requirements")} locale={locale} multiline rows={4} />
        <TextField form={form} path={`texts.${locale}.howToApply`} label={t("editor.forms.howToApply")} locale={locale} multiline rows={3} />
      </Section>
      <Section title={t("editor.vacancy.details")} id="vacancy-details">
        <div class="field-pair">
          <TextInput form={form} path="deadline" label={t("editor.forms.deadline")} type="date" required />
          <TextInput form={form} path="publishedOn" label={t("editor.forms.publishedOn")} type="date" hint={t("editor.vacancy.publishedOnHint")} />
        </div>
        <SelectInput
          form={form}
          path="recruitmentChannel"
          label={t("editor.forms.recruitmentChannel")}
          options={CHANNELS.map((value) => ({ value, label: i18n.enumLabel("recruitmentChannel", value) }))}
          required
        />
        <TextInput form={form} path="applyUrl" label={t("editor.forms.applyUrl")} type="url" dir="ltr" />
        <TextInput form={form} path="applyEmail" label={t("editor.forms.applyEmail")} type="email" dir="ltr" />
        <TextInput form={form} path="applyPhone" label={t("editor.forms.applyPhone")} type="tel" dir="ltr" inputMode="tel" />
        <SelectInput form={form} path="sector" label={t("editor.forms.sector")} options={sectors} empty={t("editor.forms.chooseOne")} required />
        <SelectInput
          form={form}
          path="place"
          label={t("editor.forms.place")}
          options={(data?.placeOptions ?? []).map((option) => ({ value: option.value, label: option.label, depth: option.depth }))}
          empty={t("editor.forms.choosePlace")}
          required
        />
        <div class="field-pair">
          <TextInput form={form} path="positions" label={t("editor.forms.positions")} type="number" inputMode="numeric" min={1} />
          <SelectInput
            form={form}
            path="employmentType"
            label={t("editor.forms.employmentType")}
            options={EMPLOYMENT_TYPES.map((value) => ({ value, label: i18n.enumLabel("employmentType", value) }))}
          />
        </div>
        <SelectInput
          form={form}
          path="eligibility"
          label={t("editor.forms.vacancyEligibility")}
          options={ELIGIBILITIES.map((value) => ({ value, label: i18n.enumLabel("vacancyEligibility", value) }))}
        />
        <fieldset class="field">
          <legend>{t("jobs.salary")}</legend>
          <div class="field-pair">
            <TextInput form={form} path="salaryMin" label={t("editor.forms.salaryMin")} inputMode="decimal" dir="ltr" />
            <TextInput form={form} path="salaryMax" label={t("editor.forms.salaryMax")} inputMode="decimal" dir="ltr" />
          </div>
          <div class="field-pair">
            <TextInput form={form} path="salaryCurrency" label={t("editor.forms.salaryCurrency")} dir="ltr" maxLength={3} />
            <SelectInput
              form={form}
              path="salaryPeriod"
              label={t("editor.forms.salaryPeriod")}
              options={PERIODS.map((value) => ({ value, label: i18n.enumLabel("salaryPeriod", value) }))}
              empty="—"
            />
          </div>
        </fieldset>
        <TextInput
          form={form}
          path="occupationCode"
          label={t("editor.forms.occupationCode")}
          dir="ltr"
          inputMode="numeric"
          hint={t("editor.vacancy.occupationHint")}
        />
        <TextInput form={form} path="slug" label={t("editor.forms.slug")} dir="ltr" hint={t("editor.forms.slugHint")} />
      </Section>
      <Section title={t("editor.forms.sources")} id="vacancy-sources">
        <SourcesEditor form={form} />
      </Section>
    </RecordForm>
  );
}
