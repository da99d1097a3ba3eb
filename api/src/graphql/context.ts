import type { Database } from "@start/db";
import type { Request, Response } from "express";
import type { Viewer } from "../auth/viewer.js";
import { RequestLocales } from "../i18n/locales.js";
import { RequestGeneration } from "../search/generation.js";
import { DEFAULT_ACCOUNTS_CONFIG, type AccountsConfig } from "../server/config.js";
import type { RequestScope } from "../server/request-scope.js";

/**
 * Per-request DataLoaders, created on first use. A loader factory is any function of the context;
 * the same factory always returns the same loaders within one request, and never across requests.
 */
export class LoaderRegistry {
  private readonly created = new Map<(context: RequestContext) => unknown, unknown>();

  constructor(private readonly context: () => RequestContext) {}

  use<T>(factory: (context: RequestContext) => T): T {
    if (!this.created.has(factory)) this.created.set(factory, factory(this.context()));
    return this.created.get(factory) as T;
  }
}

/** What every resolver of one request sees. */
export interface RequestContext {
  requestId: string;
  db: Database;
  /** Who is asking: null for the public (auth/viewer.ts). */
  viewer: Viewer | null;
  /** The search generation, read once for the request (search/generation.ts): the enabled locales and the search indexes follow it. */
  generation: RequestGeneration;
  locales: RequestLocales;
  loaders: LoaderRegistry;
  scope: RequestScope;
  /** The HTTP exchange (sign-in sets and sign-out clears the session cookie); null outside HTTP. */
  http: { request: Request; response: Response } | null;
  accounts: AccountsConfig;
  /**
   * Set by anything that reads or writes data that depends on who is asking (auth/authorization.ts):
   * the answer is then `Cache-Control: private, no-store`.
   */
  private: boolean;
  /**
   * The publish job the mutation being run queued, if its change is one the public will see
   * (editorial/records.ts resets it for each mutation): its answer shows the job's progress.
   */
  queuedPublishJob: number | null;
}

export function createRequestContext(
  db: Database,
  scope: RequestScope,
  viewer: Viewer | null,
  options: { http?: RequestContext["http"]; accounts?: AccountsConfig } = {},
): RequestContext {
  const generation = new RequestGeneration(db);
  const context: RequestContext = {
    requestId: scope.requestId,
    db,
    viewer,
    generation,
    locales: new RequestLocales(db, scope, generation),
    loaders: new LoaderRegistry(() => context),
    scope,
    http: options.http ?? null,
    accounts: options.accounts ?? DEFAULT_ACCOUNTS_CONFIG,
    private: viewer !== null,
    queuedPublishJob: null,
  };
  return context;
}
