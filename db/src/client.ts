import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { ExtractTablesWithRelations, SQL } from "drizzle-orm";
import type { Logger } from "drizzle-orm/logger";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { dataDirectory, migrationsFolder } from "./paths.js";
import * as schema from "./schema/index.js";

export type Schema = typeof schema;
/** One typed handle for the rest of the code, whichever driver is behind it. */
export type Database = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either the database or a transaction: what functions that read or write should accept. */
export type Executor = Database | Transaction;

export type Driver = "pglite" | "postgres";

export interface DatabaseOptions {
  /** PostgreSQL connection string; defaults to DATABASE_URL. Without one, embedded PGlite is used. */
  url?: string;
  /** PGlite data directory, or "memory://" for a throw-away in-memory database. Defaults to <data dir>/pglite. */
  dataDir?: string;
  /** Called with every SQL statement drizzle sends (statement counting, debugging). */
  onQuery?: (query: string, params: unknown[]) => void;
  /** Connection pool size for PostgreSQL. */
  maxConnections?: number;
  /** PGlite: start from this image of a data directory (made by `dumpDataImage`) instead of an empty one. */
  dataImage?: Blob;
  /** PostgreSQL: how long a request may wait on the database (none when absent; PGlite ignores them). */
  timeouts?: DatabaseTimeouts;
}

/**
 * How long PostgreSQL may keep a request waiting. A network partition leaves the connections
 * open with nothing coming back, and TCP would wait for minutes: these turn it into an error the
 * API answers with 503 (ANSWER_TIMEOUT, QUEUE_TIMEOUT, CONNECT_TIMEOUT, 57014). Not for
 * migrations, seeding or batch jobs, whose statements may rightly take longer.
 */
export interface DatabaseTimeouts {
  /**
   * A statement running longer is cancelled by the server (statement_timeout); a connection with
   * a query in flight that hears nothing from the server for this plus ANSWER_MARGIN_MS is
   * destroyed (the server's own cancellation, which keeps the connection, comes first).
   */
  queryMs: number;
  /** Opening a connection, and waiting for a free one in the pool, each at most this. */
  connectMs: number;
}

export const ANSWER_MARGIN_MS = 1_000;

export interface DatabaseHandle {
  db: Database;
  driver: Driver;
  /** Where the data lives: the PGlite directory, or the PostgreSQL URL without its password. */
  location: string;
  migrate(): Promise<void>;
  /** Round-trips a trivial query; throws when the database is unreachable. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** PGlite only: an image of the data directory, which `dataImage` opens again (cheap copies of a database). */
  dumpDataImage?(): Promise<Blob>;
}

function loggerFor(onQuery: DatabaseOptions["onQuery"]): Logger | undefined {
  return onQuery ? { logQuery: (query, params) => onQuery(query, params) } : undefined;
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "postgres://…";
  }
}

/** Opens the database: PostgreSQL when a URL is given (or DATABASE_URL is set), embedded PGlite otherwise. */
export async function createDatabase(options: DatabaseOptions = {}): Promise<DatabaseHandle> {
  const url = options.url ?? process.env.DATABASE_URL;
  const logger = loggerFor(options.onQuery);
  if (url) {
    const timeouts = options.timeouts;
    const client = postgres(url, {
      max: options.maxConnections ?? Number(process.env.DATABASE_POOL_SIZE ?? 10),
      onnotice: () => {},
      connection: { application_name: "start", ...(timeouts ? { statement_timeout: timeouts.queryMs } : {}) },
      // When the server goes away (a restart, the network), postgres.js waits before each new
      // attempt, 3^n/100 s with n the failures since the last success, up to 20 s: queries sent
      // meanwhile would wait that long, and START would come back that late. At most 1 s here,
      // and an unreachable server is given up on after 10 s rather than 30 (timeouts.connectMs when set).
      backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1) * (0.5 + Math.random() / 2),
      connect_timeout: timeouts ? timeouts.connectMs / 1000 : 10,
      // START's patch of postgres.js (patches/postgres@3.4.9.patch).
      answer_timeout: timeouts ? (timeouts.queryMs + ANSWER_MARGIN_MS) / 1000 : null,
      queue_timeout: timeouts ? timeouts.connectMs / 1000 : null,
    });
    const db = drizzlePostgres(client, { schema, logger }) as unknown as Database;
    return {
      db,
      driver: "postgres",
      location: redactUrl(url),
      migrate: () => migratePostgres(drizzlePostgres(client, { schema }), { migrationsFolder }),
      ping: async () => {
        await client`select 1`;
      },
      close: () => client.end({ timeout: 5 }),
    };
  }

  const dataDir = options.dataDir ?? path.join(dataDirectory(), "pglite");
  if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir, { extensions: { pg_trgm }, ...(options.dataImage ? { loadDataDir: options.dataImage } : {}) });
  const db = drizzlePglite(client, { schema, logger }) as unknown as Database;
  return {
    db,
    driver: "pglite",
    location: dataDir,
    migrate: () => migratePglite(drizzlePglite(client, { schema }), { migrationsFolder }),
    ping: async () => {
      await client.query("select 1");
    },
    close: () => client.close(),
    dumpDataImage: async () => {
      await client.query("checkpoint");
      return client.dumpDataDir("none");
    },
  };
}

/** Rows of a raw `db.execute(sql…)` result: postgres.js returns an array, PGlite an object with `rows`. */
export async function queryRows<Row extends Record<string, unknown>>(executor: Executor, query: SQL): Promise<Row[]> {
  const result: unknown = await executor.execute(query);
  return (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[];
}
