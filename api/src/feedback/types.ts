import { GraphQLDateTimeISO } from "graphql-scalars";
import { Field, ID, Int, ObjectType } from "type-graphql";
import { EditorListing } from "../editorial/types.js";
import { FeedbackKind, FeedbackStatus } from "../graphql/enums.js";

@ObjectType({ description: "Sent: thank you. Nothing about the sender is kept." })
export class FeedbackReceipt {
  @Field(() => Boolean) received!: boolean;
}

@ObjectType({ description: "A reader's report on a listing, as its editors see it." })
export class FeedbackReport {
  @Field(() => ID) id!: string;
  @Field(() => FeedbackKind) kind!: string;
  @Field(() => String, { nullable: true }) message!: string | null;
  @Field(() => String, { nullable: true, description: "The locale the reader was reading in." }) locale!: string | null;
  @Field(() => FeedbackStatus) status!: string;
  @Field(() => GraphQLDateTimeISO) createdAt!: Date;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) resolvedAt!: Date | null;
  @Field(() => String, { nullable: true }) resolutionNote!: string | null;
  @Field(() => Int, { description: "Send it as expectedVersion with resolveFeedback." }) version!: number;
  @Field(() => EditorListing, { description: "The listing it is about." }) listing!: EditorListing;
}
