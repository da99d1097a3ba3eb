import { GraphQLDateTimeISO, GraphQLJSON, GraphQLLocalDate } from "graphql-scalars";
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { PublicationState, RevisionStatus } from "../graphql/enums.js";
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

@ObjectType({ description: "One difference between two versions of a record, for showing them side by side." })
export class FieldChange {
  @Field(() => String, { description: "Where: texts.fr.description, locations.0.phones, categoryIds…" }) path!: string;
  @Field(() => GraphQLJSON, { nullable: true, description: "The value before (null when absent)." }) before!: unknown;
  @Field(() => GraphQLJSON, { nullable: true, description: "The value after (null when absent)." }) after!: unknown;
}

export enum ListingKind {
  SERVICE = "service",
  VACANCY = "vacancy",
}
registerEnumType(ListingKind, { name: "ListingKind" });

@ObjectType({ description: "A service or a vacancy as an editor's list shows it: its state and what needs attention." })
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
  @Field(() => RevisionStatus, { nullable: true, description: "Services: the status of changes waiting to be published, if any." })
  pendingChanges!: string | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true, description: "When it (or its pending changes) went to review." })
  submittedAt!: Date | null;
  @Field(() => [String], { description: "Enabled locales the listing has no text in." }) missingLocales!: string[];
  @Field(() => GraphQLDateTimeISO, { nullable: true, description: "Services: when someone last confirmed it is correct." })
  verifiedAt!: Date | null;
  @Field(() => Boolean, { description: "Services: not verified in the last 180 days (or never)." }) stale!: boolean;
  @Field(() => Int, { description: "Reports from readers not yet handled." }) openFeedbackCount!: number;
  @Field(() => GraphQLLocalDate, { nullable: true, description: "Vacancies: the last day to apply." }) deadline!: string | null;
  @Field(() => Boolean, { description: "Vacancies: closed early or past the deadline." }) closed!: boolean;
}
