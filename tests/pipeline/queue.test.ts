import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { enqueuePublish, PublishWorker, type PublishWorkerOptions, SiteDirectory } from "@start/api";
import { publishJobs } from "@start/db";
import { startTestApi, type TestApi } from "../support/api.js";
import { testDriver } from "../support/database.js";
import { libyaDate } from "../editorial/support.js";
import { capturingLogger, eventually, FAKE_BUILD, jobs, nextBuild } from "./support.js";

/**
 * The publish worker's mechanics, with a stand-in build script (fixtures/fake-build.mjs) so that
 * each build takes a fraction of a second: one build per burst of changes even with two workers
 * on one database, a build stopped with the process, the deploy command, the daily rebuild and
 * vacancy expiry. Real portal builds, and a build that fails on the data, are in worker.test.ts.
 */
describe(`the publish worker's queue (${testDriver})`, () => {
  let t: TestApi;
  let root: string;
  let site: SiteDirectory;
  const running: PublishWorker[] = [];

  function worker(options: Partial<PublishWorkerOptions> = {}): { worker: PublishWorker; entries: ReturnType<typeof capturingLogger>["entries"] } {
    const { logger, entries } = capturingLogger();
    const created = new PublishWorker({
      db: t.database.db,
      site,
      apiUrl: `${t.url}/graphql`,
      siteUrl: "https://start.example.org",
      logger,
      buildScript: FAKE_BUILD,
      quietMs: 300,
      maxWaitMs: 5_000,
      pollMs: 50,
      sourceStamp: () => "test-sources",
      ...options,
    });
    running.push(created);
    return { worker: created, entries };
  }

  async function settle(): Promise<void> {
    await eventually(async () => (await jobs(t.database.db)).every((job) => job.status === "succeeded" || job.status === "failed"), 20_000);
  }

  beforeAll(async () => {
    t = await startTestApi();
    await t.fixtures.world();
    root = mkdtempSync(path.join(tmpdir(), "start-queue-"));
    site = new SiteDirectory(path.join(root, "site"));
  });
  afterEach(async () => {
    for (const started of running.splice(0)) await started.stop();
    delete process.env.FAKE_BUILD_MS;
  });
  afterAll(async () => {
    await t?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("with two workers on one database, builds once for both first starts, and once for a burst of changes", async () => {
    const a = worker();
    const b = worker();
    const first = nextBuild([a.worker, b.worker], 20_000);
    await a.worker.start();
    await b.worker.start();
    const firstBuild = await first;
    expect(firstBuild.status).toBe("succeeded");
    await settle();
    // The second start found the first one's request queued: one request, one build.
    expect(firstBuild.jobIds).toHaveLength(1);
    expect((await jobs(t.database.db)).map((job) => job.reason)).toEqual(["first build: there is no portal build yet"]);
    expect(b.entries.find((entry) => entry.message === "portal build already queued")).toBeTruthy();

    const outcomes: string[] = [];
    a.worker.onBuild((outcome) => outcomes.push(`a:${outcome.buildId}`));
    b.worker.onBuild((outcome) => outcomes.push(`b:${outcome.buildId}`));
    const before = (await jobs(t.database.db)).length;
    for (let index = 0; index < 5; index++) {
      await enqueuePublish(t.database.db, { reason: `change ${index}` });
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    await eventually(async () => outcomes.length > 0, 20_000);
    await settle();
    // Let a second build show up if one were coming.
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(outcomes).toHaveLength(1);
    const burst = (await jobs(t.database.db)).slice(before);
    expect(burst.map((job) => job.status)).toEqual(Array(5).fill("succeeded"));
    expect(new Set(burst.map((job) => `${job.worker_id}@${job.started_at}`)).size).toBe(1);
    expect(burst.every((job) => job.attempts === 1)).toBe(true);

    const current = await site.current();
    expect(current?.id).toBe(outcomes[0]!.slice(2));
    expect(readFileSync(path.join(current!.dir, "index.html"), "utf8")).toMatch(/3 locales/);
    expect(a.entries.concat(b.entries).filter((entry) => entry.message === "portal build swapped in")).toHaveLength(2);
    expect(a.entries.concat(b.entries).some((entry) => entry.message === "publish queued" && (entry.reasons as string[]).includes("change 0"))).toBe(true);
  });

  it("stops a build in progress with the worker: the build process ends, its jobs wait in the queue, the site stays", async () => {
    process.env.FAKE_BUILD_MS = "20000";
    const current = await site.current();
    const { worker: w, entries } = worker();
    await w.start();
    await enqueuePublish(t.database.db, { reason: "change during shutdown" });
    await eventually(async () => entries.some((entry) => entry.message === "portal build started"), 10_000);
    const outcome = nextBuild([w], 10_000);
    const stopping = performance.now();
    await w.stop();
    expect(performance.now() - stopping).toBeLessThan(8_000);
    expect((await outcome).status).toBe("stopped");
    const last = (await jobs(t.database.db)).at(-1)!;
    expect(last).toMatchObject({ reason: "change during shutdown", status: "queued", started_at: null, worker_id: null });
    expect((await site.current())?.id).toBe(current?.id);
    // No half-written build left behind.
    const completed = new Set((await site.completed()).map((build) => build.id));
    expect(readdirSync(site.buildsDir).filter((name) => !name.endsWith(".json") && !completed.has(name))).toEqual([]);
    running.splice(running.indexOf(w), 1);

    // The next worker takes the job over.
    delete process.env.FAKE_BUILD_MS;
    const next = worker();
    const resumed = nextBuild([next.worker], 20_000);
    await next.worker.start();
    expect((await resumed).jobIds).toContain(last.id);
    await settle();
  });

  it("runs the deploy command before the swap, and a failing deploy keeps the current site", async () => {
    const deployed = path.join(root, "static-host");
    const good = worker({ deployCommand: `mkdir -p "${deployed}" && cp -r "$START_BUILD_DIR" "${deployed}/$START_BUILD_ID"` });
    await good.worker.start();
    const success = nextBuild([good.worker], 20_000);
    await enqueuePublish(t.database.db, { reason: "deploy me" });
    const ok = await success;
    expect(ok.status).toBe("succeeded");
    expect(existsSync(path.join(deployed, ok.buildId, "index.html"))).toBe(true);
    expect((await site.current())?.id).toBe(ok.buildId);
    await good.worker.stop();
    running.splice(running.indexOf(good.worker), 1);

    const bad = worker({ deployCommand: "echo 'static host unreachable' >&2; exit 3" });
    await bad.worker.start();
    const failure = nextBuild([bad.worker], 20_000);
    await enqueuePublish(t.database.db, { reason: "deploy fails" });
    const failed = await failure;
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/deploy command failed \(exit 3\): static host unreachable/);
    expect((await site.current())?.id).toBe(ok.buildId);
    expect(existsSync(path.join(site.buildsDir, failed.buildId))).toBe(false);
    const job = (await jobs(t.database.db)).at(-1)!;
    expect(job).toMatchObject({ reason: "deploy fails", status: "failed" });
    expect(job.error).toMatch(/static host unreachable/);
    expect(bad.entries.find((entry) => entry.level === "error")).toMatchObject({ message: "portal build failed; the current site stays online", build: failed.buildId });
  });

  it("queues a rebuild when none has finished for a day, and when a vacancy reaches its deadline; forgets old jobs", async () => {
    await t.fixtures.organization({ slug: "ministry", kind: "government", names: { ar: "وزارة", en: "Ministry" } });
    await t.fixtures.vacancy({
      slug: "nurses-tripoli",
      organization: "ministry",
      place: "tripoli",
      publishedOn: libyaDate(-10),
      deadline: libyaDate(-1),
      texts: { ar: { title: "ممرضون" }, en: { title: "Nurses" } },
    });
    // A job finished long ago: the worker forgets it (the build log is kept 90 days).
    await t.database.db.insert(publishJobs).values({ reason: "built long ago", status: "succeeded", finishedAt: new Date(Date.now() - 100 * 86_400_000) });
    // "A day" is a second here.
    const { worker: w } = worker({ rebuildEveryMs: 1_000, expiryEveryMs: 60_000 });
    const built = nextBuild([w], 20_000);
    await w.start();
    const outcome = await built;
    expect((await jobs(t.database.db)).map((job) => job.reason)).not.toContain("built long ago");
    const covered = (await jobs(t.database.db)).filter((job) => outcome.jobIds.includes(job.id)).map((job) => job.reason);
    expect(covered).toContain("vacancies expired: nurses-tripoli");

    const daily = nextBuild([w], 20_000);
    expect((await daily).status).toBe("succeeded");
    expect((await jobs(t.database.db)).at(-1)!.reason).toBe("daily rebuild (staleness warnings, alerts' dates)");
  });
});
