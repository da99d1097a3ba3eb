import type { Database } from "@start/db";
import type { Viewer } from "../auth/viewer.js";
import { RequestLocales } from "../i18n/locales.js";
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
  /** Who is asking: null for the public. Filled by the accounts work from the session (auth/viewer.ts). */
  viewer: Viewer | null;
  locales: RequestLocales;
  loaders: LoaderRegistry;
  scope: RequestScope;
}

export function createRequestContext(db: Database, scope: RequestScope, viewer: Viewer | null): RequestContext {
  const context: RequestContext = {
    requestId: scope.requestId,
    db,
    viewer,
    locales: new RequestLocales(db, scope),
    loaders: new LoaderRegistry(() => context),
    scope,
  };
  return context;
}
