#!/usr/bin/env node
/**
 * The fast compile behind `pnpm start` (and the other run scripts): db/src and api/src to the
 * dist folders their packages' exports point at, with SWC — legacy decorators and decorator
 * metadata, as type-graphql needs and as vitest.config.ts compiles the tests. No type-checking:
 * that is `pnpm typecheck` (`tsc -b`, which CI runs first) and `pnpm build`, whose output this
 * matches. A file whose output is newer than its source (and than this script) is skipped, so a
 * second start compiles nothing; outputs whose source is gone are removed.
 *
 *   node scripts/compile.mjs
 *
 * Everything goes to stderr (stdout may be a command's output, such as `hsds:export`): progress,
 * a line rewritten in place on a terminal; with START_LOG_FORMAT=json (the default when stdout is
 * not a terminal, as for START's log) one JSON line when done.
 */
import { mkdir, readdir, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { transformFile } from "@swc/core";

const root = fileURLToPath(new URL("..", import.meta.url));
const PACKAGES = ["db", "api"];
const self = fileURLToPath(import.meta.url);

/** The options of vitest.config.ts's SWC plugin, plus what tsc's NodeNext ES2022 output has. */
const SWC_OPTIONS = {
  jsc: {
    parser: { syntax: "typescript", decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: true },
    target: "es2022",
    keepClassNames: true,
  },
  module: { type: "es6", ignoreDynamic: true },
  sourceMaps: true,
  swcrc: false,
  configFile: false,
};

async function mtime(file) {
  try {
    return (await stat(file)).mtimeMs;
  } catch {
    return -1;
  }
}

async function walk(folder, keep) {
  const found = [];
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch {
    return found;
  }
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) found.push(...(await walk(full, keep)));
    else if (keep(entry.name)) found.push(full);
  }
  return found;
}

/**
 * Compiles what is out of date; `onProgress(done, total)` after each file. Returns the counts.
 * Throws with the file and SWC's message when a file does not parse.
 */
export async function compileWorkspace({ onProgress = () => {} } = {}) {
  const started = performance.now();
  const scriptTime = await mtime(self);
  const jobs = [];
  let files = 0;
  for (const name of PACKAGES) {
    const src = path.join(root, name, "src");
    const dist = path.join(root, name, "dist");
    const sources = await walk(src, (file) => file.endsWith(".ts") && !file.endsWith(".d.ts"));
    files += sources.length;
    const expected = new Set(sources.map((file) => path.join(dist, path.relative(src, file)).replace(/\.ts$/, ".js")));
    // Outputs of deleted or renamed sources (tsc leaves them; an import of one would still work).
    for (const output of await walk(dist, (file) => file.endsWith(".js"))) {
      if (expected.has(output)) continue;
      const base = output.slice(0, -3);
      await Promise.all([".js", ".js.map", ".d.ts", ".d.ts.map"].map((ext) => rm(base + ext, { force: true })));
    }
    for (const source of sources) {
      const output = path.join(dist, path.relative(src, source)).replace(/\.ts$/, ".js");
      const outputTime = await mtime(output);
      if (outputTime >= Math.max(await mtime(source), scriptTime)) continue;
      jobs.push({ source, output });
    }
  }
  let done = 0;
  onProgress(done, jobs.length);
  // SWC works on its own threads: all files at once keep both cores busy.
  await Promise.all(
    jobs.map(async ({ source, output }) => {
      let result;
      try {
        result = await transformFile(source, { ...SWC_OPTIONS, filename: source, outputPath: output });
      } catch (error) {
        throw new Error(`${path.relative(root, source)}: ${String(error?.message ?? error).trim()}`);
      }
      await mkdir(path.dirname(output), { recursive: true });
      const mapName = `${path.basename(output)}.map`;
      await writeFile(`${output}.map`, result.map ?? "");
      await writeFile(output, `${result.code}\n//# sourceMappingURL=${mapName}\n`);
      done += 1;
      onProgress(done, jobs.length);
    }),
  );
  return { files, compiled: jobs.length, durationMs: Math.round(performance.now() - started) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === self) {
  const json = (process.env.START_LOG_FORMAT ?? (process.stdout.isTTY ? "pretty" : "json")) === "json";
  const time = () => new Date().toTimeString().slice(0, 8);
  const tty = !json && process.stderr.isTTY;
  let lastDecile = -1;
  const onProgress = (done, total) => {
    if (json || total === 0) return;
    const text = `${time()} compiling TypeScript (no type-checking; that is pnpm typecheck): ${done}/${total} files`;
    if (tty) process.stderr.write(`\r\x1b[2K${text}${done === total ? "\n" : ""}`);
    else if (Math.floor((10 * done) / total) !== lastDecile) {
      lastDecile = Math.floor((10 * done) / total);
      process.stderr.write(`${text}\n`);
    }
  };
  try {
    const { files, compiled, durationMs } = await compileWorkspace({ onProgress });
    if (json) {
      process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level: "info", message: "compiled", files, compiled, durationMs })}\n`);
    } else {
      process.stderr.write(`${time()} ${compiled ? `compiled ${compiled} of ${files} files in ${(durationMs / 1000).toFixed(1)} s` : `compiled code up to date (${files} files)`}\n`);
    }
  } catch (error) {
    const message = String(error?.message ?? error);
    if (json) process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level: "error", message: "compile failed", error: message })}\n`);
    else process.stderr.write(`compile failed: ${message}\n`);
    process.exit(1);
  }
}
