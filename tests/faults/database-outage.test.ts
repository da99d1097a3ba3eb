import { afterAll, beforeAll, describe, expect, it } from "vitest";
import postgres from "postgres";
import { compileWorkspace, graphql, signIn, startProcess, type StartedProcess, temporaryDataDir } from "../support/system.js";
import { emptyPostgresDatabase, postgresReachable, postgresServerUrl, TcpProxy, until } from "./support.js";

const ENV = { START_ADMIN_EMAIL: "admin@example.org", START_ADMIN_PASSWORD: "outage-test-password-1" };
/** How long the server stays away. */
const AWAY_MS = 4_000;
/** No answer may take longer than this, whatever the database does. */
const ANSWER_BOUND_MS = 10_000;
/** START must serve again by itself within this after the server is back. */
const RECOVERY_BOUND_MS = 15_000;
/** How long the network partition would last: no request may wait for it to end. */
const PARTITION_MS = 30_000;
/** Each answer during the partition: the configured timeouts (0.5 s + 1 s margin, 1 s to connect) and slack for a loaded machine. */
const SILENT_ANSWER_BOUND_MS = 5_000;

/** Every query differs (its page size), so that no cache can answer in the database's place. */
const publicQuery = (n: number) => `{ services(first: ${1 + (n % 20)}, locale: "en") { totalCount edges { node { slug name { text } } } } }`;
const CREATE = `mutation ($org: ID!, $input: ServiceInput!) { createService(organizationId: $org, input: $input) { id } }`;

type Kind = "public query" | "hsds" | "write" | "readyz";
interface Exchange {
  kind: Kind;
  startedAt: number;
  endedAt: number;
  /** HTTP status, or 0 when no answer came (connection error, or no answer within the bound). */
  status: number;
  code?: string;
  message?: string;
  retryAfter?: string | null;
  failure?: string;
}

/**
 * The PostgreSQL server restarted while START's API (`pnpm start:api`, a separate process) is
 * under load: a TCP proxy between them cuts every connection and refuses new ones for a few
 * seconds, then lets them through again. While the server is away, every request gets a clear
 * 503 (a localised SERVICE_UNAVAILABLE for GraphQL, `/readyz` unavailable), never a 500 and never
 * a hang; once it is back, START serves again by itself within seconds, and every write it
 * acknowledged is in the database. Always on PostgreSQL (it is about a database server going
 * away), in both passes of CI; the server other tests use is never touched.
 */
describe("the PostgreSQL server going away under load", async () => {
  // Outside CI, a machine without a PostgreSQL server (pnpm test with only Node) cannot run this test.
  const mustRun = Boolean(process.env.CI || process.env.DATABASE_URL || process.env.START_FAULTS_POSTGRES_URL);
  const reachable = mustRun || (await postgresReachable());
  if (!reachable) console.warn(`database outage test not run: no PostgreSQL server at ${postgresServerUrl()} (set START_FAULTS_POSTGRES_URL)`);

  const data = temporaryDataDir();
  let database: Awaited<ReturnType<typeof emptyPostgresDatabase>> | undefined;
  let proxy: TcpProxy | undefined;
  let api: StartedProcess | undefined;

  beforeAll(async () => {
    if (!reachable) return;
    await compileWorkspace();
    database = await emptyPostgresDatabase();
    const server = new URL(database.url);
    proxy = new TcpProxy(server.hostname, Number(server.port || 5432));
    await proxy.start();
    api = await startProcess({ entry: "start:api", dataDir: data.dir, databaseUrl: proxy.through(database.url), env: ENV });
  }, 300_000);
  afterAll(async () => {
    await api?.stop();
    await proxy?.close();
    await database?.drop();
    data.remove();
  });

  it.runIf(reachable)("answers 503 while the server is away, recovers by itself when it is back, and loses no acknowledged write", async () => {
    const url = api!.url;
    const token = await signIn(url, ENV.START_ADMIN_EMAIL, ENV.START_ADMIN_PASSWORD).catch((error: Error) => {
      throw new Error(`${error.message}\n${api!.output().slice(-3000)}`);
    });
    const organizations = await graphql(url, "{ organizations(first: 1) { edges { node { id } } } }");
    const organizationId: string = organizations.data!.organizations.edges[0].node.id;

    const exchanges: Exchange[] = [];
    const acknowledged: string[] = [];
    let attempted = 0;
    let stop = false;

    async function exchange(kind: Kind, request: () => Promise<Response>, read?: (body: any) => void): Promise<void> {
      const startedAt = performance.now();
      const record: Exchange = { kind, startedAt, endedAt: startedAt, status: 0 };
      try {
        const response = await request();
        record.status = response.status;
        record.retryAfter = response.headers.get("retry-after");
        const text = await response.text();
        if (response.headers.get("content-type")?.includes("json")) {
          const body = JSON.parse(text);
          record.code = body.errors?.[0]?.extensions?.code;
          record.message = body.errors?.[0]?.message;
          if (response.status === 200) read?.(body);
        }
      } catch (error) {
        record.failure = (error as Error).message;
      }
      record.endedAt = performance.now();
      exchanges.push(record);
    }
    const bounded = () => AbortSignal.timeout(ANSWER_BOUND_MS);
    const pace = () => new Promise((resolve) => setTimeout(resolve, 20));

    let sent = 0;
    const publicReader = async () => {
      while (!stop) {
        const n = (sent += 1);
        await exchange("public query", () =>
          fetch(`${url}/graphql`, {
            method: "POST",
            headers: { "content-type": "application/json", "accept-language": "fr" },
            body: JSON.stringify({ query: publicQuery(n) }),
            signal: bounded(),
          }),
        );
        await pace();
      }
    };
    const hsdsReader = async () => {
      while (!stop) {
        const n = (sent += 1);
        await exchange("hsds", () => fetch(`${url}/hsds/services?per_page=${1 + (n % 20)}&lang=en`, { signal: bounded() }));
        await pace();
      }
    };
    const writer = async (name: string) => {
      while (!stop) {
        attempted += 1;
        const input = { texts: [{ locale: "en", name: `Outage check ${name} ${attempted}` }] };
        await exchange(
          "write",
          () =>
            fetch(`${url}/graphql`, {
              method: "POST",
              headers: { "content-type": "application/json", "accept-language": "ar", authorization: `Bearer ${token}` },
              body: JSON.stringify({ query: CREATE, variables: { org: organizationId, input } }),
              signal: bounded(),
            }),
          (body) => {
            if (body.data?.createService?.id) acknowledged.push(body.data.createService.id);
          },
        );
        await pace();
      }
    };
    const readiness = async () => {
      while (!stop) {
        await exchange("readyz", () => fetch(`${url}/readyz`, { signal: bounded() }));
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };

    const kinds: Kind[] = ["public query", "hsds", "write", "readyz"];
    /** Waits until every kind has had `count` answers 200 that started after `since` (at most `capMs`: the assertions then say what was missing). */
    const served = async (since: number, count: number, capMs: number) => {
      const deadline = performance.now() + capMs;
      const enough = () => kinds.every((kind) => exchanges.filter((candidate) => candidate.kind === kind && candidate.startedAt > since && candidate.status === 200).length >= count);
      while (!enough() && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    };

    const load = Promise.all([publicReader(), publicReader(), hsdsReader(), writer("a"), writer("b"), readiness()]);
    await served(0, 3, 20_000);
    const cutAt = performance.now();
    await proxy!.cut();
    await new Promise((resolve) => setTimeout(resolve, AWAY_MS));
    const restoredAt = performance.now();
    await proxy!.restore();

    // Back: wait until every kind of request has been answered 200 again.
    const recoveredAt: Partial<Record<Kind, number>> = {};
    const deadline = restoredAt + RECOVERY_BOUND_MS;
    while (kinds.some((kind) => recoveredAt[kind] === undefined) && performance.now() < deadline) {
      for (const kind of kinds) {
        recoveredAt[kind] ??= exchanges.find((candidate) => candidate.kind === kind && candidate.startedAt >= restoredAt && candidate.status === 200)?.endedAt;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const recovered = Math.max(...kinds.map((kind) => recoveredAt[kind] ?? Infinity));
    // A while of normal service after recovery.
    await served(recovered, 3, 15_000);
    stop = true;
    await load;

    const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    const away = exchanges.filter((candidate) => candidate.startedAt > cutAt + 100 && candidate.endedAt < restoredAt);
    const before = exchanges.filter((candidate) => candidate.endedAt < cutAt);
    const after = exchanges.filter((candidate) => candidate.startedAt > recovered);
    console.log(
      `database outage: ${exchanges.length} requests (${before.length} before, ${away.length} while away for ${seconds(AWAY_MS)}, ${after.length} after); ` +
        `recovered ${seconds(recovered - restoredAt)} after the server came back (${kinds.map((kind) => `${kind} ${seconds((recoveredAt[kind] ?? NaN) - restoredAt)}`).join(", ")}); ` +
        `slowest answer while away ${seconds(Math.max(...away.map((candidate) => candidate.endedAt - candidate.startedAt)))}; ` +
        `${acknowledged.length} writes acknowledged of ${attempted} attempted`,
    );

    // Never a 500, never a dropped connection, never a hang: 200 or a clear 503.
    const unclear = exchanges.filter((candidate) => candidate.status !== 200 && candidate.status !== 503);
    expect(unclear.length, `${JSON.stringify(unclear.slice(0, 5))}\n${api!.output().slice(-3000)}`).toBe(0);
    expect(recovered - restoredAt).toBeLessThan(RECOVERY_BOUND_MS);

    // Before the cut everything was served; while away, every kind of request was refused with 503, in the language asked for.
    for (const kind of kinds) expect(before.filter((candidate) => candidate.kind === kind).length, kind).toBeGreaterThanOrEqual(3);
    expect(before.every((candidate) => candidate.status === 200)).toBe(true);
    for (const kind of kinds) {
      const refused = away.filter((candidate) => candidate.kind === kind);
      expect(refused.length, kind).toBeGreaterThan(0);
      expect(refused.filter((candidate) => candidate.status !== 503 || !candidate.retryAfter), kind).toEqual([]);
    }
    const graphqlRefusals = away.filter((candidate) => candidate.kind === "public query" || candidate.kind === "write");
    expect(new Set(graphqlRefusals.map((candidate) => candidate.code))).toEqual(new Set(["SERVICE_UNAVAILABLE"]));
    expect(new Set(away.filter((candidate) => candidate.kind === "public query").map((candidate) => candidate.message))).toEqual(
      new Set(["Le service est momentanément indisponible. Réessayez dans quelques instants."]),
    );
    expect(new Set(away.filter((candidate) => candidate.kind === "write").map((candidate) => candidate.message))).toEqual(
      new Set(["الخدمة غير متاحة مؤقتًا. يُرجى إعادة المحاولة بعد لحظات."]),
    );
    expect(new Set(away.filter((candidate) => candidate.kind === "readyz").map((candidate) => candidate.code))).toEqual(new Set(["SERVICE_UNAVAILABLE"]));

    // Once recovered, everything is served again: no broken connection left in the pool.
    for (const kind of kinds) expect(after.filter((candidate) => candidate.kind === kind).length, kind).toBeGreaterThanOrEqual(3);
    expect(after.filter((candidate) => candidate.status !== 200)).toEqual([]);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    expect(api!.logs().some((entry) => entry.level === "error" && entry.message === "internal error")).toBe(false);

    // Every acknowledged write is in the database, whole (its texts with it); writes in doubt are there whole or not at all.
    expect(acknowledged.length).toBeGreaterThanOrEqual(6);
    const direct = postgres(database!.url, { max: 1, onnotice: () => {} });
    try {
      const rows = await direct<{ id: string; texts: number }[]>`
        select s.id::text as id, (select count(*) from service_translations t where t.service_id = s.id)::int as texts
        from services s where exists (select 1 from service_translations t where t.service_id = s.id and t.name like 'Outage check %')`;
      const stored = new Map(rows.map((row) => [row.id, row.texts]));
      expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
      expect([...stored.values()].every((texts) => texts === 1)).toBe(true);
      console.log(`database outage: ${acknowledged.length} acknowledged writes all stored; ${stored.size - acknowledged.length} of the ${attempted - acknowledged.length} not acknowledged were committed`);
    } finally {
      await direct.end();
    }
  }, 60_000);

  /**
   * A network partition instead: the connections to the server stay open and nothing comes back
   * (no reset), which TCP would wait out for minutes. With the database timeouts (set low here:
   * 500 ms for a query, 1 s to get a connection), every request is answered 503 with Retry-After
   * within seconds, not when the partition ends; once the network is back, the pool serves again
   * by itself. A second API process, on the same database, with a proxy of its own.
   */
  it.runIf(reachable)("answers 503 within seconds while the network to the server is silent, and serves again once it heals", async () => {
    const server = new URL(database!.url);
    const partition = new TcpProxy(server.hostname, Number(server.port || 5432));
    await partition.start();
    const quickData = temporaryDataDir();
    let quick: StartedProcess | undefined;
    try {
      quick = await startProcess({
        entry: "start:api",
        dataDir: quickData.dir,
        databaseUrl: partition.through(database!.url),
        env: { ...ENV, DATABASE_QUERY_TIMEOUT_MS: "500", DATABASE_CONNECT_TIMEOUT_MS: "1000" },
      });
      const url = quick.url;
      let n = 0;
      const ask = (kind: "graphql" | "hsds", locale: "fr" | "ar", signal?: AbortSignal) => {
        n += 1;
        return kind === "graphql"
          ? fetch(`${url}/graphql`, {
              method: "POST",
              headers: { "content-type": "application/json", "accept-language": locale },
              body: JSON.stringify({ query: publicQuery(n) }),
              signal,
            })
          : fetch(`${url}/hsds/services?per_page=${1 + (n % 20)}&lang=${locale}`, { signal });
      };
      const requests = [
        ["graphql", "fr"],
        ["graphql", "ar"],
        ["hsds", "fr"],
        ["hsds", "ar"],
      ] as const;
      const messages = {
        fr: "Le service est momentanément indisponible. Réessayez dans quelques instants.",
        ar: "الخدمة غير متاحة مؤقتًا. يُرجى إعادة المحاولة بعد لحظات.",
      };

      // Served, with connections open in the pool (the ones the partition will leave hanging).
      for (const response of await Promise.all(requests.map(([kind, locale]) => ask(kind, locale)))) expect(response.status).toBe(200);

      partition.blackHole();
      /** How long this partition would last: a request still waiting then has waited it out. */
      const partitionEnds = performance.now() + PARTITION_MS;
      const answers: { kind: string; locale: string; status: number; retryAfter: string | null; code?: string; message?: string; ms: number }[] = [];
      // Three rounds: the first finds the pooled connections silent, the next ones open new connections into the silence.
      for (let round = 0; round < 3; round++) {
        await Promise.all(
          requests.map(async ([kind, locale]) => {
            const startedAt = performance.now();
            const response = await ask(kind, locale, AbortSignal.timeout(Math.max(1, Math.floor(partitionEnds - startedAt)))).catch((error: Error) => {
              throw new Error(`${kind} (${locale}) not answered during the partition: ${error.message}\n${quick!.output().slice(-3000)}`);
            });
            const body = await response.json();
            const error = kind === "graphql" ? body.errors?.[0] : body.error;
            answers.push({
              kind,
              locale,
              status: response.status,
              retryAfter: response.headers.get("retry-after"),
              code: kind === "graphql" ? error?.extensions?.code : error?.code,
              message: error?.message,
              ms: performance.now() - startedAt,
            });
          }),
        );
      }
      expect(performance.now()).toBeLessThan(partitionEnds);
      console.log(`silent database: ${answers.length} answers, the slowest in ${(Math.max(...answers.map((answer) => answer.ms)) / 1000).toFixed(2)} s`);
      for (const { ms, retryAfter, ...answer } of answers) {
        expect(answer).toEqual({ kind: answer.kind, locale: answer.locale, status: 503, code: "SERVICE_UNAVAILABLE", message: messages[answer.locale as "fr" | "ar"] });
        expect(Number(retryAfter), `Retry-After of ${answer.kind} (${answer.locale})`).toBeGreaterThan(0);
        expect(ms, `${answer.kind} (${answer.locale})`).toBeLessThan(SILENT_ANSWER_BOUND_MS);
      }

      // The network is back: the pool serves again by itself.
      partition.heal();
      await until(
        async () => (await Promise.all(requests.map(([kind, locale]) => ask(kind, locale)))).every((response) => response.status === 200),
        RECOVERY_BOUND_MS,
        "every request answered 200 after the partition healed",
      );
      for (let round = 0; round < 3; round++) {
        const statuses = (await Promise.all(requests.map(([kind, locale]) => ask(kind, locale)))).map((response) => response.status);
        expect(statuses).toEqual([200, 200, 200, 200]);
      }
      expect(quick.logs().some((entry) => entry.level === "error" && entry.message === "internal error")).toBe(false);
    } finally {
      await quick?.stop();
      await partition.close();
      quickData.remove();
    }
  }, 90_000);
});
