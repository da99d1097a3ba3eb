import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { BenchCommand, ServerMessage } from "./bench-server.js";

export type BuildMessage = Extract<ServerMessage, { type: "build" }>;

export interface ServerOptions {
  /** PostgreSQL URL, or null for PGlite in `pgliteDir`. */
  databaseUrl: string | null;
  pgliteDir: string;
  siteDir: string;
  peakRssFile: string;
  admin: { email: string; password: string };
}

/**
 * The bench server as a child process (bench-server.ts, through the same TypeScript loader as
 * this process), and its messages as promises.
 */
export class BenchServer {
  private readonly waiting = new Map<ServerMessage["type"], Array<(message: ServerMessage) => void>>();
  private readonly builds: BuildMessage[] = [];
  private exited: Promise<number | null>;
  apiUrl = "";
  floorUrl = "";

  private constructor(private readonly child: ChildProcess) {
    child.on("message", (message: ServerMessage) => {
      if (message.type === "build") this.builds.push(message);
      const listeners = this.waiting.get(message.type) ?? [];
      this.waiting.delete(message.type);
      for (const listener of listeners) listener(message);
    });
    this.exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
  }

  static async start(options: ServerOptions): Promise<BenchServer> {
    const child = fork(fileURLToPath(new URL("./bench-server.ts", import.meta.url)), [], {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      env: {
        ...process.env,
        BENCH_DATABASE_URL: options.databaseUrl ?? "",
        BENCH_PGLITE_DIR: options.pgliteDir,
        BENCH_SITE_DIR: options.siteDir,
        BENCH_PEAK_RSS_FILE: options.peakRssFile,
        BENCH_ADMIN_EMAIL: options.admin.email,
        BENCH_ADMIN_PASSWORD: options.admin.password,
        // The API's own environment must not leak in: the bench decides the database.
        DATABASE_URL: "",
        NODE_ENV: "production",
      },
    });
    const server = new BenchServer(child);
    const ready = (await Promise.race([
      server.next("ready"),
      server.exited.then((code) => {
        throw new Error(`the bench server exited (code ${code}) before it was ready`);
      }),
    ])) as Extract<ServerMessage, { type: "ready" }>;
    server.apiUrl = ready.apiUrl;
    server.floorUrl = ready.floorUrl;
    return server;
  }

  private next<T extends ServerMessage["type"]>(type: T): Promise<Extract<ServerMessage, { type: T }>> {
    return new Promise((resolve) => {
      const list = this.waiting.get(type) ?? [];
      list.push(resolve as (message: ServerMessage) => void);
      this.waiting.set(type, list);
    });
  }

  private async ask<T extends ServerMessage["type"]>(command: BenchCommand, reply: T): Promise<Extract<ServerMessage, { type: T }>> {
    const answer = this.next(reply);
    this.child.send(command);
    return Promise.race([
      answer,
      this.exited.then((code): never => {
        throw new Error(`the bench server exited (code ${code}) while it was asked to ${command.type}`);
      }),
    ]);
  }

  /** SQL statements the server has sent so far. */
  async statements(): Promise<number> {
    return (await this.ask({ type: "statements" }, "statements")).count;
  }

  /** CPU time (user + system) the server process has used so far, in milliseconds (PGlite runs inside it; PostgreSQL does not). */
  async cpuMs(): Promise<number> {
    return (await this.ask({ type: "statements" }, "statements")).cpuMs;
  }

  /** Resolves when every request the server received has been answered (or after 2 minutes). */
  async idle(): Promise<void> {
    await this.ask({ type: "idle" }, "idle");
  }

  async startWorker(): Promise<void> {
    await this.ask({ type: "start-worker" }, "worker-started");
  }

  async stopWorker(): Promise<void> {
    await this.ask({ type: "stop-worker" }, "worker-stopped");
  }

  /** The next portal build the worker finishes (or the one that finished already, not yet taken). */
  async nextBuild(timeoutMs: number): Promise<BuildMessage> {
    const done = this.builds.shift();
    if (done) return done;
    const build = this.next("build").then(() => this.builds.shift()!);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no portal build finished within ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
    });
    try {
      return await Promise.race([build, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    try {
      await Promise.race([this.ask({ type: "close" }, "closed"), new Promise((resolve) => setTimeout(resolve, 20_000))]);
    } catch {
      // It is gone already.
    }
    if (this.child.exitCode === null) this.child.kill("SIGTERM");
    await this.exited;
  }
}
