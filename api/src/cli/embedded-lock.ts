import { dataDirectory, lockDataDirectory } from "@start/db";

/**
 * The embedded database (PGlite, when DATABASE_URL is unset) belongs to one process at a time: a
 * command opening it while START runs on the same data directory would corrupt it. Takes the data
 * directory's lock (one left by a killed process is taken over), or exits with the reason.
 */
export function lockEmbeddedDatabase(): () => void {
  if (process.env.DATABASE_URL) return () => {};
  try {
    return lockDataDirectory(dataDirectory());
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
