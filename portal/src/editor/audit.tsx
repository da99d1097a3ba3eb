import { useEffect, useState } from "preact/hooks";
import { useEditor } from "./context.js";
import { describePath, describeValue } from "./describe.js";
import { AUDIT_TRAIL } from "./queries.js";
import { useReferences } from "./references.js";
import { Loading, PageTitle, ProblemNotice } from "./ui.js";

/** Who changed a record, what and when (moderators, admins): every audit entry with its field changes. */
interface Entry {
  id: string;
  action: string;
  actorName: string | null;
  createdAt: string;
  changes: { path: string; before: unknown; after: unknown }[];
}

/** Book-keeping every save changes: not worth a line in the trail. */
const NOISE = /(^|\.)(version|updatedAt|updated_at|lastSeenAt)$/;

export function AuditTrailPage({ entityType, entityId }: { entityType: string; entityId: string }) {
  const { i18n, request, locales, references } = useEditor();
  const t = i18n.t;
  const data = useReferences(references);
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    request<{ auditTrail: Entry[] }>(AUDIT_TRAIL, { entityType, entityId }).then(
      (answer) => setEntries(answer.auditTrail),
      (error: unknown) => setProblem(error),
    );
  }, [request, entityType, entityId, attempt]);
  const actionLabel = (action: string) => {
    const label = t(`editor.audit.actions.${action}`);
    return label.startsWith("editor.audit.actions.") ? action : label;
  };
  return (
    <>
      <PageTitle subtitle={t(`editor.audit.types.${entityType}`)}>{t("editor.audit.title")}</PageTitle>
      {problem ? <ProblemNotice error={problem} retry={() => setAttempt((value) => value + 1)} /> : null}
      {!entries && !problem ? <Loading /> : null}
      {entries ? (
        <>
          {entries.length === 0 ? <p>{t("editor.lists.empty")}</p> : null}
          <ol class="audit-list">
            {entries
              .map((entry) => ({ ...entry, changes: entry.changes.filter((change) => !NOISE.test(change.path)) }))
              .map((entry) => (
                <li key={entry.id} class="audit-entry">
                  <p class="audit-head">
                    <strong>{actionLabel(entry.action)}</strong>
                    {" · "}
                    <span>{entry.actorName ?? t("editor.audit.system")}</span>
                    {" · "}
                    <time dateTime={entry.createdAt}>{i18n.formatDateTime(entry.createdAt)}</time>
                  </p>
                  {entry.changes.length > 0 ? (
                    <details>
                      <summary>{t("editor.audit.changeCount", { count: entry.changes.length })}</summary>
                      <dl class="audit-changes">
                        {entry.changes.map((change) => (
                          <div key={change.path}>
                            <dt>{describePath(change.path, i18n, locales)}</dt>
                            <dd>
                              <span class="muted">{i18n.labelled(t("editor.review.before"))} </span>
                              {describeValue(change.path, change.before, i18n, data) || "—"}
                            </dd>
                            <dd>
                              <span class="muted">{i18n.labelled(t("editor.review.after"))} </span>
                              {describeValue(change.path, change.after, i18n, data) || "—"}
                            </dd>
                          </div>
                        ))}
                      </dl>
                    </details>
                  ) : null}
                </li>
              ))}
          </ol>
        </>
      ) : null}
    </>
  );
}
