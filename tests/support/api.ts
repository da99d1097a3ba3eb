import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import supertest from "supertest";
import { type AppOptions, consoleLogger, createApp, silentLogger, type StartApi } from "@start/api";
import { createSeededTestDatabase, createTestDatabase, openTestDatabaseImage, type TestDatabase } from "./database.js";
import { Fixtures } from "./fixtures.js";

export interface GraphQLBody<Data = Record<string, any>> {
  data?: Data | null;
  errors?: Array<{ message: string; path?: (string | number)[]; extensions?: Record<string, any> }>;
}

export interface TestApi {
  database: TestDatabase;
  fixtures: Fixtures;
  api: StartApi;
  server: Server;
  url: string;
  /** supertest against the real HTTP server. */
  http: ReturnType<typeof supertest>;
  /** POSTs a query; returns the parsed body and the response. */
  graphql<Data = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLBody<Data> & { status: number; headers: Record<string, string> }>;
  /** The same, signed in with a session token (sent as `Authorization: Bearer`). */
  graphqlAs<Data = Record<string, any>>(
    token: string | null,
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLBody<Data> & { status: number; headers: Record<string, string> }>;
  /** Every SQL statement the database received since the last reset. */
  statements: string[];
  close(): Promise<void>;
}

export interface TestApiData {
  /** "content": the database holds content/ rebased to today (see createSeededTestDatabase); "empty" by default. */
  content?: "empty" | "content";
  /** PGlite: the database opens this image (dumpDataImage) instead. */
  image?: Blob;
}

/**
 * The API on a real HTTP server (an ephemeral port) over a fresh test database, PGlite or
 * PostgreSQL like the rest of the suite. Counts the SQL statements it sends.
 */
export async function startTestApi(options: Omit<AppOptions, "database"> = {}, data: TestApiData = {}): Promise<TestApi> {
  const statements: string[] = [];
  const onQuery = (query: string) => statements.push(query);
  const database = data.image
    ? await openTestDatabaseImage(data.image, { onQuery })
    : data.content === "content"
      ? await createSeededTestDatabase({ onQuery })
      : await createTestDatabase({ onQuery });
  // API_LOG=1 shows the server's log (internal errors included) while debugging a test.
  const api = await createApp({ logger: process.env.API_LOG ? consoleLogger : silentLogger, ...options, database });
  const server = createServer(api.app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const http = supertest(server);
  const testApi: TestApi = {
    database,
    fixtures: new Fixtures(database.db),
    api,
    server,
    url,
    http,
    statements,
    async graphql(query, variables, headers = {}) {
      const response = await http
        .post("/graphql")
        .set({ "content-type": "application/json", ...headers })
        .send(JSON.stringify({ query, variables }));
      return { ...(response.body as GraphQLBody<never>), status: response.status, headers: response.headers as Record<string, string> };
    },
    graphqlAs(token, query, variables, headers = {}) {
      return testApi.graphql(query, variables, token ? { authorization: `Bearer ${token}`, ...headers } : headers);
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await api.close();
      await database.dispose();
    },
  };
  return testApi;
}

/** The data of a response that must have no errors (the errors are shown when it has some). */
export function dataOf<Data = Record<string, any>>(body: GraphQLBody<Data>): Data {
  if (body.errors?.length) throw new Error(`unexpected GraphQL errors: ${JSON.stringify(body.errors, null, 2)}`);
  return body.data as Data;
}
