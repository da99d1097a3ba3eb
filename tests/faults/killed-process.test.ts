import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SiteDirectory } from "@start/api";
import { createDatabase, type DatabaseHandle, queryRows } from "@start/db";
import { testDriver } from "../support/database.js";
import { Fixtures } from "../support/fixtures.js";
import { repositoryRoot } from "../support/portal.js";
import { compileWorkspace, EDITABLE_SERVICE, formToInput, freePort, graphql, publishedServiceWithPhone, signIn, UPDATE_SERVICE } from "../support/system.js";
import { emptyPostgresDatabase, type NodeProcess, running, startNodeProcess, until } from "./support.js";
import { trimmedContentFolder } from "../support/trimmed-content.js";

const IMPORT_CLI = path.join(repositoryRoot, "api/dist/cli/hsds-import.js");
const START_SYSTEM = fileURLToPath(new URL("./fixtures/start-system.mjs", import.meta.url));
const ADMIN = { START_ADMIN_EMAIL: "admin@example.org", START_ADMIN_PASSWORD: "killed-process-password-1" };

/** A database of its own for START's processes: a PGlite folder, or an empty PostgreSQL database. */
async function processDatabase(dataDir: string): Promise<{ url: string; open(): Promise<DatabaseHandle>; drop(): Promise<void> }> {
  if (testDriver === "postgres") {
    const database = await emptyPostgresDatabase(process.env.DATABASE_URL);
    return { url: database.url, open: () => createDatabase({ url: database.url }), drop: database.drop };
  }
  return { url: "", open: () => createDatabase({ url: "", dataDir: path.join(dataDir, "pglite") }), drop: async () => {} };
}

async function count(db: DatabaseHandle["db"], query: ReturnType<typeof sql>): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, query);
  return Number(row?.n ?? 0);
}

/**
 * START's processes killed with SIGKILL (kill -9: no clean-up, no signal handler) in the middle of
 * their work, then run again: an HSDS import (all or nothing: nothing of it is left, and running
 * it again completes), and the publish worker half-way through a build (the site being served
 * stays the old one, the half-written build is never served, and the build is done again by the
 * next worker at once). A build that fails half-way is here too. What stopping cleanly (SIGINT)
 * does is in tests/pipeline/restart.test.ts.
 */
describe(`START killed mid-work (${testDriver})`, () => {
  const work = mkdtempSync(path.join(tmpdir(), "start-faults-"));
  const started: NodeProcess[] = [];

  beforeAll(async () => {
    await compileWorkspace();
  }, 300_000);
  afterAll(async () => {
    for (const child of started) await child.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it("kill -9 mid-HSDS import leaves nothing of it, and the import run again completes", async () => {
    const ROWS = 2_000;
    const ORG = "5e1d2c3b-4a59-4687-9a1b-2c3d4e5f6a7b";
    const dataDir = path.join(work, "import-data");
    const database = await processDatabase(dataDir);
    try {
      const setup = await database.open();
      await setup.migrate();
      await new Fixtures(setup.db).locales();
      await setup.close();

      const source = path.join(work, "package");
      mkdirSync(source);
      writeFileSync(path.join(source, "organizations.csv"), `id,name,description\n${ORG},Large NGO,Thousands of listings\n`);
      const file = createWriteStream(path.join(source, "services.csv"));
      file.write("id,organization_id,name,description,status\n");
      for (let n = 0; n < ROWS; n++) {
        const row = `c0ffee00-0000-4000-8000-${String(n).padStart(12, "0")},${ORG},Service ${n},"Help and support, number ${n}.",active\n`;
        if (!file.write(row)) await once(file, "drain");
      }
      file.end();
      await once(file, "close");

      const env = { ...process.env, DATABASE_URL: database.url, START_DATA_DIR: dataDir };
      const importing = () => startNodeProcess(IMPORT_CLI, [source, "--publish", "--lang", "en"], env, repositoryRoot);

      // Killed while it writes the services (the last phase, inside the import's one transaction).
      const first = importing();
      const killedAt = await until(
        () => [...first.output().matchAll(/services: (\d+)\/\d+ checked/g)].map((match) => Number(match[1])).find((done) => done >= ROWS * 0.3),
        120_000,
        "the import a third of the way through writing services",
      );
      await first.kill9();
      expect(await first.exited).toEqual({ code: null, signal: "SIGKILL" });

      // Nothing of it is in the database (which opens: no corruption), nothing is locked or half-done.
      const after = await database.open();
      try {
        expect(await count(after.db, sql`select count(*)::int as n from services`)).toBe(0);
        expect(await count(after.db, sql`select count(*)::int as n from organizations`)).toBe(0);
        expect(await count(after.db, sql`select count(*)::int as n from service_translations`)).toBe(0);
        expect(await count(after.db, sql`select count(*)::int as n from audit_entries`)).toBe(0);
        expect(await count(after.db, sql`select count(*)::int as n from publish_jobs`)).toBe(0);
      } finally {
        await after.close();
      }

      // Run again: it completes, everything is there once, with one rebuild asked for.
      const second = importing();
      expect(await second.exited, second.output()).toEqual({ code: 0, signal: null });
      expect(second.output()).toContain("Import done.");
      const done = await database.open();
      try {
        expect(await count(done.db, sql`select count(*)::int as n from services`)).toBe(ROWS);
        expect(await count(done.db, sql`select count(*)::int as n from service_translations`)).toBe(ROWS);
        expect(await count(done.db, sql`select count(*)::int as n from organizations`)).toBe(1);
        expect(await count(done.db, sql`select count(*)::int as n from publish_jobs where status = 'queued'`)).toBe(1);
      } finally {
        await done.close();
      }
      console.log(`HSDS import of ${ROWS} services killed at ${killedAt} services checked: nothing written; run again: all ${ROWS} imported`);
    } finally {
      await database.drop();
    }
  }, 240_000);

  it("kill -9 of the publish worker mid-build: the old site stays served, the half-written build never is, and the build is done again after a restart", async () => {
    const dataDir = path.join(work, "publish-data");
    const database = await processDatabase(dataDir);
    const control = path.join(work, "build-control");
    const report = path.join(work, "build-report");
    writeFileSync(control, "go");
    writeFileSync(report, "");
    const site = new SiteDirectory(path.join(dataDir, "site"));
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env = {
      ...process.env,
      ...ADMIN,
      PORT: String(port),
      START_DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      START_LOG_FORMAT: "json",
      NODE_ENV: "test",
      START_CONTENT_DIR: trimmedContentFolder(),
      FAULTS_BUILD_CONTROL: control,
      FAULTS_BUILD_REPORT: report,
    };
    // PGlite: `pnpm start`, one process that is also the worker. PostgreSQL: `pnpm start:api` serving the portal, and `pnpm start:worker` building from it.
    const separateWorker = testDriver === "postgres";
    const launch = (roles: "start" | "api" | "worker") => {
      const child = startNodeProcess(START_SYSTEM, [], { ...env, FAULTS_ROLES: roles, ...(roles === "worker" ? { START_API_URL: `${url}/graphql` } : {}) }, repositoryRoot);
      started.push(child);
      return child;
    };
    const ready = (child: NodeProcess) => child.waitForLog((line) => line.message === "fault-test system ready", 180_000);
    const page = async () => {
      const response = await fetch(`${url}/`);
      return { status: response.status, text: await response.text() };
    };
    const halfWritten = () => readFileSync(report, "utf8").split("\n").filter((line) => line.startsWith("half "));

    try {
      let api = launch(separateWorker ? "api" : "start");
      await ready(api);
      let worker = separateWorker ? launch("worker") : api;
      if (separateWorker) await ready(worker);
      await worker.waitForLog((line) => line.message === "portal build swapped in", 120_000);
      const first = await site.current();
      const before = await page();
      expect(before.status).toBe(200);
      if (!separateWorker) {
        // A command on the embedded database while START runs on it would corrupt it: it is refused.
        const emptyFile = path.join(work, "empty.json");
        writeFileSync(emptyFile, "[]");
        const refused = startNodeProcess(IMPORT_CLI, [emptyFile], env, repositoryRoot);
        expect(await refused.exited).toEqual({ code: 1, signal: null });
        expect(refused.output()).toContain(`START is already running on ${dataDir}`);
        expect(await page()).toEqual(before);
      }

      // An editor's change starts a build, which stops half-way; the worker is killed there.
      const token = await signIn(url, ADMIN.START_ADMIN_EMAIL, ADMIN.START_ADMIN_PASSWORD);
      const auth = { authorization: `Bearer ${token}` };
      const service = await publishedServiceWithPhone(url);
      const rename = async (name: string) => {
        const loaded = await graphql(url, EDITABLE_SERVICE, { id: service.id }, auth);
        const input = formToInput(loaded.data!.editableService.form);
        input.texts = input.texts.map((text: { locale: string }) => (text.locale === "en" ? { ...text, name } : text));
        const saved = await graphql(url, UPDATE_SERVICE, { id: service.id, v: loaded.data!.editableService.version, input }, auth);
        expect(saved.errors).toBeUndefined();
      };
      writeFileSync(control, "pause");
      const mark = worker.logs().length;
      await rename("Killed build check");
      const building = await worker.waitForLog((line) => line.message === "portal build started", 30_000, mark);
      const [, buildPid, buildDir] = (await until(() => halfWritten()[0], 30_000, "a half-written build")).split(" ");
      await worker.kill9();
      const killedAt = performance.now();

      // The build the worker started notices and ends; the half-written folder is not the site.
      await until(() => !running(Number(buildPid)), 10_000, "the orphaned build process ending");
      expect(existsSync(buildDir!)).toBe(true);
      expect((await site.current())?.id).toBe(first!.id);
      if (separateWorker) {
        // The API goes on serving the old site while no worker runs.
        const during = await page();
        expect(during).toEqual(before);
        expect(during.text).not.toContain("Killed build check");
        const handle = await database.open();
        try {
          expect(await count(handle.db, sql`select count(*)::int as n from publish_jobs where status = 'building'`)).toBeGreaterThan(0);
        } finally {
          await handle.close();
        }
      }

      // Started again (the build still held half-way): its first job is the interrupted build, and meanwhile the old site is served.
      if (separateWorker) worker = launch("worker");
      else api = worker = launch("start");
      await ready(worker);
      const restartedAt = performance.now();
      const again = await worker.waitForLog((line) => line.message === "portal build started", 30_000);
      const pickedUpAt = performance.now();
      expect(again.jobs).toEqual(expect.arrayContaining(building.jobs as number[]));
      await until(() => halfWritten().length === 2, 30_000, "the second build half-way");
      expect((await site.current())?.id).toBe(first!.id);
      expect(await page()).toEqual(before);
      writeFileSync(control, "go");
      await worker.waitForLog((line) => line.message === "portal build swapped in", 30_000, worker.logs().indexOf(again));
      expect((await page()).text).toContain("Killed build check");
      console.log(
        `publish worker killed mid-build: restarted ${((restartedAt - killedAt) / 1000).toFixed(1)} s later, ` +
          `took the interrupted build up ${((pickedUpAt - restartedAt) / 1000).toFixed(2)} s after its start`,
      );

      // A build that fails half-way leaves the site as it was, and its folder is removed.
      const current = await site.current();
      writeFileSync(control, "crash");
      const beforeCrash = await page();
      const crashMark = worker.logs().length;
      await rename("Crashed build check");
      const failed = await worker.waitForLog((line) => line.message === "portal build failed; the current site stays online", 30_000, crashMark);
      expect(String(failed.error)).toContain("stopped half-way");
      const crashedDir = halfWritten().at(-1)!.split(" ")[2]!;
      expect(existsSync(crashedDir)).toBe(false);
      expect((await site.current())?.id).toBe(current!.id);
      expect(await page()).toEqual(beforeCrash);

      // Nothing left building; the interrupted jobs were built on the second attempt.
      for (const child of started.splice(0)) if (child.child.exitCode === null && child.child.signalCode === null) expect((await child.stop()).code).toBe(0);
      const handle = await database.open();
      try {
        expect(await count(handle.db, sql`select count(*)::int as n from publish_jobs where status = 'building'`)).toBe(0);
        const ids = sql.join((building.jobs as number[]).map((id) => sql`${id}`), sql`, `);
        const rows = await queryRows<{ status: string; attempts: number }>(handle.db, sql`select status::text as status, attempts from publish_jobs where id in (${ids})`);
        expect(rows.map((row) => [row.status, Number(row.attempts)])).toEqual(rows.map(() => ["succeeded", 2]));
      } finally {
        await handle.close();
      }
    } finally {
      for (const child of started.splice(0)) await child.stop();
      await database.drop();
    }
  }, 240_000);
});
