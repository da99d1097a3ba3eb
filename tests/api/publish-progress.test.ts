import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimQueuedJobs, markFailed, markSucceeded } from "@start/api";
import { testDriver } from "../support/database.js";
import { dataOf, startTestApi, type TestApi } from "../support/api.js";
import { editorialWorld, libyaDate } from "../editorial/support.js";

const PROGRESS = "job state requestedAt startedAt finishedAt";
const PUBLISH_SERVICE = `mutation ($id: ID!, $v: Int!) { publishService(id: $id, expectedVersion: $v) { version publishProgress { ${PROGRESS} } } }`;
const PUBLISH_VACANCY = `mutation ($id: ID!, $v: Int!) { publishVacancy(id: $id, expectedVersion: $v) { version publishProgress { ${PROGRESS} } } }`;
const VERIFY_SERVICE = `mutation ($id: ID!, $v: Int!) { verifyService(id: $id, expectedVersion: $v) { version publishProgress { ${PROGRESS} } } }`;
const FOLLOW = `query ($job: ID!) { publishProgress(job: $job) { ${PROGRESS} } }`;

/**
 * How an editor follows a change to the public site: the mutation's answer names its publish
 * job, and publishProgress(job) tells QUEUED → BUILDING → LIVE (or FAILED) as the worker claims
 * and finishes jobs — here with the worker's own functions (jobs.ts), no portal build.
 */
describe(`publish progress (${testDriver})`, () => {
  let t: TestApi;
  let tokens: Awaited<ReturnType<typeof editorialWorld>>;
  let serial = 0;
  const WORKER = "publish-progress-test:1:abcdef";
  const LEASE_MS = 600_000;

  beforeAll(async () => {
    t = await startTestApi();
    tokens = await editorialWorld(t.fixtures);
  });
  afterAll(async () => {
    await t?.close();
  });

  const serviceInReview = () =>
    t.fixtures.service({ slug: `progress-${++serial}`, organization: "ngo-a", state: "in_review", categories: ["health"], texts: { en: { name: `Clinic ${serial}` } } });
  const publish = async (token: string = tokens.moderator) => {
    const answer = dataOf(await t.graphqlAs(token, PUBLISH_SERVICE, { id: await serviceInReview(), v: 1 }));
    return answer.publishService.publishProgress as { job: string; state: string; requestedAt: string; startedAt: string | null; finishedAt: string | null };
  };
  const follow = async (job: string, token: string | null = tokens.moderator) => dataOf(await t.graphqlAs(token, FOLLOW, { job })).publishProgress;
  /** One build's claim, as the worker makes it: every queued job. */
  const claim = async () => (await claimQueuedJobs(t.database.db, WORKER, LEASE_MS)).map((job) => String(job.id));

  it("moves from queued to building to live as the worker claims the job and swaps its build in", async () => {
    const queued = await publish();
    expect(queued).toMatchObject({ state: "QUEUED", startedAt: null, finishedAt: null });
    expect(queued.job).toMatch(/^\d+$/);
    expect(await follow(queued.job)).toEqual(queued);

    const claimed = await claim();
    expect(claimed).toContain(queued.job);
    const building = await follow(queued.job);
    expect(building).toMatchObject({ state: "BUILDING", requestedAt: queued.requestedAt, finishedAt: null });
    expect(building.startedAt).not.toBeNull();

    await markSucceeded(t.database.db, claimed.map(Number));
    const live = await follow(queued.job);
    expect(live).toMatchObject({ state: "LIVE", requestedAt: queued.requestedAt, startedAt: building.startedAt });
    expect(new Date(live.finishedAt).getTime()).toBeGreaterThanOrEqual(new Date(live.startedAt).getTime());
  });

  it("follows each change of a build that carries several (the worker coalesces queued jobs)", async () => {
    const service = await publish();
    const vacancyId = await t.fixtures.vacancy({ slug: `progress-nurse-${++serial}`, organization: "ministry-a", place: "tripoli", state: "draft", deadline: libyaDate(30), texts: { en: { title: "Nurse" } } });
    const vacancy = dataOf(await t.graphqlAs(tokens.publisher, PUBLISH_VACANCY, { id: vacancyId, v: 1 })).publishVacancy.publishProgress;
    expect(vacancy.state).toBe("QUEUED");
    expect(vacancy.job).not.toBe(service.job);

    const claimed = await claim();
    expect(claimed).toEqual(expect.arrayContaining([service.job, vacancy.job]));
    // A change made while the build runs waits for the next one.
    const late = await publish();
    expect((await follow(service.job)).state).toBe("BUILDING");
    expect((await follow(vacancy.job, tokens.publisher)).state).toBe("BUILDING");
    expect((await follow(late.job)).state).toBe("QUEUED");

    await markSucceeded(t.database.db, claimed.map(Number));
    expect((await follow(service.job)).state).toBe("LIVE");
    expect((await follow(vacancy.job, tokens.publisher)).state).toBe("LIVE");
    expect((await follow(late.job)).state).toBe("QUEUED");
    await markSucceeded(t.database.db, (await claim()).map(Number));
    expect((await follow(late.job)).state).toBe("LIVE");
  });

  it("shows a failed build as failed, without its error, and as live once a later build has succeeded", async () => {
    const change = await publish();
    const claimed = await claim();
    await markFailed(t.database.db, claimed.map(Number), "portal build failed: /srv/start/secret-path exploded");
    const failed = await follow(change.job);
    expect(failed).toMatchObject({ state: "FAILED", requestedAt: change.requestedAt });
    expect(failed.finishedAt).not.toBeNull();
    expect(JSON.stringify(await t.graphqlAs(tokens.moderator, FOLLOW, { job: change.job }))).not.toContain("secret-path");

    // The next change's build reads everything committed, this change too.
    const next = await publish();
    const retried = await claim();
    expect(retried).toEqual([next.job]);
    expect((await follow(change.job)).state).toBe("FAILED");
    await markSucceeded(t.database.db, retried.map(Number));
    const live = await follow(change.job);
    expect(live.state).toBe("LIVE");
    expect(new Date(live.startedAt).getTime()).toBeGreaterThan(new Date(failed.startedAt).getTime());
  });

  it("answers null for a change the public does not see, and each mutation of an operation with its own job", async () => {
    const id = await serviceInReview();
    const published = dataOf(await t.graphqlAs(tokens.moderator, PUBLISH_SERVICE, { id, v: 1 })).publishService;
    expect(published).toMatchObject({ version: 2, publishProgress: { state: "QUEUED" } });
    const draft = await t.fixtures.service({ slug: `progress-draft-${++serial}`, organization: "ngo-a", state: "draft", categories: ["health"], texts: { en: { name: "Draft" } } });
    const answer = dataOf(
      await t.graphqlAs(
        tokens.editor,
        `mutation ($a: ID!, $b: ID!) {
          verified: verifyService(id: $a, expectedVersion: 2) { publishProgress { job state } }
          submitted: submitServiceForReview(id: $b, expectedVersion: 1) { state publishProgress { job } }
        }`,
        { a: id, b: draft },
      ),
    );
    expect(answer.verified.publishProgress.state).toBe("QUEUED");
    expect(answer.submitted).toEqual({ state: "IN_REVIEW", publishProgress: null });
    // A query never shows one.
    const form = dataOf(await t.graphqlAs(tokens.editor, `query ($id: ID!) { editableService(id: $id) { publishProgress { job } } }`, { id }));
    expect(form.editableService.publishProgress).toBeNull();
  });

  it("lets whoever made the change follow it, moderators and admins any change, and refuses everyone else", async () => {
    const id = await t.fixtures.service({ slug: `progress-open-${++serial}`, organization: "ngo-a", state: "published", categories: ["health"], texts: { en: { name: "Open" } } });
    const mine = dataOf(await t.graphqlAs(tokens.editor, VERIFY_SERVICE, { id, v: 1 })).verifyService.publishProgress;
    expect((await follow(mine.job, tokens.editor)).job).toBe(mine.job);
    expect((await follow(mine.job, tokens.moderator)).job).toBe(mine.job);
    expect((await follow(mine.job, tokens.admin)).job).toBe(mine.job);

    const anonymous = await t.graphqlAs(null, FOLLOW, { job: mine.job });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(anonymous.data ?? null).toBeNull();
    const other = await t.graphqlAs(tokens.publisher, FOLLOW, { job: mine.job });
    expect(other.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(other.data ?? null).toBeNull();
    // The moderator's own change is not the org editor's to follow.
    const theirs = await publish();
    expect((await t.graphqlAs(tokens.editor, FOLLOW, { job: theirs.job })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

    const unknown = await t.graphqlAs(tokens.moderator, FOLLOW, { job: "999999999" });
    expect(unknown.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const invalid = await t.graphqlAs(tokens.moderator, FOLLOW, { job: "1; drop table publish_jobs" });
    expect(invalid.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});
