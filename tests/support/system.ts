import { type ChildProcess, execFile, spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { repositoryRoot } from "./portal.js";
import { trimmedContentFolder } from "./trimmed-content.js";

/**
 * START as separate processes, the way people run it: `pnpm start` (or the compiled entry points
 * behind the start scripts) on a free port, with a temporary data directory, and on PostgreSQL a
 * database of its own. The log is JSON lines (START_LOG_FORMAT=json), read by the tests.
 */

export interface LogEntry {
  time?: string;
  level?: string;
  message: string;
  [field: string]: unknown;
}

export type Entry = "start" | "start:api" | "start:worker";

const ENTRY_FILES: Record<Entry, string> = {
  start: "api/dist/cli/start.js",
  "start:api": "api/dist/main.js",
  "start:worker": "api/dist/cli/worker.js",
};

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** One lock per checkout (several checkouts may test on one machine), holding its owner's pid. */
const LOCK = path.join(tmpdir(), `start-tests-compile-${createHash("sha256").update(repositoryRoot).digest("hex").slice(0, 12)}.lock`);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the lock; a lock left by a process that is gone (killed mid-compile) is taken over. */
function tryLock(): boolean {
  try {
    writeFileSync(LOCK, String(process.pid), { flag: "wx" });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const owner = Number(readFileSync(LOCK, "utf8") || 0);
    if (owner && !alive(owner)) rmSync(LOCK, { force: true });
    return false;
  }
}

/**
 * Compiles the workspace the way `pnpm start` does (scripts/compile.mjs: SWC, no type-checking),
 * once at a time across test files, so that the processes run the code as it is now. Up to date,
 * it compiles nothing (a fraction of a second).
 */
export async function compileWorkspace(): Promise<void> {
  const deadline = Date.now() + 300_000;
  while (!tryLock()) {
    if (Date.now() > deadline) throw new Error(`${LOCK} stayed locked for 5 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  try {
    await new Promise<void>((resolve, reject) =>
      execFile(process.execPath, [path.join(repositoryRoot, "scripts/compile.mjs")], { cwd: repositoryRoot }, (error, _stdout, stderr) =>
        error ? reject(new Error(`scripts/compile.mjs failed:\n${stderr}`)) : resolve(),
      ),
    );
  } finally {
    rmSync(LOCK, { force: true });
  }
}

/** A scratch folder for START_DATA_DIR. */
export function temporaryDataDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), "start-system-"));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * On PostgreSQL (DATABASE_URL set): an empty database of its own on the same server, which the
 * start command migrates and seeds like a fresh installation. On PGlite: nothing (the data
 * directory holds the database).
 */
export async function separateDatabase(): Promise<{ url: string | undefined; drop(): Promise<void> }> {
  const base = process.env.DATABASE_URL;
  if (!base) return { url: undefined, drop: async () => {} };
  const name = `start_sys_${randomBytes(5).toString("hex")}`;
  const admin = new URL(base);
  admin.pathname = "/postgres";
  const sql = postgres(admin.toString(), { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`create database "${name}"`);
  } finally {
    await sql.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const cleanup = postgres(admin.toString(), { max: 1, onnotice: () => {} });
      try {
        await cleanup.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}

export interface StartedProcess {
  child: ChildProcess;
  port: number;
  url: string;
  /** Everything written so far (stdout and stderr). */
  output(): string;
  /** The JSON log lines so far. */
  logs(): LogEntry[];
  /** The first log entry from index `from` on that matches. */
  waitForLog(match: (entry: LogEntry) => boolean, timeoutMs: number, from?: number): Promise<LogEntry>;
  /** Sends a signal (to the process group when `group`, as a terminal's Ctrl-C does). */
  signal(signal: NodeJS.Signals, group?: boolean): void;
  /** Resolves when the process has exited and every process holding its output has closed it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Stops it with SIGINT (SIGKILL after `timeoutMs`) and returns how it ended. */
  stop(timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface StartOptions {
  entry: Entry;
  dataDir: string;
  /** On PostgreSQL: the database (else PGlite in dataDir). */
  databaseUrl?: string;
  port?: number;
  env?: Record<string, string>;
  /** Run the README's command (`pnpm start`…) rather than the compiled entry point directly. */
  viaPnpm?: boolean;
  /** Another checkout to run (which compiles itself: `viaPnpm`); this one by default. */
  root?: string;
  /** Wait for /readyz (default) or not. */
  waitReady?: boolean;
  readyTimeoutMs?: number;
}

/** Starts a START process and waits until it answers /readyz. */
export async function startProcess(options: StartOptions): Promise<StartedProcess> {
  const port = options.port ?? (await freePort());
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    START_DATA_DIR: options.dataDir,
    DATABASE_URL: options.databaseUrl ?? "",
    START_LOG_FORMAT: "json",
    NODE_ENV: "test",
    START_CONTENT_DIR: trimmedContentFolder(),
    ...options.env,
  };
  // `pnpm start` compiles first: compiled here, under the lock, it finds nothing to do, and two
  // files starting START side by side never write the same output at once.
  const root = options.root ?? repositoryRoot;
  if (options.viaPnpm && !options.root) await compileWorkspace();
  const command = options.viaPnpm ? "pnpm" : process.execPath;
  const args = options.viaPnpm ? [options.entry] : [path.join(root, ENTRY_FILES[options.entry])];
  // Its own process group: a Ctrl-C can be sent to the group as a terminal does.
  const child = spawn(command, args, { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let text = "";
  let pending = "";
  const entries: LogEntry[] = [];
  const waiters = new Set<() => void>();
  const take = (chunk: Buffer) => {
    const piece = chunk.toString();
    text += piece;
    pending += piece;
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) {
      if (!line.startsWith("{")) continue;
      try {
        entries.push(JSON.parse(line) as LogEntry);
      } catch {
        // Not a log line.
      }
    }
    for (const wake of waiters) wake();
  };
  child.stdout!.on("data", take);
  child.stderr!.on("data", take);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    let outcome: { code: number | null; signal: NodeJS.Signals | null } | null = null;
    let open = 2;
    const done = () => {
      if (outcome && open === 0) resolve(outcome);
    };
    child.on("exit", (code, signal) => {
      outcome = { code, signal };
      done();
    });
    child.stdout!.on("close", () => {
      open -= 1;
      done();
    });
    child.stderr!.on("close", () => {
      open -= 1;
      done();
    });
  });
  let ended = false;
  void exited.then(() => {
    ended = true;
    for (const wake of waiters) wake();
  });

  const started: StartedProcess = {
    child,
    port,
    url: `http://127.0.0.1:${port}`,
    output: () => text,
    logs: () => entries,
    waitForLog(match, timeoutMs, from = 0) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = entries.slice(from).find(match);
          if (found) {
            finish();
            resolve(found);
          } else if (ended) {
            finish();
            reject(new Error(`the process ended before the expected log line; its output:\n${text.slice(-6000)}`));
          }
        };
        const timer = setTimeout(() => {
          finish();
          reject(new Error(`no such log line within ${timeoutMs} ms; the output:\n${text.slice(-6000)}`));
        }, timeoutMs);
        const finish = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    signal(signal, group = false) {
      try {
        process.kill(group ? -child.pid! : child.pid!, signal);
      } catch {
        // Already gone.
      }
    },
    exited,
    async stop(timeoutMs = 30_000) {
      if (!ended) started.signal("SIGINT");
      const timer = setTimeout(() => started.signal("SIGKILL", true), timeoutMs);
      const outcome = await exited;
      clearTimeout(timer);
      return outcome;
    },
  };

  if (options.waitReady !== false) {
    const deadline = Date.now() + (options.readyTimeoutMs ?? 180_000);
    for (;;) {
      if (ended) throw new Error(`START exited before it was ready:\n${text.slice(-6000)}`);
      try {
        const response = await fetch(`${started.url}/readyz`, { signal: AbortSignal.timeout(2_000) });
        if (response.ok) break;
      } catch {
        // Not listening yet.
      }
      if (Date.now() > deadline) {
        started.signal("SIGKILL", true);
        throw new Error(`START was not ready within the time allowed:\n${text.slice(-6000)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  return started;
}

/** A build swapped in (the worker's log line), from log index `from` on. */
export const swapped = (entry: LogEntry) => entry.message === "portal build swapped in";
export const buildFailed = (entry: LogEntry) => entry.message === "portal build failed; the current site stays online";
export const buildStarted = (entry: LogEntry) => entry.message === "portal build started";

/** Sends a GraphQL request; returns the parsed body (and the response). */
export async function graphql<Data = Record<string, any>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<{ data?: Data; errors?: Array<{ message: string; extensions?: Record<string, unknown> }>; response: Response }> {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", "accept-language": "en", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { ...((await response.json()) as object), response };
}

/** Signs in through the API and returns a bearer token. */
export async function signIn(url: string, email: string, password: string): Promise<string> {
  const body = await graphql<{ login: { token: string } }>(url, `mutation ($e: String!, $p: String!) { login(email: $e, password: $p, bearer: true) { token } }`, {
    e: email,
    p: password,
  });
  if (!body.data?.login.token) throw new Error(`sign-in failed: ${JSON.stringify(body.errors)}`);
  return body.data.login.token;
}

const PHONE_VALUES = "number extension type languages descriptions { locale text }";
const SCHEDULE_VALUES = "validFrom validTo periods { weekday opensAt closesAt } notes { locale text }";

/** The editable form of a service, everything an update sends back (an update replaces the whole record). */
export const SERVICE_FORM = `
  audiences categoryIds confidentialAddress cost email languages maximumAge minimumAge slug status url
  phones { ${PHONE_VALUES} }
  schedules { ${SCHEDULE_VALUES} }
  sources { title url accessed }
  texts { locale name alternateName description eligibilityDescription applicationProcess feesDescription requiredDocuments }
  locations {
    locationId locationType latitude longitude placeId postalCode
    texts { locale name address description transportation accessibility }
    locationPhones { ${PHONE_VALUES} }
    locationSchedules { ${SCHEDULE_VALUES} }
    phones { ${PHONE_VALUES} }
    schedules { ${SCHEDULE_VALUES} }
  }
`;

/** The form's values as a ServiceInput (the two differ in a few names only). */
export function formToInput(form: Record<string, any>): Record<string, any> {
  const { categoryIds, locations, ...rest } = form;
  return {
    ...rest,
    categories: categoryIds,
    locations: (locations as Record<string, any>[]).map(({ placeId, ...location }) => ({ ...location, place: placeId })),
  };
}

export const EDITABLE_SERVICE = `query ($id: ID!) { editableService(id: $id) { version state form { ${SERVICE_FORM} } } }`;
export const UPDATE_SERVICE = `mutation ($id: ID!, $v: Int!, $input: ServiceInput!) { updateService(id: $id, expectedVersion: $v, input: $input) { version state pendingChanges { status } } }`;

/** A published service with a phone of its own that people can call. */
export async function publishedServiceWithPhone(url: string): Promise<{ id: string; slug: string; number: string }> {
  const body = await graphql<{ services: { edges: { node: { id: string; slug: string; phones: { number: string; type: string }[] } }[] } }>(
    url,
    `{ services(first: 100, locale: "en") { edges { node { id slug phones { number type } } } } }`,
  );
  for (const { node } of body.data?.services.edges ?? []) {
    const phone = node.phones.find((candidate) => candidate.type === "VOICE");
    if (phone) return { id: node.id, slug: node.slug, number: phone.number };
  }
  throw new Error(`no published service with a phone: ${JSON.stringify(body.errors ?? body.data)}`);
}

/** Waits for the next build to be swapped in (from log index `from` on); fails at once, with the reason, when it fails. */
export async function waitForSwap(started: StartedProcess, timeoutMs: number, from = 0): Promise<LogEntry> {
  const entry = await started.waitForLog((candidate) => swapped(candidate) || buildFailed(candidate), timeoutMs, from);
  if (buildFailed(entry)) throw new Error(`the portal build failed: ${String(entry.error)}`);
  return entry;
}
