import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import "./shifted-clock.mjs";
import { createDatabase } from "@start/db";

declare module "vitest" {
  export interface ProvidedContext {
    /** PGlite: the file holding an image of a freshly migrated database ("" on PostgreSQL). */
    migratedImage: string;
  }
}

/**
 * Migrates once what every test database is copied from. On PostgreSQL: the database named by
 * DATABASE_URL, used as a template (nothing stays connected to it, as a template requires). On
 * PGlite: an image of a migrated in-memory database, which each test database opens instead of
 * running initdb and the migrations again (seconds per file).
 */
export default async function setup(project: TestProject): Promise<() => void> {
  if (process.env.DATABASE_URL) {
    const handle = await createDatabase();
    try {
      await handle.migrate();
    } finally {
      await handle.close();
    }
    project.provide("migratedImage", "");
    return () => {};
  }
  const folder = mkdtempSync(path.join(tmpdir(), "start-test-images-"));
  const handle = await createDatabase({ url: "", dataDir: "memory://" });
  try {
    await handle.migrate();
    const image = await handle.dumpDataImage!();
    const file = path.join(folder, "migrated.tar");
    writeFileSync(file, Buffer.from(await image.arrayBuffer()));
    project.provide("migratedImage", file);
  } finally {
    await handle.close();
  }
  return () => rmSync(folder, { recursive: true, force: true });
}
