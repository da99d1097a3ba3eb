import { useEffect, useState } from "preact/hooks";
import { ApiProblem } from "./api.js";
import { useEditor } from "./context.js";
import { PUBLISH_PROGRESS } from "./queries.js";

/**
 * A change's way to the public site, as the editor follows it: a mutation whose change the public
 * will see answers its publish job (`publishProgress`), and the status line asks for news every
 * few seconds — queued, building, then live (with a link to the public page) or failed — until it
 * is settled or the page is left.
 */
export type PublishState = "QUEUED" | "BUILDING" | "LIVE" | "FAILED";

export interface PublishProgress {
  job: string;
  state: PublishState;
  requestedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** A record as a mutation answers it. */
export interface Publishes {
  publishProgress?: PublishProgress | null;
}

const POLL_MS = 3_000;
const settled = (state: PublishState) => state === "LIVE" || state === "FAILED";

/** The latest news of `start`'s job: asked again every few seconds until it is settled; stops when the caller unmounts. */
export function usePublishProgress(start: PublishProgress | null): PublishProgress | null {
  const { request } = useEditor();
  const [progress, setProgress] = useState(start);
  useEffect(() => {
    setProgress(start);
    if (!start || settled(start.state)) return;
    let stopped = false;
    let timer: number | undefined;
    const poll = async () => {
      try {
        const answer = await request<{ publishProgress: PublishProgress }>(PUBLISH_PROGRESS, { job: start.job });
        if (stopped) return;
        setProgress(answer.publishProgress);
        if (settled(answer.publishProgress.state)) return;
      } catch (error) {
        // Refused (signed out, the job forgotten): there is nothing more to learn. Offline: ask again.
        if (stopped || error instanceof ApiProblem) return;
      }
      timer = window.setTimeout(poll, POLL_MS);
    };
    timer = window.setTimeout(poll, POLL_MS);
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
    // A new job starts over; the same job keeps its news.
  }, [start?.job, request]);
  return progress;
}

/**
 * The status line: a polite live region, there (empty) before anything is published so that
 * screen readers announce each step. `publicPage` is the record's page on the public site in the
 * editor's language, when it has one; `name` says which record when the page is about another.
 */
export function PublishStatus(props: { progress: PublishProgress | null; publicPage?: string | null; name?: string }) {
  const { i18n } = useEditor();
  const t = i18n.t;
  const progress = usePublishProgress(props.progress);
  const state = progress?.state.toLowerCase();
  const text = state ? t(`editor.publish.progress.${state}`) : "";
  return (
    <div class={`publish-status${state ? ` publish-status-${state}` : ""}`} role="status" aria-live="polite" data-publish-state={state}>
      {progress ? (
        <p>
          <span class="publish-status-text">{props.name ? `${i18n.labelled(props.name)} ${text}` : text}</span>
          {progress.state === "LIVE" && props.publicPage ? (
            <>
              {" "}
              <a href={props.publicPage} data-action="public-page">
                {t("editor.publish.progress.publicPage")}
              </a>
            </>
          ) : null}
        </p>
      ) : null}
    </div>
  );
}

/**
 * A change made on one page and followed on the next one: approving on a review page goes back to
 * the queue, which shows how the approved change goes out. Taken once, by the next page.
 */
export interface HandedOver {
  progress: PublishProgress;
  publicPage: string | null;
  name: string;
}

let handedOver: HandedOver | null = null;

export function handOverProgress(value: HandedOver | null): void {
  handedOver = value;
}

export function takeHandedOverProgress(): HandedOver | null {
  const value = handedOver;
  handedOver = null;
  return value;
}
