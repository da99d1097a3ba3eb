import { relations } from "drizzle-orm";
import { memberships, sessions, users, invitations } from "./accounts.js";
import { alertOrganizations, alertPlaces, alerts, alertServices, alertTranslations } from "./alerts.js";
import { categories, categoryTranslations } from "./categories.js";
import { locales } from "./locales.js";
import { feedback } from "./operations.js";
import { organizations, organizationTranslations } from "./organizations.js";
import { placeAliases, places, placeTranslations } from "./places.js";
import { rightsArticles, rightsArticleTranslations } from "./rights.js";
import {
  locations,
  locationTranslations,
  phones,
  phoneTranslations,
  schedulePeriods,
  schedules,
  scheduleTranslations,
  serviceAtLocations,
  serviceCategories,
  services,
  serviceTranslations,
} from "./services.js";
import { organizationRevisions, serviceRevisions } from "./revisions.js";
import { vacancies, vacancyTranslations } from "./vacancies.js";

export const localesRelations = relations(locales, () => ({}));

export const placesRelations = relations(places, ({ one, many }) => ({
  parent: one(places, { fields: [places.parentId], references: [places.id], relationName: "place_parent" }),
  children: many(places, { relationName: "place_parent" }),
  translations: many(placeTranslations),
  aliases: many(placeAliases),
}));
export const placeTranslationsRelations = relations(placeTranslations, ({ one }) => ({
  place: one(places, { fields: [placeTranslations.placeId], references: [places.id] }),
}));
export const placeAliasesRelations = relations(placeAliases, ({ one }) => ({
  place: one(places, { fields: [placeAliases.placeId], references: [places.id] }),
}));

export const categoriesRelations = relations(categories, ({ one, many }) => ({
  parent: one(categories, { fields: [categories.parentId], references: [categories.id], relationName: "category_parent" }),
  children: many(categories, { relationName: "category_parent" }),
  translations: many(categoryTranslations),
  services: many(serviceCategories),
}));
export const categoryTranslationsRelations = relations(categoryTranslations, ({ one }) => ({
  category: one(categories, { fields: [categoryTranslations.categoryId], references: [categories.id] }),
}));

export const organizationsRelations = relations(organizations, ({ many }) => ({
  translations: many(organizationTranslations),
  services: many(services),
  locations: many(locations),
  phones: many(phones),
  vacancies: many(vacancies),
  memberships: many(memberships),
  revisions: many(organizationRevisions),
}));
export const organizationTranslationsRelations = relations(organizationTranslations, ({ one }) => ({
  organization: one(organizations, {
    fields: [organizationTranslations.organizationId],
    references: [organizations.id],
  }),
}));

export const servicesRelations = relations(services, ({ one, many }) => ({
  organization: one(organizations, { fields: [services.organizationId], references: [organizations.id] }),
  translations: many(serviceTranslations),
  categories: many(serviceCategories),
  serviceAtLocations: many(serviceAtLocations),
  phones: many(phones),
  schedules: many(schedules),
  feedback: many(feedback),
  revisions: many(serviceRevisions),
  verifiedBy: one(users, { fields: [services.verifiedByUserId], references: [users.id] }),
}));
export const serviceTranslationsRelations = relations(serviceTranslations, ({ one }) => ({
  service: one(services, { fields: [serviceTranslations.serviceId], references: [services.id] }),
}));
export const serviceCategoriesRelations = relations(serviceCategories, ({ one }) => ({
  service: one(services, { fields: [serviceCategories.serviceId], references: [services.id] }),
  category: one(categories, { fields: [serviceCategories.categoryId], references: [categories.id] }),
}));

export const locationsRelations = relations(locations, ({ one, many }) => ({
  organization: one(organizations, { fields: [locations.organizationId], references: [organizations.id] }),
  place: one(places, { fields: [locations.placeId], references: [places.id] }),
  translations: many(locationTranslations),
  serviceAtLocations: many(serviceAtLocations),
  phones: many(phones),
  schedules: many(schedules),
}));
export const locationTranslationsRelations = relations(locationTranslations, ({ one }) => ({
  location: one(locations, { fields: [locationTranslations.locationId], references: [locations.id] }),
}));

export const serviceAtLocationsRelations = relations(serviceAtLocations, ({ one, many }) => ({
  service: one(services, { fields: [serviceAtLocations.serviceId], references: [services.id] }),
  location: one(locations, { fields: [serviceAtLocations.locationId], references: [locations.id] }),
  phones: many(phones),
  schedules: many(schedules),
}));

export const phonesRelations = relations(phones, ({ one, many }) => ({
  organization: one(organizations, { fields: [phones.organizationId], references: [organizations.id] }),
  service: one(services, { fields: [phones.serviceId], references: [services.id] }),
  location: one(locations, { fields: [phones.locationId], references: [locations.id] }),
  serviceAtLocation: one(serviceAtLocations, {
    fields: [phones.serviceAtLocationId],
    references: [serviceAtLocations.id],
  }),
  translations: many(phoneTranslations),
}));
export const phoneTranslationsRelations = relations(phoneTranslations, ({ one }) => ({
  phone: one(phones, { fields: [phoneTranslations.phoneId], references: [phones.id] }),
}));

export const schedulesRelations = relations(schedules, ({ one, many }) => ({
  service: one(services, { fields: [schedules.serviceId], references: [services.id] }),
  location: one(locations, { fields: [schedules.locationId], references: [locations.id] }),
  serviceAtLocation: one(serviceAtLocations, {
    fields: [schedules.serviceAtLocationId],
    references: [serviceAtLocations.id],
  }),
  periods: many(schedulePeriods),
  translations: many(scheduleTranslations),
}));
export const schedulePeriodsRelations = relations(schedulePeriods, ({ one }) => ({
  schedule: one(schedules, { fields: [schedulePeriods.scheduleId], references: [schedules.id] }),
}));
export const scheduleTranslationsRelations = relations(scheduleTranslations, ({ one }) => ({
  schedule: one(schedules, { fields: [scheduleTranslations.scheduleId], references: [schedules.id] }),
}));

export const rightsArticlesRelations = relations(rightsArticles, ({ one, many }) => ({
  country: one(places, { fields: [rightsArticles.countryId], references: [places.id] }),
  translations: many(rightsArticleTranslations),
}));
export const rightsArticleTranslationsRelations = relations(rightsArticleTranslations, ({ one }) => ({
  article: one(rightsArticles, { fields: [rightsArticleTranslations.articleId], references: [rightsArticles.id] }),
}));

export const vacanciesRelations = relations(vacancies, ({ one, many }) => ({
  organization: one(organizations, { fields: [vacancies.organizationId], references: [organizations.id] }),
  place: one(places, { fields: [vacancies.placeId], references: [places.id] }),
  translations: many(vacancyTranslations),
}));
export const vacancyTranslationsRelations = relations(vacancyTranslations, ({ one }) => ({
  vacancy: one(vacancies, { fields: [vacancyTranslations.vacancyId], references: [vacancies.id] }),
}));

export const alertsRelations = relations(alerts, ({ many }) => ({
  translations: many(alertTranslations),
  places: many(alertPlaces),
  organizations: many(alertOrganizations),
  services: many(alertServices),
}));
export const alertPlacesRelations = relations(alertPlaces, ({ one }) => ({
  alert: one(alerts, { fields: [alertPlaces.alertId], references: [alerts.id] }),
  place: one(places, { fields: [alertPlaces.placeId], references: [places.id] }),
}));
export const alertOrganizationsRelations = relations(alertOrganizations, ({ one }) => ({
  alert: one(alerts, { fields: [alertOrganizations.alertId], references: [alerts.id] }),
  organization: one(organizations, { fields: [alertOrganizations.organizationId], references: [organizations.id] }),
}));
export const alertServicesRelations = relations(alertServices, ({ one }) => ({
  alert: one(alerts, { fields: [alertServices.alertId], references: [alerts.id] }),
  service: one(services, { fields: [alertServices.serviceId], references: [services.id] }),
}));
export const alertTranslationsRelations = relations(alertTranslations, ({ one }) => ({
  alert: one(alerts, { fields: [alertTranslations.alertId], references: [alerts.id] }),
}));

export const usersRelations = relations(users, ({ many }) => ({
  memberships: many(memberships),
  sessions: many(sessions),
}));
export const membershipsRelations = relations(memberships, ({ one }) => ({
  user: one(users, { fields: [memberships.userId], references: [users.id] }),
  organization: one(organizations, { fields: [memberships.organizationId], references: [organizations.id] }),
}));
export const sessionsRelations = relations(sessions, ({ one }) => ({
  user: one(users, { fields: [sessions.userId], references: [users.id] }),
}));
export const invitationsRelations = relations(invitations, ({ one }) => ({
  organization: one(organizations, { fields: [invitations.organizationId], references: [organizations.id] }),
}));

export const feedbackRelations = relations(feedback, ({ one }) => ({
  service: one(services, { fields: [feedback.serviceId], references: [services.id] }),
  vacancy: one(vacancies, { fields: [feedback.vacancyId], references: [vacancies.id] }),
}));

export const serviceRevisionsRelations = relations(serviceRevisions, ({ one }) => ({
  service: one(services, { fields: [serviceRevisions.serviceId], references: [services.id] }),
}));

export const organizationRevisionsRelations = relations(organizationRevisions, ({ one }) => ({
  organization: one(organizations, { fields: [organizationRevisions.organizationId], references: [organizations.id] }),
}));
