import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
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
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/**/*.test.ts"],
          exclude: ["tests/browser/**", "**/node_modules/**"],
          globalSetup: ["tests/support/global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: "browser",
          include: ["tests/browser/**/*.test.ts"],
          globalSetup: ["tests/support/global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 300_000,
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
