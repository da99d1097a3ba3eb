import type { Role } from "@start/db";
import type { RequestContext } from "../graphql/context.js";
import { forbidden, unauthenticated } from "../graphql/errors.js";
import type { Viewer } from "./viewer.js";

/**
 * Who may do what: the one place that decides it. Every mutation and every non-public query calls
 * `authorize` (or `requireViewer` for what any signed-in user may do to their own account) before
 * it reads or writes anything; the public read side is decided in visibility.ts.
 *
 * A permission is held either for one organization (org editors, ministry publishers: only that
 * organization's records) or platform-wide (moderators, admins).
 */
export const POLICY = {
  /** Draft, edit, submit, verify, archive and restore services (and answer their feedback). */
  "service.edit": { organizationRoles: ["org_editor"], platformRoles: ["moderator", "admin"] },
  /** Publish or reject services and their pending changes; see the review queue. */
  "service.publish": { organizationRoles: [], platformRoles: ["moderator", "admin"] },
  /** Create, edit, publish, close, archive and restore vacancies (and answer their feedback). */
  "vacancy.edit": { organizationRoles: ["ministry_publisher"], platformRoles: ["moderator", "admin"] },
  /** Rights articles, alerts, categories and places. */
  "content.moderate": { organizationRoles: [], platformRoles: ["moderator", "admin"] },
  /** Read the audit trail of a record. */
  "audit.read": { organizationRoles: [], platformRoles: ["moderator", "admin"] },
  /**
   * Edit an organization's record (names, description, web site, e-mail, phones), submit and
   * discard its pending changes: its org editors propose, moderators and admins too.
   */
  "organization.edit": { organizationRoles: ["org_editor"], platformRoles: ["moderator", "admin"] },
  /** Publish or reject an organization's pending changes. */
  "organization.review": { organizationRoles: [], platformRoles: ["moderator", "admin"] },
  /** Create, publish, archive and restore organizations; list them all. */
  "organization.admin": { organizationRoles: [], platformRoles: ["admin"] },
  /** Follow any change's way to the public site (publishProgress); whoever made a change follows their own. */
  "publish.follow": { organizationRoles: [], platformRoles: ["moderator", "admin"] },
  /** Users, their roles, invitations. */
  "user.admin": { organizationRoles: [], platformRoles: ["admin"] },
} as const satisfies Record<string, { organizationRoles: readonly Role[]; platformRoles: readonly Role[] }>;

export type Permission = keyof typeof POLICY;

/** Whether the viewer holds the permission, for records of `organizationId` (or platform-wide records when null). */
export function can(viewer: Viewer | null, permission: Permission, organizationId: string | null = null): boolean {
  if (!viewer) return false;
  const policy = POLICY[permission];
  return viewer.roles.some(
    ({ role, organizationId: roleOrganization }) =>
      (policy.platformRoles as readonly Role[]).includes(role) ||
      (organizationId !== null && roleOrganization === organizationId && (policy.organizationRoles as readonly Role[]).includes(role)),
  );
}

/** The organizations whose records the viewer may handle with this permission: "all", or a list (maybe empty). */
export function organizationsFor(viewer: Viewer | null, permission: Permission): "all" | string[] {
  if (!viewer) return [];
  const policy = POLICY[permission];
  if (viewer.roles.some(({ role }) => (policy.platformRoles as readonly Role[]).includes(role))) return "all";
  return [
    ...new Set(
      viewer.roles
        .filter(({ role, organizationId }) => organizationId !== null && (policy.organizationRoles as readonly Role[]).includes(role))
        .map(({ organizationId }) => organizationId!),
    ),
  ];
}

/** The signed-in viewer, or UNAUTHENTICATED. Marks the answer private. */
export function requireViewer(context: RequestContext): Viewer {
  context.private = true;
  if (!context.viewer) throw unauthenticated();
  return context.viewer;
}

/**
 * The viewer, if they hold `permission` for `organizationId`: else UNAUTHENTICATED (nobody signed
 * in) or FORBIDDEN. Call it before reading or writing anything the permission guards.
 */
export function authorize(context: RequestContext, permission: Permission, organizationId: string | null = null): Viewer {
  const viewer = requireViewer(context);
  if (!can(viewer, permission, organizationId)) throw forbidden();
  return viewer;
}

/** Like authorize, for permissions held for at least one organization (list queries narrow to them). */
export function authorizeAny(context: RequestContext, permissions: Permission[]): Viewer {
  const viewer = requireViewer(context);
  const holds = permissions.some((permission) => {
    const scope = organizationsFor(viewer, permission);
    return scope === "all" || scope.length > 0;
  });
  if (!holds) throw forbidden();
  return viewer;
}
