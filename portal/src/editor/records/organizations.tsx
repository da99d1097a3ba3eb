import { useEffect } from "preact/hooks";
import { paths } from "../../lib/urls.js";
import { useActiveLocale } from "../chrome.js";
import { useEditor } from "../context.js";
import { Section, SelectInput, TextInput } from "../forms.js";
import { SourcesEditor } from "../lists.js";
import { PHONE_VALUES, PUBLISH_PROGRESS_FIELD } from "../queries.js";
import { SOURCE_FIELDS, type SourceForm, sourcesToForm, sourcesToInput } from "../sources.js";
import { RecordForm } from "../record-form.js";
import { href } from "../router.js";
import { phoneToForm, phoneToInput, type PhoneForm } from "../services/model.js";
import { checkPhones, PhonesEditor } from "../services/PhonesEditor.js";
import { TextField } from "../TextField.js";
import { ActionButton, Badge, Notice, RecordName } from "../ui.js";
import { type ApiTexts, type LocaleTexts, textsToForm, textsToInput } from "../texts.js";
import { ContentActions, type ContentKind, ContentList, type ContentRecord, nameIn, publicPageOf, RecordBadges, selection, useContentEditor } from "./common.js";

/**
 * Organizations: ministries, UN agencies, NGOs — their names, kind and contacts (web site, e-mail,
 * phones). Admins add, publish, archive and restore them; an organization's own editors keep its
 * record current, and their changes to a published one wait for a moderator, as a service's do.
 */
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
  phones: PhoneForm[];
}

type EditableOrganization = ContentRecord<OrganizationValues> & {
  pendingChanges: { id: string; status: string; submittedAt: string | null } | null;
  lastRejectedChanges: { rejectionReason: string | null; decidedAt: string | null } | null;
};

const KINDS = ["GOVERNMENT", "UN_AGENCY", "INTERGOVERNMENTAL", "INTERNATIONAL_NGO", "NATIONAL_NGO", "RED_CROSS_RED_CRESCENT", "PRIVATE"];
const emptyText = (): OrganizationText => ({ name: "", alternateName: "", description: "" });
const text = (value: unknown) => (value === null || value === undefined ? "" : String(value));
const orNull = (value: string) => (value.trim() === "" ? null : value.trim());

/** OrganizationValues, as `organizationKind.values` selects them (api/schema.graphql). */
interface OrganizationValues {
  slug: string;
  kind: string;
  website: string | null;
  email: string | null;
  logo: string | null;
  sources: unknown;
  texts: ApiTexts<OrganizationText>;
  phones: Parameters<typeof phoneToForm>[0][];
}

export const organizationKind: ContentKind<OrganizationForm, OrganizationValues> = {
  type: "Organization",
  route: "organizations",
  entity: "organization",
  published: true,
  publicPage: (values, locale) => paths.organization(locale, values.slug),
  list: "editorOrganizations",
  single: true,
  extraFields: "pendingChanges { id status submittedAt } lastRejectedChanges { rejectionReason decidedAt }",
  canManage: (session) => session.isAdmin,
  values: `slug kind website email logo ${SOURCE_FIELDS} texts { locale name alternateName description } phones { ${PHONE_VALUES} }`,
  empty: (locales) => ({ slug: "", kind: "NATIONAL_NGO", website: "", email: "", logo: "", sources: [], texts: textsToForm([], locales, emptyText), phones: [] }),
  toForm: (values, locales) => ({
    slug: text(values.slug),
    kind: values.kind,
    website: text(values.website),
    email: text(values.email),
    logo: text(values.logo),
    sources: sourcesToForm(values.sources),
    texts: textsToForm(values.texts, locales, emptyText),
    phones: (values.phones ?? []).map((phone: Parameters<typeof phoneToForm>[0]) => phoneToForm(phone, locales)),
  }),
  toInput: (form) => ({
    slug: form.slug.trim(),
    kind: form.kind,
    website: orNull(form.website),
    email: orNull(form.email),
    logo: orNull(form.logo),
    sources: sourcesToInput(form.sources),
    texts: textsToInput(form.texts),
    // Nothing is filtered out: the API's error paths (phones.1.number) must name the form's rows.
    phones: form.phones.map(phoneToInput),
  }),
  check: (form, t) => {
    const errors: Record<string, string> = {};
    checkPhones(errors, "phones", form.phones, t);
    return errors;
  },
};

export function OrganizationEditor({ id }: { id: string | null }) {
  const { i18n, references, session, request } = useEditor();
  const t = i18n.t;
  const [locale, setLocale] = useActiveLocale();
  const editor = useContentEditor(organizationKind, id);
  useEffect(() => {
    if (editor.status.kind === "saved") references.invalidate();
  }, [editor.status, references]);
  const form = editor.form;
  const record = editor.loaded as EditableOrganization | null;
  const pending = record?.pendingChanges ?? null;
  const published = record?.state === "PUBLISHED";
  const inReview = pending?.status === "IN_REVIEW";
  const canSubmit = record && !record.archived && published && !inReview && (pending !== null || form.dirty);
  const fields = selection(organizationKind as ContentKind<unknown, unknown>);
  const step = (mutation: string) => async (version: number) => {
    const answer = await request<Record<string, ContentRecord<OrganizationValues>>>(
      `mutation Step($id: ID!, $expectedVersion: Int!) { ${mutation}(id: $id, expectedVersion: $expectedVersion) { ${fields} ${PUBLISH_PROGRESS_FIELD} } }`,
      { id: record!.id, expectedVersion: version },
    );
    return Object.values(answer)[0]!;
  };

  const notices = record ? (
    <>
      {record.archived ? <Notice kind="warning">{t("editor.common.archivedNotice")}</Notice> : null}
      {published && !pending && record.lastRejectedChanges?.rejectionReason ? (
        <Notice kind="warning">
          <p>{t("editor.service.changesRejected")}</p>
          <blockquote class="reason">{record.lastRejectedChanges.rejectionReason}</blockquote>
        </Notice>
      ) : null}
      {published && pending?.status === "DRAFT" ? <Notice>{t("editor.organizations.pendingDraft")}</Notice> : null}
      {inReview ? (
        <Notice>
          {t(session.isModerator ? "editor.service.inReviewModerator" : "editor.organizations.inReview")}
          {session.isModerator ? (
            <>
              {" "}
              <a href={href("review", "organization", record.id)}>{t("editor.organizations.openReview")}</a>
            </>
          ) : null}
        </Notice>
      ) : null}
    </>
  ) : null;

  const actions = record ? (
    <>
      {canSubmit ? (
        <ActionButton name="submit" kind="secondary" onAction={() => editor.act(step("submitOrganizationChanges"), t("editor.service.submitted"))}>
          {t("editor.service.submitChanges")}
        </ActionButton>
      ) : null}
      {session.isModerator && pending && !record.archived ? (
        <ActionButton name="publish-changes" kind="secondary" onAction={() => editor.act(step("publishOrganizationChanges"), t("editor.review.approved"))}>
          {t(inReview ? "editor.review.approve" : "editor.common.publish")}
        </ActionButton>
      ) : null}
      {pending ? (
        <ActionButton
          name="discard-changes"
          kind="secondary"
          onAction={() =>
            window.confirm(t("editor.service.confirmDiscard")) ? editor.act(step("discardOrganizationChanges"), t("editor.service.discarded")) : undefined
          }
        >
          {t("editor.service.discardChanges")}
        </ActionButton>
      ) : null}
      <ContentActions kind={organizationKind} editor={editor} />
    </>
  ) : null;

  return (
    <RecordForm
      editor={editor}
      publicPage={publicPageOf(organizationKind, editor.loaded, i18n.locale)}
      formName="organization"
      title={id ? <RecordName texts={form.values.texts} field="name" fallback={form.values.slug} /> : t("editor.organizations.new")}
      badges={
        <>
          <RecordBadges kind={organizationKind} record={editor.loaded} />
          {pending ? <Badge kind="warning">{t(`editor.service.pending.${pending.status.toLowerCase()}`)}</Badge> : null}
        </>
      }
      notices={notices}
      locale={locale}
      setLocale={setLocale}
      actions={actions}
      saveLabel={published && !session.isModerator ? t("editor.service.saveChanges") : t("editor.common.save")}
    >
      <Section title={t("editor.organizations.contacts")} id="organization-contacts" intro={t("editor.organizations.contactsIntro")}>
        <TextInput form={form} path="website" label={t("editor.forms.website")} type="url" dir="ltr" inputMode="url" hint={t("editor.forms.websiteHint")} />
        <TextInput form={form} path="email" label={t("editor.forms.email")} type="email" dir="ltr" inputMode="email" autoComplete="off" />
        <PhonesEditor form={form} path="phones" title={t("editor.forms.phones")} />
      </Section>
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
