import { useMemo, useState } from "preact/hooks";
import { MAX_AGE, MIN_AGE } from "@start/db/rules";
import { paths } from "../../lib/urls.js";
import { useActiveLocale } from "../chrome.js";
import { useEditor } from "../context.js";
import { useRecordEditor } from "../editing.js";
import type { Publishes } from "../publishing.js";
import { CheckboxGroup, Section, SelectInput, TextInput } from "../forms.js";
import { SourcesEditor, TextListEditor } from "../lists.js";
import {
  ARCHIVE_SERVICE,
  CREATE_SERVICE,
  DISCARD_SERVICE_CHANGES,
  PUBLISH_SERVICE,
  REJECT_SERVICE,
  RESTORE_SERVICE,
  SERVICE,
  SUBMIT_SERVICE,
  UPDATE_SERVICE,
  VERIFY_SERVICE,
} from "../queries.js";
import { RecordForm } from "../record-form.js";
import { useReferences } from "../references.js";
import { href } from "../router.js";
import { TextField } from "../TextField.js";
import { ActionButton, Badge, Notice, RecordName, StateBadge, Text } from "../ui.js";
import { checkHours, HoursEditor } from "./HoursEditor.js";
import { LocationsEditor } from "./LocationsEditor.js";
import { emptyService, numberOrNull, type ServiceForm, type ServiceValues, serviceToForm, serviceToInput } from "./model.js";
import { checkPhones, PhonesEditor } from "./PhonesEditor.js";

export interface EditableService extends Publishes {
  id: string;
  organizationId: string;
  organization: { id: string; name: { text: string; locale: string } };
  state: string;
  archived: boolean;
  version: number;
  updatedAt: string;
  submittedAt: string | null;
  publishedAt: string | null;
  verifiedAt: string | null;
  verifiedBy: string | null;
  rejectionReason: string | null;
  missingLocales: string[];
  openFeedbackCount: number;
  pendingChanges: { id: string; status: string; submittedAt: string | null; rejectionReason: string | null } | null;
  lastRejectedChanges: { id: string; rejectionReason: string | null; decidedAt: string | null } | null;
  form: ServiceValues;
}

const AUDIENCES = ["MIGRANTS_IN_LIBYA", "LIBYANS_ABROAD", "IDPS", "RETURNEES", "WOMEN", "CHILDREN", "ANYONE"];
const COSTS = ["FREE", "PAID", "VARIES"];
const STATUSES = ["ACTIVE", "TEMPORARILY_CLOSED", "INACTIVE", "DEFUNCT"];
/** Languages offered as checkboxes (others a service already lists are kept and shown too). */
export const COMMON_LANGUAGES = ["ar", "en", "fr", "ha", "ti", "am", "so", "tr", "it", "de", "ber"];
/** Light checks before sending; the API checks everything again and names what these miss. */
function checkService(values: ServiceForm, t: (key: string) => string, locales: string[], uiLocale: string): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!locales.some((locale) => values.texts[locale]?.name.trim()))
    errors[`texts.${locales.includes(uiLocale) ? uiLocale : locales[0]}.name`] = t("editor.errors.nameRequired");
  const phones = (path: string, list: ServiceForm["phones"]) => checkPhones(errors, path, list, t);
  const hours = (path: string, schedules: ServiceForm["schedules"]) => checkHours(errors, path, schedules, t);
  phones("phones", values.phones);
  hours("schedules", values.schedules);
  values.locations.forEach((location, index) => {
    if (!location.place) errors[`locations.${index}.place`] = t("editor.errors.required");
    phones(`locations.${index}.locationPhones`, location.locationPhones);
    phones(`locations.${index}.phones`, location.phones);
    hours(`locations.${index}.locationSchedules`, location.locationSchedules);
    hours(`locations.${index}.schedules`, location.schedules);
    for (const field of ["latitude", "longitude"] as const) {
      if (typeof numberOrNull(location[field]) === "string") errors[`locations.${index}.${field}`] = t("editor.errors.invalidNumber");
    }
  });
  return errors;
}

export function ServiceEditor({ id, organizationId }: { id: string | null; organizationId?: string }) {
  const { i18n, request, locales, session, references } = useEditor();
  const t = i18n.t;
  const data = useReferences(references);
  const [locale, setLocale] = useActiveLocale();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState("");
  const spec = useMemo(
    () => ({
      kind: "service",
      key: id ?? `new:${organizationId ?? ""}`,
      load: id ? () => request<{ editableService: EditableService }>(SERVICE, { id }).then((answer) => answer.editableService) : null,
      empty: () => emptyService(locales),
      formOf: (service: EditableService) => serviceToForm(service.form, locales),
      versionOf: (service: EditableService) => service.version,
      check: (values: ServiceForm) => checkService(values, t, locales, i18n.locale),
      save: async (values: ServiceForm, version: number | null) => {
        const input = serviceToInput(values);
        if (version === null) {
          return (await request<{ createService: EditableService }>(CREATE_SERVICE, { organizationId, input })).createService;
        }
        return (await request<{ updateService: EditableService }>(UPDATE_SERVICE, { id, expectedVersion: version, input })).updateService;
      },
      onCreated: (service: EditableService) => {
        history.replaceState(null, "", href("services", service.id));
        window.dispatchEvent(new HashChangeEvent("hashchange"));
      },
    }),
    [id, organizationId, request, locales, t, i18n.locale],
  );
  const editor = useRecordEditor<ServiceForm, EditableService>(spec);
  const service = editor.loaded;
  const form = editor.form;
  const values = form.values;

  const step =
    (query: string, extra: Record<string, unknown> = {}) =>
    async (version: number) => {
      const answer = await request<Record<string, EditableService>>(query, { id: service!.id, expectedVersion: version, ...extra });
      return Object.values(answer)[0]!;
    };

  const organizationName =
    service?.organization.name ??
    (organizationId
      ? {
          text: data?.organizationName(organizationId) || session.serviceOrganizations.find((org) => org.id === organizationId)?.name.text || "",
          locale: i18n.locale,
        }
      : null);
  const pending = service?.pendingChanges ?? null;
  const publicPage = service && service.state === "PUBLISHED" && !service.archived ? paths.service(i18n.locale, service.form.slug) : null;
  const inReview = service?.state === "IN_REVIEW" || pending?.status === "IN_REVIEW";
  const published = service?.state === "PUBLISHED";
  const canSubmit = service && !service.archived && !inReview && (published ? pending !== null || form.dirty : true);

  const notices = service ? (
    <>
      {service.archived ? <Notice kind="warning">{t("editor.common.archivedNotice")}</Notice> : null}
      {service.state === "REJECTED" && service.rejectionReason ? (
        <Notice kind="danger">
          <p>{t("editor.service.rejected")}</p>
          <blockquote class="reason">{service.rejectionReason}</blockquote>
        </Notice>
      ) : null}
      {published && !pending && service.lastRejectedChanges?.rejectionReason ? (
        <Notice kind="warning">
          <p>{t("editor.service.changesRejected")}</p>
          <blockquote class="reason">{service.lastRejectedChanges.rejectionReason}</blockquote>
        </Notice>
      ) : null}
      {published && pending?.status === "DRAFT" ? <Notice>{t("editor.service.pendingDraft")}</Notice> : null}
      {inReview ? <Notice>{t(session.isModerator ? "editor.service.inReviewModerator" : "editor.service.inReview")}</Notice> : null}
      {service.openFeedbackCount > 0 ? (
        <Notice kind="warning">
          <a href={href("feedback")}>{t("editor.lists.openFeedback", { count: service.openFeedbackCount })}</a>
        </Notice>
      ) : null}
    </>
  ) : null;

  const actions = service ? (
    <>
      {canSubmit ? (
        <ActionButton name="submit" kind="secondary" onAction={() => editor.act(step(SUBMIT_SERVICE), t("editor.service.submitted"))}>
          {t(published ? "editor.service.submitChanges" : "editor.common.submitForReview")}
        </ActionButton>
      ) : null}
      {session.isModerator && !service.archived && (!published || pending) ? (
        <ActionButton name="publish" kind="secondary" onAction={() => editor.act(step(PUBLISH_SERVICE), t("editor.review.approved"))}>
          {t(inReview ? "editor.review.approve" : "editor.common.publish")}
        </ActionButton>
      ) : null}
      {session.isModerator && inReview ? (
        <button type="button" class="button-secondary" data-action="reject" onClick={() => setRejecting(true)} aria-expanded={rejecting ? "true" : "false"}>
          {t("editor.review.reject")}
        </button>
      ) : null}
      {!service.archived ? (
        <ActionButton name="verify" kind="secondary" onAction={() => editor.act(step(VERIFY_SERVICE), t("editor.service.verified"))}>
          {t("editor.forms.markVerified")}
        </ActionButton>
      ) : null}
      {pending ? (
        <ActionButton
          name="discard-changes"
          kind="secondary"
          onAction={() =>
            window.confirm(t("editor.service.confirmDiscard")) ? editor.act(step(DISCARD_SERVICE_CHANGES), t("editor.service.discarded")) : undefined
          }
        >
          {t("editor.service.discardChanges")}
        </ActionButton>
      ) : null}
      {service.archived ? (
        <ActionButton name="restore" kind="secondary" onAction={() => editor.act(step(RESTORE_SERVICE), t("editor.common.restored"))}>
          {t("editor.common.restore")}
        </ActionButton>
      ) : (
        <ActionButton
          name="archive"
          kind="danger"
          onAction={() => (window.confirm(t("editor.common.confirmArchive")) ? editor.act(step(ARCHIVE_SERVICE), t("editor.common.archived")) : undefined)}
        >
          {t("editor.common.archive")}
        </ActionButton>
      )}
    </>
  ) : null;

  const rejectForm =
    service && rejecting ? (
      <form
        class="reject-form"
        onSubmit={async (event) => {
          event.preventDefault();
          const done = await editor.act(step(REJECT_SERVICE, { reason }), t("editor.review.rejected"));
          if (done) {
            setRejecting(false);
            setReason("");
          }
        }}
      >
        <div class="field">
          <label for="reject-reason">{t("editor.review.rejectReason")}</label>
          <textarea
            id="reject-reason"
            name="reason"
            rows={3}
            value={reason}
            required
            onInput={(event) => setReason((event.currentTarget as HTMLTextAreaElement).value)}
          />
        </div>
        <div class="actions">
          <button type="submit" data-action="confirm-reject">
            {t("editor.review.reject")}
          </button>
          <button type="button" class="button-secondary" onClick={() => setRejecting(false)}>
            {t("common.cancel")}
          </button>
        </div>
      </form>
    ) : null;

  const languageOptions = [...new Set([...COMMON_LANGUAGES, ...values.languages])].map((code) => ({ value: code, label: i18n.languageName(code) }));
  const chosenCategories = values.categories.map((category) => data?.categoryName(category) ?? category);

  return (
    <RecordForm
      editor={editor}
      formName="service"
      title={id ? <RecordName texts={values.texts} field="name" fallback={t("editor.service.untitled")} /> : t("editor.service.new")}
      subtitle={organizationName ? <Text value={organizationName} /> : undefined}
      badges={
        service ? (
          <>
            <StateBadge state={service.state} archived={service.archived} />
            {pending ? <Badge kind="warning">{t(`editor.service.pending.${pending.status.toLowerCase()}`)}</Badge> : null}
            <Badge>
              {service.verifiedAt ? t("editor.service.verifiedOn", { date: i18n.formatDate(service.verifiedAt) }) : t("editor.service.neverVerified")}
            </Badge>
            {session.isModerator ? (
              <a class="badge-link" href={href("audit", "service", service.id)}>
                {t("editor.audit.title")}
              </a>
            ) : null}
            {publicPage ? (
              <a class="badge-link" href={publicPage}>
                {t("editor.common.publicPage")}
              </a>
            ) : null}
          </>
        ) : null
      }
      notices={notices}
      locale={locale}
      setLocale={setLocale}
      actions={actions}
      saveLabel={service && published && !session.isModerator ? t("editor.service.saveChanges") : t("editor.common.save")}
      after={rejectForm}
      publicPage={publicPage}
    >
      <Section title={t("editor.service.about")} id="service-about">
        <TextField form={form} path={`texts.${locale}.name`} label={t("editor.forms.name")} locale={locale} required maxLength={200} />
        <TextField form={form} path={`texts.${locale}.alternateName`} label={t("editor.forms.alternateName")} locale={locale} maxLength={200} />
        <TextField form={form} path={`texts.${locale}.description`} label={t("editor.forms.description")} locale={locale} multiline rows={5} />
        <TextField form={form} path={`texts.${locale}.eligibilityDescription`} label={t("editor.forms.eligibility")} locale={locale} multiline rows={3} />
        <TextField form={form} path={`texts.${locale}.applicationProcess`} label={t("editor.forms.applicationProcess")} locale={locale} multiline rows={3} />
        <TextField form={form} path={`texts.${locale}.feesDescription`} label={t("editor.forms.fees")} locale={locale} multiline rows={2} />
        <TextListEditor
          form={form}
          path={`texts.${locale}.requiredDocuments`}
          legend={t("editor.forms.documents")}
          itemLabel={t("editor.forms.document")}
          addLabel={t("editor.forms.addDocument")}
          removeLabel={t("editor.forms.removeDocument")}
          locale={locale}
        />
      </Section>

      <Section title={t("editor.service.whoAndWhat")} id="service-details">
        <details class="field categories-picker">
          <summary>
            {t("editor.forms.categories")}
            {chosenCategories.length ? <span class="muted">{` (${i18n.list(chosenCategories)})`}</span> : null}
          </summary>
          <CheckboxGroup form={form} path="categories" legend={t("editor.forms.categories")} options={data?.categoryOptions ?? []} />
        </details>
        <CheckboxGroup
          form={form}
          path="audiences"
          legend={t("editor.forms.audiences")}
          options={AUDIENCES.map((value) => ({ value, label: i18n.enumLabel("audience", value) }))}
          columns
        />
        <CheckboxGroup form={form} path="languages" legend={t("editor.forms.languages")} options={languageOptions} columns />
        <div class="field-pair">
          <SelectInput
            form={form}
            path="cost"
            label={t("editor.forms.cost")}
            options={COSTS.map((value) => ({ value, label: i18n.enumLabel("serviceCost", value) }))}
          />
          <SelectInput
            form={form}
            path="status"
            label={t("editor.forms.status")}
            options={STATUSES.map((value) => ({ value, label: i18n.enumLabel("serviceStatus", value) }))}
          />
        </div>
        <div class="field-pair">
          <TextInput form={form} path="minimumAge" label={t("editor.forms.minimumAge")} type="number" inputMode="numeric" min={MIN_AGE} max={MAX_AGE} />
          <TextInput form={form} path="maximumAge" label={t("editor.forms.maximumAge")} type="number" inputMode="numeric" min={MIN_AGE} max={MAX_AGE} />
        </div>
      </Section>

      <Section title={t("editor.service.contact")} id="service-contact">
        <TextInput form={form} path="url" label={t("editor.forms.website")} type="url" dir="ltr" inputMode="url" hint={t("editor.forms.websiteHint")} />
        <TextInput form={form} path="email" label={t("editor.forms.email")} type="email" dir="ltr" inputMode="email" autoComplete="off" />
        <PhonesEditor form={form} path="phones" title={t("editor.forms.phones")} />
      </Section>

      <Section title={t("editor.forms.hours")} id="service-hours" intro={t("editor.hours.serviceIntro")}>
        <HoursEditor form={form} path="schedules" title={t("editor.forms.hours")} locale={locale} />
      </Section>

      <Section title={t("editor.forms.locations")} id="service-locations">
        <LocationsEditor form={form} locale={locale} />
      </Section>

      <Section title={t("editor.forms.sources")} id="service-sources">
        <TextInput form={form} path="slug" label={t("editor.forms.slug")} dir="ltr" hint={t("editor.forms.slugHint")} />
        <SourcesEditor form={form} />
      </Section>
    </RecordForm>
  );
}
