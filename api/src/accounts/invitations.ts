import { sql } from "drizzle-orm";
import { type Executor, queryRows, type Role } from "@start/db";
import { hashToken, newToken } from "./tokens.js";

/** The shape of the tokens newToken() makes (base64url), with room: anything else is not one. */
export const INVITATION_TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

export interface InvitationRecord {
  id: string;
  email: string;
  role: Role;
  organizationId: string | null;
  invitedByUserId: string | null;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
  revokedAt: string | null;
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

export async function loadInvitations(executor: Executor, options: { id?: string; openOnly?: boolean } = {}): Promise<InvitationRecord[]> {
  const rows = await queryRows<{
    id: string;
    email: string;
    role: Role;
    organization_id: string | null;
    invited_by_user_id: string | null;
    created_at: Date | string;
    expires_at: Date | string;
    accepted_at: Date | string | null;
    revoked_at: Date | string | null;
  }>(
    executor,
    sql`select id::text as id, email, role, organization_id::text as organization_id, invited_by_user_id::text as invited_by_user_id,
          created_at, expires_at, accepted_at, revoked_at
        from invitations
        where true ${options.id ? sql`and id = ${options.id}` : sql``}
          ${options.openOnly ? sql`and accepted_at is null and revoked_at is null and expires_at > now()` : sql``}
        order by created_at desc, id`,
  );
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    role: row.role,
    organizationId: row.organization_id,
    invitedByUserId: row.invited_by_user_id,
    createdAt: iso(row.created_at)!,
    expiresAt: iso(row.expires_at)!,
    acceptedAt: iso(row.accepted_at),
    revokedAt: iso(row.revoked_at),
  }));
}

/**
 * A one-time invitation: a random token (only its hash is stored) valid for `days`. Earlier open
 * invitations for the same address are withdrawn, so only the newest link works.
 */
export async function createInvitation(
  executor: Executor,
  invitation: { email: string; role: Role; organizationId: string | null; invitedByUserId: string; days: number },
): Promise<{ record: InvitationRecord; token: string }> {
  await executor.execute(
    sql`update invitations set revoked_at = now()
        where lower(email) = lower(${invitation.email}) and accepted_at is null and revoked_at is null`,
  );
  const token = newToken();
  const [row] = await queryRows<{ id: string }>(
    executor,
    sql`insert into invitations (email, organization_id, role, token_hash, invited_by_user_id, expires_at)
        values (${invitation.email}, ${invitation.organizationId}, ${invitation.role}, ${hashToken(token)}, ${invitation.invitedByUserId},
                now() + make_interval(days => ${invitation.days}))
        returning id::text as id`,
  );
  const [record] = await loadInvitations(executor, { id: row!.id });
  return { record: record!, token };
}

/**
 * Uses up an invitation token: atomically marks it accepted if it is still open (not expired,
 * used or withdrawn). Returns null otherwise — two people racing with one link cannot both win.
 */
export async function claimInvitation(executor: Executor, token: string): Promise<InvitationRecord | null> {
  const [row] = await queryRows<{ id: string }>(
    executor,
    sql`update invitations set accepted_at = now()
        where token_hash = ${hashToken(token)} and accepted_at is null and revoked_at is null and expires_at > now()
        returning id::text as id`,
  );
  if (!row) return null;
  const [record] = await loadInvitations(executor, { id: row.id });
  return record ?? null;
}

/**
 * The state of the invitation a token opens, without anything about it (address, role, who
 * invited): what the link's page needs to show its form or say why not. A token that is not of
 * the tokens' shape is not looked up.
 */
export async function invitationLinkState(executor: Executor, token: string): Promise<"usable" | "used" | "expired" | "withdrawn" | "unknown"> {
  if (!INVITATION_TOKEN.test(token)) return "unknown";
  const [row] = await queryRows<{ state: "usable" | "used" | "expired" | "withdrawn" }>(
    executor,
    sql`select case when accepted_at is not null then 'used' when revoked_at is not null then 'withdrawn'
                    when expires_at <= now() then 'expired' else 'usable' end as state
        from invitations where token_hash = ${hashToken(token)}`,
  );
  return row?.state ?? "unknown";
}

/** Where the invitee sets a password: the token rides in the fragment, which browsers never send to a server. */
export function invitationUrl(locale: string, token: string): string {
  return `/${locale}/editor/invite/#${token}`;
}
