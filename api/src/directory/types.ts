import { GraphQLDateTimeISO, GraphQLLocalDate } from "graphql-scalars";
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { Audience, OrganizationKind, PhoneType, ServiceCost, ServiceStatus } from "../graphql/enums.js";
import { PageInfo } from "../graphql/relay.js";

@ObjectType({ description: "An organization's texts in one locale." })
export class OrganizationTranslation {
  @Field(() => String) locale!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) alternateName!: string | null;
  @Field(() => String, { nullable: true }) description!: string | null;
}

@ObjectType({ description: "A ministry, a UN agency, an NGO… that provides services or publishes vacancies (HSDS organization)." })
export class Organization {
  @Field(() => ID) id!: string;
  @Field(() => String) slug!: string;
  @Field(() => OrganizationKind) kind!: string;
  @Field(() => String, { nullable: true }) website!: string | null;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => String, { nullable: true, description: "Path of a logo served by the portal itself." }) logo!: string | null;
  @Field(() => Boolean, { description: "A demonstration entry, not a real organization." }) isSample!: boolean;
}

@ObjectType({ description: "A service's texts in one locale." })
export class ServiceTranslation {
  @Field(() => String) locale!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) alternateName!: string | null;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => String, { nullable: true }) eligibilityDescription!: string | null;
  @Field(() => String, { nullable: true }) applicationProcess!: string | null;
  @Field(() => String, { nullable: true }) feesDescription!: string | null;
  @Field(() => [String]) requiredDocuments!: string[];
}

@ObjectType({ description: "A help service (HSDS service): what it offers, to whom, where, when, and how to reach it." })
export class Service {
  @Field(() => ID) id!: string;
  @Field(() => String) slug!: string;
  @Field(() => ServiceStatus) status!: string;
  @Field(() => ServiceCost) cost!: string;
  @Field(() => [Audience]) audiences!: string[];
  @Field(() => [String], { description: "ISO 639 codes of the languages the service is delivered in." }) languages!: string[];
  @Field(() => Int, { nullable: true }) minimumAge!: number | null;
  @Field(() => Int, { nullable: true }) maximumAge!: number | null;
  @Field(() => String, { nullable: true }) url!: string | null;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => Boolean, {
    description: "The service publishes no address (shelters, trafficking and GBV services): its locations show only the place.",
  })
  confidentialAddress!: boolean;
  @Field(() => Boolean, { description: "A demonstration entry, not a real service." }) isSample!: boolean;
  @Field(() => GraphQLDateTimeISO, { nullable: true, description: "When a person last confirmed the listing (HSDS assured_date)." })
  verifiedAt!: Date | null;
  @Field(() => GraphQLDateTimeISO) updatedAt!: Date;
}

@ObjectType({ description: "A location's texts in one locale." })
export class LocationTranslation {
  @Field(() => String) locale!: string;
  @Field(() => String, { nullable: true }) name!: string | null;
  @Field(() => String, { nullable: true }) address!: string | null;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => String, { nullable: true }) transportation!: string | null;
  @Field(() => String, { nullable: true }) accessibility!: string | null;
}

@ObjectType({
  description:
    "A place where services are delivered (HSDS location). For a service with a confidential address only `id` and `place` are given; every other field is null or empty.",
})
export class Location {
  @Field(() => ID) id!: string;
  @Field(() => Float, { nullable: true }) latitude!: number | null;
  @Field(() => Float, { nullable: true }) longitude!: number | null;
  @Field(() => String, { nullable: true }) postalCode!: string | null;
}

@ObjectType({ description: "A service as delivered at one location (HSDS service_at_location)." })
export class ServiceLocation {}

@ObjectType({ description: "A phone's description in one locale." })
export class PhoneTranslation {
  @Field(() => String) locale!: string;
  @Field(() => String) description!: string;
}

@ObjectType({ description: "A phone number (E.164) to call, text or WhatsApp." })
export class Phone {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: "E.164: +218…" }) number!: string;
  @Field(() => String, { nullable: true }) extension!: string | null;
  @Field(() => PhoneType) type!: string;
  @Field(() => [String], { description: "ISO 639 codes of the languages spoken on this line." }) languages!: string[];
}

@ObjectType({ description: "One opening period: several a day are possible (a lunch break, an evening session)." })
export class OpeningPeriod {
  @Field(() => Int, { description: "ISO weekday: 1 = Monday … 7 = Sunday." }) weekday!: number;
  @Field(() => String, { description: "Opening time, HH:MM, local time of the location." }) opensAt!: string;
  @Field(() => String, { description: "Closing time, HH:MM, local time of the location." }) closesAt!: string;
}

@ObjectType({ description: "Notes on a schedule in one locale." })
export class ScheduleTranslation {
  @Field(() => String) locale!: string;
  @Field(() => String) notes!: string;
}

@ObjectType({
  description: "Weekly opening hours, in the time zone of the location's place (Africa/Tripoli in Libya). A day without a period is closed.",
})
export class Schedule {
  @Field(() => ID) id!: string;
  @Field(() => GraphQLLocalDate, { nullable: true }) validFrom!: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true }) validTo!: string | null;
}

@ObjectType()
export class ServiceEdge {
  @Field(() => Service) node!: unknown;
  @Field(() => String) cursor!: string;
  @Field(() => Float, {
    nullable: true,
    description:
      "With `near`: kilometres to the service's nearest location (to the centre of its place when the address is confidential or unknown).",
  })
  distanceKm!: number | null;
  @Field(() => Float, { nullable: true, description: "With a text `query`: how well the service matches it." })
  score!: number | null;
}

@ObjectType({ description: "A page of services (Relay connection)." })
export class ServiceConnection {
  @Field(() => [ServiceEdge]) edges!: ServiceEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int, { description: "How many services match, over all pages." }) totalCount!: number;
}

@ObjectType()
export class OrganizationEdge {
  @Field(() => Organization) node!: unknown;
  @Field(() => String) cursor!: string;
}

@ObjectType({ description: "A page of organizations (Relay connection)." })
export class OrganizationConnection {
  @Field(() => [OrganizationEdge]) edges!: OrganizationEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

@InputType({ description: "A point and a radius." })
export class NearInput {
  @Field(() => Float) latitude!: number;
  @Field(() => Float) longitude!: number;
  @Field(() => Float, { defaultValue: 25, description: "Kilometres, at most 500." }) radiusKm!: number;
}

@InputType({ description: "Conditions on services; all the given ones must hold." })
export class ServiceFilter {
  @Field(() => [String], {
    nullable: true,
    description: "Category ids or codes: services in any of them, or in a category below them.",
  })
  categories?: string[] | null;

  @Field(() => String, {
    nullable: true,
    description: "A place id or slug: services with a location in it or anywhere inside it (a region, a country).",
  })
  place?: string | null;

  @Field(() => [Audience], { nullable: true, description: "Services for any of these audiences (services for ANYONE always match)." })
  audiences?: string[] | null;

  @Field(() => [String], { nullable: true, description: "ISO 639 codes: services delivered in any of these languages." })
  languages?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: "Only free services." })
  freeOnly?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "Only services open now, from their opening hours in each location's time zone (Africa/Tripoli in Libya); a service closed by an alert is not open.",
  })
  openNow?: boolean | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: "Only services open at this moment (like openNow, for another time)." })
  openAt?: Date | null;

  @Field(() => String, { nullable: true, description: "An organization id or slug." })
  organization?: string | null;

  @Field(() => String, { nullable: true, description: "Text to search for (names, descriptions, places and their aliases, categories)." })
  query?: string | null;

  @Field(() => NearInput, { nullable: true, description: "Only services with a location within the radius; returns `distanceKm` on each edge." })
  near?: NearInput | null;
}

export enum ServiceSort {
  RELEVANCE = "RELEVANCE",
  NAME = "NAME",
  DISTANCE = "DISTANCE",
  RECENTLY_VERIFIED = "RECENTLY_VERIFIED",
}
registerEnumType(ServiceSort, {
  name: "ServiceSort",
  description: "Order of `services`. Default: RELEVANCE with a text query, else DISTANCE with `near`, else NAME.",
  valuesConfig: {
    RELEVANCE: { description: "Best match of the text query first." },
    NAME: { description: "By name in the requested locale (accents and Arabic spelling variants ignored)." },
    DISTANCE: { description: "Nearest first (needs `near`)." },
    RECENTLY_VERIFIED: { description: "Most recently verified first." },
  },
});
