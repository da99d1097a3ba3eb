import { GraphQLDateTimeISO } from "graphql-scalars";
import { Field, Float, ID, InputType, Int, ObjectType } from "type-graphql";
import { AlertTranslation } from "../alerts/types.js";
import { OrganizationTranslation } from "../directory/types.js";
import { Source } from "../graphql/common-types.js";
import {
  AlertSeverity,
  Audience,
  EmploymentType,
  OrganizationKind,
  PlaceKind,
  PublicationState,
  RecruitmentChannel,
  RevisionStatus,
  SalaryPeriod,
  VacancyEligibility,
} from "../graphql/enums.js";
import { VacancyTranslation } from "../jobs/types.js";
import { PlaceTranslation } from "../places/types.js";
import { RightsArticleTranslation } from "../rights/types.js";
import { CategoryTranslation } from "../taxonomy/types.js";
import { FieldChange, PhoneInput, PhoneValues, SourceInput } from "./types.js";

/**
 * Inputs and editable forms of the records edited as a whole: each input is the complete record
 * (create and every update send all of it); each form returns it with references as ids, plus the
 * workflow fields and the version to send back.
 */

// Vacancies -------------------------------------------------------------------------------------

@InputType({ description: "A vacancy's texts in one locale (a title in at least one)." })
export class VacancyTextInput {
  @Field(() => String) locale!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => String, { nullable: true }) requirements?: string | null;
  @Field(() => String, { nullable: true }) howToApply?: string | null;
}

@InputType({ description: "A vacancy notice's complete editable record." })
export class VacancyInput {
  @Field(() => String, { nullable: true, description: "Made from a title when absent on creation." }) slug?: string | null;
  @Field(() => String, { description: "Sector code (health, education…)." }) sector!: string;
  @Field(() => String, { nullable: true, description: "ISCO-08 code, up to 4 digits." }) occupationCode?: string | null;
  @Field(() => String, { description: "Place id or slug." }) place!: string;
  @Field(() => Int, { nullable: true, description: "Default 1." }) positions?: number | null;
  @Field(() => EmploymentType, { nullable: true }) employmentType?: string | null;
  @Field(() => Float, { nullable: true }) salaryMin?: number | null;
  @Field(() => Float, { nullable: true }) salaryMax?: number | null;
  @Field(() => String, { nullable: true, description: "ISO 4217 (LYD…); required with a salary." }) salaryCurrency?: string | null;
  @Field(() => SalaryPeriod, { nullable: true }) salaryPeriod?: string | null;
  @Field(() => VacancyEligibility, { nullable: true, description: "Default ANYONE." }) eligibility?: string | null;
  @Field(() => RecruitmentChannel) recruitmentChannel!: string;
  @Field(() => String, { nullable: true, description: "http or https." }) applyUrl?: string | null;
  @Field(() => String, { nullable: true }) applyEmail?: string | null;
  @Field(() => String, { nullable: true, description: "E.164." }) applyPhone?: string | null;
  @Field(() => String, { nullable: true, description: "YYYY-MM-DD; set to the publication day when absent." }) publishedOn?: string | null;
  @Field(() => String, { description: "YYYY-MM-DD, last day to apply (Libya time); today or later." }) deadline!: string;
  @Field(() => [SourceInput], { nullable: true }) sources?: SourceInput[] | null;
  @Field(() => [VacancyTextInput]) texts!: VacancyTextInput[];
}

@ObjectType({ description: "A vacancy notice's editable record." })
export class VacancyValues {
  @Field(() => String) slug!: string;
  @Field(() => String) sector!: string;
  @Field(() => String, { nullable: true }) occupationCode!: string | null;
  @Field(() => ID) placeId!: string;
  @Field(() => Int) positions!: number;
  @Field(() => EmploymentType) employmentType!: string;
  @Field(() => Float, { nullable: true }) salaryMin!: number | null;
  @Field(() => Float, { nullable: true }) salaryMax!: number | null;
  @Field(() => String, { nullable: true }) salaryCurrency!: string | null;
  @Field(() => SalaryPeriod, { nullable: true }) salaryPeriod!: string | null;
  @Field(() => VacancyEligibility) eligibility!: string;
  @Field(() => RecruitmentChannel) recruitmentChannel!: string;
  @Field(() => String, { nullable: true }) applyUrl!: string | null;
  @Field(() => String, { nullable: true }) applyEmail!: string | null;
  @Field(() => String, { nullable: true }) applyPhone!: string | null;
  @Field(() => String, { nullable: true }) publishedOn!: string | null;
  @Field(() => String) deadline!: string;
  @Field(() => [Source]) sources!: Source[];
  @Field(() => [VacancyTranslation]) texts!: VacancyTranslation[];
}

@ObjectType({ description: "A vacancy notice as its ministry's publishers see it." })
export class EditableVacancy {
  @Field(() => ID) id!: string;
  @Field(() => ID) organizationId!: string;
  @Field(() => PublicationState) state!: string;
  @Field(() => Boolean) archived!: boolean;
  @Field(() => Int) version!: number;
  @Field(() => GraphQLDateTimeISO) createdAt!: Date;
  @Field(() => GraphQLDateTimeISO) updatedAt!: Date;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) publishedAt!: Date | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true, description: "When it was closed early (or marked expired)." }) closedAt!: Date | null;
  @Field(() => Boolean, { description: "Closed early or past its deadline: no longer public." }) closed!: boolean;
  @Field(() => VacancyValues) values!: VacancyValues;
}

// Rights articles -------------------------------------------------------------------------------

@InputType({ description: "A rights article's texts in one locale; the body is Markdown, stored as written." })
export class RightsArticleTextInput {
  @Field(() => String) locale!: string;
  @Field(() => String) title!: string;
  @Field(() => String) summary!: string;
  @Field(() => String, { description: "Markdown." }) body!: string;
}

@InputType({ description: "A rights article's complete editable record." })
export class RightsArticleInput {
  @Field(() => String, { nullable: true }) slug?: string | null;
  @Field(() => String, { description: "Topic code (health-care, residency…)." }) topic!: string;
  @Field(() => String, { description: "The country it applies to: a place of kind COUNTRY, id or slug." }) country!: string;
  @Field(() => Audience) audience!: string;
  @Field(() => String, { description: "YYYY-MM-DD." }) reviewedOn!: string;
  @Field(() => [SourceInput], { nullable: true }) sources?: SourceInput[] | null;
  @Field(() => [RightsArticleTextInput]) texts!: RightsArticleTextInput[];
}

@ObjectType()
export class RightsArticleValues {
  @Field(() => String) slug!: string;
  @Field(() => String) topic!: string;
  @Field(() => ID) countryId!: string;
  @Field(() => Audience) audience!: string;
  @Field(() => String) reviewedOn!: string;
  @Field(() => [Source]) sources!: Source[];
  @Field(() => [RightsArticleTranslation]) texts!: RightsArticleTranslation[];
}

@ObjectType({ description: "A rights article as moderators see it." })
export class EditableRightsArticle {
  @Field(() => ID) id!: string;
  @Field(() => PublicationState) state!: string;
  @Field(() => Boolean) archived!: boolean;
  @Field(() => Int) version!: number;
  @Field(() => GraphQLDateTimeISO) updatedAt!: Date;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) publishedAt!: Date | null;
  @Field(() => RightsArticleValues) values!: RightsArticleValues;
}

// Alerts ----------------------------------------------------------------------------------------

@InputType()
export class AlertTextInput {
  @Field(() => String) locale!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) body?: string | null;
}

@InputType({ description: "An alert's complete editable record." })
export class AlertInput {
  @Field(() => [String], { nullable: true, description: "Places it concerns (ids or slugs). An alert that names no place, organization or service concerns everyone." })
  places?: string[] | null;
  @Field(() => [String], { nullable: true, description: "Organizations it concerns (ids or slugs): it shows with their services too." })
  organizations?: string[] | null;
  @Field(() => [String], { nullable: true, description: "Services it concerns (ids or slugs); a closure closes them." })
  services?: string[] | null;
  @Field(() => AlertSeverity, { nullable: true, description: "Default INFO." }) severity?: string | null;
  @Field(() => String, { description: "ISO 8601 date and time." }) validFrom!: string;
  @Field(() => String, {
    nullable: true,
    description: "ISO 8601 date and time, not before validFrom. For a closure, not before closedUntil (in Libya); when absent, a closure's alert ends with the closure.",
  })
  validUntil?: string | null;
  @Field(() => Boolean, { nullable: true, description: "A closure: the services it names are temporarily closed from validFrom until closedUntil. Default false." })
  closure?: boolean | null;
  @Field(() => String, { nullable: true, description: "YYYY-MM-DD, with closure only: the last day (Libya time) the services are closed." })
  closedUntil?: string | null;
  @Field(() => [SourceInput], { nullable: true }) sources?: SourceInput[] | null;
  @Field(() => [AlertTextInput]) texts!: AlertTextInput[];
}

@ObjectType()
export class AlertValues {
  @Field(() => [ID]) placeIds!: string[];
  @Field(() => [ID]) organizationIds!: string[];
  @Field(() => [ID]) serviceIds!: string[];
  @Field(() => AlertSeverity) severity!: string;
  @Field(() => GraphQLDateTimeISO) validFrom!: Date;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) validUntil!: Date | null;
  @Field(() => String, { nullable: true, description: "A closure: the last day (YYYY-MM-DD, Libya) the services it names are closed." }) closedUntil!: string | null;
  @Field(() => [Source]) sources!: Source[];
  @Field(() => [AlertTranslation]) texts!: AlertTranslation[];
}

@ObjectType({ description: "An alert as moderators see it." })
export class EditableAlert {
  @Field(() => ID) id!: string;
  @Field(() => PublicationState) state!: string;
  @Field(() => Boolean) archived!: boolean;
  @Field(() => Int) version!: number;
  @Field(() => GraphQLDateTimeISO) updatedAt!: Date;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) publishedAt!: Date | null;
  @Field(() => AlertValues) values!: AlertValues;
}

// Categories and places -------------------------------------------------------------------------

@InputType()
export class CategoryTextInput {
  @Field(() => String) locale!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
}

@InputType({ description: "A category's complete editable record." })
export class CategoryInput {
  @Field(() => String, { description: "Dotted by level: protection.gbv." }) code!: string;
  @Field(() => String, { nullable: true, description: "Parent category id or code." }) parent?: string | null;
  @Field(() => Int, { nullable: true }) position?: number | null;
  @Field(() => String, { nullable: true, description: "An icon of the portal's own set." }) icon?: string | null;
  @Field(() => [CategoryTextInput]) texts!: CategoryTextInput[];
}

@ObjectType()
export class CategoryValues {
  @Field(() => String) code!: string;
  @Field(() => ID, { nullable: true }) parentId!: string | null;
  @Field(() => Int) position!: number;
  @Field(() => String, { nullable: true }) icon!: string | null;
  @Field(() => [CategoryTranslation]) texts!: CategoryTranslation[];
}

@ObjectType({ description: "A category as moderators see it (archived ones too)." })
export class EditableCategory {
  @Field(() => ID) id!: string;
  @Field(() => Boolean) archived!: boolean;
  @Field(() => Int) version!: number;
  @Field(() => GraphQLDateTimeISO) updatedAt!: Date;
  @Field(() => CategoryValues) values!: CategoryValues;
}

@InputType()
export class PlaceTextInput {
  @Field(() => String) locale!: string;
  @Field(() => String) name!: string;
}

@InputType({ description: "A place's complete editable record." })
export class PlaceInput {
  @Field(() => String) slug!: string;
  @Field(() => PlaceKind) kind!: string;
  @Field(() => String, { nullable: true, description: "Parent place id or slug; none for a country." }) parent?: string | null;
  @Field(() => String, { description: "ISO 3166-1 alpha-2." }) countryCode!: string;
  @Field(() => Float, { nullable: true }) latitude?: number | null;
  @Field(() => Float, { nullable: true }) longitude?: number | null;
  @Field(() => String, { description: "IANA time zone (Africa/Tripoli)." }) timeZone!: string;
  @Field(() => [PlaceTextInput]) texts!: PlaceTextInput[];
  @Field(() => [String], { nullable: true, description: "Other spellings people type (Trablus, Tarabulus…)." }) aliases?: string[] | null;
}

@ObjectType()
export class PlaceValues {
  @Field(() => String) slug!: string;
  @Field(() => PlaceKind) kind!: string;
  @Field(() => ID, { nullable: true }) parentId!: string | null;
  @Field(() => String) countryCode!: string;
  @Field(() => Float, { nullable: true }) latitude!: number | null;
  @Field(() => Float, { nullable: true }) longitude!: number | null;
  @Field(() => String) timeZone!: string;
  @Field(() => [PlaceTranslation]) texts!: PlaceTranslation[];
  @Field(() => [String]) aliases!: string[];
}

@ObjectType({ description: "A place as moderators see it (archived ones too)." })
export class EditablePlace {
  @Field(() => ID) id!: string;
  @Field(() => Boolean) archived!: boolean;
  @Field(() => Int) version!: number;
  @Field(() => GraphQLDateTimeISO) updatedAt!: Date;
  @Field(() => PlaceValues) values!: PlaceValues;
}

// Organizations ---------------------------------------------------------------------------------

@InputType()
export class OrganizationTextInput {
  @Field(() => String) locale!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) alternateName?: string | null;
  @Field(() => String, { nullable: true }) description?: string | null;
}

@InputType({ description: "An organization's complete editable record." })
export class OrganizationInput {
  @Field(() => String) slug!: string;
  @Field(() => OrganizationKind) kind!: string;
  @Field(() => String, { nullable: true, description: "http or https." }) website?: string | null;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true, description: "Path of a logo the portal serves (/logos/…)." }) logo?: string | null;
  @Field(() => [SourceInput], { nullable: true }) sources?: SourceInput[] | null;
  @Field(() => [OrganizationTextInput]) texts!: OrganizationTextInput[];
  @Field(() => [PhoneInput], { nullable: true, description: "The organization's own numbers (shown on its page, and on its services' pages when they have none)." })
  phones?: PhoneInput[] | null;
}

@ObjectType()
export class OrganizationValues {
  @Field(() => String) slug!: string;
  @Field(() => OrganizationKind) kind!: string;
  @Field(() => String, { nullable: true }) website!: string | null;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => String, { nullable: true }) logo!: string | null;
  @Field(() => [Source]) sources!: Source[];
  @Field(() => [OrganizationTranslation]) texts!: OrganizationTranslation[];
  @Field(() => [PhoneValues]) phones!: PhoneValues[];
}

@ObjectType({ description: "Changes to a published organization that wait to be published (the public still sees the published version)." })
export class OrganizationRevision {
  @Field(() => ID) id!: string;
  @Field(() => RevisionStatus) status!: string;
  @Field(() => OrganizationValues, { description: "The complete record as proposed." }) proposed!: OrganizationValues;
  @Field(() => GraphQLDateTimeISO) createdAt!: Date;
  @Field(() => GraphQLDateTimeISO) updatedAt!: Date;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) submittedAt!: Date | null;
  @Field(() => String, { nullable: true, description: "Why a moderator refused it (rejected revisions)." }) rejectionReason!: string | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) decidedAt!: Date | null;
}

@ObjectType({ description: "An organization as its editors, moderators and admins see it, with any changes waiting for review." })
export class EditableOrganization {
  @Field(() => ID) id!: string;
  @Field(() => PublicationState) state!: string;
  @Field(() => Boolean) archived!: boolean;
  @Field(() => Int, { description: "Send it as expectedVersion with the next change." }) version!: number;
  @Field(() => GraphQLDateTimeISO) updatedAt!: Date;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) publishedAt!: Date | null;
  @Field(() => OrganizationValues, { description: "What the form edits: the pending changes when there are some, else the record. An update replaces it." })
  values!: OrganizationValues;
  @Field(() => OrganizationValues, { description: "The record as stored: what the public sees once it is published." }) current!: OrganizationValues;
  @Field(() => OrganizationRevision, { nullable: true, description: "Changes waiting to be published (published organizations only)." })
  pendingChanges!: OrganizationRevision | null;
  @Field(() => OrganizationRevision, { nullable: true, description: "The latest refused changes, with the moderator's reason." })
  lastRejectedChanges!: OrganizationRevision | null;
  @Field(() => [FieldChange], { description: "What the pending changes change (current → proposed); empty without pending changes." })
  changes!: FieldChange[];
}
