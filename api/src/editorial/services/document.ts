import { asc, eq, inArray, sql } from "drizzle-orm";
import { MAX_AGE, MIN_AGE } from "@start/db/rules";
import {
  AUDIENCES,
  type Executor,
  locations,
  locationTranslations,
  queryRows,
  SERVICE_COSTS,
  SERVICE_STATUSES,
  serviceAtLocations,
  serviceCategories,
  services,
  serviceTranslations,
  type SourceReference,
  type Transaction,
} from "@start/db";
import { z } from "zod";
import {
  type PhoneDocument,
  phoneDocuments,
  phoneList,
  phoneRelation,
  replacePhones,
  replaceSchedules,
  type ScheduleDocument,
  scheduleDocuments,
  scheduleList,
  scheduleRelation,
} from "../contacts.js";
import { freeSlug, keyAvailable, resolveKeys } from "../references.js";
import {
  FieldErrors,
  languageCodes,
  localeCode,
  oneOf,
  optionalEmail,
  optionalLink,
  optionalSlug,
  optionalText,
  perLocale,
  requiredText,
  slugFrom,
  sources,
  sourceReference,
} from "../validation.js";

export type { LocalizedValueDocument, PhoneDocument, ScheduleDocument } from "../contacts.js";

/**
 * A service as the editor edits it: the record with everything that belongs to it (texts in every
 * locale, categories, phones, opening hours, locations with their own texts, phones and hours, and
 * the phones and hours of the service at each of them). The same shape is the editable form the
 * API returns, what an update sends (the whole record, not a patch), what a pending revision stores
 * (service_revisions.proposed) and what the audit trail keeps before and after. Lists are in a
 * canonical order, so equal content is equal JSON.
 */
export interface LocationDocument {
  /** An existing location of the organization; null for one the save creates. */
  locationId: string | null;
  placeId: string;
  locationType: "physical" | "postal" | "virtual";
  latitude: number | null;
  longitude: number | null;
  postalCode: string | null;
  texts: Array<{ locale: string; name: string | null; address: string | null; description: string | null; transportation: string | null; accessibility: string | null }>;
  /** The location's own numbers: shared by every service delivered there (the public sees them with the service's numbers there). */
  locationPhones: PhoneDocument[];
  /** The location's own hours: what the public sees for a service that has none of its own there. */
  locationSchedules: ScheduleDocument[];
  /** The service's numbers at this location. */
  phones: PhoneDocument[];
  /** The service's hours at this location. */
  schedules: ScheduleDocument[];
}
export interface ServiceTextDocument {
  locale: string;
  name: string;
  alternateName: string | null;
  description: string | null;
  eligibilityDescription: string | null;
  applicationProcess: string | null;
  feesDescription: string | null;
  requiredDocuments: string[];
}
export interface ServiceDocument {
  slug: string;
  status: string;
  cost: string;
  audiences: string[];
  languages: string[];
  minimumAge: number | null;
  maximumAge: number | null;
  url: string | null;
  email: string | null;
  confidentialAddress: boolean;
  categoryIds: string[];
  sources: SourceReference[];
  texts: ServiceTextDocument[];
  phones: PhoneDocument[];
  schedules: ScheduleDocument[];
  locations: LocationDocument[];
}

const LOCATION_TYPES = ["physical", "postal", "virtual"] as const;

/** The rules for a service's editable record (references are checked afterwards, against the database). */
export function serviceInputSchema(locales: readonly string[]) {
  return z
    .object({
      slug: optionalSlug,
      status: oneOf(SERVICE_STATUSES).nullish().transform((value) => value ?? "active"),
      cost: oneOf(SERVICE_COSTS).nullish().transform((value) => value ?? "free"),
      audiences: z
        .array(oneOf(AUDIENCES))
        .max(AUDIENCES.length * 2)
        .nullish()
        .transform((values) => [...new Set(values ?? [])].sort()),
      languages: languageCodes,
      minimumAge: z.number().int().min(MIN_AGE).max(MAX_AGE).nullish().transform((value) => value ?? null),
      maximumAge: z.number().int().min(MIN_AGE).max(MAX_AGE).nullish().transform((value) => value ?? null),
      url: optionalLink,
      email: optionalEmail,
      confidentialAddress: z.boolean().nullish().transform((value) => value ?? false),
      categories: z.array(z.string().trim().min(1).max(120)).max(30).nullish().transform((values) => values ?? []),
      sources,
      texts: perLocale(
        z.object({
          locale: localeCode(locales),
          name: requiredText(200),
          alternateName: optionalText(200),
          description: optionalText(5000),
          eligibilityDescription: optionalText(2000),
          applicationProcess: optionalText(2000),
          feesDescription: optionalText(1000),
          requiredDocuments: z
            .array(requiredText(300))
            .max(30)
            .nullish()
            .transform((values) => values ?? []),
        }),
        { requireOne: "name" },
      ),
      phones: phoneList(locales),
      schedules: scheduleList(locales),
      locations: z
        .array(
          z
            .object({
              locationId: z.string().trim().nullish().transform((value) => value || null),
              place: z.string().trim().min(1).max(120),
              locationType: oneOf(LOCATION_TYPES).nullish().transform((value) => value ?? "physical"),
              latitude: z.number().min(-90).max(90).nullish().transform((value) => value ?? null),
              longitude: z.number().min(-180).max(180).nullish().transform((value) => value ?? null),
              postalCode: optionalText(20),
              texts: perLocale(
                z.object({
                  locale: localeCode(locales),
                  name: optionalText(200),
                  address: optionalText(500),
                  description: optionalText(2000),
                  transportation: optionalText(1000),
                  accessibility: optionalText(1000),
                }),
              ),
              locationPhones: phoneList(locales),
              locationSchedules: scheduleList(locales),
              phones: phoneList(locales),
              schedules: scheduleList(locales),
            })
            .refine((location) => (location.latitude === null) === (location.longitude === null), {
              message: "coordinatesTogether",
              path: ["longitude"],
            }),
        )
        .max(50)
        .nullish()
        .transform((values) => values ?? []),
    })
    .refine((service) => service.minimumAge === null || service.maximumAge === null || service.minimumAge <= service.maximumAge, {
      message: "ageOrder",
      path: ["maximumAge"],
    });
}

export type ServiceInputParsed = z.output<ReturnType<typeof serviceInputSchema>>;

/**
 * Turns parsed input into a document: categories and places named by code or slug become ids,
 * locations must belong to the organization, the slug must be free (or is made from a name).
 * Every problem is reported with the field it comes from.
 */
export async function resolveServiceDocument(
  tx: Executor,
  input: ServiceInputParsed,
  target: { organizationId: string; serviceId: string | null; currentSlug: string | null },
): Promise<ServiceDocument> {
  const errors = new FieldErrors();
  const categoryIds = await resolveKeys(tx, "categories", input.categories);
  input.categories.forEach((value, index) => {
    if (!categoryIds.has(value.trim())) errors.add(`categories.${index}`, "unknownReference", { entity: "category", value });
  });
  const placeIds = await resolveKeys(
    tx,
    "places",
    input.locations.map((location) => location.place),
  );
  const locationIds = input.locations.flatMap((location) => (location.locationId ? [location.locationId] : []));
  const ownedLocations = locationIds.length
    ? await queryRows<{ id: string; organization_id: string | null }>(
        tx,
        sql`select id::text as id, organization_id::text as organization_id from locations
            where id = any(${sql.param(locationIds.filter((id) => /^[0-9a-f-]{36}$/i.test(id)))}::uuid[])`,
      )
    : [];
  input.locations.forEach((location, index) => {
    if (!placeIds.has(location.place)) errors.add(`locations.${index}.place`, "unknownReference", { entity: "place", value: location.place });
    if (location.locationId) {
      const owned = ownedLocations.find((row) => row.id === location.locationId!.toLowerCase());
      if (!owned) errors.add(`locations.${index}.locationId`, "unknownReference", { entity: "location", value: location.locationId });
      else if (owned.organization_id !== target.organizationId) errors.add(`locations.${index}.locationId`, "locationNotOwned");
    }
  });
  const seenLocations = new Set<string>();
  locationIds.forEach((id) => {
    if (seenLocations.has(id.toLowerCase())) {
      errors.add(`locations.${input.locations.findIndex((location) => location.locationId === id)}.locationId`, "duplicateValue");
    }
    seenLocations.add(id.toLowerCase());
  });

  let slug = input.slug ?? target.currentSlug;
  if (input.slug && input.slug !== target.currentSlug && !(await keyAvailable(tx, "services", "slug", input.slug, target.serviceId))) {
    errors.add("slug", "slugTaken");
  }
  errors.throwIfAny();
  if (!slug) {
    const latin = input.texts.map((text) => slugFrom(text.name)).find((candidate) => candidate !== null);
    slug = await freeSlug(tx, "services", latin ?? `service-${Math.random().toString(16).slice(2, 8)}`, target.serviceId);
  }

  return {
    slug,
    status: input.status,
    cost: input.cost,
    audiences: input.audiences,
    languages: input.languages,
    minimumAge: input.minimumAge,
    maximumAge: input.maximumAge,
    url: input.url,
    email: input.email,
    confidentialAddress: input.confidentialAddress,
    categoryIds: [...new Set(input.categories.map((value) => categoryIds.get(value.trim())!))].sort(),
    sources: input.sources,
    texts: input.texts,
    phones: input.phones,
    schedules: input.schedules,
    locations: input.locations.map((location) => ({
      locationId: location.locationId ? location.locationId.toLowerCase() : null,
      placeId: placeIds.get(location.place)!,
      locationType: location.locationType,
      latitude: location.latitude,
      longitude: location.longitude,
      postalCode: location.postalCode,
      texts: location.texts,
      locationPhones: location.locationPhones,
      locationSchedules: location.locationSchedules,
      phones: location.phones,
      schedules: location.schedules,
    })),
  };
}

// Reading -------------------------------------------------------------------------------------

const byLocale = <T extends { locale: string }>(rows: T[]) => [...rows].sort((a, b) => a.locale.localeCompare(b.locale));

/** The stored service as a document (null when there is no such service). */
export async function loadServiceDocument(executor: Executor, serviceId: string): Promise<ServiceDocument | null> {
  const service = await executor.query.services.findFirst({
    where: eq(services.id, serviceId),
    with: {
      translations: true,
      categories: true,
      phones: phoneRelation,
      schedules: scheduleRelation,
      serviceAtLocations: {
        orderBy: [asc(serviceAtLocations.position), asc(serviceAtLocations.id)],
        with: {
          location: { with: { translations: true, phones: phoneRelation, schedules: scheduleRelation } },
          phones: phoneRelation,
          schedules: scheduleRelation,
        },
      },
    },
  });
  if (!service) return null;
  return {
    slug: service.slug,
    status: service.status,
    cost: service.cost,
    audiences: [...service.audiences].sort(),
    languages: [...service.languages].sort(),
    minimumAge: service.minimumAge,
    maximumAge: service.maximumAge,
    url: service.url,
    email: service.email,
    confidentialAddress: service.confidentialAddress,
    categoryIds: service.categories.map((link) => link.categoryId).sort(),
    sources: service.sources.map(sourceReference),
    texts: byLocale(
      service.translations.map((t) => ({
        locale: t.locale,
        name: t.name,
        alternateName: t.alternateName,
        description: t.description,
        eligibilityDescription: t.eligibilityDescription,
        applicationProcess: t.applicationProcess,
        feesDescription: t.feesDescription,
        requiredDocuments: t.requiredDocuments,
      })),
    ),
    phones: phoneDocuments(service.phones),
    schedules: scheduleDocuments(service.schedules),
    locations: service.serviceAtLocations.map((link) => ({
      locationId: link.locationId,
      placeId: link.location.placeId,
      locationType: link.location.locationType,
      latitude: link.location.latitude,
      longitude: link.location.longitude,
      postalCode: link.location.postalCode,
      texts: byLocale(
        link.location.translations.map((t) => ({
          locale: t.locale,
          name: t.name,
          address: t.address,
          description: t.description,
          transportation: t.transportation,
          accessibility: t.accessibility,
        })),
      ),
      locationPhones: phoneDocuments(link.location.phones),
      locationSchedules: scheduleDocuments(link.location.schedules),
      phones: phoneDocuments(link.phones),
      schedules: scheduleDocuments(link.schedules),
    })),
  };
}

/**
 * A revision's proposed document as it is stored. Proposals saved before a location's own phones
 * and hours were part of the document do not carry them: they could not change them, so they
 * propose them as stored.
 */
export async function proposedDocument(executor: Executor, proposed: unknown): Promise<ServiceDocument> {
  const document = proposed as ServiceDocument;
  const missing = (document.locations ?? []).filter((location) => location.locationPhones === undefined || location.locationSchedules === undefined);
  if (missing.length === 0) return document;
  const ids = missing.flatMap((location) => (location.locationId ? [location.locationId] : []));
  const stored = ids.length
    ? await executor.query.locations.findMany({ where: inArray(locations.id, ids), with: { phones: phoneRelation, schedules: scheduleRelation } })
    : [];
  return {
    ...document,
    locations: document.locations.map((location) => {
      const row = stored.find((candidate) => candidate.id === location.locationId);
      return {
        ...location,
        locationPhones: location.locationPhones ?? (row ? phoneDocuments(row.phones) : []),
        locationSchedules: location.locationSchedules ?? (row ? scheduleDocuments(row.schedules) : []),
      };
    }),
  };
}

// Writing -------------------------------------------------------------------------------------

/**
 * Makes the service's tables say what the document says, inside the caller's transaction: the
 * service row, its texts (locales no longer given are removed), categories, phones, hours and
 * locations (existing ones updated, new ones created for the organization, each with its own
 * phones and hours; links no longer given removed, the location records themselves kept) and the
 * phones and hours of the service at each location. The version is the caller's business.
 */
export async function writeServiceDocument(tx: Transaction, serviceId: string, organizationId: string, document: ServiceDocument): Promise<void> {
  await tx
    .update(services)
    .set({
      slug: document.slug,
      status: document.status as (typeof SERVICE_STATUSES)[number],
      cost: document.cost as (typeof SERVICE_COSTS)[number],
      audiences: document.audiences as (typeof AUDIENCES)[number][],
      languages: document.languages,
      minimumAge: document.minimumAge,
      maximumAge: document.maximumAge,
      url: document.url,
      email: document.email,
      confidentialAddress: document.confidentialAddress,
      sources: document.sources,
    })
    .where(eq(services.id, serviceId));

  const locales = document.texts.map((text) => text.locale);
  await tx.execute(
    sql`delete from service_translations where service_id = ${serviceId} and not (locale = any(${sql.param(locales)}::text[]))`,
  );
  for (const text of document.texts) {
    const values = {
      name: text.name,
      alternateName: text.alternateName,
      description: text.description,
      eligibilityDescription: text.eligibilityDescription,
      applicationProcess: text.applicationProcess,
      feesDescription: text.feesDescription,
      requiredDocuments: text.requiredDocuments,
    };
    await tx
      .insert(serviceTranslations)
      .values({ serviceId, locale: text.locale, ...values })
      .onConflictDoUpdate({ target: [serviceTranslations.serviceId, serviceTranslations.locale], set: values });
  }

  await tx.execute(
    sql`delete from service_categories where service_id = ${serviceId} and not (category_id = any(${sql.param(document.categoryIds)}::uuid[]))`,
  );
  if (document.categoryIds.length) {
    await tx
      .insert(serviceCategories)
      .values(document.categoryIds.map((categoryId) => ({ serviceId, categoryId })))
      .onConflictDoNothing();
  }

  await replacePhones(tx, { serviceId }, document.phones);
  await replaceSchedules(tx, { serviceId }, document.schedules);

  const links = await tx.select().from(serviceAtLocations).where(eq(serviceAtLocations.serviceId, serviceId));
  const keptLinks = new Set<string>();
  for (const [position, location] of document.locations.entries()) {
    const values = {
      placeId: location.placeId,
      locationType: location.locationType,
      latitude: location.latitude,
      longitude: location.longitude,
      postalCode: location.postalCode,
    };
    let locationId = location.locationId;
    if (locationId) {
      await tx
        .update(locations)
        .set({ ...values, version: sql`${locations.version} + 1`, updatedAt: sql`now()` })
        .where(eq(locations.id, locationId));
      await tx.delete(locationTranslations).where(eq(locationTranslations.locationId, locationId));
    } else {
      const [created] = await tx.insert(locations).values({ ...values, organizationId }).returning({ id: locations.id });
      locationId = created!.id;
    }
    if (location.texts.length) {
      await tx.insert(locationTranslations).values(location.texts.map((text) => ({ ...text, locationId: locationId! })));
    }
    await replacePhones(tx, { locationId }, location.locationPhones);
    await replaceSchedules(tx, { locationId }, location.locationSchedules);
    let link = links.find((candidate) => candidate.locationId === locationId);
    if (link) {
      if (link.position !== position) {
        await tx.update(serviceAtLocations).set({ position, updatedAt: sql`now()` }).where(eq(serviceAtLocations.id, link.id));
      }
    } else {
      [link] = await tx.insert(serviceAtLocations).values({ serviceId, locationId, position }).returning();
    }
    keptLinks.add(link!.id);
    await replacePhones(tx, { serviceAtLocationId: link!.id }, location.phones);
    await replaceSchedules(tx, { serviceAtLocationId: link!.id }, location.schedules);
  }
  const dropped = links.filter((link) => !keptLinks.has(link.id)).map((link) => link.id);
  if (dropped.length) await tx.delete(serviceAtLocations).where(inArray(serviceAtLocations.id, dropped));
}
