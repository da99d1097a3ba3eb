import { GraphQLDateTimeISO } from "graphql-scalars";
import { Field, ID, ObjectType } from "type-graphql";
import { AlertSeverity } from "../graphql/enums.js";

@ObjectType({ description: "An alert's texts in one locale." })
export class AlertTranslation {
  @Field(() => String) locale!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) body!: string | null;
}

@ObjectType({ description: "A dated notice about conditions in a place: a clinic closed, a flood, a road cut." })
export class Alert {
  @Field(() => ID) id!: string;
  @Field(() => AlertSeverity) severity!: string;
  @Field(() => GraphQLDateTimeISO) validFrom!: Date;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) validUntil!: Date | null;
  @Field(() => Boolean) isSample!: boolean;
}
