import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type AppOptions, createApp, createHttpApp, type SiteDirectory, type StartApi } from "@start/api";
import { createSeededTestDatabase, createTestDatabase, type TestDatabase } from "../support/database.js";
import { Fixtures } from "../support/fixtures.js";
import { capturingLogger } from "./support.js";

export interface SecureApi {
  database: TestDatabase;
  fixtures: Fixtures;
  api: StartApi;
  server: Server;
  /** http://127.0.0.1:<port> */
  url: string;
  log: ReturnType<typeof capturingLogger>;
  /** POSTs a GraphQL operation with fetch; the parsed body, the status and the headers. */
  graphql(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<{ status: number; headers: Headers; body: any }>;
  close(): Promise<void>;
}

/**
 * START's HTTP application as `pnpm start` serves it (createHttpApp: compression, the API's
 * routes, the portal when a site is given, the 404 and error handlers) over a fresh test
 * database, with the server's log captured.
 */
export async function startSecureApi(
  options: Omit<AppOptions, "database" | "logger"> & { site?: SiteDirectory | null; content?: "empty" | "content" } = {},
): Promise<SecureApi> {
  const { site, content, ...appOptions } = options;
  const database = content === "content" ? await createSeededTestDatabase() : await createTestDatabase();
  const log = capturingLogger();
  const api = await createApp({ ...appOptions, database, logger: log.logger });
  const server = createServer(createHttpApp(api, { site: site ?? null, logger: log.logger, trustProxy: appOptions.trustProxy }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    database,
    fixtures: new Fixtures(database.db),
    api,
    server,
    url,
    log,
    async graphql(query, variables, headers = {}) {
      const response = await fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await response.text();
      let body: any;
      try {
        body = JSON.parse(text);
      } catch {
        body = { text };
      }
      return { status: response.status, headers: response.headers, body };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await api.close();
      await database.dispose();
    },
  };
}
