import { randomBytes } from "node:crypto";
import { createServer, type Server, type Socket, connect } from "node:net";
import postgres from "postgres";

/**
 * What the fault tests share: a TCP proxy that can take a database server away from START and
 * give it back (without touching the server other tests use), and a database of their own on
 * that server.
 */

/**
 * A TCP proxy in front of PostgreSQL. `cut()` is the server going away: every open connection is
 * destroyed and new ones are refused (nothing listens on the port); `restore()` listens again on
 * the same port, as the restarted server would.
 */
export class TcpProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;
  /** Connections accepted since the start (for the report). */
  accepted = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  get up(): boolean {
    return this.server !== null;
  }

  async start(): Promise<void> {
    await this.listen(0);
  }

  private async listen(port: number): Promise<void> {
    const server = createServer((client) => {
      this.accepted += 1;
      const upstream = connect(this.targetPort, this.targetHost);
      this.sockets.add(client).add(upstream);
      const end = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on("error", end).on("close", end);
      upstream.on("error", end).on("close", end);
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve());
    });
    this.server = server;
    this.port = (server.address() as { port: number }).port;
  }

  /** The server goes away: open connections are reset, new ones refused. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The server is back, on the same address. */
  async restore(): Promise<void> {
    if (!this.server) await this.listen(this.port);
  }

  async close(): Promise<void> {
    await this.cut();
  }

  /** `url` with its host and port replaced by the proxy's. */
  through(url: string): string {
    const proxied = new URL(url);
    proxied.hostname = "127.0.0.1";
    proxied.port = String(this.port);
    return proxied.toString();
  }
}

/**
 * The PostgreSQL server the fault tests use, whatever driver the rest of the suite runs on: the
 * one of DATABASE_URL, else START_FAULTS_POSTGRES_URL, else the local default (CI's).
 */
export function postgresServerUrl(): string {
  return process.env.DATABASE_URL || process.env.START_FAULTS_POSTGRES_URL || "postgres://postgres@127.0.0.1:5432/postgres";
}

/** Whether that server answers (within a few seconds). */
export async function postgresReachable(url = postgresServerUrl()): Promise<boolean> {
  const sql = postgres(maintenanceUrl(url), { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 }).catch(() => {});
  }
}

function maintenanceUrl(url: string): string {
  const parsed = new URL(url);
  parsed.pathname = "/postgres";
  return parsed.toString();
}

/** An empty database of its own on that server (START's start migrates and seeds it like a fresh installation). */
export async function emptyPostgresDatabase(serverUrl = postgresServerUrl()): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `start_faults_${randomBytes(5).toString("hex")}`;
  const admin = postgres(maintenanceUrl(serverUrl), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const cleanup = postgres(maintenanceUrl(serverUrl), { max: 1, onnotice: () => {} });
      try {
        await cleanup.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
