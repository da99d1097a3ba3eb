import { type ChildProcess, spawn } from "node:child_process";
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
 * the same port, as the restarted server would. `blackHole()` is a network partition instead:
 * connections stay open and new ones are accepted, but nothing goes through either way; `heal()`
 * delivers what was held back and forwards again, as TCP does once the network is back.
 */
export class TcpProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  /** Each connection: the client's socket and the one to the server. */
  private readonly pairs = new Set<[Socket, Socket]>();
  /** While true (a black hole), nothing is forwarded. */
  private silent = false;
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
      const pair: [Socket, Socket] = [client, upstream];
      this.sockets.add(client).add(upstream);
      this.pairs.add(pair);
      const end = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
        this.pairs.delete(pair);
      };
      client.on("error", end).on("close", end);
      upstream.on("error", end).on("close", end);
      if (!this.silent) forward(pair);
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

  /** A network partition: open connections stay open and new ones are accepted, but nothing comes through. */
  blackHole(): void {
    this.silent = true;
    for (const [client, upstream] of this.pairs) {
      client.unpipe(upstream);
      upstream.unpipe(client);
      client.pause();
      upstream.pause();
    }
  }

  /** The partition heals: what was held back is delivered, and everything is forwarded again. */
  heal(): void {
    this.silent = false;
    for (const pair of this.pairs) forward(pair);
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

function forward([client, upstream]: [Socket, Socket]): void {
  client.pipe(upstream);
  upstream.pipe(client);
}

/**
 * The PostgreSQL server the fault tests use, whatever driver the rest of the suite runs on: the
 * one of DATABASE_URL, else START_FAULTS_POSTGRES_URL, else CI's (PG_ADMIN_URL, else the local default).
 */
export function postgresServerUrl(): string {
  return process.env.DATABASE_URL || process.env.START_FAULTS_POSTGRES_URL || process.env.PG_ADMIN_URL || "postgres://postgres@127.0.0.1:5432/postgres";
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

export interface LogLine {
  level?: string;
  message: string;
  [field: string]: unknown;
}

export interface NodeProcess {
  child: ChildProcess;
  output(): string;
  logs(): LogLine[];
  /** The first log line from index `from` on that matches (fails when the process ends first). */
  waitForLog(match: (line: LogLine) => boolean, timeoutMs: number, from?: number): Promise<LogLine>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** kill -9: the process alone, not the processes it started. */
  kill9(): Promise<void>;
  /** SIGINT, then SIGKILL after `timeoutMs`. */
  stop(timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs `node <script> <args>` in its own process group, keeping its output and its JSON log lines. */
export function startNodeProcess(script: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): NodeProcess {
  const child = spawn(process.execPath, [script, ...args], { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let text = "";
  let pending = "";
  const lines: LogLine[] = [];
  const wakers = new Set<() => void>();
  const take = (chunk: Buffer) => {
    text += chunk.toString();
    pending += chunk.toString();
    const complete = pending.split("\n");
    pending = complete.pop() ?? "";
    for (const line of complete) {
      if (!line.startsWith("{")) continue;
      try {
        lines.push(JSON.parse(line) as LogLine);
      } catch {
        // Not a log line.
      }
    }
    for (const wake of wakers) wake();
  };
  child.stdout!.on("data", take);
  child.stderr!.on("data", take);
  let ended = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => {
      ended = true;
      for (const wake of wakers) wake();
      resolve({ code, signal });
    }),
  );
  const started: NodeProcess = {
    child,
    output: () => text,
    logs: () => lines,
    waitForLog(match, timeoutMs, from = 0) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = lines.slice(from).find(match);
          if (found) {
            finish();
            resolve(found);
          } else if (ended) {
            finish();
            reject(new Error(`the process ended before the expected log line; its output:\n${text.slice(-4000)}`));
          }
        };
        const timer = setTimeout(() => {
          finish();
          reject(new Error(`no such log line within ${timeoutMs} ms; the output:\n${text.slice(-4000)}`));
        }, timeoutMs);
        const finish = () => {
          clearTimeout(timer);
          wakers.delete(check);
        };
        wakers.add(check);
        check();
      });
    },
    exited,
    async kill9() {
      if (!ended) child.kill("SIGKILL");
      await exited;
    },
    async stop(timeoutMs = 20_000) {
      if (!ended) child.kill("SIGINT");
      const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
      const outcome = await exited;
      clearTimeout(timer);
      return outcome;
    },
  };
  return started;
}

/** Whether a process id still runs. */
export function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Polls until `check` returns something truthy. */
export async function until<T>(check: () => T | Promise<T>, timeoutMs: number, what: string): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`not so within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
