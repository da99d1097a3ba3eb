import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase } from "@start/db";
import { Fixtures } from "../support/fixtures.js";
import { compileWorkspace } from "../support/system.js";

const run = promisify(execFile);
const API = fileURLToPath(new URL("../../api/", import.meta.url));

const ORG = "1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
const ORGANIZATIONS = `id,name,description\n${ORG},Southern Relief,Food and shelter\n`;
const service = (n: number, age = "") => `a1b2c3d4-0000-4000-8000-00000000000${n},${ORG},Relief point ${n},active,${age}`;

/** How long one command may take (a limit against a hang), and a test running several in turn. */
const COMMAND_LIMIT_MS = 120_000;
const COMMANDS_BUDGET = (commands: number) => commands * COMMAND_LIMIT_MS + 30_000;

/**
 * The commands, as an operator runs them: on their own embedded database (a PGlite folder made for
 * the test, whatever database the rest of the suite uses), in a child process.
 */
describe("hsds:import and hsds:export on the command line", () => {
  let work: string;
  let env: NodeJS.ProcessEnv;

  async function command(script: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      // The compiled command (`pnpm --filter @start/api hsds:import` compiles (scripts/compile.mjs) then runs this file).
      const { stdout, stderr } = await run(process.execPath, [path.join(API, "dist/cli", script.replace(/\.ts$/, ".js")), "--", ...args], { cwd: API, env, timeout: COMMAND_LIMIT_MS });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  async function folder(name: string, services: string[]): Promise<string> {
    const dir = path.join(work, name);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, "organizations.csv"), ORGANIZATIONS);
    await writeFile(path.join(dir, "services.csv"), ["id,organization_id,name,status,minimum_age", ...services].join("\n") + "\n");
    return dir;
  }

  beforeAll(async () => {
    await compileWorkspace();
    work = await mkdtemp(path.join(tmpdir(), "start-hsds-cli-"));
    const database = await createDatabase({ dataDir: path.join(work, "data", "pglite"), url: "" });
    await database.migrate();
    await new Fixtures(database.db).world();
    await database.close();
    env = { ...process.env, DATABASE_URL: "", START_DATA_DIR: path.join(work, "data"), INIT_CWD: work };
  });
  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it("imports a package: a dry run first, then for real, with progress and a summary in the language asked for", async () => {
    const good = await folder("good", [service(1), service(2)]);
    const dryRun = await command("hsds-import.ts", [good, "--dry-run", "--lang", "fr"]);
    expect(dryRun.code).toBe(0);
    expect(dryRun.stdout).toContain("Essai à blanc\u202f: rien n’a été écrit.");
    expect(dryRun.stdout).toContain("services\u202f: 2 créé(s), 0 modifié(s), 0 inchangé(s)");
    expect(dryRun.stderr).toContain("services.csv\u202f: 2 enregistrements lus (100 %)");
    expect(dryRun.stderr).toContain("services\u202f: 2/2 vérifiés");

    const real = await command("hsds-import.ts", ["good", "--publish", "--lang", "en", "--list"]);
    expect(real.code).toBe(0);
    expect(real.stdout).toContain("Import done.");
    expect(real.stdout).toContain("created · services · Relief point 1");
    expect(real.stdout).toContain("The public site will be rebuilt with the published changes.");
  }, COMMANDS_BUDGET(2));

  it("refuses a package with a bad row, names the row in Arabic, and exits with 1", async () => {
    const bad = await folder("bad", [service(3), service(4, "-4")]);
    const result = await command("hsds-import.ts", [bad]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("لم يُستورد شيء: يجب أولًا إصلاح المشكلات المذكورة (عددها 1).");
    expect(result.stdout).toContain("services.csv، السطر 3، الحقل «minimum_age»");
  });

  it("exports the published directory for a locale", async () => {
    const result = await command("hsds-export.ts", ["--out", "export", "--lang", "ar", "--messages", "en"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Done: 2 services, 1 organizations");
    const exported = JSON.parse(await readFile(path.join(work, "export", "ar", "json", "services.json"), "utf8")) as { name: string }[];
    expect(exported.map((item) => item.name).sort()).toEqual(["Relief point 1", "Relief point 2"]);
    const csv = await readFile(path.join(work, "export", "ar", "tabular", "services.csv"), "utf8");
    expect(csv.split("\n")[0]).toMatch(/^id,organization_id,program_id,name,/);
    const unknown = await command("hsds-export.ts", ["--out", "export", "--lang", "de"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("اللغة «de» غير متاحة");
  }, COMMANDS_BUDGET(2));
});
