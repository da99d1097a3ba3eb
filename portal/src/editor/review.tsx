import { useEffect, useState } from "preact/hooks";
import { useEditor } from "./context.js";
import type { Listing } from "./dashboard.js";
import { describePath, describeValue } from "./describe.js";
import { directionOf } from "./i18n.js";
import { PUBLISH_SERVICE, REJECT_SERVICE, REVIEW_QUEUE, SERVICE_REVIEW } from "./queries.js";
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
  useEffect(() => {
    request<{ reviewQueue: Listing[] }>(REVIEW_QUEUE).then(
      (answer) => setQueue(answer.reviewQueue),
      (error: unknown) => setProblem(error),
    );
  }, [request, attempt]);
  return (
    <>
      <PageTitle>{t("editor.review.queue")}</PageTitle>
      {problem ? <ProblemNotice error={problem} retry={() => setAttempt((value) => value + 1)} /> : null}
      {!queue && !problem ? <Loading /> : null}
      {queue ? (
        <>
          <p role="status">{t("editor.lists.needsReview", { count: queue.length })}</p>
          <ul class="listing-cards">
            {queue.map((listing) => (
              <li class="listing-card" key={listing.id} data-listing={listing.id}>
                <h2 class="listing-title">
                  <a href={href("review", listing.id)}>
                    <Text value={listing.name} />
                  </a>
                </h2>
                <p class="muted">{data?.organizationName(listing.organizationId)}</p>
                <div class="badges">
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
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

type ReviewedService = EditableService & { changes: { path: string; before: unknown; after: unknown }[]; current: any };

/** Turns a whole record into "changes" from nothing, for a first submission. */
function everything(values: unknown, path = ""): { path: string; before: unknown; after: unknown }[] {
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

export function ReviewItem({ id }: { id: string }) {
  const { i18n, request, locales, references, announce } = useEditor();
  const t = i18n.t;
  const data = useReferences(references);
  const [service, setService] = useState<ReviewedService | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [actionProblem, setActionProblem] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    request<{ editableService: ReviewedService }>(SERVICE_REVIEW, { id }).then(
      (answer) => setService(answer.editableService),
      (error: unknown) => setProblem(error),
    );
  }, [request, id, attempt]);

  if (problem) {
    return (
      <>
        <PageTitle>{t("editor.review.queue")}</PageTitle>
        <ProblemNotice error={problem} retry={() => setAttempt((value) => value + 1)} />
      </>
    );
  }
  if (!service) return <Loading />;
  const texts = (service.form.texts as Array<{ locale: string; name: string }>) ?? [];
  const name = texts.find((text) => text.locale === i18n.locale)?.name ?? texts[0]?.name ?? "";
  const isNew = service.changes.length === 0 && !service.pendingChanges;
  const rows = (isNew ? everything(service.form) : service.changes).filter((row) => !(isEmpty(row.before) && isEmpty(row.after)));
  const inReview = service.state === "IN_REVIEW" || service.pendingChanges?.status === "IN_REVIEW";
  const languageOf = (path: string) => {
    const locale = /^(?:.*\.)?texts\.([a-z]{2,3})(\.|$)/.exec(path)?.[1];
    return locale ? { lang: locale, dir: directionOf(locale) } : {};
  };
  const run = async (query: string, variables: Record<string, unknown>, done: string) => {
    setActionProblem(null);
    try {
      await request(query, { id: service.id, expectedVersion: service.version, ...variables });
      announce(done);
      navigate("review");
    } catch (error) {
      setActionProblem(problemMessage(error, t));
      setAttempt((value) => value + 1);
    }
  };

  return (
    <>
      <PageTitle subtitle={<Text value={service.organization.name} />}>{name}</PageTitle>
      <div class="badges record-badges">
        <StateBadge state={service.state} archived={service.archived} />
        <Badge kind="warning">{t(isNew ? "editor.review.kindNew" : "editor.review.kindChanges")}</Badge>
        <a class="badge-link" href={href("services", service.id)}>
          {t("editor.review.openForm")}
        </a>
        <a class="badge-link" href={href("audit", "service", service.id)}>
          {t("editor.audit.title")}
        </a>
      </div>
      {!inReview ? <Notice kind="warning">{t("editor.review.notInReview")}</Notice> : null}
      {actionProblem ? (
        <Notice kind="danger" role="alert">
          {actionProblem}
        </Notice>
      ) : null}
      <h2>{t(isNew ? "editor.review.newListing" : "editor.review.changes")}</h2>
      {isNew ? (
        <dl class="new-values">
          {rows.map((row) => (
            <div key={row.path} data-change={row.path}>
              <dt>{describePath(row.path, i18n, locales)}</dt>
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
              {rows.map((row) => (
                <tr key={row.path} data-change={row.path}>
                  <th scope="row">{describePath(row.path, i18n, locales, service.current)}</th>
                  <td class="change-before" data-label={t("editor.review.before")} {...languageOf(row.path)}>
                    {isEmpty(row.before) ? <span class="muted">—</span> : describeValue(row.path, row.before, i18n, data)}
                  </td>
                  <td class="change-after" data-label={t("editor.review.after")} {...languageOf(row.path)}>
                    {isEmpty(row.after) ? <span class="muted">—</span> : describeValue(row.path, row.after, i18n, data)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {inReview ? (
        <section class="review-decision" aria-labelledby="decision-title">
          <h2 id="decision-title">{t("editor.review.decision")}</h2>
          <div class="actions">
            <ActionButton name="approve" onAction={() => run(PUBLISH_SERVICE, {}, t("editor.review.approved"))}>
              {t("editor.review.approve")}
            </ActionButton>
          </div>
          <form
            class="reject-form"
            onSubmit={(event) => {
              event.preventDefault();
              void run(REJECT_SERVICE, { reason }, t("editor.review.rejected"));
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
