import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { type Database, settings } from "@start/db";

const SECRET_KEY = "client_key_secret";
const cache = new WeakMap<Database, Promise<string>>();

/**
 * The server secret that keys the hashes of client addresses and e-mail addresses in rate limits.
 * START_SECRET (or the configured one) when given; otherwise one is generated at first start and
 * kept in the `settings` table, so that every API process uses the same. Read once per process.
 */
export function serverSecret(db: Database, configured?: string): Promise<string> {
  if (configured) return Promise.resolve(configured);
  let secret = cache.get(db);
  if (!secret) {
    secret = (async () => {
      await db.insert(settings).values({ key: SECRET_KEY, value: randomBytes(32).toString("base64url") }).onConflictDoNothing();
      const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, SECRET_KEY));
      if (!row) throw new Error("the server secret could not be stored");
      return row.value;
    })();
    secret.catch(() => cache.delete(db));
    cache.set(db, secret);
  }
  return secret;
}
