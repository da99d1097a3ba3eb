import type {
  AlertRecord,
  CategoryRecord,
  LocaleInfo,
  OrganizationRecord,
  PlaceRecord,
  RightsArticleRecord,
  ServiceRecord,
  Snapshot,
  VacancyRecord,
} from "./types.js";
import {
  META_QUERY,
  ORGANIZATIONS_QUERY,
  PAGE_SIZE,
  RIGHTS_QUERY,
  SERVICE_PAGE_SIZE,
  SERVICES_QUERY,
  VACANCIES_QUERY,
} from "./queries.js";

/** A build cannot go on: the API is unreachable or answered with errors. The message says which. */
export class SnapshotError extends Error {
  override name = "SnapshotError";
}

interface Connection<T> {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: T }[];
}

const REQUEST_TIMEOUT_MS = 60_000;

async function post<Data>(apiUrl: string, query: string, variables: Record<string, unknown> = {}): Promise<Data> {
  let response: Response;
  try {
    response = await fetch(apiUrl, {
      method: "POST",
      // English error messages in the build log; every text is asked for in every locale anyway.
      // no-cache: a build reads the data as committed, never an answer the API keeps for a few
      // seconds (a change made through another START process has not emptied this one's cache).
      headers: { "content-type": "application/json", accept: "application/json", "accept-language": "en", "cache-control": "no-cache" },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new SnapshotError(`cannot reach the API at ${apiUrl}: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
  }
  const text = await response.text();
  let body: { data?: Data; errors?: { message: string; extensions?: { code?: string } }[] };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new SnapshotError(`the API at ${apiUrl} answered HTTP ${response.status} with something that is not JSON: ${text.slice(0, 200)}`);
  }
  if (body.errors?.length) {
    const messages = body.errors.map((error) => `${error.extensions?.code ?? "ERROR"}: ${error.message}`).join("; ");
    throw new SnapshotError(`the API at ${apiUrl} answered with errors: ${messages}`);
  }
  if (!response.ok || !body.data) throw new SnapshotError(`the API at ${apiUrl} answered HTTP ${response.status}`);
  return body.data;
}

/** Every page of a connection, in order (a few requests, each of up to `pageSize` records). */
async function allPages<T>(apiUrl: string, query: string, field: string, pageSize: number): Promise<T[]> {
  const items: T[] = [];
  let after: string | null = null;
  for (;;) {
    const data: Record<string, Connection<T>> = await post<Record<string, Connection<T>>>(apiUrl, query, { first: pageSize, after });
    const connection = data[field];
    if (!connection) throw new SnapshotError(`the API's answer has no "${field}"`);
    for (const edge of connection.edges) items.push(edge.node);
    if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor) return items;
    after = connection.pageInfo.endCursor;
  }
}

/** Fetches everything the portal shows, in a few paginated requests run side by side. */
export async function fetchSnapshot(apiUrl: string): Promise<Snapshot> {
  const [meta, services, organizations, rights, vacancies] = await Promise.all([
    post<{ locales: LocaleInfo[]; categories: CategoryRecord[]; places: PlaceRecord[]; alerts: AlertRecord[] }>(apiUrl, META_QUERY),
    allPages<ServiceRecord>(apiUrl, SERVICES_QUERY, "services", SERVICE_PAGE_SIZE),
    allPages<OrganizationRecord>(apiUrl, ORGANIZATIONS_QUERY, "organizations", PAGE_SIZE),
    allPages<RightsArticleRecord>(apiUrl, RIGHTS_QUERY, "rightsArticles", PAGE_SIZE),
    allPages<VacancyRecord>(apiUrl, VACANCIES_QUERY, "vacancies", PAGE_SIZE),
  ]);
  if (meta.locales.length === 0) throw new SnapshotError(`the API at ${apiUrl} lists no locales`);
  return { fetchedAt: new Date().toISOString(), ...meta, services, organizations, rights, vacancies };
}

/**
 * Where a build keeps the snapshot it started fetching early (integrations/site-files.ts starts it
 * when the build starts, so that it downloads while Vite bundles); loadSite() picks it up.
 */
export const PREFETCHED_SNAPSHOT = Symbol.for("start.portal.prefetchedSnapshot");
type WithPrefetch = typeof globalThis & { [PREFETCHED_SNAPSHOT]?: Promise<Snapshot> };

export function prefetchSnapshot(apiUrl: string): void {
  const global = globalThis as WithPrefetch;
  const snapshot = fetchSnapshot(apiUrl);
  // Handled where it is awaited (loadSite); not an unhandled rejection in the meantime.
  snapshot.catch(() => undefined);
  global[PREFETCHED_SNAPSHOT] = snapshot;
}

export function prefetchedSnapshot(): Promise<Snapshot> | undefined {
  return (globalThis as WithPrefetch)[PREFETCHED_SNAPSHOT];
}
