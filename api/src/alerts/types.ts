import { GraphQLDateTimeISO } from "graphql-scalars";
import { Field, ID, ObjectType } from "type-graphql";
import { AlertSeverity } from "../graphql/enums.js";

@ObjectType({ description: "An alert's texts in one locale." })
export class AlertTranslation {
  @Field(() => String) locale!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) body!: string | null;
}

@ObjectType({
  description:
    "A dated notice: a clinic closed, a flood, a road cut. It concerns places, organizations and services; one that names none concerns everyone. " +
    "A closure (closedUntil) temporarily closes the services it names.",
})
export class Alert {
  @Field(() => ID) id!: string;
  @Field(() => AlertSeverity) severity!: string;
  @Field(() => GraphQLDateTimeISO) validFrom!: Date;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) validUntil!: Date | null;
  @Field(() => String, {
    nullable: true,
    description: "A closure: the last day (YYYY-MM-DD, Libya time) the services it names are closed; they reopen the day after. Null for other alerts.",
  })
  closedUntil!: string | null;
  @Field(() => Boolean) isSample!: boolean;
}
