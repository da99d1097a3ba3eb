#!/usr/bin/env node
/**
 * Measures what a new user waits for: `pnpm start` from a fresh clone (no compiled output, an
 * empty data folder) until the portal's first page answers 200, then a second `pnpm start` on the
 * same data until the same. Prints the seconds to the first output line, to the printed URL and to
 * the first page, with the load average, for the README.
 *
 *   node scripts/first-run.mjs [--runs 3] [--keep-dist]
 *
 * --keep-dist leaves the compiled output in place (a start after `git pull` with nothing changed).
 * It removes api/dist and db/dist (and their tsc build info): run it in a checkout you are not
 * compiling in at the same time.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = fileURLToPath(new URL("..", import.meta.url));
const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg, index) => !(index === 0 && arg === "--")),
  options: { runs: { type: "string", default: "1" }, "keep-dist": { type: "boolean", default: false } },
});

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const load = () => loadavg().map((n) => n.toFixed(2)).join(" ");
const seconds = (ms) => (ms === null ? "–" : (ms / 1000).toFixed(1));

/** One `pnpm start` until its first page answers 200; then Ctrl-C and wait for it to end. */
async function timedStart(dataDir) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn("pnpm", ["start"], {
    cwd: root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, PORT: String(port), START_DATA_DIR: dataDir, START_LOG_FORMAT: "pretty", DATABASE_URL: "" },
  });
  const marks = { output: null, url: null, page: null };
  let text = "";
  const take = (chunk) => {
    marks.output ??= performance.now() - started;
    text += chunk.toString();
    if (marks.url === null && text.includes("START is running at")) marks.url = performance.now() - started;
  };
  child.stdout.on("data", take);
  child.stderr.on("data", take);
  let exited = false;
  const ended = new Promise((resolve) => child.on("close", () => ((exited = true), resolve())));
  while (!exited && performance.now() - started < 600_000) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/`, { redirect: "follow", signal: AbortSignal.timeout(5_000) });
      await response.arrayBuffer();
      if (response.status === 200) {
        marks.page = performance.now() - started;
        break;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  try {
    process.kill(-child.pid, "SIGINT");
  } catch {
    // Already gone.
  }
  await ended;
  if (marks.page === null) throw new Error(`no first page; the output:\n${text.slice(-4000)}`);
  return marks;
}

const rows = [];
for (let run = 1; run <= Number(values.runs); run += 1) {
  if (!values["keep-dist"]) {
    for (const file of ["api/dist", "db/dist", "api/tsconfig.tsbuildinfo", "db/tsconfig.tsbuildinfo"]) {
      rmSync(path.join(root, file), { recursive: true, force: true });
    }
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), "start-first-run-"));
  try {
    const before = load();
    const first = await timedStart(dataDir);
    const second = await timedStart(dataDir);
    rows.push({ run, load: before, first, second });
    process.stdout.write(
      `run ${run} (load ${before}): first start: output ${seconds(first.output)} s, URL ${seconds(first.url)} s, first page ${seconds(first.page)} s; ` +
        `second start: URL ${seconds(second.url)} s, first page ${seconds(second.page)} s\n`,
    );
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
