import { GraphQLDateTimeISO } from "graphql-scalars";
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";

export const PublishState = { QUEUED: "queued", BUILDING: "building", LIVE: "live", FAILED: "failed" } as const;
registerEnumType(PublishState, {
  name: "PublishState",
  description: "How far a change has got towards the public site.",
  valuesConfig: {
    QUEUED: { description: "Waiting for the next build of the public site." },
    BUILDING: { description: "The public site is being rebuilt with it." },
    LIVE: { description: "The public site shows it." },
    FAILED: { description: "The build that carried it failed: the public site still shows the version before it." },
  },
});

@ObjectType({ description: "The progress of a change towards the public site: its publish job, as the one who made the change follows it." })
export class PublishProgress {
  @Field(() => ID, { description: "The publish job (ask publishProgress(job) again for news)." }) job!: string;
  @Field(() => PublishState) state!: string;
  @Field(() => GraphQLDateTimeISO, { description: "When the change was made." }) requestedAt!: Date;
  @Field(() => GraphQLDateTimeISO, { nullable: true, description: "When the build that carries it (or made it live) started." }) startedAt!: Date | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true, description: "When it went live, or when its build failed." }) finishedAt!: Date | null;
}
