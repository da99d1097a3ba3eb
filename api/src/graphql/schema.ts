import "reflect-metadata";
import { type GraphQLSchema, lexicographicSortSchema, printSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { AlertResolver } from "../alerts/resolver.js";
import { LocaleResolver } from "./locale.resolver.js";
import { LocationResolver, PhoneResolver, ScheduleResolver, ServiceLocationResolver } from "../directory/location.resolver.js";
import { OrganizationResolver } from "../directory/organization.resolver.js";
import { ServiceResolver } from "../directory/service.resolver.js";
import { VacancyResolver } from "../jobs/resolver.js";
import { PlaceResolver } from "../places/resolver.js";
import { RightsArticleResolver } from "../rights/resolver.js";
import { SearchResolver } from "../search/resolver.js";
import { CategoryResolver } from "../taxonomy/resolver.js";
import { AccountResolver, InvitationResolver, MembershipResolver } from "../accounts/resolver.js";
import { EditorialServiceResolver } from "../editorial/services/resolver.js";
import { EditorialQueryResolver } from "../editorial/queries.js";
import { FeedbackResolver } from "../feedback/resolver.js";
import { HsdsResolver } from "../hsds/graphql.js";
import { PublishingResolver } from "../publishing/resolver.js";
import {
  AlertEditorResolver,
  CategoryEditorResolver,
  OrganizationEditorResolver,
  PlaceEditorResolver,
  RightsEditorResolver,
  VacancyEditorResolver,
} from "../editorial/content.resolver.js";

export const resolvers = [
  LocaleResolver,
  ServiceResolver,
  ServiceLocationResolver,
  LocationResolver,
  PhoneResolver,
  ScheduleResolver,
  OrganizationResolver,
  CategoryResolver,
  PlaceResolver,
  RightsArticleResolver,
  VacancyResolver,
  AlertResolver,
  SearchResolver,
  AccountResolver,
  MembershipResolver,
  InvitationResolver,
  EditorialServiceResolver,
  EditorialQueryResolver,
  FeedbackResolver,
  VacancyEditorResolver,
  RightsEditorResolver,
  AlertEditorResolver,
  CategoryEditorResolver,
  PlaceEditorResolver,
  OrganizationEditorResolver,
  HsdsResolver,
  PublishingResolver,
] as const;

/** The GraphQL schema (the public read side, accounts and the editorial workflow), built from the resolver classes. */
export function buildApiSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: [...resolvers], validate: false });
}

/** The schema as SDL, in a stable order: what api/schema.graphql holds. */
export function printApiSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
