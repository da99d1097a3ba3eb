import { useEffect, useState } from "preact/hooks";
import { useEditor } from "./context.js";
import { FEEDBACK, RESOLVE_FEEDBACK } from "./queries.js";
import { href } from "./router.js";
import { Badge, Loading, PageTitle, ProblemNotice, problemMessage, Text } from "./ui.js";

/** Reports the public sent about a person's listings, and their answer: resolved or dismissed, with a note. */
interface Report {
  id: string;
  kind: string;
  message: string | null;
  locale: string | null;
  status: string;
  createdAt: string;
  resolvedAt: string | null;
  resolutionNote: string | null;
  version: number;
  listing: { id: string; kind: string; name: { text: string; locale: string }; organizationId: string };
}

export function FeedbackPage() {
  const { i18n, request, announce } = useEditor();
  const t = i18n.t;
  const [status, setStatus] = useState("OPEN");
  const [reports, setReports] = useState<Report[] | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => {
    setReports(null);
    request<{ feedbackReports: Report[] }>(FEEDBACK, { status }).then(
      (answer) => setReports(answer.feedbackReports),
      (error: unknown) => setProblem(error),
    );
  }, [request, status, attempt]);

  const resolve = async (report: Report, resolution: "RESOLVED" | "DISMISSED") => {
    try {
      await request(RESOLVE_FEEDBACK, { id: report.id, expectedVersion: report.version, resolution, note: notes[report.id]?.trim() || null });
      announce(t(resolution === "RESOLVED" ? "editor.feedback.resolvedDone" : "editor.feedback.dismissedDone"));
      setReports((current) => (current ?? []).filter((item) => item.id !== report.id));
    } catch (error) {
      setErrors((current) => ({ ...current, [report.id]: problemMessage(error, t) }));
    }
  };

  return (
    <>
      <PageTitle>{t("editor.feedback.title")}</PageTitle>
      <div class="field list-filters">
        <label for="feedback-status">{t("editor.lists.filterByState")}</label>
        <select id="feedback-status" value={status} onChange={(event) => setStatus((event.currentTarget as HTMLSelectElement).value)}>
          {["OPEN", "RESOLVED", "DISMISSED"].map((value) => (
            <option key={value} value={value}>
              {i18n.enumLabel("feedbackStatus", value)}
            </option>
          ))}
        </select>
      </div>
      {problem ? <ProblemNotice error={problem} retry={() => setAttempt((value) => value + 1)} /> : null}
      {!reports && !problem ? <Loading /> : null}
      {reports ? (
        <>
          <p role="status">{t("editor.lists.items", { count: reports.length })}</p>
          <ul class="listing-cards">
            {reports.map((report) => (
              <li class="listing-card" key={report.id} data-report={report.id}>
                <h2 class="listing-title">
                  <a href={href(report.listing.kind === "SERVICE" ? "services" : "vacancies", report.listing.id)}>
                    <Text value={report.listing.name} />
                  </a>
                </h2>
                <div class="badges">
                  <Badge kind="warning">{i18n.enumLabel("feedbackKind", report.kind)}</Badge>
                  <Badge>{i18n.enumLabel("feedbackStatus", report.status)}</Badge>
                </div>
                <p class="muted">{t("editor.feedback.receivedOn", { date: i18n.formatDateTime(report.createdAt) })}</p>
                {report.message ? (
                  <blockquote class="reason" lang={report.locale ?? undefined}>
                    {report.message}
                  </blockquote>
                ) : null}
                {report.resolutionNote ? <p>{report.resolutionNote}</p> : null}
                {report.status === "OPEN" ? (
                  <div class="feedback-answer">
                    <div class="field">
                      <label for={`note-${report.id}`}>{t("editor.feedback.note")}</label>
                      <textarea
                        id={`note-${report.id}`}
                        rows={2}
                        value={notes[report.id] ?? ""}
                        onInput={(event) => setNotes({ ...notes, [report.id]: (event.currentTarget as HTMLTextAreaElement).value })}
                      />
                    </div>
                    <div class="actions">
                      <button type="button" onClick={() => void resolve(report, "RESOLVED")} data-action="resolve">
                        {t("editor.feedback.resolve")}
                      </button>
                      <button type="button" class="button-secondary" onClick={() => void resolve(report, "DISMISSED")} data-action="dismiss">
                        {t("editor.feedback.dismiss")}
                      </button>
                    </div>
                    {errors[report.id] ? (
                      <p class="field-error" role="alert">
                        {errors[report.id]}
                      </p>
                    ) : null}
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
