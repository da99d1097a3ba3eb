import path from "node:path";
import { type DatabaseTimeouts, dataDirectory } from "@start/db";

/** What a START process reads from its environment (the README's table). */
export interface RuntimeConfig {
  port: number;
  /** START_DATA_DIR: the PGlite database and the portal builds. */
  dataDir: string;
  /** START_SITE_DIR: builds/ and current (default <data dir>/site). */
  siteDir: string;
  /** START_SITE_URL: the portal's public origin (default http://localhost:PORT). */
  siteUrl: string;
  /** DATABASE_URL: PostgreSQL; unset means embedded PGlite. */
  databaseUrl: string | undefined;
  /** DATABASE_POOL_SIZE: PostgreSQL connections of the process (default 10). */
  databasePoolSize: number;
  /**
   * DATABASE_QUERY_TIMEOUT_MS (default 3000) and DATABASE_CONNECT_TIMEOUT_MS (default 2000): how
   * long a request may wait on PostgreSQL before it is answered 503, even when the network goes
   * silent (about 4 s at most with the defaults, under the 5 s clients are told to wait).
   */
  databaseTimeouts: DatabaseTimeouts;
  /** START_API_URL: for the worker alone, the API it builds from (else a private API in the worker). */
  apiUrl: string | undefined;
  /** START_DEPLOY_COMMAND: run by the worker after each build, before the swap. */
  deployCommand: string | undefined;
  /** START_SERVE_PORTAL=true: the API alone also serves the portal from START_SITE_DIR. */
  servePortal: boolean;
  /** START_PUBLISH_QUIET_MS / START_PUBLISH_MAX_WAIT_MS: the worker's debounce. */
  publishQuietMs: number | undefined;
  publishMaxWaitMs: number | undefined;
}

function numberFrom(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${name} must be a whole number, not "${value}"`);
  return parsed;
}

/** 0 would mean "no limit" to PostgreSQL and postgres.js, or no connection at all. */
function positive(value: number, name: string): number {
  if (value === 0) throw new Error(`${name} must be at least 1`);
  return value;
}

export function runtimeConfig(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  const port = numberFrom(env.PORT, "PORT") ?? 4000;
  if (port > 65_535) throw new Error(`PORT must be at most 65535, not ${port}`);
  const dataDir = dataDirectory(env);
  const siteUrl = (env.START_SITE_URL?.trim() || `http://localhost:${port}`).replace(/\/+$/, "");
  try {
    const url = new URL(siteUrl);
    // Pages link to each other from the root (/ar/…): the portal cannot live below a path.
    if (!/^https?:$/.test(url.protocol) || url.pathname !== "/" || url.search || url.hash) throw new Error();
  } catch {
    throw new Error(`START_SITE_URL must be an http(s) origin such as https://start.example.org (no path), not "${siteUrl}"`);
  }
  return {
    port,
    dataDir,
    siteDir: path.resolve(env.START_SITE_DIR?.trim() || path.join(dataDir, "site")),
    siteUrl,
    databaseUrl: env.DATABASE_URL?.trim() || undefined,
    databasePoolSize: positive(numberFrom(env.DATABASE_POOL_SIZE, "DATABASE_POOL_SIZE") ?? 10, "DATABASE_POOL_SIZE"),
    databaseTimeouts: {
      queryMs: positive(numberFrom(env.DATABASE_QUERY_TIMEOUT_MS, "DATABASE_QUERY_TIMEOUT_MS") ?? 3_000, "DATABASE_QUERY_TIMEOUT_MS"),
      connectMs: positive(numberFrom(env.DATABASE_CONNECT_TIMEOUT_MS, "DATABASE_CONNECT_TIMEOUT_MS") ?? 2_000, "DATABASE_CONNECT_TIMEOUT_MS"),
    },
    apiUrl: env.START_API_URL?.trim() || undefined,
    deployCommand: env.START_DEPLOY_COMMAND?.trim() || undefined,
    servePortal: env.START_SERVE_PORTAL === "true",
    publishQuietMs: numberFrom(env.START_PUBLISH_QUIET_MS, "START_PUBLISH_QUIET_MS"),
    publishMaxWaitMs: numberFrom(env.START_PUBLISH_MAX_WAIT_MS, "START_PUBLISH_MAX_WAIT_MS"),
  };
}
