import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { inject } from "vitest";
import postgres from "postgres";
import { contentFolder, createDatabase, type DatabaseHandle, type DatabaseOptions } from "@start/db";
import { seedRebasedContent, testToday } from "./content-date.js";

/**
 * The database the suite runs against: embedded PGlite in memory by default, or the PostgreSQL
 * server named by DATABASE_URL. On PostgreSQL every test database is a fresh copy of that one
 * (already migrated by the global setup), dropped when the test is done.
 */
export const testDriver: "pglite" | "postgres" = process.env.DATABASE_URL ? "postgres" : "pglite";

export interface TestDatabase extends DatabaseHandle {
  /** Closes the handle and, on PostgreSQL, drops the database. */
  dispose(): Promise<void>;
}

function maintenanceUrl(url: string): string {
  const parsed = new URL(url);
  parsed.pathname = "/postgres";
  return parsed.toString();
}

function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

let migratedImage: Blob | undefined;

/** PGlite: the image of a migrated database the global setup made (read once per worker). */
function pgliteMigratedImage(): Blob | undefined {
  if (migratedImage) return migratedImage;
  const file = inject("migratedImage");
  if (!file) return undefined;
  migratedImage = new Blob([readFileSync(file)]);
  return migratedImage;
}

/** A fresh, migrated, empty database. */
export async function createTestDatabase(options: Pick<DatabaseOptions, "onQuery" | "maxConnections"> = {}): Promise<TestDatabase> {
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) {
    const dataImage = pgliteMigratedImage();
    const handle = await createDatabase({ ...options, dataDir: "memory://", url: "", ...(dataImage ? { dataImage } : {}) });
    if (!dataImage) await handle.migrate();
    return { ...handle, dispose: () => handle.close() };
  }
  const template = databaseName(baseUrl);
  const name = `${template}_t${randomBytes(5).toString("hex")}`;
  const admin = postgres(maintenanceUrl(baseUrl), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}" template "${template}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const handle = await createDatabase({ ...options, url: url.toString() });
  return {
    ...handle,
    dispose: async () => {
      await handle.close();
      const cleanup = postgres(maintenanceUrl(baseUrl), { max: 1, onnotice: () => {} });
      try {
        await cleanup.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}

/** PGlite: a fresh in-memory database opened from an image (dumpDataImage) of another. */
export async function openTestDatabaseImage(image: Blob, options: Pick<DatabaseOptions, "onQuery" | "maxConnections"> = {}): Promise<TestDatabase> {
  if (testDriver !== "pglite") throw new Error("database images are PGlite's: on PostgreSQL, copy a template database");
  const handle = await createDatabase({ ...options, dataDir: "memory://", url: "", dataImage: image });
  return { ...handle, dispose: () => handle.close() };
}

/** Images of seeded databases, by content folder and day (PGlite; kept for the worker's later files). */
const seededImages = new Map<string, Promise<Blob>>();

/**
 * A fresh, migrated database holding content/ (or another folder) rebased to today, as
 * `seedRebasedContent` leaves it. On PGlite the first one of a worker is seeded and its image kept;
 * the next ones open a copy of that image (the same rows and ids) instead of seeding again.
 */
export async function createSeededTestDatabase(
  options: Pick<DatabaseOptions, "onQuery" | "maxConnections"> = {},
  folder: string = contentFolder,
): Promise<TestDatabase> {
  const key = `${folder}|${testToday()}`;
  const image = testDriver === "pglite" ? seededImages.get(key) : undefined;
  if (image) return openTestDatabaseImage(await image, options);
  const database = await createTestDatabase(options);
  try {
    await seedRebasedContent(database.db, folder);
    if (database.dumpDataImage) {
      const dumped = database.dumpDataImage();
      seededImages.set(key, dumped);
      dumped.catch(() => seededImages.delete(key));
      await dumped;
    }
    return database;
  } catch (error) {
    await database.dispose();
    throw error;
  }
}

/** Opens a second, independent in-memory PGlite database (to compare the drivers). */
export async function createPgliteDatabase(): Promise<DatabaseHandle> {
  const handle = await createDatabase({ dataDir: "memory://", url: "" });
  await handle.migrate();
  return handle;
}
