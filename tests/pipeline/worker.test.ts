import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpApp, enqueuePublish, PublishWorker, SiteDirectory, silentLogger } from "@start/api";
import { organizations, organizationTranslations } from "@start/db";
import { startTestApi, type TestApi } from "../support/api.js";
import { testDriver } from "../support/database.js";
import { SITE_URL } from "../support/portal.js";
import { capturingLogger, jobs, nextBuild } from "./support.js";
import { seedRebasedContent } from "../support/content-date.js";
import { trimmedContentFolder } from "../support/trimmed-content.js";

/**
 * The publish worker with real portal builds (portal/scripts/build.mjs) from the seeded content:
 * the first build, a record the portal refuses (an organization that lost every name) making a
 * burst of changes fail as one build while the previous site keeps serving, and the next good
 * change recovering.
 */
describe(`publishing real portal builds (${testDriver})`, () => {
  let t: TestApi;
  let root: string;
  let site: SiteDirectory;
  let server: Server;
  let origin: string;
  let worker: PublishWorker;
  const { logger, entries } = capturingLogger();
  const ORGANIZATION = "libyan-red-crescent";
  const PAGE = `/en/organizations/${ORGANIZATION}/`;

  const get = async (pathname: string) => {
    const response = await fetch(`${origin}${pathname}`);
    return { status: response.status, text: await response.text() };
  };

  beforeAll(async () => {
    t = await startTestApi();
    await seedRebasedContent(t.database.db, trimmedContentFolder());
    root = mkdtempSync(path.join(tmpdir(), "start-publish-"));
    site = new SiteDirectory(path.join(root, "site"));
    server = createServer(createHttpApp(t.api, { site, logger: silentLogger }));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    worker = new PublishWorker({
      db: t.database.db,
      site,
      apiUrl: `${origin}/graphql`,
      siteUrl: SITE_URL,
      logger,
      quietMs: 500,
      maxWaitMs: 5_000,
      pollMs: 100,
      sourceStamp: () => "test-sources",
    });
  }, 120_000);
  afterAll(async () => {
    await worker?.stop();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await t?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("builds the portal at first start and swaps it in", async () => {
    expect((await get(PAGE)).status).toBe(503);
    const built = nextBuild([worker], 240_000);
    await worker.start();
    const outcome = await built;
    expect(outcome).toMatchObject({ status: "succeeded", error: null });
    const page = await get(PAGE);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Libyan Red Crescent");
    const swapped = entries.find((entry) => entry.message === "portal build swapped in")!;
    expect(swapped.pages).toBeGreaterThan(500);
    console.log(`first portal build from the seeded data: ${swapped.pages} pages in ${(outcome.durationMs / 1000).toFixed(1)} s`);
  }, 300_000);

  it("fails a build on a record the portal refuses, keeps the last good site online, and recovers on the next good change", async () => {
    const db = t.database.db;
    const good = await site.current();
    const [organization] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, ORGANIZATION));
    const names = await db.select().from(organizationTranslations).where(eq(organizationTranslations.organizationId, organization!.id));
    expect(names.length).toBeGreaterThan(0);

    // The organization loses every name (an SQL console, a half-done import) while its services stay published; three changes follow.
    await db.delete(organizationTranslations).where(eq(organizationTranslations.organizationId, organization!.id));
    const failing = nextBuild([worker], 240_000);
    for (const reason of ["service edited: a", "service edited: b", "organization edited: c"]) await enqueuePublish(db, { reason });
    const failed = await failing;
    expect(failed.status).toBe("failed");
    expect(failed.jobIds).toHaveLength(3);
    expect(failed.error).toMatch(/^portal build failed: .*the data cannot be published: .*organization "libyan-red-crescent", which has no name in any locale/s);

    // The last good build still serves, with the name it had.
    expect((await site.current())?.id).toBe(good!.id);
    const still = await get(PAGE);
    expect(still.status).toBe(200);
    expect(still.text).toContain("Libyan Red Crescent");
    const failedJobs = (await jobs(db)).filter((job) => failed.jobIds.includes(job.id));
    expect(failedJobs.map((job) => job.status)).toEqual(["failed", "failed", "failed"]);
    expect(failedJobs[0]!.error).toContain('organization "libyan-red-crescent"');
    const logged = entries.find((entry) => entry.level === "error")!;
    expect(logged).toMatchObject({ message: "portal build failed; the current site stays online", build: failed.buildId });
    expect(String(logged.error)).toContain("has no name in any locale");

    // An editor gives it its names back (English reworded): the next build goes through.
    await db.insert(organizationTranslations).values(
      names.map(({ nameSort: _generated, ...row }) => (row.locale === "en" ? { ...row, name: "Libyan Red Crescent Society" } : row)),
    );
    const recovering = nextBuild([worker], 240_000);
    await enqueuePublish(db, { reason: "organization edited: names restored" });
    const recovered = await recovering;
    expect(recovered.status).toBe("succeeded");
    expect((await site.current())?.id).toBe(recovered.buildId);
    const page = await get(PAGE);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Libyan Red Crescent Society");
    // The failed jobs keep their record; only the new change was built.
    expect(recovered.jobIds).toHaveLength(1);
    expect((await jobs(db)).filter((job) => failed.jobIds.includes(job.id)).every((job) => job.status === "failed")).toBe(true);
  }, 600_000);
});
