import { createDatabase } from "@start/db";

/**
 * On PostgreSQL, migrate the database named by DATABASE_URL once; every test database is then
 * created from it as a template. Nothing stays connected to it, as a template requires.
 */
export default async function setup(): Promise<void> {
  if (!process.env.DATABASE_URL) return;
  const handle = await createDatabase();
  try {
    await handle.migrate();
  } finally {
    await handle.close();
  }
}
