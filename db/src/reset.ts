import { rm } from "node:fs/promises";
import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "./client.js";

/** Empties the database: drops every START table, type, function and the migration history. */
export async function dropEverything(handle: DatabaseHandle): Promise<void> {
  await handle.db.execute(sql`drop schema if exists drizzle cascade`);
  await handle.db.execute(sql`drop schema public cascade`);
  await handle.db.execute(sql`create schema public`);
}

/** Removes an embedded database's directory (it must be closed first). */
export async function removeDataDirectory(location: string): Promise<void> {
  if (!location.startsWith("memory://")) await rm(location, { recursive: true, force: true });
}
