import { randomBytes } from "node:crypto";
import postgres from "postgres";

/**
 * The PostgreSQL server the bench uses: --postgres <url>, else BENCH_POSTGRES_URL, else the
 * server of DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres. The URL only names
 * the server: the bench creates a database of its own for each size and drops it afterwards.
 */
export interface PostgresServer {
  /** The maintenance URL (database `postgres`). */
  adminUrl: string;
  version: string;
  createDatabase(label: string): Promise<{ url: string; drop(): Promise<void> }>;
}

export function postgresServerUrl(explicit: string | undefined): string {
  const url = new URL(explicit ?? process.env.BENCH_POSTGRES_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres");
  url.pathname = "/postgres";
  return url.toString();
}

/** The server, or null (with the reason) when it cannot be reached. */
export async function connectPostgres(adminUrl: string): Promise<{ server: PostgresServer } | { error: string }> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  let version: string;
  try {
    const [row] = await admin<{ server_version: string }[]>`show server_version`;
    version = row!.server_version;
  } catch (error) {
    return { error: (error as Error).message };
  } finally {
    await admin.end({ timeout: 1 });
  }
  return {
    server: {
      adminUrl,
      version,
      async createDatabase(label) {
        const name = `start_bench_${label}_${process.pid}_${randomBytes(3).toString("hex")}`;
        const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
        try {
          await sql.unsafe(`create database "${name}"`);
        } finally {
          await sql.end();
        }
        const url = new URL(adminUrl);
        url.pathname = `/${name}`;
        return {
          url: url.toString(),
          async drop() {
            const cleanup = postgres(adminUrl, { max: 1, onnotice: () => {} });
            try {
              await cleanup.unsafe(`drop database if exists "${name}" with (force)`);
            } finally {
              await cleanup.end();
            }
          },
        };
      },
    },
  };
}
