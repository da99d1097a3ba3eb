import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repositoryRoot } from "../support/portal.js";
import { graphql, type LogEntry, separateDatabase, startProcess, type StartedProcess, temporaryDataDir, waitForSwap } from "../support/system.js";

/**
 * `pnpm start` in a fresh clone: nothing compiled yet. The checkout is a copy of this one without
 * api/dist and db/dist (sources, migrations and the portal linked, dependencies shared), so the
 * other test files' compiled code is left alone. The start compiles (scripts/compile.mjs), says
 * what it does at each step, serves, and builds the portal; a second start compiles nothing.
 */
describe("pnpm start from a fresh clone", () => {
  const data = temporaryDataDir();
  const clone = mkdtempSync(path.join(tmpdir(), "start-clone-"));
  let database: Awaited<ReturnType<typeof separateDatabase>>;
  let started: StartedProcess | undefined;

  beforeAll(async () => {
    database = await separateDatabase();
    for (const file of ["package.json", "pnpm-workspace.yaml", "scripts"]) cpSync(path.join(repositoryRoot, file), path.join(clone, file), { recursive: true });
    for (const link of ["node_modules", "portal", "content"]) symlinkSync(path.join(repositoryRoot, link), path.join(clone, link));
    for (const folder of ["db", "api"]) {
      mkdirSync(path.join(clone, folder));
      for (const entry of readdirSync(path.join(repositoryRoot, folder))) {
        if (entry === "dist" || entry.endsWith(".tsbuildinfo")) continue;
        const from = path.join(repositoryRoot, folder, entry);
        // node_modules as symbolic links relative to the package (@start/db → the clone's db).
        if (entry === "node_modules") cpSync(from, path.join(clone, folder, entry), { recursive: true, verbatimSymlinks: true });
        else symlinkSync(from, path.join(clone, folder, entry));
      }
    }
  }, 60_000);
  afterAll(async () => {
    await started?.stop();
    await database?.drop();
    data.remove();
    rmSync(clone, { recursive: true, force: true });
  });

  const messages = (entries: LogEntry[]) => entries.map((entry) => entry.message);

  it("compiles, tells each step, serves the API and builds the portal", async () => {
    expect(existsSync(path.join(clone, "api/dist"))).toBe(false);
    started = await startProcess({ entry: "start", viaPnpm: true, root: clone, dataDir: data.dir, databaseUrl: database.url, readyTimeoutMs: 240_000 });
    await waitForSwap(started, 240_000);
    await started.waitForLog((entry) => entry.message === "the portal is ready", 10_000);

    const compiled = started.logs().find((entry) => entry.message === "compiled");
    expect(compiled?.compiled).toBeGreaterThan(100);
    expect(compiled?.compiled).toBe(compiled?.files);
    const steps = [
      "compiled",
      "loading START",
      database.url ? "connecting to PostgreSQL" : "creating the embedded database (first start only)",
      "migrating the database",
      "first start: loading content/ into the database",
      "content loaded",
      "portal build started",
      "building the portal: bundling",
      "portal build swapped in",
      "the portal is ready",
    ];
    const seen = messages(started.logs());
    const positions = steps.map((step) => seen.indexOf(step));
    expect(Object.fromEntries(steps.map((step, index) => [step, positions[index]! >= 0]))).toEqual(Object.fromEntries(steps.map((step) => [step, true])));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));

    const answer = await graphql(started.url, "{ locales { code } }");
    expect(answer.errors).toBeUndefined();
    expect((await fetch(`${started.url}/en/`)).status).toBe(200);
  }, 300_000);

  it("starts again without compiling anything", async () => {
    await started!.stop();
    started = await startProcess({ entry: "start", viaPnpm: true, root: clone, dataDir: data.dir, databaseUrl: database.url, readyTimeoutMs: 120_000 });
    const compiled = started.logs().find((entry) => entry.message === "compiled");
    expect(compiled?.compiled).toBe(0);
    expect(messages(started.logs())).not.toContain("first start: loading content/ into the database");
    expect((await fetch(`${started.url}/en/`)).status).toBe(200);
  }, 180_000);
});
