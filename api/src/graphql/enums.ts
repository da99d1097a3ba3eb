import {
  ALERT_SEVERITIES,
  AUDIENCES,
  EMPLOYMENT_TYPES,
  ORGANIZATION_KINDS,
  PHONE_TYPES,
  PLACE_KINDS,
  RECRUITMENT_CHANNELS,
  SEARCH_ENTITY_TYPES,
  SERVICE_COSTS,
  SERVICE_STATUSES,
  VACANCY_ELIGIBILITIES,
  salaryPeriod,
  PUBLICATION_STATES,
  REVISION_STATUSES,
  ROLES,
  FEEDBACK_KINDS,
  locationType,
} from "@start/db";
import { registerEnumType } from "type-graphql";

/**
 * GraphQL enums mirror the database enumerations: the GraphQL name is the database value in upper
 * snake case ("temporarily closed" → TEMPORARILY_CLOSED), the internal value is the database value.
 */
function enumOf<const T extends string>(values: readonly T[]): Record<string, T> {
  return Object.fromEntries(values.map((value) => [value.toUpperCase().replace(/[^A-Z0-9]+/g, "_"), value]));
}

export const Audience = enumOf(AUDIENCES);
export const ServiceStatus = enumOf(SERVICE_STATUSES);
export const ServiceCost = enumOf(SERVICE_COSTS);
export const PhoneType = enumOf(PHONE_TYPES);
export const PlaceKind = enumOf(PLACE_KINDS);
export const OrganizationKind = enumOf(ORGANIZATION_KINDS);
export const EmploymentType = enumOf(EMPLOYMENT_TYPES);
export const VacancyEligibility = enumOf(VACANCY_ELIGIBILITIES);
export const RecruitmentChannel = enumOf(RECRUITMENT_CHANNELS);
export const SalaryPeriod = enumOf(salaryPeriod.enumValues);
export const AlertSeverity = enumOf(ALERT_SEVERITIES);
export const SearchType = enumOf(SEARCH_ENTITY_TYPES);
export const PublicationState = enumOf(PUBLICATION_STATES);
export const RevisionStatus = enumOf(REVISION_STATUSES);
export const Role = enumOf(ROLES);
export const FeedbackKind = enumOf(FEEDBACK_KINDS);
export const FeedbackStatus = enumOf(["open", "resolved", "dismissed"] as const);
export const FeedbackResolution = enumOf(["resolved", "dismissed"] as const);
export const LocationType = enumOf(locationType.enumValues);

registerEnumType(Audience, {
  name: "Audience",
  description: "Who a service, an article or an alert is meant for. ANYONE means open to all.",
});
registerEnumType(ServiceStatus, { name: "ServiceStatus", description: "HSDS 3.0 service status." });
registerEnumType(ServiceCost, { name: "ServiceCost" });
registerEnumType(PhoneType, { name: "PhoneType" });
registerEnumType(PlaceKind, {
  name: "PlaceKind",
  description: "Countries; Libyan regions (mantika) and municipalities (baladiya); cities abroad.",
});
registerEnumType(OrganizationKind, { name: "OrganizationKind" });
registerEnumType(EmploymentType, { name: "EmploymentType", description: "schema.org JobPosting employmentType." });
registerEnumType(VacancyEligibility, { name: "VacancyEligibility", description: "Who may apply." });
registerEnumType(RecruitmentChannel, { name: "RecruitmentChannel", description: "How applications are received." });
registerEnumType(SalaryPeriod, { name: "SalaryPeriod" });
registerEnumType(AlertSeverity, { name: "AlertSeverity" });
registerEnumType(SearchType, { name: "SearchType", description: "The kinds of record `search` returns." });
registerEnumType(PublicationState, {
  name: "PublicationState",
  description: "Where a record is in the editorial workflow. Only PUBLISHED records (not archived) are public.",
});
registerEnumType(RevisionStatus, {
  name: "RevisionStatus",
  description: "Where pending changes to a published service are: DRAFT and IN_REVIEW are open; the others closed.",
});
registerEnumType(Role, {
  name: "Role",
  description:
    "ORG_EDITOR and MINISTRY_PUBLISHER act for one organization; MODERATOR (review, rights, alerts, categories, places) and ADMIN (everything) platform-wide.",
});
registerEnumType(FeedbackKind, { name: "FeedbackKind", description: "What a reader says is wrong with a listing." });
registerEnumType(FeedbackStatus, { name: "FeedbackStatus" });
registerEnumType(FeedbackResolution, { name: "FeedbackResolution", description: "How a report was handled." });
registerEnumType(LocationType, { name: "LocationType" });
