import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { rm } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import type { Database } from "@start/db";
import { newBuildId, type SiteDirectory } from "../site/directory.js";
import { describeError, type Logger } from "../server/logger.js";
import { expireVacancies } from "./expiry.js";
import {
  type ClaimedJob,
  claimQueuedJobs,
  markFailed,
  markSucceeded,
  pruneFinished,
  queuedJobsAfter,
  queueState,
  registerLiveWorker,
  requeue,
  requeueAllBuilding,
  requeueJobsOfGoneWorkers,
} from "./jobs.js";
import { runPortalBuild } from "./portal-build.js";
import { enqueuePublish } from "./queue.js";
import { portalSourceStamp } from "./source-stamp.js";

export interface PublishWorkerOptions {
  db: Database;
  site: SiteDirectory;
  /** The GraphQL endpoint the portal is built from. */
  apiUrl: string;
  /** The portal's public origin. */
  siteUrl: string;
  logger: Logger;
  /** A build starts once the queue has been quiet this long… */
  quietMs?: number;
  /** …or once the oldest queued job has waited this long, whichever comes first. */
  maxWaitMs?: number;
  /** How often the queue is looked at. */
  pollMs?: number;
  /** A build is stopped (and failed) after this long. Jobs claimed longer than this plus a minute are taken back. */
  buildTimeoutMs?: number;
  /** How often vacancies past their deadline are closed (which queues a rebuild) and finished jobs older than 90 days forgotten. */
  expiryEveryMs?: number;
  /** A rebuild is queued when no build has finished for this long (stale warnings and alerts are computed at build time). */
  rebuildEveryMs?: number;
  /** A shell command run after a build succeeded and before it is swapped in, with START_BUILD_DIR and START_BUILD_ID (a deploy to a static host). */
  deployCommand?: string;
  /** Complete builds kept besides the current one. */
  keepBuilds?: number;
  /** True when this process is the only one using the database (PGlite): jobs left building at start are taken back at once. */
  exclusiveDatabase?: boolean;
  buildScript?: string;
  sourceStamp?: () => string;
}

export interface BuildOutcome {
  buildId: string;
  jobIds: number[];
  status: "succeeded" | "failed" | "stopped";
  durationMs: number;
  error: string | null;
}

/**
 * The publish worker: watches the queue, waits for a burst of changes to settle, builds the
 * portal into a fresh folder, swaps it in, and records the outcome on the jobs. A failed build
 * leaves the current site as it is; the next change (or the daily rebuild) tries again. It also
 * closes vacancies past their deadline and queues a rebuild a day. Several workers may share one
 * PostgreSQL database: one builds at a time.
 */
export class PublishWorker {
  readonly workerId = `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  private readonly options: Required<Omit<PublishWorkerOptions, "deployCommand" | "buildScript">> &
    Pick<PublishWorkerOptions, "deployCommand" | "buildScript">;
  private readonly abort = new AbortController();
  private loop: Promise<void> | null = null;
  private lastSeenJobId = 0;
  private lastExpiry = 0;
  private readonly listeners = new Set<(outcome: BuildOutcome) => void>();

  constructor(options: PublishWorkerOptions) {
    this.options = {
      quietMs: 1_500,
      maxWaitMs: 10_000,
      pollMs: 500,
      buildTimeoutMs: 600_000,
      expiryEveryMs: 600_000,
      rebuildEveryMs: 86_400_000,
      keepBuilds: 2,
      exclusiveDatabase: false,
      sourceStamp: () => portalSourceStamp(),
      ...options,
    };
  }

  private get leaseMs(): number {
    return this.options.buildTimeoutMs + 60_000;
  }

  /** Called after every build (tests and the start command wait on it). */
  onBuild(listener: (outcome: BuildOutcome) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Queues a build when there is none yet, or when the current one was made from other sources; then starts watching. */
  async start(): Promise<void> {
    const { db, logger, site } = this.options;
    if (this.options.exclusiveDatabase) {
      const taken = await requeueAllBuilding(db);
      if (taken > 0) logger.info("publish jobs interrupted by the last stop are queued again", { jobs: taken });
    }
    const current = await site.current();
    const stamp = this.options.sourceStamp();
    let outdated: string | null = null;
    if (!current) outdated = "first build: there is no portal build yet";
    else if ((await site.info(current.id))?.sourceStamp !== stamp) outdated = "the portal's code changed since the current build";
    const state = await queueState(db, this.leaseMs);
    if (!outdated) logger.info("portal build in place", { build: current!.id });
    // Another process sharing the site folder may have asked already: its build will do.
    else if (state.queued + state.building > 0) logger.info("portal build already queued", { why: outdated });
    else await enqueuePublish(db, { reason: outdated });
    const unregister = registerLiveWorker(this.workerId);
    this.loop = this.run().finally(unregister);
  }

  /** Stops watching; a build in progress is stopped and its jobs go back to the queue. */
  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
  }

  private async run(): Promise<void> {
    const signal = this.abort.signal;
    while (!signal.aborted) {
      let pause = this.options.pollMs;
      try {
        await this.tick();
      } catch (error) {
        if (!signal.aborted) this.options.logger.error("publish worker error", describeError(error));
        // The database is probably away: do not flood the log while it is.
        pause = Math.max(pause, 5_000);
      }
      try {
        await sleep(pause, undefined, { signal });
      } catch {
        // Aborted: the loop ends.
      }
    }
  }

  private async tick(): Promise<void> {
    const { db, logger } = this.options;
    const now = Date.now();
    if (now - this.lastExpiry >= this.options.expiryEveryMs) {
      this.lastExpiry = now;
      const { expired } = await expireVacancies(db);
      if (expired.length) logger.info("vacancies past their deadline closed", { count: expired.length });
      await pruneFinished(db);
    }

    const state = await queueState(db, this.leaseMs);
    if (state.building > 0) {
      // A worker of this machine killed mid-build left its jobs `building`: they go back to the queue at once.
      const taken = await requeueJobsOfGoneWorkers(db);
      if (taken > 0) {
        logger.warn("publish jobs of a worker that is gone are queued again", { jobs: taken });
        return;
      }
    }
    if (state.newestQueuedId !== null && state.newestQueuedId > this.lastSeenJobId) {
      const fresh = await queuedJobsAfter(db, this.lastSeenJobId);
      this.lastSeenJobId = state.newestQueuedId;
      if (fresh.length) logger.info("publish queued", { jobs: fresh.map((job) => job.id), reasons: fresh.map((job) => job.reason) });
    }
    if (state.queued === 0) {
      if (state.building === 0 && state.lastFinishedAgeMs !== null && state.lastFinishedAgeMs >= this.options.rebuildEveryMs) {
        await enqueuePublish(db, { reason: "daily rebuild (staleness warnings, alerts' dates)" });
      }
      return;
    }
    if (state.building > 0) return;
    const settled = (state.newestQueuedAgeMs ?? 0) >= this.options.quietMs || (state.oldestQueuedAgeMs ?? 0) >= this.options.maxWaitMs;
    if (!settled) return;
    const jobs = await claimQueuedJobs(db, this.workerId, this.leaseMs);
    if (jobs.length > 0) await this.build(jobs);
  }

  private async build(jobs: ClaimedJob[]): Promise<void> {
    const { db, logger, site } = this.options;
    const ids = jobs.map((job) => job.id);
    const buildId = newBuildId(ids[ids.length - 1]!);
    const outDir = await site.prepareBuild(buildId);
    const sourceStamp = this.options.sourceStamp();
    const waitedMs = Math.max(...jobs.map((job) => job.waitedMs));
    logger.info("portal build started", { build: buildId, jobs: ids, reasons: jobs.slice(0, 5).map((job) => job.reason), waitedMs: Math.round(waitedMs) });

    const result = await runPortalBuild({
      apiUrl: this.options.apiUrl,
      outDir,
      siteUrl: this.options.siteUrl,
      timeoutMs: this.options.buildTimeoutMs,
      signal: this.abort.signal,
      buildScript: this.options.buildScript,
      onProgress: (pages) => logger.info(pages ? "building the portal: pages written" : "building the portal: bundling", { build: buildId, pages }),
    });
    const finish = (outcome: Omit<BuildOutcome, "buildId" | "jobIds">) => {
      for (const listener of this.listeners) listener({ buildId, jobIds: ids, ...outcome });
    };

    if (result.cancelled) {
      await rm(outDir, { recursive: true, force: true });
      await requeue(db, ids);
      logger.info("portal build stopped with START; its jobs wait for the next start", { build: buildId, jobs: ids });
      finish({ status: "stopped", durationMs: result.durationMs, error: null });
      return;
    }
    let error = result.error;
    if (result.ok && this.options.deployCommand) {
      error = await this.deploy(buildId, outDir);
      if (error && this.abort.signal.aborted) {
        await rm(outDir, { recursive: true, force: true });
        await requeue(db, ids);
        logger.info("portal deploy stopped with START; its jobs wait for the next start", { build: buildId, jobs: ids });
        finish({ status: "stopped", durationMs: result.durationMs, error: null });
        return;
      }
    }
    if (result.ok && !error) {
      try {
        await site.swapIn({ id: buildId, builtAt: new Date().toISOString(), sourceStamp, durationMs: result.durationMs, jobIds: ids });
      } catch (swapError) {
        error = `the build could not be swapped in: ${(swapError as Error).message}`;
      }
    }
    if (error) {
      await rm(outDir, { recursive: true, force: true });
      await markFailed(db, ids, error);
      logger.error("portal build failed; the current site stays online", { build: buildId, jobs: ids, durationMs: result.durationMs, error });
      finish({ status: "failed", durationMs: result.durationMs, error });
      return;
    }
    await markSucceeded(db, ids);
    logger.info("portal build swapped in", {
      build: buildId,
      jobs: ids,
      pages: result.pages,
      durationMs: result.durationMs,
      // From the oldest change in this build to the new site being served.
      publishedInMs: Math.round(waitedMs + result.durationMs),
    });
    finish({ status: "succeeded", durationMs: result.durationMs, error: null });
    try {
      const removed = await site.prune(this.options.keepBuilds);
      if (removed.length) logger.info("old portal builds removed", { builds: removed });
    } catch (pruneError) {
      logger.warn("old portal builds not removed", describeError(pruneError));
    }
  }

  /** Runs the deploy command; returns the reason when it fails. */
  private deploy(buildId: string, outDir: string): Promise<string | null> {
    const { logger } = this.options;
    logger.info("portal deploy started", { build: buildId });
    return new Promise((resolve) => {
      const child = spawn("sh", ["-c", this.options.deployCommand!], {
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, START_BUILD_DIR: outDir, START_BUILD_ID: buildId },
        signal: this.abort.signal,
        timeout: this.options.buildTimeoutMs,
      });
      let output = "";
      const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
      child.stdout.on("data", keep);
      child.stderr.on("data", keep);
      child.on("error", (error) => resolve(`the deploy command could not run: ${error.message}`));
      child.on("close", (code, signal) =>
        resolve(code === 0 ? null : `the deploy command failed (${signal ?? `exit ${code}`}): ${output.trim().split("\n").slice(-10).join("\n")}`),
      );
    });
  }
}
