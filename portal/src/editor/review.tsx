import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import { paths } from "../lib/urls.js";
import { type Text as LocalizedText, useEditor } from "./context.js";
import type { Listing } from "./dashboard.js";
import { describePath, describeValue } from "./describe.js";
import { directionOf } from "./i18n.js";
import { handOverProgress, type Publishes, PublishStatus, takeHandedOverProgress } from "./publishing.js";
import {
  ORGANIZATION_REVIEW,
  PUBLISH_ORGANIZATION_CHANGES,
  PUBLISH_SERVICE,
  REJECT_ORGANIZATION_CHANGES,
  REJECT_SERVICE,
  REVIEW_QUEUE,
  SERVICE_REVIEW,
} from "./queries.js";
import { useReferences } from "./references.js";
import { href, navigate } from "./router.js";
import type { EditableService } from "./services/ServiceEditor.js";
import { ActionButton, Badge, Loading, Notice, PageTitle, ProblemNotice, problemMessage, StateBadge, Text } from "./ui.js";

/** What waits for a moderator, and each submission with what it changes, side by side. */
export function ReviewQueue() {
  const { i18n, request, references } = useEditor();
  const t = i18n.t;
  const data = useReferences(references);
  const [queue, setQueue] = useState<Listing[] | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  // How the change approved a moment ago goes out.
  const [approved] = useState(takeHandedOverProgress);
  useEffect(() => {
    request<{ reviewQueue: Listing[] }>(REVIEW_QUEUE).then(
      (answer) => setQueue(answer.reviewQueue),
      (error: unknown) => setProblem(error),
    );
  }, [request, attempt]);
  return (
    <>
      <PageTitle>{t("editor.review.queue")}</PageTitle>
      <PublishStatus progress={approved?.progress ?? null} publicPage={approved?.publicPage} name={approved?.name} />
      {problem ? <ProblemNotice error={problem} retry={() => setAttempt((value) => value + 1)} /> : null}
      {!queue && !problem ? <Loading /> : null}
      {queue ? (
        <>
          <p role="status">{t("editor.lists.needsReview", { count: queue.length })}</p>
          <ul class="listing-cards">
            {queue.map((listing) => {
              const organization = listing.kind === "ORGANIZATION";
              return (
                <li class="listing-card" key={listing.id} data-listing={listing.id} data-kind={listing.kind}>
                  <h2 class="listing-title">
                    <a href={organization ? href("review", "organization", listing.id) : href("review", listing.id)}>
                      <Text value={listing.name} />
                    </a>
                  </h2>
                  {organization ? null : <p class="muted">{data?.organizationName(listing.organizationId)}</p>}
                  <div class="badges">
                    {organization ? <Badge>{t("editor.lists.kindOrganization")}</Badge> : null}
                    <StateBadge state={listing.state} />
                    <Badge kind="warning">{t(listing.pendingChanges ? "editor.review.kindChanges" : "editor.review.kindNew")}</Badge>
                    {listing.missingLocales.length > 0 ? (
                      <Badge kind="warning">
                        {t("editor.lists.missingIn", { languages: i18n.list(listing.missingLocales.map((code) => i18n.languageInSentence(code))) })}
                      </Badge>
                    ) : null}
                  </div>
                  {listing.submittedAt ? <p class="muted">{t("editor.review.submittedOn", { date: i18n.formatDateTime(listing.submittedAt) })}</p> : null}
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
    </>
  );
}

interface Change {
  path: string;
  before: unknown;
  after: unknown;
}

/** Turns a whole record into "changes" from nothing, for a first submission. */
function everything(values: unknown, path = ""): Change[] {
  if (values && typeof values === "object" && !Array.isArray(values)) {
    return Object.entries(values as Record<string, unknown>).flatMap(([key, value]) => {
      if (key === "texts" && Array.isArray(value)) {
        return value.flatMap((text: Record<string, unknown>) =>
          Object.entries(text)
            .filter(([field]) => field !== "locale")
            .map(([field, item]) => ({ path: `texts.${String(text.locale)}.${field}`, before: null, after: item })),
        );
      }
      return [{ path: path ? `${path}.${key}` : key, before: null, after: value }];
    });
  }
  return [];
}

const isEmpty = (value: unknown) => value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0);

/** What a review page needs of a record, whatever its kind. */
interface Reviewed {
  id: string;
  version: number;
  state: string;
  archived: boolean;
  title: string;
  subtitle?: LocalizedText;
  /** A first submission (everything it says) rather than changes to a published record. */
  isNew: boolean;
  inReview: boolean;
  values: unknown;
  current: unknown;
  changes: Change[];
  formLink: string;
  auditLink: string;
  /** Its public page in the editor's language, once approved. */
  publicPage: string;
}

type ReviewedService = EditableService & { changes: Change[]; current: unknown };

export function ReviewItem({ id }: { id: string }) {
  const { i18n } = useEditor();
  return (
    <ReviewPage
      load={(request) =>
        request<{ editableService: ReviewedService }>(SERVICE_REVIEW, { id }).then(({ editableService: service }): Reviewed => {
          const texts = (service.form.texts as Array<{ locale: string; name: string }>) ?? [];
          return {
            id: service.id,
            version: service.version,
            state: service.state,
            archived: service.archived,
            title: texts.find((text) => text.locale === i18n.locale)?.name ?? texts[0]?.name ?? "",
            subtitle: service.organization.name,
            isNew: service.changes.length === 0 && !service.pendingChanges,
            inReview: service.state === "IN_REVIEW" || service.pendingChanges?.status === "IN_REVIEW",
            values: service.form,
            current: service.current,
            changes: service.changes,
            formLink: href("services", service.id),
            auditLink: href("audit", "service", service.id),
            publicPage: paths.service(i18n.locale, service.form.slug),
          };
        })
      }
      publish={PUBLISH_SERVICE}
      reject={REJECT_SERVICE}
    />
  );
}

interface ReviewedOrganization {
  id: string;
  version: number;
  state: string;
  archived: boolean;
  values: { slug: string; texts: Array<{ locale: string; name: string }> };
  current: unknown;
  changes: Change[];
  pendingChanges: { status: string } | null;
}

export function OrganizationReviewItem({ id }: { id: string }) {
  const { i18n } = useEditor();
  return (
    <ReviewPage
      load={(request) =>
        request<{ editableOrganization: ReviewedOrganization }>(ORGANIZATION_REVIEW, { id }).then(({ editableOrganization: organization }): Reviewed => {
          const texts = organization.values.texts ?? [];
          return {
            id: organization.id,
            version: organization.version,
            state: organization.state,
            archived: organization.archived,
            title: texts.find((text) => text.locale === i18n.locale)?.name ?? texts[0]?.name ?? "",
            isNew: false,
            inReview: organization.pendingChanges?.status === "IN_REVIEW",
            values: organization.values,
            current: organization.current,
            changes: organization.changes,
            formLink: href("organizations", organization.id),
            auditLink: href("audit", "organization", organization.id),
            publicPage: paths.organization(i18n.locale, organization.values.slug),
          };
        })
      }
      publish={PUBLISH_ORGANIZATION_CHANGES}
      reject={REJECT_ORGANIZATION_CHANGES}
    />
  );
}

function ReviewPage({
  load,
  publish,
  reject,
}: {
  load: (request: ReturnType<typeof useEditor>["request"]) => Promise<Reviewed>;
  publish: string;
  reject: string;
}) {
  const { i18n, request, references, announce, locales } = useEditor();
  const t = i18n.t;
  const data = useReferences(references);
  const [record, setRecord] = useState<Reviewed | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [actionProblem, setActionProblem] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    load(request).then(setRecord, (error: unknown) => setProblem(error));
    // `load` names the same record for the life of the page.
  }, [request, attempt]);

  if (problem) {
    return (
      <>
        <PageTitle>{t("editor.review.queue")}</PageTitle>
        <ProblemNotice error={problem} retry={() => setAttempt((value) => value + 1)} />
      </>
    );
  }
  if (!record) return <Loading />;
  const rows = (record.isNew ? everything(record.values) : record.changes).filter((row) => !(isEmpty(row.before) && isEmpty(row.after)));
  const languageOf = (path: string) => {
    const locale = /^(?:.*\.)?(?:texts|descriptions|notes)\.([a-z]{2,3})(\.|$)/.exec(path)?.[1];
    return locale ? { lang: locale, dir: directionOf(locale) } : {};
  };
  const run = async (query: string, variables: Record<string, unknown>, done: string) => {
    setActionProblem(null);
    try {
      const answer = await request<Record<string, Publishes>>(query, { id: record.id, expectedVersion: record.version, ...variables });
      const progress = Object.values(answer)[0]?.publishProgress ?? null;
      handOverProgress(progress ? { progress, publicPage: record.publicPage, name: record.title } : null);
      announce(done);
      navigate("review");
    } catch (error) {
      setActionProblem(problemMessage(error, t));
      setAttempt((value) => value + 1);
    }
  };
  const kindOf = (row: Change) => (isEmpty(row.before) ? "added" : isEmpty(row.after) ? "removed" : "changed");

  return (
    <>
      <PageTitle subtitle={record.subtitle ? <Text value={record.subtitle} /> : undefined}>{record.title}</PageTitle>
      <div class="badges record-badges">
        <StateBadge state={record.state} archived={record.archived} />
        <Badge kind="warning">{t(record.isNew ? "editor.review.kindNew" : "editor.review.kindChanges")}</Badge>
        <a class="badge-link" href={record.formLink}>
          {t("editor.review.openForm")}
        </a>
        <a class="badge-link" href={record.auditLink}>
          {t("editor.audit.title")}
        </a>
      </div>
      {!record.inReview ? <Notice kind="warning">{t("editor.review.notInReview")}</Notice> : null}
      {actionProblem ? (
        <Notice kind="danger" role="alert">
          {actionProblem}
        </Notice>
      ) : null}
      <h2>{t(record.isNew ? "editor.review.newListing" : "editor.review.changes")}</h2>
      {record.isNew ? (
        <dl class="new-values">
          {rows.map((row) => (
            <div key={row.path} data-change={row.path}>
              <dt>{describePath(row.path, i18n, locales, record.values)}</dt>
              <dd {...languageOf(row.path)}>{describeValue(row.path, row.after, i18n, data)}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <div class="table-scroll" role="region" aria-label={t("editor.review.changes")} tabIndex={0}>
          <table class="changes-table">
            <thead>
              <tr>
                <th scope="col">{t("editor.review.field")}</th>
                <th scope="col">{t("editor.review.before")}</th>
                <th scope="col">{t("editor.review.after")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const kind = kindOf(row);
                return (
                  <tr key={`${row.path}:${kind}`} data-change={row.path} data-change-kind={kind}>
                    <th scope="row">{describePath(row.path, i18n, locales, kind === "removed" ? record.current : record.values)}</th>
                    <Cell class="change-before" label={t("editor.review.before")} lang={languageOf(row.path)}>
                      {kind === "added" ? <span class="muted">{t("editor.review.added")}</span> : describeValue(row.path, row.before, i18n, data)}
                    </Cell>
                    <Cell class="change-after" label={t("editor.review.after")} lang={languageOf(row.path)}>
                      {kind === "removed" ? <Badge kind="danger">{t("editor.review.removed")}</Badge> : describeValue(row.path, row.after, i18n, data)}
                    </Cell>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {record.inReview ? (
        <section class="review-decision" aria-labelledby="decision-title">
          <h2 id="decision-title">{t("editor.review.decision")}</h2>
          <div class="actions">
            <ActionButton name="approve" onAction={() => run(publish, {}, t("editor.review.approved"))}>
              {t("editor.review.approve")}
            </ActionButton>
          </div>
          <form
            class="reject-form"
            onSubmit={(event) => {
              event.preventDefault();
              void run(reject, { reason }, t("editor.review.rejected"));
            }}
          >
            <div class="field">
              <label for="reject-reason">{t("editor.review.rejectReason")}</label>
              <textarea
                id="reject-reason"
                name="reason"
                rows={3}
                required
                value={reason}
                onInput={(event) => setReason((event.currentTarget as HTMLTextAreaElement).value)}
              />
            </div>
            <button type="submit" class="button-secondary" data-action="reject">
              {t("editor.review.reject")}
            </button>
          </form>
        </section>
      ) : null}
    </>
  );
}

function Cell(props: { class: string; label: string; lang: { lang?: string; dir?: "ltr" | "rtl" }; children: ComponentChildren }) {
  return (
    <td class={props.class} data-label={props.label} {...props.lang}>
      {props.children}
    </td>
  );
}
