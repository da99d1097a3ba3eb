import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import path from "node:path";
import swc from "unplugin-swc";
import { defineConfig } from "vitest/config";

/**
 * Workspace packages resolve to their TypeScript sources (the "source" entries of their exports),
 * so tests need no build step and run the code as written.
 */
function workspaceSourceAliases(packages: string[]) {
  return packages.flatMap((folder) => {
    const manifest = JSON.parse(readFileSync(path.join(folder, "package.json"), "utf8")) as {
      name: string;
      exports?: Record<string, { source?: string }>;
    };
    return Object.entries(manifest.exports ?? {})
      .filter(([, target]) => target.source)
      .map(([subpath, target]) => ({
        find: new RegExp(`^${(manifest.name + subpath.slice(1)).replace(/[/.]/g, "\\$&")}$`),
        replacement: path.resolve(folder, target.source!),
      }));
  });
}

/**
 * On PostgreSQL (DATABASE_URL set) the unit project runs the files whose outcome can depend on
 * the driver: the database itself, the API and its writes, HSDS, the queue and the processes,
 * authorization, abuse and hostile input over HTTP, the outage. The rest (content checks, portal
 * builds from the API, the fuzzer, load) reads the database only through code both drivers share
 * and runs on PGlite. START_ALL_TEST_FILES=1 runs every file on PostgreSQL too.
 */
const DRIVER_SENSITIVE_FILES = [
  "tests/db/**/*.test.ts",
  "tests/api/**/*.test.ts",
  "tests/editorial/**/*.test.ts",
  "tests/hsds/**/*.test.ts",
  "tests/content/seed.test.ts",
  "tests/pipeline/**/*.test.ts",
  "tests/security/authorization.test.ts",
  "tests/security/abuse.test.ts",
  "tests/security/hostile-input.test.ts",
  "tests/security/login-work.test.ts",
  "tests/faults/**/*.test.ts",
];
/** Files that replace a module with vi.mock: they run with modules of their own. */
const MOCKING_FILES = ["tests/security/login-work.test.ts"];
/** In the browser project on PostgreSQL: the publish pipeline seen in the browser. */
const DRIVER_SENSITIVE_BROWSER_FILES = ["tests/browser/pipeline.test.ts"];
const driverSubset = Boolean(process.env.DATABASE_URL) && process.env.START_ALL_TEST_FILES !== "1";

export default defineConfig({
  // SWC instead of the default transform: type-graphql needs decorator metadata, which
  // esbuild and oxc do not emit.
  plugins: [
    swc.vite({
      jsc: {
        parser: { syntax: "typescript", decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: "es2022",
      },
    }),
  ],
  resolve: {
    alias: [
      ...workspaceSourceAliases(["db", "api", "portal"].filter((folder) => existsSafe(folder))),
      // graphql 16 ships CommonJS (main) and ESM (module) builds. Node resolves `graphql` to the
      // CommonJS one for type-graphql and Apollo; Vite would give the ESM one to the code it
      // transforms, and two graphql instances break instanceof checks. One instance everywhere:
      { find: /^graphql$/, replacement: createRequire(path.resolve("tests/package.json")).resolve("graphql") },
    ],
  },
  test: {
    // vitest's default is one worker fewer than the cores: one on a 2-core machine. Many files
    // wait on sockets, child processes and builds, so one more than the cores run side by side.
    maxWorkers: availableParallelism() + 1,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          // Files share a worker's modules (API, drizzle, Apollo are imported once per worker, not
          // once per file): half the time of the suite went into imports. Files that mock a module
          // need their own (the "unit-isolated" project below).
          isolate: false,
          include: driverSubset ? DRIVER_SENSITIVE_FILES : ["tests/**/*.test.ts"],
          // The outage test needs a PostgreSQL server to cut off: it runs in the PostgreSQL pass.
          // A first start from a fresh clone (compile, steps, portal) runs once, on PGlite: the
          // PostgreSQL start is seen by the browser pipeline test.
          exclude: [
            "tests/browser/**",
            "**/node_modules/**",
            ...MOCKING_FILES,
            ...(process.env.DATABASE_URL ? [] : ["tests/faults/database-outage.test.ts"]),
            ...(driverSubset ? ["tests/pipeline/first-run.test.ts"] : []),
          ],
          globalSetup: ["tests/support/global-setup.ts"],
          setupFiles: ["tests/support/shifted-clock.mjs"],
          // Limits against a hang, not speed targets (those are in bench/): they hold at a load of 8 on 2 cores.
          testTimeout: 120_000,
          hookTimeout: 240_000,
        },
      },
      {
        extends: true,
        test: {
          name: "unit-isolated",
          include: MOCKING_FILES,
          globalSetup: ["tests/support/global-setup.ts"],
          setupFiles: ["tests/support/shifted-clock.mjs"],
          testTimeout: 120_000,
          hookTimeout: 240_000,
        },
      },
      {
        extends: true,
        test: {
          name: "browser",
          isolate: false,
          include: driverSubset ? DRIVER_SENSITIVE_BROWSER_FILES : ["tests/browser/**/*.test.ts"],
          globalSetup: ["tests/support/global-setup.ts"],
          setupFiles: ["tests/support/shifted-clock.mjs"],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          // One file at a time: with two side by side, a portal build sometimes could not reach its
          // file's test API (UND_ERR_SOCKET, under load), not yet explained.
          fileParallelism: false,
        },
      },
    ],
  },
});

function existsSafe(folder: string): boolean {
  try {
    readFileSync(path.join(folder, "package.json"));
    return true;
  } catch {
    return false;
  }
}
