import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath, pathToFileURL } from "node:url";
import { asc, eq } from "drizzle-orm";
import {
  type BuildOutcome,
  createApp,
  createHttpApp,
  hashPassword,
  type Logger,
  newBuildId,
  PublishWorker,
  responseCacheFromEnv,
  SiteDirectory,
} from "@start/api";
import { createDatabase, locales, memberships, queryRows, users } from "@start/db";
import { directoryFloorQuery } from "./floor.js";

/**
 * The process under test, started by the bench (one per database and size): START's API and the
 * portal on one origin as `pnpm start` serves them, the publish worker on demand, and the floor
 * (the hand-written SQL directory query behind a bare node:http server) on a second port. It runs
 * apart from the load generator, so the two do not share an event loop.
 *
 * Messages from the bench: { type: "statements" } → { type: "statements", count, cpuMs } (SQL
 * statements sent so far, and the CPU time this process has used); "start-worker" / "stop-worker"; "close". It reports { type: "ready", apiUrl,
 * floorUrl } and, for every portal build, { type: "build", ... }.
 */
export type ServerMessage =
  | { type: "ready"; apiUrl: string; floorUrl: string }
  | { type: "statements"; count: number; cpuMs: number }
  | { type: "worker-started" }
  | { type: "worker-stopped" }
  | {
      type: "build";
      status: BuildOutcome["status"];
      durationMs: number;
      error: string | null;
      /** From the oldest change in the build to the swap, as the worker logs it. */
      publishedInMs: number | null;
      pages: number | null;
      peakRssKb: number | null;
    }
  | { type: "idle" }
  | { type: "closed" };

export type BenchCommand = { type: "statements" } | { type: "idle" } | { type: "start-worker" } | { type: "stop-worker" } | { type: "close" };

const env = (name: string) => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`bench server: ${name} is not set`);
  return value;
};

const send = (message: ServerMessage) => process.send!(message);

let statements = 0;
const database = await createDatabase({
  url: process.env.BENCH_DATABASE_URL ?? "",
  dataDir: process.env.BENCH_PGLITE_DIR,
  maxConnections: Number(process.env.DATABASE_POOL_SIZE ?? 10),
  onQuery: () => statements++,
});
await database.migrate();
const db = database.db;

// The admin who publishes in the publish benchmark.
const email = env("BENCH_ADMIN_EMAIL");
const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
if (!existing) {
  const [admin] = await db
    .insert(users)
    .values({ email, displayName: "Benchmark admin", passwordHash: await hashPassword(env("BENCH_ADMIN_PASSWORD")) })
    .returning({ id: users.id });
  await db.insert(memberships).values({ userId: admin!.id, role: "admin", organizationId: null });
}

// The portal build (a child of the worker) writes its peak memory where the bench reads it.
const peakRssFile = env("BENCH_PEAK_RSS_FILE");
const preload = pathToFileURL(fileURLToPath(new URL("./peak-rss.mjs", import.meta.url))).href;
process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ""} --import=${preload}`.trim();

let lastPublishedInMs: number | null = null;
let lastPages: number | null = null;
const logger: Logger = {
  info(message, fields) {
    if (message === "portal build swapped in") {
      lastPublishedInMs = typeof fields?.publishedInMs === "number" ? fields.publishedInMs : null;
      lastPages = typeof fields?.pages === "number" ? fields.pages : null;
    }
  },
  warn() {},
  error(message, fields) {
    process.stderr.write(`bench server: ${message} ${JSON.stringify(fields ?? {}).slice(0, 2000)}\n`);
  },
};

// With the cache of anonymous answers, as `pnpm start` runs the API (START_RESPONSE_CACHE_MS).
const api = await createApp({ database, logger, introspection: false, responseCache: responseCacheFromEnv() });
const site = new SiteDirectory(env("BENCH_SITE_DIR"));
const server = createServer(createHttpApp(api, { site, logger }));
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

// The floor: the enabled locales are read once, as a hand-tuned endpoint would.
const enabled = (await db.select({ code: locales.code }).from(locales).where(eq(locales.enabled, true)).orderBy(asc(locales.position))).map(
  (row) => row.code,
);
const floor: Server = createServer((request, response) => {
  const url = new URL(request.url ?? "/", "http://floor");
  const locale = url.searchParams.get("locale") ?? enabled[0]!;
  const first = Number(url.searchParams.get("first") ?? 20);
  if (url.pathname !== "/directory" || !enabled.includes(locale) || !(first >= 1 && first <= 100)) {
    response.writeHead(404).end();
    return;
  }
  const chain = [locale, ...enabled.filter((code) => code !== locale)];
  queryRows<{ body: string }>(db, directoryFloorQuery(chain, first)).then(
    ([row]) => {
      response.writeHead(200, { "content-type": "application/json" }).end(row!.body);
    },
    (error: Error) => {
      process.stderr.write(`floor query failed: ${String((error.cause as Error | undefined)?.message ?? error.message).slice(0, 500)}\n`);
      response.writeHead(500).end();
    },
  );
});
await new Promise<void>((resolve) => floor.listen(0, "127.0.0.1", resolve));
const floorUrl = `http://127.0.0.1:${(floor.address() as AddressInfo).port}`;

// Requests whose handler has not answered yet. A client that goes away (autocannon at the end of a
// run) does not stop the work its requests started: the next run must not pay for it.
let unanswered = 0;
for (const listening of [server, floor]) {
  listening.prependListener("request", (_request, response: ServerResponse) => {
    unanswered++;
    let answered = false;
    const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
    response.end = ((...args: unknown[]) => {
      if (!answered) {
        answered = true;
        unanswered--;
      }
      return end(...args);
    }) as ServerResponse["end"];
  });
}

// One source stamp for the whole run: a second worker finds the first one's build current (and an
// edit of the portal's files by someone else during the run is no reason to rebuild).
const sourceStamp = "bench";
let worker: PublishWorker | null = null;

process.on("message", async (message: BenchCommand) => {
  switch (message.type) {
    case "statements":
      send({ type: "statements", count: statements, cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000 });
      break;
    case "idle": {
      const deadline = Date.now() + 120_000;
      while (unanswered > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      send({ type: "idle" });
      break;
    }
    case "start-worker":
      // A site is in place before the worker starts, as on a running START: the worker idles
      // until a change is published (a first build would start at once otherwise).
      if (!(await site.current())) {
        const id = newBuildId(0);
        const dir = await site.prepareBuild(id);
        mkdirSync(dir, { recursive: true });
        writeFileSync(path.join(dir, "index.html"), "<!doctype html><title>START</title>\n");
        await site.swapIn({ id, builtAt: new Date().toISOString(), sourceStamp, durationMs: 0, jobIds: [] });
      }
      worker = new PublishWorker({ db, site, apiUrl: `${apiUrl}/graphql`, siteUrl: "https://start.example.org", logger, sourceStamp: () => sourceStamp });
      worker.onBuild((outcome) => {
        let peakRssKb: number | null = null;
        try {
          peakRssKb = Number(readFileSync(peakRssFile, "utf8")) || null;
        } catch {
          // no figure
        }
        send({
          type: "build",
          status: outcome.status,
          durationMs: outcome.durationMs,
          error: outcome.error,
          publishedInMs: outcome.status === "succeeded" ? lastPublishedInMs : null,
          pages: outcome.status === "succeeded" ? lastPages : null,
          peakRssKb,
        });
      });
      await worker.start();
      send({ type: "worker-started" });
      break;
    case "stop-worker":
      await worker?.stop();
      worker = null;
      send({ type: "worker-stopped" });
      break;
    case "close":
      await worker?.stop();
      await Promise.all(
        [floor, server].map((listening) => {
          const closed = new Promise<void>((resolve) => listening.close(() => resolve()));
          listening.closeAllConnections();
          return closed;
        }),
      );
      await api.close();
      await database.close();
      send({ type: "closed" });
      process.disconnect();
      break;
  }
});

send({ type: "ready", apiUrl, floorUrl });
