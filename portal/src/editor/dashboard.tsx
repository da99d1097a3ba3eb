import { useEffect, useMemo, useState } from "preact/hooks";
import { ApiProblem } from "./api.js";
import { type Text as LocalizedText, useEditor } from "./context.js";
import { LISTINGS, VERIFY_SERVICE } from "./queries.js";
import { useReferences } from "./references.js";
import { href } from "./router.js";
import { ActionButton, Badge, Loading, PageTitle, ProblemNotice, problemMessage, StateBadge, Text } from "./ui.js";

/**
 * The listings a person keeps: their organization's services and vacancies (everyone's for
 * moderators and admins) with their state, what is missing in which language, which are stale
 * (not verified in 180 days) or have open reports — and a one-tap "still correct".
 */
export interface Listing {
  id: string;
  /** Organizations appear in the review queue only (their pending changes). */
  kind: "SERVICE" | "VACANCY" | "ORGANIZATION";
  slug: string;
  organizationId: string;
  name: LocalizedText;
  state: string;
  archived: boolean;
  version: number;
  updatedAt: string;
  pendingChanges: string | null;
  submittedAt: string | null;
  missingLocales: string[];
  verifiedAt: string | null;
  stale: boolean;
  noContact: boolean;
  openFeedbackCount: number;
  deadline: string | null;
  closed: boolean;
}

type Filter = "all" | "attention" | "DRAFT" | "IN_REVIEW" | "PUBLISHED" | "REJECTED" | "ARCHIVED" | "stale" | "noContact" | "missing" | "feedback";

/** A published service people cannot reach through its own page: work to do. */
const unreachable = (listing: Listing) => listing.noContact && listing.state === "PUBLISHED" && !listing.archived;

export function Dashboard() {
  const { i18n, request, session, references, announce } = useEditor();
  const t = i18n.t;
  const data = useReferences(references);
  const [listings, setListings] = useState<Listing[] | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [filter, setFilter] = useState<Filter>("all");
  const [query, setQuery] = useState("");
  const [attempt, setAttempt] = useState(0);
  const [rowErrors, setRowErrors] = useState<Record<string, string>>({});

  const canList = session.canEditServices || session.canEditVacancies;
  useEffect(() => {
    if (!canList) return;
    let cancelled = false;
    setProblem(null);
    request<{ editorListings: Listing[] }>(LISTINGS, { includeArchived: filter === "ARCHIVED" }).then(
      (answer) => !cancelled && setListings(answer.editorListings),
      (error: unknown) => !cancelled && setProblem(error),
    );
    return () => {
      cancelled = true;
    };
  }, [request, attempt, filter === "ARCHIVED", canList]);

  const counts = useMemo(() => {
    const all = listings ?? [];
    return {
      inReview: all.filter((listing) => listing.state === "IN_REVIEW" || listing.pendingChanges === "IN_REVIEW").length,
      stale: all.filter((listing) => listing.stale && !listing.archived).length,
      noContact: all.filter(unreachable).length,
      missing: all.reduce((sum, listing) => sum + listing.missingLocales.length, 0),
      feedback: all.reduce((sum, listing) => sum + listing.openFeedbackCount, 0),
    };
  }, [listings]);

  const shown = useMemo(() => {
    const words = query.trim().toLocaleLowerCase(i18n.locale);
    return (listings ?? []).filter((listing) => {
      if (words && !listing.name.text.toLocaleLowerCase(i18n.locale).includes(words) && !listing.slug.includes(words)) return false;
      switch (filter) {
        case "all":
          return true;
        case "attention":
          return listing.stale || unreachable(listing) || listing.missingLocales.length > 0 || listing.openFeedbackCount > 0 || listing.state === "REJECTED";
        case "stale":
          return listing.stale;
        case "noContact":
          return unreachable(listing);
        case "missing":
          return listing.missingLocales.length > 0;
        case "feedback":
          return listing.openFeedbackCount > 0;
        case "ARCHIVED":
          return listing.archived;
        case "IN_REVIEW":
          return listing.state === "IN_REVIEW" || listing.pendingChanges === "IN_REVIEW";
        default:
          return listing.state === filter && !listing.archived;
      }
    });
  }, [listings, filter, query, i18n.locale]);

  const verify = async (listing: Listing) => {
    try {
      const answer = await request<{ verifyService: { version: number; verifiedAt: string } }>(VERIFY_SERVICE, {
        id: listing.id,
        expectedVersion: listing.version,
      });
      setListings((current) =>
        (current ?? []).map((item) =>
          item.id === listing.id ? { ...item, version: answer.verifyService.version, verifiedAt: answer.verifyService.verifiedAt, stale: false } : item,
        ),
      );
      setRowErrors(({ [listing.id]: _gone, ...rest }) => rest);
      announce(t("editor.service.verifiedNamed", { name: listing.name.text }));
    } catch (error) {
      const message = error instanceof ApiProblem && error.code === "CONFLICT" ? t("editor.errors.conflictReload") : problemMessage(error, t);
      setRowErrors((current) => ({ ...current, [listing.id]: message }));
      if (error instanceof ApiProblem && error.code === "CONFLICT") setAttempt((value) => value + 1);
    }
  };

  const organizations = [...session.serviceOrganizations, ...session.vacancyOrganizations];
  const subtitle = session.isModerator
    ? t("editor.dashboard.allOrganizations")
    : i18n.list([...new Map(organizations.map((organization) => [organization.id, organization.name.text])).values()]);

  return (
    <>
      <PageTitle subtitle={subtitle}>{t("editor.common.dashboard")}</PageTitle>
      {!canList ? <p>{t("editor.dashboard.nothingToEdit")}</p> : null}
      <div class="actions dashboard-actions">
        {session.canEditServices ? (
          <a class="button" href={href("services", "new")} data-action="new-service">
            {t("editor.service.new")}
          </a>
        ) : null}
        {session.canEditVacancies ? (
          <a class="button" href={href("vacancies", "new")} data-action="new-vacancy">
            {t("editor.vacancy.new")}
          </a>
        ) : null}
        {session.isModerator
          ? null
          : session.serviceOrganizations.map((organization) => (
              <a class="button button-secondary" href={href("organizations", organization.id)} data-action="edit-organization" key={organization.id}>
                {session.serviceOrganizations.length > 1
                  ? t("editor.dashboard.organizationContactsOf", { name: organization.name.text })
                  : t("editor.dashboard.organizationContacts")}
              </a>
            ))}
        {session.isModerator && counts.inReview > 0 ? (
          <a class="button button-secondary" href={href("review")}>
            {t("editor.lists.needsReview", { count: counts.inReview })}
          </a>
        ) : null}
      </div>
      {canList && listings ? (
        <ul class="summary-list" aria-label={t("editor.dashboard.summary")}>
          <li>
            <button type="button" class="summary-item" onClick={() => setFilter("stale")} aria-pressed={filter === "stale" ? "true" : "false"}>
              {t("editor.lists.stale", { count: counts.stale })}
            </button>
          </li>
          <li>
            <button type="button" class="summary-item" onClick={() => setFilter("noContact")} aria-pressed={filter === "noContact" ? "true" : "false"}>
              {t("editor.lists.noContact", { count: counts.noContact })}
            </button>
          </li>
          <li>
            <button type="button" class="summary-item" onClick={() => setFilter("missing")} aria-pressed={filter === "missing" ? "true" : "false"}>
              {t("editor.lists.missingTranslations", { count: counts.missing })}
            </button>
          </li>
          <li>
            <button type="button" class="summary-item" onClick={() => setFilter("feedback")} aria-pressed={filter === "feedback" ? "true" : "false"}>
              {t("editor.lists.openFeedback", { count: counts.feedback })}
            </button>
          </li>
        </ul>
      ) : null}
      {canList ? (
        <div class="list-filters" role="search">
          <div class="field">
            <label for="listing-search">{t("editor.lists.searchLabel")}</label>
            <input
              id="listing-search"
              type="search"
              value={query}
              placeholder={t("editor.lists.searchPlaceholder")}
              onInput={(event) => setQuery((event.currentTarget as HTMLInputElement).value)}
            />
          </div>
          <div class="field">
            <label for="listing-filter">{t("editor.lists.filterByState")}</label>
            <select id="listing-filter" value={filter} onChange={(event) => setFilter((event.currentTarget as HTMLSelectElement).value as Filter)}>
              <option value="all">{t("editor.lists.all")}</option>
              <option value="attention">{t("editor.lists.needsAttention")}</option>
              {["DRAFT", "IN_REVIEW", "PUBLISHED", "REJECTED", "ARCHIVED"].map((state) => (
                <option value={state} key={state}>
                  {i18n.enumLabel("publicationState", state)}
                </option>
              ))}
              <option value="stale">{t("editor.lists.staleFilter")}</option>
              <option value="noContact">{t("editor.lists.noContactFilter")}</option>
              <option value="missing">{t("editor.lists.missingFilter")}</option>
              <option value="feedback">{t("editor.lists.feedbackFilter")}</option>
            </select>
          </div>
        </div>
      ) : null}
      {problem ? <ProblemNotice error={problem} retry={() => setAttempt((value) => value + 1)} /> : null}
      {canList && !listings && !problem ? <Loading /> : null}
      {listings ? (
        <>
          <p class="muted" role="status">
            {t("editor.lists.items", { count: shown.length })}
          </p>
          {shown.length === 0 ? <p>{t("editor.lists.empty")}</p> : null}
          <ul class="listing-cards">
            {shown.map((listing) => {
              const link = href(listing.kind === "SERVICE" ? "services" : "vacancies", listing.id);
              return (
                <li class="listing-card" key={listing.id} data-listing={listing.id} data-kind={listing.kind}>
                  <h2 class="listing-title">
                    <a href={link}>
                      <Text value={listing.name} />
                    </a>
                  </h2>
                  {session.isModerator || organizations.length > 1 ? (
                    <p class="muted listing-organization">
                      {data?.organizationName(listing.organizationId) || organizations.find((org) => org.id === listing.organizationId)?.name.text}
                    </p>
                  ) : null}
                  <div class="badges">
                    <Badge>{t(listing.kind === "SERVICE" ? "editor.lists.kindService" : "editor.lists.kindVacancy")}</Badge>
                    <StateBadge state={listing.state} archived={listing.archived} />
                    {listing.pendingChanges ? <Badge kind="warning">{t(`editor.service.pending.${listing.pendingChanges.toLowerCase()}`)}</Badge> : null}
                    {listing.kind === "VACANCY" && listing.closed ? <Badge kind="danger">{t("editor.vacancy.closed")}</Badge> : null}
                    {listing.stale ? <Badge kind="warning">{t("editor.lists.staleBadge")}</Badge> : null}
                    {unreachable(listing) ? <Badge kind="warning">{t("editor.lists.noContactBadge")}</Badge> : null}
                    {listing.missingLocales.length > 0 ? (
                      <Badge kind="warning">
                        {t("editor.lists.missingIn", { languages: i18n.list(listing.missingLocales.map((code) => i18n.languageInSentence(code))) })}
                      </Badge>
                    ) : null}
                    {listing.openFeedbackCount > 0 ? (
                      <a class="badge badge-danger badge-link" href={href("feedback")}>
                        {t("editor.lists.openFeedback", { count: listing.openFeedbackCount })}
                      </a>
                    ) : null}
                  </div>
                  <p class="muted listing-dates">
                    {listing.kind === "SERVICE"
                      ? listing.verifiedAt
                        ? t("editor.service.verifiedOn", { date: i18n.formatDate(listing.verifiedAt) })
                        : t("editor.service.neverVerified")
                      : listing.deadline
                        ? t("editor.vacancy.deadlineOn", { date: i18n.formatDate(listing.deadline) })
                        : ""}
                  </p>
                  {listing.kind === "SERVICE" && !listing.archived && session.canEditServices ? (
                    <div class="actions">
                      <ActionButton kind="secondary" name="verify" onAction={() => verify(listing)} describedBy={`listing-${listing.id}-name`}>
                        {t("editor.dashboard.stillCorrect")}
                      </ActionButton>
                    </div>
                  ) : null}
                  <span id={`listing-${listing.id}-name`} class="visually-hidden">
                    {listing.name.text}
                  </span>
                  {rowErrors[listing.id] ? (
                    <p class="field-error" role="alert">
                      {rowErrors[listing.id]}
                    </p>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
    </>
  );
}
