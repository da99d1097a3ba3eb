import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { z } from "zod";
import { authorize, requireViewer } from "../auth/authorization.js";
import { directoryLoaders, type OrganizationRecord } from "../directory/loaders.js";
import { Organization } from "../directory/types.js";
import { recordAudit } from "../editorial/audit.js";
import { mutation } from "../editorial/records.js";
import { parseInput, requiredText } from "../editorial/validation.js";
import type { RequestContext } from "../graphql/context.js";
import { ApiError, ErrorCode, invalidFields } from "../graphql/errors.js";
import { LOCALE_ARGUMENT, Localized } from "../graphql/localized.js";
import { Role } from "../graphql/enums.js";
import { disableUser, enableUser, inviteUser, revokeInvitation, setUserRoles } from "./administration.js";
import { claimInvitation, INVITATION_TOKEN, invitationLinkState, type InvitationRecord, loadInvitations } from "./invitations.js";
import { clientKey, emailKey } from "./client.js";
import { login, tooManyAttempts } from "./login.js";
import { clearKey, countAttempt, countEvent } from "./throttle.js";
import { hashPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordLengthValid, verifyPassword } from "./passwords.js";
import { clearSessionCookie, createSession, deleteSession, deleteSessionsOfUser, setSessionCookie } from "./sessions.js";
import { Invitation, InvitationLink, InvitationLinkStatus, InvitationStatus, LoginPayload, Membership, RoleInput, UserAccount } from "./types.js";
import { emailExists, loadUser, loadUsers, type UserSnapshot } from "./users.js";
import { sql } from "drizzle-orm";
import { queryRows } from "@start/db";
import { databaseErrorOf } from "../editorial/records.js";

interface UserView {
  id: string;
  email: string;
  displayName: string;
  preferredLocale: string | null;
  roles: Array<{ role: string; organizationId: string | null }>;
  disabled: boolean;
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
  createdAt: Date;
  version: number;
}

const date = (value: string | null) => (value === null ? null : new Date(value));

function userView(user: UserSnapshot): UserView {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    preferredLocale: user.preferredLocale,
    roles: user.roles,
    disabled: user.disabledAt !== null,
    lockedUntil: date(user.lockedUntil),
    lastLoginAt: date(user.lastLoginAt),
    createdAt: new Date(user.createdAt),
    version: user.version,
  };
}

function invitationView(record: InvitationRecord) {
  const status = record.acceptedAt
    ? InvitationStatus.ACCEPTED
    : record.revokedAt
      ? InvitationStatus.REVOKED
      : new Date(record.expiresAt) <= new Date()
        ? InvitationStatus.EXPIRED
        : InvitationStatus.OPEN;
  return {
    ...record,
    status,
    createdAt: new Date(record.createdAt),
    expiresAt: new Date(record.expiresAt),
    acceptedAt: date(record.acceptedAt),
    revokedAt: date(record.revokedAt),
  };
}

const passwordSchema = z.string().refine(passwordLengthValid, {
  message: "passwordLength",
  params: { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH },
});

function http(context: RequestContext) {
  if (!context.http) throw new Error("sign-in needs an HTTP request");
  return context.http;
}

@Resolver(() => Membership)
export class MembershipResolver {
  @FieldResolver(() => Organization, { nullable: true })
  async organization(@Root() membership: { organizationId: string | null }, @Ctx() context: RequestContext): Promise<OrganizationRecord | null> {
    return membership.organizationId ? context.loaders.use(directoryLoaders).organizationById.load(membership.organizationId) : null;
  }
}

@Resolver(() => Invitation)
export class InvitationResolver {
  @FieldResolver(() => Organization, { nullable: true })
  async organization(@Root() invitation: { organizationId: string | null }, @Ctx() context: RequestContext): Promise<OrganizationRecord | null> {
    return invitation.organizationId ? context.loaders.use(directoryLoaders).organizationById.load(invitation.organizationId) : null;
  }
}

@Resolver()
export class AccountResolver {
  @Query(() => UserAccount, { nullable: true, description: "The signed-in user, or null. Never cached." })
  @Localized()
  async me(@Ctx() context: RequestContext, @Arg("locale", () => String, LOCALE_ARGUMENT) _locale?: string): Promise<UserView | null> {
    context.private = true;
    if (!context.viewer) return null;
    const user = await loadUser(context.db, context.viewer.userId);
    return user ? userView(user) : null;
  }

  @Query(() => [UserAccount], { description: "Every account (admins)." })
  @Localized()
  async users(@Ctx() context: RequestContext, @Arg("locale", () => String, LOCALE_ARGUMENT) _locale?: string): Promise<UserView[]> {
    authorize(context, "user.admin");
    return (await loadUsers(context.db)).map(userView);
  }

  @Query(() => [Invitation], { description: "Invitations, newest first (admins)." })
  @Localized()
  async invitations(
    @Ctx() context: RequestContext,
    @Arg("openOnly", () => Boolean, { defaultValue: true, description: "Only those that can still be accepted." }) openOnly: boolean,
    @Arg("locale", () => String, LOCALE_ARGUMENT) _locale?: string,
  ) {
    authorize(context, "user.admin");
    return (await loadInvitations(context.db, { openOnly })).map(invitationView);
  }

  @Query(() => InvitationLinkStatus, {
    description:
      "Whether an invitation link can still create an account (for the link's page, before it shows its form); nothing else about the invitation. Rate-limited per client, like sign-in; never cached.",
  })
  async invitationStatus(
    @Ctx() context: RequestContext,
    @Arg("token", () => String, { description: "The token from the invitation link's fragment." }) token: string,
  ): Promise<InvitationLinkStatus> {
    context.private = true;
    const { request } = http(context);
    const windowSeconds = context.accounts.clientWindowMinutes * 60;
    const client = await countEvent(context.db, `invitation-check:${await clientKey(context.db, request, context.accounts.secret)}`, windowSeconds);
    if (client.count > context.accounts.invitationChecksPerClient) {
      const minutes = Math.max(1, Math.ceil((client.windowStart.getTime() + windowSeconds * 1000 - Date.now()) / 60_000));
      throw new ApiError(ErrorCode.TOO_MANY_REQUESTS, "tooManyRequests", {}, { extensions: { retryAfterMinutes: minutes } });
    }
    const state = await invitationLinkState(context.db, token);
    return { usable: InvitationLinkStatus.USABLE, used: InvitationLinkStatus.USED, expired: InvitationLinkStatus.EXPIRED, withdrawn: InvitationLinkStatus.WITHDRAWN, unknown: InvitationLinkStatus.UNKNOWN }[state];
  }

  @Mutation(() => LoginPayload, {
    description:
      "Signs in. Browsers get an HttpOnly session cookie (start_session); with bearer: true the token is returned instead, for API clients. The same error whether or not the e-mail has an account; repeated failures lock the address for a while.",
  })
  @Localized()
  async login(
    @Ctx() context: RequestContext,
    @Arg("email", () => String) email: string,
    @Arg("password", () => String) password: string,
    @Arg("bearer", () => Boolean, { defaultValue: false }) bearer: boolean,
  ) {
    context.private = true;
    const exchange = http(context);
    const { session, viewer } = await login(context.db, exchange.request, context.accounts, { email, password });
    if (!bearer) setSessionCookie(exchange.request, exchange.response, session.token, session.expiresAt, context.accounts);
    const user = (await loadUser(context.db, viewer.userId))!;
    return { user: userView(user), expiresAt: session.expiresAt, token: bearer ? session.token : null };
  }

  @Mutation(() => Boolean, { description: "Ends the current session (and clears the cookie). Always true." })
  async logout(@Ctx() context: RequestContext): Promise<boolean> {
    context.private = true;
    const viewer = context.viewer;
    if (viewer?.sessionId) {
      await mutation(context, async (tx) => {
        await deleteSession(tx, viewer.sessionId!);
        await recordAudit(tx, { actorUserId: viewer.userId, action: "logout", entityType: "user", entityId: viewer.userId });
      });
    }
    if (context.http) clearSessionCookie(context.http.request, context.http.response);
    return true;
  }

  @Mutation(() => Boolean, { description: "Changes the signed-in user's password; their other sessions end." })
  async changePassword(
    @Ctx() context: RequestContext,
    @Arg("currentPassword", () => String) currentPassword: string,
    @Arg("newPassword", () => String) newPassword: string,
  ): Promise<boolean> {
    const viewer = requireViewer(context);
    const password = parseInput(passwordSchema, newPassword, "newPassword");
    const [row] = await queryRows<{ password_hash: string | null; email: string }>(
      context.db,
      sql`select password_hash, email from users where id = ${viewer.userId}`,
    );
    // Wrong current passwords count towards the account's sign-in lock-out: a session left open in
    // a shared office is no way to guess the password at full speed.
    const lockKey = `login-email:${await emailKey(context.db, row?.email ?? viewer.userId, context.accounts.secret)}`;
    const attempt = await countAttempt(context.db, lockKey, context.accounts.lockThreshold, context.accounts.lockMinutes * 60);
    if (!attempt.allowed) throw tooManyAttempts(attempt.until);
    if (!row?.password_hash || currentPassword.length > 1024 || !(await verifyPassword(row.password_hash, currentPassword))) {
      throw attempt.locked ? tooManyAttempts(attempt.until) : invalidFields([{ path: "currentPassword", key: "wrongPassword" }]);
    }
    const hash = await hashPassword(password);
    await mutation(context, async (tx) => {
      await clearKey(tx, lockKey);
      await tx.execute(sql`update users set password_hash = ${hash}, version = version + 1, updated_at = now() where id = ${viewer.userId}`);
      await deleteSessionsOfUser(tx, viewer.userId, viewer.sessionId);
      await recordAudit(tx, { actorUserId: viewer.userId, action: "change_password", entityType: "user", entityId: viewer.userId });
    });
    return true;
  }

  @Mutation(() => LoginPayload, {
    description: "Creates the invited account with a display name and a password, and signs it in (cookie). Each link works once, until it expires.",
  })
  @Localized()
  async acceptInvitation(
    @Ctx() context: RequestContext,
    @Arg("token", () => String, { description: "The token from the invitation link's fragment." }) token: string,
    @Arg("displayName", () => String) displayName: string,
    @Arg("password", () => String) password: string,
  ) {
    context.private = true;
    const exchange = http(context);
    const name = parseInput(requiredText(100), displayName, "displayName");
    const secret = parseInput(passwordSchema, password, "password");
    const hash = await hashPassword(secret);
    const session = await mutation(context, async (tx) => {
      const invitation = INVITATION_TOKEN.test(token) ? await claimInvitation(tx, token) : null;
      if (!invitation) throw new ApiError(ErrorCode.INVALID_STATE, "invitationInvalid");
      if (await emailExists(tx, invitation.email)) throw invalidFields([{ path: "email", key: "emailTaken" }]);
      const [user] = await queryRows<{ id: string }>(
        tx,
        sql`insert into users (email, display_name, password_hash) values (${invitation.email}, ${name}, ${hash}) returning id::text as id`,
      ).catch((error: unknown) => {
        if (databaseErrorOf(error)?.code === "23505") throw invalidFields([{ path: "email", key: "emailTaken" }]);
        throw error;
      });
      await tx.execute(
        sql`insert into memberships (user_id, organization_id, role) values (${user!.id}, ${invitation.organizationId}, ${invitation.role})`,
      );
      const opened = await createSession(tx, user!.id, context.accounts);
      const after = await loadUser(tx, user!.id);
      await recordAudit(tx, { actorUserId: user!.id, action: "accept_invitation", entityType: "user", entityId: user!.id, before: null, after });
      await recordAudit(tx, { actorUserId: user!.id, action: "accept", entityType: "invitation", entityId: invitation.id, before: { ...invitation, acceptedAt: null }, after: invitation });
      return { ...opened, userId: user!.id };
    });
    setSessionCookie(exchange.request, exchange.response, session.token, session.expiresAt, context.accounts);
    const user = (await loadUser(context.db, session.userId))!;
    return { user: userView(user), expiresAt: session.expiresAt, token: null };
  }

  @Mutation(() => InvitationLink, {
    description: "Invites someone to create an account with a role (admins). Returns the one-time link to send them; it expires after 7 days.",
  })
  @Localized()
  async inviteUser(
    @Ctx() context: RequestContext,
    @Arg("email", () => String) email: string,
    @Arg("role", () => Role) role: string,
    @Arg("organizationId", () => ID, { nullable: true, description: "For ORG_EDITOR and MINISTRY_PUBLISHER." }) organizationId?: string,
    @Arg("linkLocale", () => String, { nullable: true, description: "The locale of the link's page (default: the request's)." }) linkLocale?: string,
  ) {
    const { record, url } = await inviteUser(context, { email, role, organizationId, locale: linkLocale });
    return { invitation: invitationView(record), url };
  }

  @Mutation(() => Invitation, { description: "Withdraws an invitation that has not been accepted (admins)." })
  @Localized()
  async revokeInvitation(@Ctx() context: RequestContext, @Arg("id", () => ID) id: string) {
    return invitationView(await revokeInvitation(context, id));
  }

  @Mutation(() => UserAccount, { description: "Replaces a user's roles (admins). START always keeps one active admin." })
  @Localized()
  async setUserRoles(
    @Ctx() context: RequestContext,
    @Arg("userId", () => ID) userId: string,
    @Arg("expectedVersion", () => Int) expectedVersion: number,
    @Arg("roles", () => [RoleInput]) roles: RoleInput[],
  ): Promise<UserView> {
    return userView(await setUserRoles(context, userId, expectedVersion, roles));
  }

  @Mutation(() => UserAccount, { description: "Disables an account and ends its sessions (admins)." })
  @Localized()
  async disableUser(
    @Ctx() context: RequestContext,
    @Arg("userId", () => ID) userId: string,
    @Arg("expectedVersion", () => Int) expectedVersion: number,
  ): Promise<UserView> {
    return userView(await disableUser(context, userId, expectedVersion));
  }

  @Mutation(() => UserAccount, { description: "Enables a disabled account and lifts a sign-in lock-out (admins)." })
  @Localized()
  async enableUser(
    @Ctx() context: RequestContext,
    @Arg("userId", () => ID) userId: string,
    @Arg("expectedVersion", () => Int) expectedVersion: number,
  ): Promise<UserView> {
    return userView(await enableUser(context, userId, expectedVersion));
  }
}
