import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDriver } from "../support/database.js";
import {
  buildStarted,
  compileWorkspace,
  EDITABLE_SERVICE,
  formToInput,
  graphql,
  type LogEntry,
  publishedServiceWithPhone,
  separateDatabase,
  signIn,
  startProcess,
  type StartedProcess,
  swapped,
  temporaryDataDir,
  UPDATE_SERVICE,
  waitForSwap,
} from "../support/system.js";

const ENV = { START_ADMIN_EMAIL: "admin@example.org", START_ADMIN_PASSWORD: "processes-test-password-1" };

/**
 * Several START processes on one database. On PostgreSQL, two `pnpm start` processes share the
 * database and the site folder: a session made on one works on the other, and a publish through
 * either is built exactly once. The embedded database belongs to one process: a second one on
 * the same data directory is refused.
 */
describe(`several START processes (${testDriver})`, () => {
  const data = temporaryDataDir();
  let database: Awaited<ReturnType<typeof separateDatabase>>;
  const processes: StartedProcess[] = [];

  beforeAll(async () => {
    await compileWorkspace();
    database = await separateDatabase();
  }, 300_000);
  afterAll(async () => {
    for (const started of processes) await started.stop();
    await database?.drop();
    data.remove();
  });

  if (process.env.DATABASE_URL) {
    let a: StartedProcess;
    let b: StartedProcess;
    const allLogs = () => [...a.logs(), ...b.logs()];

    it("start together on an empty database: it is migrated and seeded once, and the portal built once", async () => {
      const both = await Promise.all([0, 1].map(() => startProcess({ entry: "start", dataDir: data.dir, databaseUrl: database.url, env: ENV })));
      [a, b] = [both[0]!, both[1]!];
      processes.push(a, b);
      await Promise.race([waitForSwap(a, 240_000), waitForSwap(b, 240_000)]);
      expect(allLogs().filter((entry) => entry.message === "first start: loading content/ into the database")).toHaveLength(1);
      expect(allLogs().filter(buildStarted)).toHaveLength(1);
      // Both serve the build (one site folder).
      for (const started of [a, b]) expect((await fetch(`${started.url}/en/`)).status).toBe(200);
    }, 300_000);

    it("accepts a session made on one process on the other, and ends it on both", async () => {
      const token = await signIn(a.url, ENV.START_ADMIN_EMAIL, ENV.START_ADMIN_PASSWORD);
      const me = await graphql(b.url, "{ me { email } }", {}, { authorization: `Bearer ${token}` });
      expect(me.data).toEqual({ me: { email: ENV.START_ADMIN_EMAIL } });
      const out = await graphql(b.url, "mutation { logout }", {}, { authorization: `Bearer ${token}` });
      expect(out.data).toEqual({ logout: true });
      expect((await graphql(a.url, "{ me { email } }", {}, { authorization: `Bearer ${token}` })).data).toEqual({ me: null });
    });

    it("builds exactly once for a publish through either process", async () => {
      const token = await signIn(a.url, ENV.START_ADMIN_EMAIL, ENV.START_ADMIN_PASSWORD);
      const auth = { authorization: `Bearer ${token}` };
      const service = await publishedServiceWithPhone(a.url);
      for (const [index, through] of [a, b].entries()) {
        const marks = [a.logs().length, b.logs().length];
        const since = (): LogEntry[] => [...a.logs().slice(marks[0]), ...b.logs().slice(marks[1])];
        const loaded = await graphql(through.url, EDITABLE_SERVICE, { id: service.id }, auth);
        const input = formToInput(loaded.data!.editableService.form);
        const name = `Shared queue check ${index + 1}`;
        input.texts = input.texts.map((text: { locale: string }) => (text.locale === "en" ? { ...text, name } : text));
        const saved = await graphql(through.url, UPDATE_SERVICE, { id: service.id, v: loaded.data!.editableService.version, input }, auth);
        expect(saved.errors).toBeUndefined();
        expect(saved.data!.updateService).toMatchObject({ state: "PUBLISHED", pendingChanges: null });

        const deadline = Date.now() + 240_000;
        while (!since().some(swapped)) {
          if (Date.now() > deadline) throw new Error(`no rebuild:\n${a.output().slice(-3000)}\n${b.output().slice(-3000)}`);
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
        // Time for a second build to start, if one were coming.
        await new Promise((resolve) => setTimeout(resolve, 3_000));
        expect(since().filter(buildStarted)).toHaveLength(1);
        expect(since().filter((entry) => entry.message === "publish queued").flatMap((entry) => entry.reasons as string[])).toContain(
          `published service edited: service ${service.slug}`,
        );
        for (const started of [a, b]) expect(await (await fetch(`${started.url}/en/services/${service.slug}/`)).text()).toContain(name);
      }
    }, 600_000);
  } else {
    it("refuses a second process on the embedded database's data directory, and the first goes on", async () => {
      const first = await startProcess({ entry: "start:api", dataDir: data.dir, env: ENV });
      processes.push(first);
      const second = await startProcess({ entry: "start", dataDir: data.dir, env: ENV, waitReady: false });
      processes.push(second);
      expect(await second.exited).toEqual({ code: 1, signal: null });
      expect(second.output()).toMatch(new RegExp(`START is already running on ${data.dir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} \\(process \\d+\\)`));
      expect((await fetch(`${first.url}/readyz`)).status).toBe(200);
      expect(await first.stop()).toEqual({ code: 0, signal: null });
    }, 300_000);
  }
});
