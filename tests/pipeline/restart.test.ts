import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, queryRows } from "@start/db";
import { testDriver } from "../support/database.js";
import {
  compileWorkspace,
  EDITABLE_SERVICE,
  formToInput,
  graphql,
  publishedServiceWithPhone,
  separateDatabase,
  signIn,
  startProcess,
  type StartedProcess,
  temporaryDataDir,
  UPDATE_SERVICE,
  waitForSwap,
} from "../support/system.js";
import { eventually } from "./support.js";

const ENV = { START_ADMIN_EMAIL: "admin@example.org", START_ADMIN_PASSWORD: "restart-test-password-1", START_PUBLISH_MAX_WAIT_MS: "1500" };

/**
 * `pnpm start`'s process stopped with SIGINT in the middle of reads and writes, then started
 * again on the same data: it exits cleanly, the database opens, nothing acknowledged is lost,
 * the queue picks up the rebuild the stop interrupted, and the site serves the last write.
 */
describe(`a restart under load (${testDriver})`, () => {
  const data = temporaryDataDir();
  let database: Awaited<ReturnType<typeof separateDatabase>>;
  let running: StartedProcess | undefined;

  beforeAll(async () => {
    await compileWorkspace();
    database = await separateDatabase();
  }, 300_000);
  afterAll(async () => {
    await running?.stop();
    await database?.drop();
    data.remove();
  });

  /** Row counts of the main tables, read straight from the database while START is stopped. */
  async function counts(): Promise<Record<string, number>> {
    const handle = await createDatabase({ url: database.url ?? "", dataDir: path.join(data.dir, "pglite") });
    try {
      const [row] = await queryRows<Record<string, unknown>>(
        handle.db,
        sql`select (select count(*) from services)::int as services, (select count(*) from organizations)::int as organizations,
                   (select count(*) from service_translations)::int as service_texts, (select count(*) from phones)::int as phones,
                   (select count(*) from audit_entries where action <> 'first_admin')::int as audit,
                   (select count(*) from publish_jobs where status = 'building')::int as building`,
      );
      return Object.fromEntries(Object.entries(row!).map(([key, value]) => [key, Number(value)]));
    } finally {
      await handle.close();
    }
  }

  it("stops cleanly mid-load, loses nothing acknowledged, and serves the last write after starting again", async () => {
    running = await startProcess({ entry: "start", dataDir: data.dir, databaseUrl: database.url, env: ENV });
    await waitForSwap(running, 240_000);
    const url = running.url;
    const token = await signIn(url, ENV.START_ADMIN_EMAIL, ENV.START_ADMIN_PASSWORD);
    const auth = { authorization: `Bearer ${token}` };
    const service = await publishedServiceWithPhone(url);
    const loaded = await graphql(url, EDITABLE_SERVICE, { id: service.id }, auth);
    let version: number = loaded.data!.editableService.version;
    const input = formToInput(loaded.data!.editableService.form);
    const before = await graphql(url, "{ services { totalCount } }");
    const publicCount = before.data!.services.totalCount;

    // Load: readers of the API and of the portal, and one editor saving the service again and again.
    let stop = false;
    const reads = { ok: 0, refused: 0 };
    const reader = async (pathname: string) => {
      while (!stop) {
        try {
          const response =
            pathname === "/graphql"
              ? await fetch(`${url}/graphql`, {
                  method: "POST",
                  headers: { "content-type": "application/json" },
                  body: JSON.stringify({ query: "{ services(first: 20) { edges { node { slug name { text } } } } }" }),
                })
              : await fetch(`${url}${pathname}`);
          await response.arrayBuffer();
          if (response.ok) reads.ok += 1;
        } catch {
          reads.refused += 1;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
    };
    let acknowledged = 0;
    let attempted = 0;
    const writer = async () => {
      while (!stop) {
        const next = attempted + 1;
        const texts = (input.texts as { locale: string; name: string }[]).map((text) => (text.locale === "en" ? { ...text, name: `Restart check ${next}` } : text));
        attempted = next;
        try {
          const saved = await graphql(url, UPDATE_SERVICE, { id: service.id, v: version, input: { ...input, texts } }, auth);
          if (!saved.data?.updateService) throw new Error(JSON.stringify(saved.errors));
          version = saved.data.updateService.version;
          acknowledged = next;
        } catch (error) {
          if (error instanceof Error && error.message.startsWith("[")) throw error;
          // The server is going away: this write may or may not have been committed.
          return;
        }
      }
    };
    const logsBefore = running.logs().length;
    const load = Promise.all([reader("/graphql"), reader("/graphql"), reader("/en/"), reader(`/en/services/${service.slug}/`), writer()]);
    // The saves queue a rebuild, which starts within START_PUBLISH_MAX_WAIT_MS even while they go on: stop in the middle of it.
    await running.waitForLog((entry) => entry.message === "portal build started", 60_000, logsBefore);
    // A loaded machine answers slowly: wait (bounded) until the readers and the editor have been served.
    await eventually(async () => reads.ok > 10 && acknowledged > 0, 60_000);
    expect(acknowledged).toBeGreaterThan(0);
    expect(reads.ok).toBeGreaterThan(10);
    running.signal("SIGINT");
    const ended = await running.exited;
    stop = true;
    await load;
    expect(ended).toEqual({ code: 0, signal: null });
    expect(running.logs().slice(logsBefore).map((entry) => entry.message)).toEqual(
      expect.arrayContaining(["stopping", "portal build stopped with START; its jobs wait for the next start", "stopped"]),
    );
    console.log(`restart test: ${reads.ok} reads and ${acknowledged} saves acknowledged before the stop (${attempted - acknowledged} in doubt)`);

    // The database opens (no corruption), nothing is left half-claimed, the row counts are the seeded ones.
    const afterStop = await counts();
    expect(afterStop.building).toBe(0);
    expect(afterStop.audit).toBeGreaterThanOrEqual(acknowledged);

    running = await startProcess({ entry: "start", dataDir: data.dir, databaseUrl: database.url, env: ENV });
    const restarted = running.url;
    // Same sessions (they are in the database), same data.
    const reloaded = await graphql(restarted, EDITABLE_SERVICE, { id: service.id }, auth);
    expect(reloaded.errors).toBeUndefined();
    const name = reloaded.data!.editableService.form.texts.find((text: { locale: string }) => text.locale === "en").name;
    const stored = Number(/Restart check (\d+)/.exec(name)?.[1]);
    // The last acknowledged save is there; the one in flight at the stop is there or not, never half.
    expect([acknowledged, attempted]).toContain(stored);
    expect(reloaded.data!.editableService.version).toBe(version + (stored === acknowledged ? 0 : 1));
    expect((await graphql(restarted, "{ services { totalCount } }")).data!.services.totalCount).toBe(publicCount);
    expect(running.logs().some((entry) => entry.message === "first start: loading content/ into the database")).toBe(false);

    // The rebuild interrupted by the stop (or queued by the last saves) runs now, and the portal shows the last save.
    const page = await (async () => {
      const deadline = Date.now() + 240_000;
      for (;;) {
        const response = await fetch(`${restarted}/en/services/${service.slug}/`);
        const text = await response.text();
        if (response.ok && text.includes(`Restart check ${stored}`)) return text;
        if (Date.now() > deadline) throw new Error(`the portal never showed the last save:\n${running!.output().slice(-4000)}`);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    })();
    expect(page).toContain(`Restart check ${stored}`);

    const second = await running.stop();
    expect(second).toEqual({ code: 0, signal: null });
    running = undefined;
    const final = await counts();
    expect(final).toEqual({ ...afterStop, building: 0 });
  }, 600_000);
});
