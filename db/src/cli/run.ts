import { createDatabase, type DatabaseHandle } from "../client.js";
import { lockDataDirectory } from "../data-lock.js";
import { dataDirectory } from "../paths.js";

/** Runs a database command with a handle, closing it afterwards and exiting non-zero on failure. */
export async function runWithDatabase(name: string, task: (handle: DatabaseHandle) => Promise<void>): Promise<void> {
  let handle: DatabaseHandle | undefined;
  let unlock: (() => void) | undefined;
  try {
    // The embedded database allows one process at a time: refuse while START runs on it.
    if (!process.env.DATABASE_URL) unlock = lockDataDirectory(dataDirectory());
    handle = await createDatabase();
    console.log(`${name}: ${handle.driver} at ${handle.location}`);
    await task(handle);
  } catch (error) {
    console.error(`${name} failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  } finally {
    await handle?.close();
    unlock?.();
  }
}
