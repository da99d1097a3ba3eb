import type { Request } from "express";
import type { Role } from "@start/db";

/** One role a user holds: org editors and ministry publishers for one organization, moderators and admins platform-wide. */
export interface ViewerRole {
  role: Role;
  organizationId: string | null;
}

/**
 * Who is making a request: null for the public. Filled from the session (cookie `start_session`
 * or `Authorization: Bearer`) by accounts/session-viewer.ts; what a viewer may do is decided in
 * auth/authorization.ts, what the public may read in auth/visibility.ts.
 */
export interface Viewer {
  userId: string;
  roles: ReadonlyArray<ViewerRole>;
  email?: string;
  displayName?: string;
  preferredLocale?: string | null;
  /** The session the request came with (logout ends it). */
  sessionId?: string;
}

export type ViewerResolver = (request: Request) => Promise<Viewer | null>;

export const anonymousViewer: ViewerResolver = async () => null;
