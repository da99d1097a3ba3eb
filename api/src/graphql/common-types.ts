import { Field, ObjectType } from "type-graphql";

@ObjectType({ description: "A public reference: a law, a convention, an official page, a programme document." })
export class Source {
  @Field(() => String)
  title!: string;

  @Field(() => String, { nullable: true })
  url?: string | null;

  @Field(() => String, { nullable: true, description: "The source's own date: when it was published or last updated (ISO date)." })
  published?: string | null;

  @Field(() => String, { nullable: true, description: "When the source was consulted (ISO date)." })
  accessed?: string | null;
}

@ObjectType({ description: "A locale START publishes in." })
export class Locale {
  @Field(() => String, { description: "BCP 47 code: ar, en, fr…" })
  code!: string;

  @Field(() => String, { description: "The language's name in itself (العربية, English, Français)." })
  autonym!: string;

  @Field(() => String, { description: "Writing direction: rtl or ltr." })
  direction!: string;
}
