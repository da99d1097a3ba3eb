import { hostname } from "node:os";
import { inArray, sql } from "drizzle-orm";
import { type Database, publishJobs, queryRows } from "@start/db";

/**
 * The worker's side of the publish queue (`publish_jobs`; enqueuePublish() in queue.ts is the
 * writers' side). Everything is in the table, so several processes share one queue and a restart
 * loses nothing: queued → building (claimed by one worker) → succeeded | failed.
 */

export interface QueueState {
  queued: number;
  /** Jobs claimed by a worker whose lease has not run out. */
  building: number;
  /** Milliseconds since the oldest and the newest queued request (database clock). */
  oldestQueuedAgeMs: number | null;
  newestQueuedAgeMs: number | null;
  newestQueuedId: number | null;
  /** Milliseconds since the latest finished job (succeeded or failed) finished, if any did. */
  lastFinishedAgeMs: number | null;
}

export interface ClaimedJob {
  id: number;
  reason: string;
  /** How long it had waited when it was claimed. */
  waitedMs: number;
}

const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

export async function queueState(db: Database, leaseMs: number): Promise<QueueState> {
  const [row] = await queryRows<Record<string, unknown>>(
    db,
    sql`select
          count(*) filter (where status = 'queued')::int as queued,
          count(*) filter (where status = 'building' and started_at > now() - make_interval(secs => ${leaseMs / 1000}))::int as building,
          (extract(epoch from now() - min(requested_at) filter (where status = 'queued')) * 1000)::float8 as oldest,
          (extract(epoch from now() - max(requested_at) filter (where status = 'queued')) * 1000)::float8 as newest,
          (max(id) filter (where status = 'queued'))::text as newest_id,
          (select (extract(epoch from now() - finished_at) * 1000)::float8 from publish_jobs
            where status in ('succeeded', 'failed') order by id desc limit 1) as last_finished
        from publish_jobs where status in ('queued', 'building')`,
  );
  return {
    queued: Number(row?.queued ?? 0),
    building: Number(row?.building ?? 0),
    oldestQueuedAgeMs: num(row?.oldest),
    newestQueuedAgeMs: num(row?.newest),
    newestQueuedId: num(row?.newest_id),
    lastFinishedAgeMs: num(row?.last_finished),
  };
}

/** Queued jobs after `afterId` (for the log), oldest first. */
export async function queuedJobsAfter(db: Database, afterId: number, limit = 20): Promise<{ id: number; reason: string }[]> {
  const rows = await queryRows<{ id: string; reason: string }>(
    db,
    sql`select id::text as id, reason from publish_jobs where status = 'queued' and id > ${afterId} order by id limit ${limit}`,
  );
  return rows.map((row) => ({ id: Number(row.id), reason: row.reason }));
}

/**
 * Claims every queued job for one build, unless another worker is building: claims are
 * serialised by an advisory lock, and a job left `building` longer than the lease (its worker
 * died) goes back to the queue first. Returns no jobs when there is nothing to do.
 */
export async function claimQueuedJobs(db: Database, workerId: string, leaseMs: number): Promise<ClaimedJob[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('start:publish-worker'))`);
    await tx.execute(
      sql`update publish_jobs set status = 'queued', started_at = null, worker_id = null
          where status = 'building' and started_at <= now() - make_interval(secs => ${leaseMs / 1000})`,
    );
    const [busy] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from publish_jobs where status = 'building'`);
    if (Number(busy?.n ?? 0) > 0) return [];
    const rows = await queryRows<{ id: string; reason: string; waited: number | string }>(
      tx,
      sql`update publish_jobs
          set status = 'building', started_at = now(), finished_at = null, worker_id = ${workerId}, attempts = attempts + 1, error = null
          where id in (select id from publish_jobs where status = 'queued' order by id for update skip locked)
          returning id::text as id, reason, (extract(epoch from now() - requested_at) * 1000)::float8 as waited`,
    );
    return rows.map((row) => ({ id: Number(row.id), reason: row.reason, waitedMs: Number(row.waited) })).sort((a, b) => a.id - b.id);
  });
}

export async function markSucceeded(db: Database, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.update(publishJobs).set({ status: "succeeded", finishedAt: sql`now()`, error: null }).where(inArray(publishJobs.id, ids));
}

export async function markFailed(db: Database, ids: number[], error: string): Promise<void> {
  if (ids.length === 0) return;
  await db.update(publishJobs).set({ status: "failed", finishedAt: sql`now()`, error: error.slice(0, 4000) }).where(inArray(publishJobs.id, ids));
}

/** Puts claimed jobs back in the queue (the build was stopped with the process). */
export async function requeue(db: Database, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.update(publishJobs).set({ status: "queued", startedAt: null, workerId: null }).where(inArray(publishJobs.id, ids));
}

/**
 * Jobs left `building` by a process that is gone. Only for a database one process owns (PGlite):
 * on PostgreSQL other workers may be building, and the lease in claimQueuedJobs() applies.
 */
export async function requeueAllBuilding(db: Database): Promise<number> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`update publish_jobs set status = 'queued', started_at = null, worker_id = null where status = 'building' returning id::text as id`,
  );
  return rows.length;
}

/** Forgets finished jobs after `days` (the audit trail keeps what changed; this is only the build log). */
export async function pruneFinished(db: Database, days = 90): Promise<number> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`delete from publish_jobs where status in ('succeeded', 'failed') and finished_at < now() - make_interval(days => ${days}) returning id::text as id`,
  );
  return rows.length;
}

/** The workers running in this process (a process may run several: tests do). */
const workersOfThisProcess = new Set<string>();

export function registerLiveWorker(workerId: string): () => void {
  workersOfThisProcess.add(workerId);
  return () => workersOfThisProcess.delete(workerId);
}

/**
 * Whether a worker id (`host:pid:random`) names a worker of this machine that is gone: its
 * process no longer runs, or its pid is this process's and the worker is not one of ours (an
 * earlier process that had the same pid, as in a restarted container). Workers of other machines
 * cannot be checked: for them the lease applies.
 */
function localWorkerGone(workerId: string): boolean {
  const match = /^(.*):(\d+):[0-9a-f]+$/.exec(workerId);
  if (!match || match[1] !== hostname()) return false;
  const pid = Number(match[2]);
  if (pid === process.pid) return !workersOfThisProcess.has(workerId);
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/**
 * Jobs left `building` by a worker of this machine that was killed (kill -9, a crash, power cut):
 * back to the queue at once, rather than after the lease (the build timeout plus a minute).
 */
export async function requeueJobsOfGoneWorkers(db: Database): Promise<number> {
  const rows = await queryRows<{ worker_id: string }>(db, sql`select distinct worker_id from publish_jobs where status = 'building' and worker_id is not null`);
  const gone = rows.map((row) => row.worker_id).filter(localWorkerGone);
  if (gone.length === 0) return 0;
  const taken = await queryRows<{ id: string }>(
    db,
    sql`update publish_jobs set status = 'queued', started_at = null, worker_id = null
        where status = 'building' and worker_id in (${sql.join(
          gone.map((id) => sql`${id}`),
          sql`, `,
        )}) returning id::text as id`,
  );
  return taken.length;
}
