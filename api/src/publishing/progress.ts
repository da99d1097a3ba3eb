import { and, asc, eq, gt } from "drizzle-orm";
import { type Executor, publishJobs } from "@start/db";

/**
 * How far a change has got towards the public site, read from its publish job. The worker claims
 * every queued job at the start of a build (jobs.ts), so a build that starts after a change was
 * committed carries that change, and the job's own status is the change's progress:
 * queued → building → live (its build was swapped in) or failed. A failed build is not retried
 * by itself, but any later build carries the change too: once one of those has succeeded, the
 * change is live all the same.
 */
export type PublishState = "queued" | "building" | "live" | "failed";

export interface PublishProgress {
  job: number;
  state: PublishState;
  requestedAt: Date;
  /** When the build carrying the change started (the one that made it live, when a later build did). */
  startedAt: Date | null;
  /** When the change went live, or when its build failed. */
  finishedAt: Date | null;
  /** Who asked for the job (publishProgress is theirs to follow; moderators and admins follow any). */
  requestedByUserId: string | null;
}

const STATE = { queued: "queued", building: "building", succeeded: "live", failed: "failed" } as const;

/** The progress of job `jobId`, or null when there is no such job (finished jobs are forgotten after 90 days). */
export async function publishProgress(executor: Executor, jobId: number): Promise<PublishProgress | null> {
  const [job] = await executor.select().from(publishJobs).where(eq(publishJobs.id, jobId));
  if (!job) return null;
  const progress: PublishProgress = {
    job: job.id,
    state: STATE[job.status],
    requestedAt: job.requestedAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    requestedByUserId: job.requestedByUserId,
  };
  if (job.status !== "failed" || job.startedAt === null) return progress;
  // Builds run one at a time: one that started after the failed one read the change from the database.
  const [later] = await executor
    .select({ startedAt: publishJobs.startedAt, finishedAt: publishJobs.finishedAt })
    .from(publishJobs)
    .where(and(eq(publishJobs.status, "succeeded"), gt(publishJobs.startedAt, job.startedAt)))
    .orderBy(asc(publishJobs.startedAt))
    .limit(1);
  return later ? { ...progress, state: "live", startedAt: later.startedAt, finishedAt: later.finishedAt } : progress;
}
