import type { Request } from "express";

/**
 * Who is making a request. The public API serves everyone the same published data, so for now
 * every request is anonymous (null). The accounts work fills this from the session cookie by
 * passing its own `resolveViewer` to createApp; visibility.ts is where what a viewer may read
 * is decided.
 */
export interface Viewer {
  userId: string;
  roles: ReadonlyArray<{ role: string; organizationId: string | null }>;
}

export type ViewerResolver = (request: Request) => Promise<Viewer | null>;

export const anonymousViewer: ViewerResolver = async () => null;
