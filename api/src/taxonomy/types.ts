import { Field, ID, Int, ObjectType } from "type-graphql";

@ObjectType({ description: "A category's name and description in one locale." })
export class CategoryTranslation {
  @Field(() => String)
  locale!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;
}

@ObjectType({
  description: "A kind of help (HSDS taxonomy term), in a tree: filtering on a category includes the categories below it.",
})
export class Category {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "Stable code, dotted by level: protection, protection.gbv." })
  code!: string;

  @Field(() => String, { nullable: true, description: "Name of an icon in the portal's own icon set." })
  icon!: string | null;

  @Field(() => Int, { description: "Order among its siblings." })
  position!: number;
}
