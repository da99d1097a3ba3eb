import { Field, Float, ID, ObjectType } from "type-graphql";
import { PlaceKind } from "../graphql/enums.js";

@ObjectType({ description: "A place's name in one locale." })
export class PlaceTranslation {
  @Field(() => String)
  locale!: string;

  @Field(() => String)
  name!: string;
}

@ObjectType({
  description:
    "A country, a Libyan region (mantika) or municipality (baladiya), or a city abroad. Places form a tree: " +
    "filtering on a country or a region includes everything inside it.",
})
export class Place {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  slug!: string;

  @Field(() => PlaceKind)
  kind!: string;

  @Field(() => String, { description: "ISO 3166-1 alpha-2 code of the country the place is in (or is)." })
  countryCode!: string;

  @Field(() => Float, { nullable: true })
  latitude!: number | null;

  @Field(() => Float, { nullable: true })
  longitude!: number | null;

  @Field(() => String, { description: "IANA time zone of the place (Africa/Tripoli in Libya); opening hours are read in it." })
  timeZone!: string;
}
