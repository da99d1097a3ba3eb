import { sql } from "drizzle-orm";
import { queryRows, ROLES, type Role, users } from "@start/db";
import { z } from "zod";
import { authorize } from "../auth/authorization.js";
import { recordAudit } from "../editorial/audit.js";
import { checkVersion, lockRow, mutation } from "../editorial/records.js";
import { resolveKeys } from "../editorial/references.js";
import { email as emailSchema, FieldErrors, oneOf, parseInput } from "../editorial/validation.js";
import type { RequestContext } from "../graphql/context.js";
import { badInput, invalidFields, invalidState } from "../graphql/errors.js";
import { isUuid } from "../graphql/relay.js";
import { isMessageLocale } from "../i18n/messages.js";
import { emailKey } from "./client.js";
import { createInvitation, type InvitationRecord, invitationUrl, loadInvitations } from "./invitations.js";
import { deleteSessionsOfUser } from "./sessions.js";
import { clearKey } from "./throttle.js";
import { activeAdminCount, emailExists, loadUser, type UserSnapshot } from "./users.js";

/** What admins do to accounts: invite, withdraw invitations, set roles, disable and enable. */

const ORGANIZATION_ROLES: readonly Role[] = ["org_editor", "ministry_publisher"];

/** Roles as given, checked: organization roles need an (existing) organization, platform roles none. */
async function checkRoles(
  context: RequestContext,
  tx: Parameters<Parameters<typeof mutation>[1]>[0],
  roles: Array<{ role: string; organizationId?: string | null }>,
  prefix: (index: number) => string,
): Promise<Array<{ role: Role; organizationId: string | null }>> {
  const errors = new FieldErrors();
  const path = (index: number, field: string) => (prefix(index) ? `${prefix(index)}.${field}` : field);
  const organizations = await resolveKeys(
    tx,
    "organizations",
    roles.flatMap((entry) => (entry.organizationId ? [entry.organizationId] : [])),
  );
  const checked: Array<{ role: Role; organizationId: string | null }> = [];
  roles.forEach((entry, index) => {
    if (!(ROLES as readonly string[]).includes(entry.role)) {
      errors.add(path(index, "role"), "invalidValue");
      return;
    }
    const needsOrganization = ORGANIZATION_ROLES.includes(entry.role as Role);
    if (needsOrganization !== Boolean(entry.organizationId)) {
      errors.add(path(index, "organizationId"), "organizationForRole");
      return;
    }
    const organizationId = entry.organizationId ? organizations.get(entry.organizationId.trim()) : null;
    if (entry.organizationId && !organizationId) {
      errors.add(path(index, "organizationId"), "unknownReference", { entity: "organization", value: entry.organizationId });
      return;
    }
    if (!checked.some((role) => role.role === entry.role && role.organizationId === (organizationId ?? null))) {
      checked.push({ role: entry.role as Role, organizationId: organizationId ?? null });
    }
  });
  errors.throwIfAny();
  return checked;
}

const inviteSchema = z.object({
  email: emailSchema,
  role: oneOf(ROLES),
  organizationId: z.string().trim().nullish().transform((value) => value || null),
  locale: z.string().trim().nullish().transform((value) => value || null),
});

export async function inviteUser(
  context: RequestContext,
  input: { email: string; role: string; organizationId?: string | null; locale?: string | null },
): Promise<{ record: InvitationRecord; url: string }> {
  const viewer = authorize(context, "user.admin");
  const parsed = parseInput(inviteSchema, input);
  const locales = (await context.locales.available()).map((locale) => locale.code);
  const locale = parsed.locale && locales.includes(parsed.locale) ? parsed.locale : isMessageLocale(context.scope.messageLocale) ? context.scope.messageLocale : "ar";
  return mutation(context, async (tx) => {
    const [role] = await checkRoles(context, tx, [parsed], () => "");
    if (await emailExists(tx, parsed.email)) throw invalidFields([{ path: "email", key: "emailTaken" }]);
    const { record, token } = await createInvitation(tx, {
      email: parsed.email,
      role: role!.role,
      organizationId: role!.organizationId,
      invitedByUserId: viewer.userId,
      days: context.accounts.invitationDays,
    });
    await recordAudit(tx, { actorUserId: viewer.userId, action: "invite", entityType: "invitation", entityId: record.id, before: null, after: record });
    return { record, url: invitationUrl(locale, token) };
  });
}

export async function revokeInvitation(context: RequestContext, id: string): Promise<InvitationRecord> {
  const viewer = authorize(context, "user.admin");
  if (!isUuid(id)) throw badInput("invalidId", { value: id }, "id");
  return mutation(context, async (tx) => {
    const rows = await queryRows<{ id: string }>(
      tx,
      sql`update invitations set revoked_at = now()
          where id = ${id}::uuid and accepted_at is null and revoked_at is null returning id::text as id`,
    );
    const [record] = await loadInvitations(tx, { id });
    if (!record) throw invalidFields([{ path: "id", key: "unknownReference", params: { entity: "invitation", value: id } }]);
    if (rows.length === 0) throw invalidState("invitationInvalid");
    await recordAudit(tx, { actorUserId: viewer.userId, action: "revoke_invitation", entityType: "invitation", entityId: id, before: { ...record, revokedAt: null }, after: record });
    return record;
  });
}

async function changeUser(
  context: RequestContext,
  userId: string,
  expectedVersion: number,
  action: string,
  change: (tx: Parameters<Parameters<typeof mutation>[1]>[0], before: UserSnapshot) => Promise<void>,
): Promise<UserSnapshot> {
  const viewer = authorize(context, "user.admin");
  return mutation(context, async (tx) => {
    const row = await lockRow(tx, users, userId, "user");
    checkVersion(row, expectedVersion, "user");
    const before = (await loadUser(tx, row.id))!;
    await change(tx, before);
    await tx.execute(sql`update users set version = version + 1, updated_at = now() where id = ${row.id}`);
    const after = (await loadUser(tx, row.id))!;
    await recordAudit(tx, { actorUserId: viewer.userId, action, entityType: "user", entityId: row.id, before, after });
    return after;
  });
}

export async function setUserRoles(
  context: RequestContext,
  userId: string,
  expectedVersion: number,
  roles: Array<{ role: string; organizationId?: string | null }>,
): Promise<UserSnapshot> {
  return changeUser(context, userId, expectedVersion, "set_roles", async (tx, before) => {
    const checked = await checkRoles(context, tx, roles, (index) => `roles.${index}`);
    const wasAdmin = before.roles.some((role) => role.role === "admin");
    const staysAdmin = checked.some((role) => role.role === "admin");
    if (wasAdmin && !staysAdmin && before.disabledAt === null && (await activeAdminCount(tx, before.id)) === 0) {
      throw invalidState("lastAdmin");
    }
    await tx.execute(sql`delete from memberships where user_id = ${before.id}`);
    for (const role of checked) {
      await tx.execute(sql`insert into memberships (user_id, organization_id, role) values (${before.id}, ${role.organizationId}, ${role.role})`);
    }
  });
}

export async function disableUser(context: RequestContext, userId: string, expectedVersion: number): Promise<UserSnapshot> {
  return changeUser(context, userId, expectedVersion, "disable", async (tx, before) => {
    if (before.disabledAt !== null) return;
    if (before.roles.some((role) => role.role === "admin") && (await activeAdminCount(tx, before.id)) === 0) throw invalidState("lastAdmin");
    await tx.execute(sql`update users set disabled_at = now() where id = ${before.id}`);
    await deleteSessionsOfUser(tx, before.id);
  });
}

/** Enables a disabled account and lifts a sign-in lock-out. */
export async function enableUser(context: RequestContext, userId: string, expectedVersion: number): Promise<UserSnapshot> {
  authorize(context, "user.admin");
  const target = await loadUser(context.db, userId).catch(() => null);
  const lockKey = target ? `login-email:${await emailKey(context.db, target.email, context.accounts.secret)}` : null;
  return changeUser(context, userId, expectedVersion, "enable", async (tx, before) => {
    await tx.execute(sql`update users set disabled_at = null, locked_until = null, failed_login_count = 0 where id = ${before.id}`);
    if (lockKey) await clearKey(tx, lockKey);
  });
}
