import { GraphQLDateTimeISO } from "graphql-scalars";
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { Organization } from "../directory/types.js";
import { Role } from "../graphql/enums.js";

@ObjectType({ description: "A role a user holds: for one organization (org editors, ministry publishers) or platform-wide." })
export class Membership {
  @Field(() => Role) role!: string;
  @Field(() => ID, { nullable: true }) organizationId!: string | null;
  @Field(() => Organization, { nullable: true }) organization!: unknown;
}

@ObjectType({ description: "A user account (never its password)." })
export class UserAccount {
  @Field(() => ID) id!: string;
  @Field(() => String) email!: string;
  @Field(() => String) displayName!: string;
  @Field(() => String, { nullable: true }) preferredLocale!: string | null;
  @Field(() => [Membership]) roles!: Membership[];
  @Field(() => Boolean) disabled!: boolean;
  @Field(() => GraphQLDateTimeISO, { nullable: true, description: "Sign-in is locked until then after repeated failures." })
  lockedUntil!: Date | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) lastLoginAt!: Date | null;
  @Field(() => GraphQLDateTimeISO) createdAt!: Date;
  @Field(() => Int, { description: "Send it as expectedVersion when changing the account." }) version!: number;
}

@ObjectType({ description: "A session just opened." })
export class LoginPayload {
  @Field(() => UserAccount) user!: UserAccount;
  @Field(() => GraphQLDateTimeISO, { description: "When the session ends if unused (each request pushes it back, up to 30 days)." })
  expiresAt!: Date;
  @Field(() => String, {
    nullable: true,
    description: "The session token, only when asked for with bearer: true (API clients send it as Authorization: Bearer). Browsers get an HttpOnly cookie instead.",
  })
  token!: string | null;
}

export enum InvitationStatus {
  OPEN = "open",
  ACCEPTED = "accepted",
  EXPIRED = "expired",
  REVOKED = "revoked",
}
registerEnumType(InvitationStatus, { name: "InvitationStatus" });

/** What an invitation link's page needs to know before showing its form, and nothing more. */
export enum InvitationLinkStatus {
  USABLE = "usable",
  USED = "used",
  EXPIRED = "expired",
  WITHDRAWN = "withdrawn",
  UNKNOWN = "unknown",
}
registerEnumType(InvitationLinkStatus, {
  name: "InvitationLinkStatus",
  description: "Whether an invitation link can still create an account.",
  valuesConfig: {
    USABLE: { description: "It can: open, not expired." },
    USED: { description: "Someone already created an account with it." },
    EXPIRED: { description: "Its validity (7 days) is over." },
    WITHDRAWN: { description: "An admin withdrew it, or invited the same address again." },
    UNKNOWN: { description: "No invitation has this token." },
  },
});

@ObjectType({ description: "An invitation to create an account with a role." })
export class Invitation {
  @Field(() => ID) id!: string;
  @Field(() => String) email!: string;
  @Field(() => Role) role!: string;
  @Field(() => ID, { nullable: true }) organizationId!: string | null;
  @Field(() => Organization, { nullable: true }) organization!: unknown;
  @Field(() => InvitationStatus) status!: InvitationStatus;
  @Field(() => GraphQLDateTimeISO) createdAt!: Date;
  @Field(() => GraphQLDateTimeISO) expiresAt!: Date;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) acceptedAt!: Date | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) revokedAt!: Date | null;
}

@ObjectType({ description: "A new invitation and its one-time link (shown once: only a hash of the token is kept)." })
export class InvitationLink {
  @Field(() => Invitation) invitation!: Invitation;
  @Field(() => String, {
    description: "Path of the page where the invitee sets a password, /{locale}/editor/invite/#<token> (the token is in the fragment, never sent to a server). Send it to the invitee by any channel.",
  })
  url!: string;
}

@InputType({ description: "A role to hold: ORG_EDITOR and MINISTRY_PUBLISHER with an organization, MODERATOR and ADMIN without." })
export class RoleInput {
  @Field(() => Role) role!: string;
  @Field(() => ID, { nullable: true }) organizationId?: string | null;
}
