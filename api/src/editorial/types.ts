import { GraphQLDateTimeISO, GraphQLJSON, GraphQLLocalDate } from "graphql-scalars";
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { OpeningPeriod } from "../directory/types.js";
import { PhoneType, PublicationState, RevisionStatus } from "../graphql/enums.js";
import { LocalizedText } from "../graphql/localized.js";

@ObjectType({ description: "A text in one locale (editable forms list every locale's text)." })
export class LocalizedValue {
  @Field(() => String) locale!: string;
  @Field(() => String) text!: string;
}

@InputType({ description: "A text in one locale." })
export class LocalizedValueInput {
  @Field(() => String) locale!: string;
  @Field(() => String) text!: string;
}

@InputType({ description: "A public reference: a law, a convention, an official page." })
export class SourceInput {
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true, description: "http or https." }) url?: string | null;
  @Field(() => String, { nullable: true, description: "The source's own date (publication or last update), YYYY-MM-DD; not after accessed." })
  published?: string | null;
  @Field(() => String, { nullable: true, description: "When it was consulted, YYYY-MM-DD." }) accessed?: string | null;
}

// Phones and opening hours, wherever they live (organizations, services, locations) -----------

@InputType({ description: "A phone number: E.164 (+218912345678; spaces and dashes are removed)." })
export class PhoneInput {
  @Field(() => String) number!: string;
  @Field(() => String, { nullable: true, description: "Digits only." }) extension?: string | null;
  @Field(() => PhoneType, { nullable: true, description: "Default VOICE." }) type?: string | null;
  @Field(() => [String], { nullable: true, description: "ISO 639 codes of the languages spoken on this line." }) languages?: string[] | null;
  @Field(() => [LocalizedValueInput], { nullable: true, description: "What the number is for, per locale." })
  descriptions?: LocalizedValueInput[] | null;
}

@InputType()
export class OpeningPeriodInput {
  @Field(() => Int, { description: "ISO weekday: 1 = Monday … 7 = Sunday." }) weekday!: number;
  @Field(() => String, { description: "HH:MM, local time of the place." }) opensAt!: string;
  @Field(() => String, { description: "HH:MM, after opensAt (24:00 for midnight)." }) closesAt!: string;
}

@InputType({ description: "Weekly opening hours: several periods a day are allowed; a day without a period is closed." })
export class ScheduleInput {
  @Field(() => String, { nullable: true, description: "YYYY-MM-DD." }) validFrom?: string | null;
  @Field(() => String, { nullable: true, description: "YYYY-MM-DD, not before validFrom." }) validTo?: string | null;
  @Field(() => [OpeningPeriodInput], { nullable: true }) periods?: OpeningPeriodInput[] | null;
  @Field(() => [LocalizedValueInput], { nullable: true }) notes?: LocalizedValueInput[] | null;
}

@ObjectType({ description: "A phone number as edited." })
export class PhoneValues {
  @Field(() => String) number!: string;
  @Field(() => String, { nullable: true }) extension!: string | null;
  @Field(() => PhoneType) type!: string;
  @Field(() => [String]) languages!: string[];
  @Field(() => [LocalizedValue]) descriptions!: LocalizedValue[];
}

@ObjectType({ description: "Opening hours as edited." })
export class ScheduleValues {
  @Field(() => String, { nullable: true }) validFrom!: string | null;
  @Field(() => String, { nullable: true }) validTo!: string | null;
  @Field(() => [OpeningPeriod]) periods!: OpeningPeriod[];
  @Field(() => [LocalizedValue]) notes!: LocalizedValue[];
}

@ObjectType({ description: "One difference between two versions of a record, for showing them side by side." })
export class FieldChange {
  @Field(() => String, { description: "Where: texts.fr.description, locations.0.phones, categoryIds…" }) path!: string;
  @Field(() => GraphQLJSON, { nullable: true, description: "The value before (null when absent)." }) before!: unknown;
  @Field(() => GraphQLJSON, { nullable: true, description: "The value after (null when absent)." }) after!: unknown;
}

export enum ListingKind {
  SERVICE = "service",
  VACANCY = "vacancy",
  /** In the review queue only: an organization whose changes wait for a moderator. */
  ORGANIZATION = "organization",
}
registerEnumType(ListingKind, { name: "ListingKind" });

@ObjectType({ description: "A service or a vacancy (or, in the review queue, an organization) as an editor's list shows it: its state and what needs attention." })
export class EditorListing {
  @Field(() => ID) id!: string;
  @Field(() => ListingKind) kind!: ListingKind;
  @Field(() => String) slug!: string;
  @Field(() => ID) organizationId!: string;
  @Field(() => LocalizedText, { description: "The name (a vacancy's title) in the requested locale, or the best available." })
  name!: LocalizedText;
  @Field(() => PublicationState) state!: string;
  @Field(() => Boolean) archived!: boolean;
  @Field(() => Int, { description: "The version to send with the next change." }) version!: number;
  @Field(() => GraphQLDateTimeISO) updatedAt!: Date;
  @Field(() => RevisionStatus, { nullable: true, description: "Services and organizations: the status of changes waiting to be published, if any." })
  pendingChanges!: string | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true, description: "When it (or its pending changes) went to review." })
  submittedAt!: Date | null;
  @Field(() => [String], { description: "Enabled locales the listing has no text in." }) missingLocales!: string[];
  @Field(() => GraphQLDateTimeISO, { nullable: true, description: "Services: when someone last confirmed it is correct." })
  verifiedAt!: Date | null;
  @Field(() => Boolean, { description: "Services: not verified in the last 180 days (or never)." }) stale!: boolean;
  @Field(() => Boolean, { description: "Services: no phone, e-mail or website of its own (its page shows its organization's)." })
  noContact!: boolean;
  @Field(() => Int, { description: "Reports from readers not yet handled." }) openFeedbackCount!: number;
  @Field(() => GraphQLLocalDate, { nullable: true, description: "Vacancies: the last day to apply." }) deadline!: string | null;
  @Field(() => Boolean, { description: "Vacancies: closed early or past the deadline." }) closed!: boolean;
}
