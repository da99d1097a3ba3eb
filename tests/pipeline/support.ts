import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { type Database, queryRows } from "@start/db";
import type { BuildOutcome, Logger, PublishWorker } from "@start/api";

/** The stand-in build script (same arguments as portal/scripts/build.mjs). */
export const FAKE_BUILD = fileURLToPath(new URL("./fixtures/fake-build.mjs", import.meta.url));

export interface CapturedLog {
  level: "info" | "warn" | "error";
  message: string;
  [field: string]: unknown;
}

/** A logger that keeps what it is told, for assertions on the worker's log. */
export function capturingLogger(): { logger: Logger; entries: CapturedLog[] } {
  const entries: CapturedLog[] = [];
  const keep = (level: CapturedLog["level"]) => (message: string, fields: Record<string, unknown> = {}) => {
    entries.push({ ...fields, level, message });
  };
  return { logger: { info: keep("info"), warn: keep("warn"), error: keep("error") }, entries };
}

/** The next build outcome of any of the workers (optionally one that matches). */
export function nextBuild(workers: PublishWorker[], timeoutMs: number, match: (outcome: BuildOutcome) => boolean = () => true): Promise<BuildOutcome> {
  return new Promise((resolve, reject) => {
    const stops: (() => void)[] = [];
    const timer = setTimeout(() => {
      for (const stop of stops) stop();
      reject(new Error(`no build within ${timeoutMs} ms`));
    }, timeoutMs);
    for (const worker of workers) {
      stops.push(
        worker.onBuild((outcome) => {
          if (!match(outcome)) return;
          clearTimeout(timer);
          for (const stop of stops) stop();
          resolve(outcome);
        }),
      );
    }
  });
}

export interface JobRow {
  id: number;
  reason: string;
  status: string;
  attempts: number;
  error: string | null;
  worker_id: string | null;
  started_at: string | null;
}

export async function jobs(db: Database): Promise<JobRow[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select id::text as id, reason, status::text as status, attempts, error, worker_id, started_at::text as started_at from publish_jobs order by publish_jobs.id`,
  );
  return rows.map((row) => ({ ...row, id: Number(row.id), attempts: Number(row.attempts) }) as JobRow);
}

/** Polls until `check` returns something truthy. */
export async function eventually<T>(check: () => Promise<T | null | undefined | false>, timeoutMs: number, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`not so within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
