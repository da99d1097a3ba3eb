import { GraphQLDateTimeISO } from "graphql-scalars";
import { Field, Float, ID, InputType, Int, ObjectType } from "type-graphql";
import { Organization, LocationTranslation, ServiceTranslation } from "../../directory/types.js";
import { Source } from "../../graphql/common-types.js";
import { Audience, LocationType, PublicationState, RevisionStatus, ServiceCost, ServiceStatus } from "../../graphql/enums.js";
import { FieldChange, PhoneInput, PhoneValues, ScheduleInput, ScheduleValues, SourceInput } from "../types.js";

// Input: the whole editable record, sent by create and by every update (not a patch) ----------

@InputType({ description: "A service's texts in one locale. A service needs a name in at least one locale." })
export class ServiceTextInput {
  @Field(() => String) locale!: string;
  @Field(() => String, { description: "At most 200 characters." }) name!: string;
  @Field(() => String, { nullable: true }) alternateName?: string | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => String, { nullable: true }) eligibilityDescription?: string | null;
  @Field(() => String, { nullable: true }) applicationProcess?: string | null;
  @Field(() => String, { nullable: true }) feesDescription?: string | null;
  @Field(() => [String], { nullable: true, description: "Documents to bring, one per entry." }) requiredDocuments?: string[] | null;
}

@InputType({ description: "A location's texts in one locale." })
export class LocationTextInput {
  @Field(() => String) locale!: string;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) address?: string | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => String, { nullable: true }) transportation?: string | null;
  @Field(() => String, { nullable: true }) accessibility?: string | null;
}

@InputType({ description: "Where the service is delivered, with the phones and hours that apply there." })
export class ServiceLocationInput {
  @Field(() => ID, { nullable: true, description: "An existing location of the organization (from the form); absent for a new one." })
  locationId?: string | null;
  @Field(() => String, { description: "The place (municipality, city…): id or slug." }) place!: string;
  @Field(() => LocationType, { nullable: true, description: "Default PHYSICAL." }) locationType?: string | null;
  @Field(() => Float, { nullable: true }) latitude?: number | null;
  @Field(() => Float, { nullable: true }) longitude?: number | null;
  @Field(() => String, { nullable: true }) postalCode?: string | null;
  @Field(() => [LocationTextInput], { nullable: true }) texts?: LocationTextInput[] | null;
  @Field(() => [PhoneInput], {
    nullable: true,
    description: "The location's own numbers, shared by every service delivered there (the public sees them with the service's numbers there).",
  })
  locationPhones?: PhoneInput[] | null;
  @Field(() => [ScheduleInput], {
    nullable: true,
    description: "The location's own hours, shared by every service delivered there (used where a service has no hours of its own).",
  })
  locationSchedules?: ScheduleInput[] | null;
  @Field(() => [PhoneInput], { nullable: true, description: "The service's numbers at this location." }) phones?: PhoneInput[] | null;
  @Field(() => [ScheduleInput], { nullable: true, description: "The service's hours at this location." }) schedules?: ScheduleInput[] | null;
}

@InputType({ description: "A service's complete editable record. Absent lists are empty; absent values take their defaults." })
export class ServiceInput {
  @Field(() => String, { nullable: true, description: "Address name in URLs (tripoli-clinic); made from a name when absent on creation." })
  slug?: string | null;
  @Field(() => ServiceStatus, { nullable: true, description: "Default ACTIVE." }) status?: string | null;
  @Field(() => ServiceCost, { nullable: true, description: "Default FREE." }) cost?: string | null;
  @Field(() => [Audience], { nullable: true }) audiences?: string[] | null;
  @Field(() => [String], { nullable: true, description: "ISO 639 codes of the languages the service is delivered in." }) languages?: string[] | null;
  @Field(() => Int, { nullable: true }) minimumAge?: number | null;
  @Field(() => Int, { nullable: true }) maximumAge?: number | null;
  @Field(() => String, { nullable: true, description: "http, https, tel or mailto." }) url?: string | null;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => Boolean, { nullable: true, description: "Publish only a contact channel, never the address (shelters, GBV…)." })
  confidentialAddress?: boolean | null;
  @Field(() => [String], { nullable: true, description: "Category ids or codes." }) categories?: string[] | null;
  @Field(() => [SourceInput], { nullable: true }) sources?: SourceInput[] | null;
  @Field(() => [ServiceTextInput]) texts!: ServiceTextInput[];
  @Field(() => [PhoneInput], { nullable: true, description: "The service's own numbers." }) phones?: PhoneInput[] | null;
  @Field(() => [ScheduleInput], { nullable: true, description: "The service's own hours (each location may have its own)." })
  schedules?: ScheduleInput[] | null;
  @Field(() => [ServiceLocationInput], { nullable: true }) locations?: ServiceLocationInput[] | null;
}

// Output: the same record, as the form shows it ---------------------------------------------

@ObjectType({ description: "A location of a service as edited (the full address, even when it is confidential to the public)." })
export class ServiceLocationValues {
  @Field(() => ID, { nullable: true, description: "Null for a location the pending changes would create." }) locationId!: string | null;
  @Field(() => ID) placeId!: string;
  @Field(() => LocationType) locationType!: string;
  @Field(() => Float, { nullable: true }) latitude!: number | null;
  @Field(() => Float, { nullable: true }) longitude!: number | null;
  @Field(() => String, { nullable: true }) postalCode!: string | null;
  @Field(() => [LocationTranslation]) texts!: LocationTranslation[];
  @Field(() => [PhoneValues], { description: "The location's own numbers, shared by every service delivered there." }) locationPhones!: PhoneValues[];
  @Field(() => [ScheduleValues], { description: "The location's own hours, shared by every service delivered there." }) locationSchedules!: ScheduleValues[];
  @Field(() => [PhoneValues], { description: "The service's numbers at this location." }) phones!: PhoneValues[];
  @Field(() => [ScheduleValues], { description: "The service's hours at this location." }) schedules!: ScheduleValues[];
}

@ObjectType({ description: "A service's complete editable record: what ServiceInput sends back, with categories and places as ids." })
export class ServiceValues {
  @Field(() => String) slug!: string;
  @Field(() => ServiceStatus) status!: string;
  @Field(() => ServiceCost) cost!: string;
  @Field(() => [Audience]) audiences!: string[];
  @Field(() => [String]) languages!: string[];
  @Field(() => Int, { nullable: true }) minimumAge!: number | null;
  @Field(() => Int, { nullable: true }) maximumAge!: number | null;
  @Field(() => String, { nullable: true }) url!: string | null;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => Boolean) confidentialAddress!: boolean;
  @Field(() => [ID]) categoryIds!: string[];
  @Field(() => [Source]) sources!: Source[];
  @Field(() => [ServiceTranslation]) texts!: ServiceTranslation[];
  @Field(() => [PhoneValues]) phones!: PhoneValues[];
  @Field(() => [ScheduleValues]) schedules!: ScheduleValues[];
  @Field(() => [ServiceLocationValues]) locations!: ServiceLocationValues[];
}

@ObjectType({ description: "Changes to a published service that wait to be published (the public still sees the published version)." })
export class ServiceRevision {
  @Field(() => ID) id!: string;
  @Field(() => RevisionStatus) status!: string;
  @Field(() => ServiceValues, { description: "The complete record as proposed." }) proposed!: ServiceValues;
  @Field(() => GraphQLDateTimeISO) createdAt!: Date;
  @Field(() => GraphQLDateTimeISO) updatedAt!: Date;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) submittedAt!: Date | null;
  @Field(() => String, { nullable: true, description: "Why a moderator refused it (rejected revisions)." }) rejectionReason!: string | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) decidedAt!: Date | null;
}

@ObjectType({
  description:
    "A service as its editors and moderators see it: the workflow state, the record as published (or as drafted, before its first publication), any pending changes, and what those change.",
})
export class EditableService {
  @Field(() => ID) id!: string;
  @Field(() => ID) organizationId!: string;
  @Field(() => Organization) organization!: unknown;
  @Field(() => PublicationState) state!: string;
  @Field(() => Boolean) archived!: boolean;
  @Field(() => Int, { description: "Send it as expectedVersion with the next change." }) version!: number;
  @Field(() => GraphQLDateTimeISO) createdAt!: Date;
  @Field(() => GraphQLDateTimeISO) updatedAt!: Date;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) submittedAt!: Date | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) publishedAt!: Date | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) verifiedAt!: Date | null;
  @Field(() => String, { nullable: true, description: "Who last verified it (a START user's name)." }) verifiedBy!: string | null;
  @Field(() => String, { nullable: true, description: "Why the draft was rejected, until it is resubmitted." }) rejectionReason!: string | null;
  @Field(() => ServiceValues, { description: "The record as stored: what the public sees once it is published." }) current!: ServiceValues;
  @Field(() => ServiceRevision, { nullable: true, description: "Changes waiting to be published (published services only)." })
  pendingChanges!: ServiceRevision | null;
  @Field(() => ServiceRevision, { nullable: true, description: "The latest refused changes, with the moderator's reason." })
  lastRejectedChanges!: ServiceRevision | null;
  @Field(() => ServiceValues, {
    description: "What the form edits: the pending changes when there are some, else the record. An update replaces it.",
  })
  form!: ServiceValues;
  @Field(() => [FieldChange], { description: "What the pending changes change (current → proposed); empty without pending changes." })
  changes!: FieldChange[];
  @Field(() => [String], { description: "Enabled locales the form has no texts in." }) missingLocales!: string[];
  @Field(() => Int) openFeedbackCount!: number;
}
