import { GraphQLDateTimeISO, GraphQLLocalDate } from "graphql-scalars";
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { Audience } from "../graphql/enums.js";
import { PageInfo } from "../graphql/relay.js";

@ObjectType({ description: "A rights article's texts in one locale." })
export class RightsArticleTranslation {
  @Field(() => String) locale!: string;
  @Field(() => String) title!: string;
  @Field(() => String) summary!: string;
  @Field(() => String, { description: "Markdown." }) body!: string;
}

@ObjectType({ description: "Rights and obligations information for one audience in one country." })
export class RightsArticle {
  @Field(() => ID) id!: string;
  @Field(() => String) slug!: string;
  @Field(() => String, { description: "Topic code (health-care, residency, voting-abroad…); labels are UI strings." }) topic!: string;
  @Field(() => Audience) audience!: string;
  @Field(() => GraphQLLocalDate, { description: "When the content was last reviewed." }) reviewedOn!: string;
  @Field(() => Boolean) isSample!: boolean;
  @Field(() => GraphQLDateTimeISO) updatedAt!: Date;
}

@ObjectType()
export class RightsArticleEdge {
  @Field(() => RightsArticle) node!: unknown;
  @Field(() => String) cursor!: string;
  @Field(() => Float, { nullable: true, description: "With a text `query`: how well the article matches it." }) score!: number | null;
}

@ObjectType({ description: "A page of rights articles (Relay connection)." })
export class RightsArticleConnection {
  @Field(() => [RightsArticleEdge]) edges!: RightsArticleEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

@InputType({ description: "Conditions on rights articles; all the given ones must hold." })
export class RightsArticleFilter {
  @Field(() => String, {
    nullable: true,
    description: "A place id or slug: articles about its country (a city or a region stands for the country it is in).",
  })
  country?: string | null;

  @Field(() => Audience, { nullable: true, description: "Articles for this audience (articles for ANYONE always match)." })
  audience?: string | null;

  @Field(() => String, { nullable: true, description: "A topic code." })
  topic?: string | null;

  @Field(() => String, { nullable: true, description: "Text to search for." })
  query?: string | null;
}

export enum RightsArticleSort {
  RELEVANCE = "RELEVANCE",
  TITLE = "TITLE",
  RECENTLY_REVIEWED = "RECENTLY_REVIEWED",
}
registerEnumType(RightsArticleSort, {
  name: "RightsArticleSort",
  description: "Order of `rightsArticles`. Default: RELEVANCE with a text query, else TITLE.",
});
