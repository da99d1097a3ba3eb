import { type Executor, publishJobs } from "@start/db";

/**
 * Asks for a portal rebuild: one `publish_jobs` row (status queued). Every write that changes
 * what the public sees calls this inside its own transaction, so the job exists exactly when the
 * change is committed. The worker (another module) debounces queued jobs and rebuilds the portal.
 * Returns the job's id: whoever made the change follows it with publishProgress() (progress.ts).
 */
export async function enqueuePublish(
  executor: Executor,
  job: { reason: string; requestedByUserId?: string | null },
): Promise<number> {
  const [row] = await executor
    .insert(publishJobs)
    .values({ reason: job.reason, requestedByUserId: job.requestedByUserId ?? null, status: "queued" })
    .returning({ id: publishJobs.id });
  return row!.id;
}
