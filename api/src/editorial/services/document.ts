import { asc, eq, inArray, sql } from "drizzle-orm";
import {
  AUDIENCES,
  type Executor,
  locations,
  locationTranslations,
  PHONE_TYPES,
  phones,
  phoneTranslations,
  queryRows,
  schedulePeriods,
  schedules,
  scheduleTranslations,
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
import { freeSlug, keyAvailable, resolveKeys } from "../references.js";
import {
  FieldErrors,
  languageCodes,
  localeCode,
  localizedValue,
  oneOf,
  optionalEmail,
  optionalIsoDate,
  optionalLink,
  optionalSlug,
  optionalText,
  perLocale,
  phoneNumber,
  requiredText,
  slugFrom,
  sources,
  sourceReference,
  timeOfDay,
} from "../validation.js";

/**
 * A service as the editor edits it: the record with everything that belongs to it (texts in every
 * locale, categories, phones, opening hours, locations with their own texts, phones and hours).
 * The same shape is the editable form the API returns, what an update sends (the whole record,
 * not a patch), what a pending revision stores (service_revisions.proposed) and what the audit
 * trail keeps before and after. Lists are in a canonical order, so equal content is equal JSON.
 */
export interface LocalizedValueDocument {
  locale: string;
  text: string;
}
export interface PhoneDocument {
  number: string;
  extension: string | null;
  type: string;
  languages: string[];
  descriptions: LocalizedValueDocument[];
}
export interface ScheduleDocument {
  validFrom: string | null;
  validTo: string | null;
  periods: Array<{ weekday: number; opensAt: string; closesAt: string }>;
  notes: LocalizedValueDocument[];
}
export interface LocationDocument {
  /** An existing location of the organization; null for one the save creates. */
  locationId: string | null;
  placeId: string;
  locationType: "physical" | "postal" | "virtual";
  latitude: number | null;
  longitude: number | null;
  postalCode: string | null;
  texts: Array<{ locale: string; name: string | null; address: string | null; description: string | null; transportation: string | null; accessibility: string | null }>;
  phones: PhoneDocument[];
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
const canonical = <T>(items: T[]) => [...items].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

function phoneSchema(locales: readonly string[]) {
  return z.object({
    number: phoneNumber,
    extension: z
      .string()
      .trim()
      .nullish()
      .transform((value) => (value ? value : null))
      .refine((value) => value === null || /^[0-9]{1,8}$/.test(value), { message: "invalidValue" }),
    type: oneOf(PHONE_TYPES).nullish().transform((value) => value ?? "voice"),
    languages: languageCodes,
    descriptions: perLocale(localizedValue(locales, 200)),
  });
}

function scheduleSchema(locales: readonly string[]) {
  return z
    .object({
      validFrom: optionalIsoDate,
      validTo: optionalIsoDate,
      periods: z
        .array(
          z
            .object({ weekday: z.number().int().min(1).max(7), opensAt: timeOfDay, closesAt: timeOfDay })
            .refine((period) => period.opensAt === "24:00" || period.closesAt > period.opensAt, {
              message: "closesAfterOpens",
              path: ["closesAt"],
            })
            .refine((period) => period.opensAt !== "24:00", { message: "timeFormat", path: ["opensAt"] }),
        )
        .max(50)
        .nullish()
        .transform((periods) => periods ?? [])
        .superRefine((periods, context) => {
          const seen = new Set<string>();
          periods.forEach((period, index) => {
            const key = `${period.weekday} ${period.opensAt}`;
            if (seen.has(key)) context.addIssue({ code: "custom", message: "duplicateValue", path: [index, "opensAt"] });
            seen.add(key);
          });
        })
        .transform((periods) => [...periods].sort((a, b) => a.weekday - b.weekday || a.opensAt.localeCompare(b.opensAt))),
      notes: perLocale(localizedValue(locales, 500)),
    })
    .refine((schedule) => !schedule.validFrom || !schedule.validTo || schedule.validTo >= schedule.validFrom, {
      message: "dateOrder",
      path: ["validTo"],
      params: { other: "validFrom" },
    });
}

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
      minimumAge: z.number().int().min(0).max(120).nullish().transform((value) => value ?? null),
      maximumAge: z.number().int().min(0).max(120).nullish().transform((value) => value ?? null),
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
      phones: z.array(phoneSchema(locales)).max(20).nullish().transform((values) => values ?? []),
      schedules: z.array(scheduleSchema(locales)).max(10).nullish().transform((values) => canonical(values ?? [])),
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
              phones: z.array(phoneSchema(locales)).max(20).nullish().transform((values) => values ?? []),
              schedules: z.array(scheduleSchema(locales)).max(10).nullish().transform((values) => canonical(values ?? [])),
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

  const phone = (entry: (typeof input.phones)[number]): PhoneDocument => ({
    number: entry.number,
    extension: entry.extension,
    type: entry.type,
    languages: entry.languages,
    descriptions: entry.descriptions,
  });
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
    phones: input.phones.map(phone),
    schedules: input.schedules,
    locations: input.locations.map((location) => ({
      locationId: location.locationId ? location.locationId.toLowerCase() : null,
      placeId: placeIds.get(location.place)!,
      locationType: location.locationType,
      latitude: location.latitude,
      longitude: location.longitude,
      postalCode: location.postalCode,
      texts: location.texts,
      phones: location.phones.map(phone),
      schedules: location.schedules,
    })),
  };
}

// Reading -------------------------------------------------------------------------------------

type PhoneRow = typeof phones.$inferSelect & { translations: (typeof phoneTranslations.$inferSelect)[] };
type ScheduleRow = typeof schedules.$inferSelect & {
  periods: (typeof schedulePeriods.$inferSelect)[];
  translations: (typeof scheduleTranslations.$inferSelect)[];
};

const byLocale = <T extends { locale: string }>(rows: T[]) => [...rows].sort((a, b) => a.locale.localeCompare(b.locale));

function phoneDocument(row: PhoneRow): PhoneDocument {
  return {
    number: row.number,
    extension: row.extension,
    type: row.type,
    languages: [...row.languages].sort(),
    descriptions: byLocale(row.translations.map((t) => ({ locale: t.locale, text: t.description }))),
  };
}

function scheduleDocument(row: ScheduleRow): ScheduleDocument {
  return {
    validFrom: row.validFrom,
    validTo: row.validTo,
    periods: row.periods
      .map((period) => ({ weekday: period.weekday, opensAt: period.opensAt.slice(0, 5), closesAt: period.closesAt.slice(0, 5) }))
      .sort((a, b) => a.weekday - b.weekday || a.opensAt.localeCompare(b.opensAt)),
    notes: byLocale(row.translations.map((t) => ({ locale: t.locale, text: t.notes }))),
  };
}


/** The stored service as a document (null when there is no such service). */
export async function loadServiceDocument(executor: Executor, serviceId: string): Promise<ServiceDocument | null> {
  const service = await executor.query.services.findFirst({
    where: eq(services.id, serviceId),
    with: {
      translations: true,
      categories: true,
      phones: { with: { translations: true }, orderBy: [asc(phones.position), asc(phones.id)] },
      schedules: { with: { periods: true, translations: true } },
      serviceAtLocations: {
        orderBy: [asc(serviceAtLocations.position), asc(serviceAtLocations.id)],
        with: {
          location: { with: { translations: true } },
          phones: { with: { translations: true }, orderBy: [asc(phones.position), asc(phones.id)] },
          schedules: { with: { periods: true, translations: true } },
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
    phones: service.phones.map(phoneDocument),
    schedules: canonical(service.schedules.map(scheduleDocument)),
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
      phones: link.phones.map(phoneDocument),
      schedules: canonical(link.schedules.map(scheduleDocument)),
    })),
  };
}

// Writing -------------------------------------------------------------------------------------

type Owner = { serviceId: string } | { serviceAtLocationId: string };

async function replacePhones(tx: Transaction, owner: Owner, documents: PhoneDocument[]): Promise<void> {
  const column = "serviceId" in owner ? phones.serviceId : phones.serviceAtLocationId;
  await tx.delete(phones).where(eq(column, "serviceId" in owner ? owner.serviceId : owner.serviceAtLocationId));
  if (documents.length === 0) return;
  const inserted = await tx
    .insert(phones)
    .values(
      documents.map((phone, position) => ({
        ...owner,
        number: phone.number,
        extension: phone.extension,
        type: phone.type as (typeof PHONE_TYPES)[number],
        languages: phone.languages,
        position,
      })),
    )
    .returning({ id: phones.id });
  const texts = documents.flatMap((phone, index) =>
    phone.descriptions.map((description) => ({ phoneId: inserted[index]!.id, locale: description.locale, description: description.text })),
  );
  if (texts.length) await tx.insert(phoneTranslations).values(texts);
}

async function replaceSchedules(tx: Transaction, owner: Owner, documents: ScheduleDocument[]): Promise<void> {
  const column = "serviceId" in owner ? schedules.serviceId : schedules.serviceAtLocationId;
  await tx.delete(schedules).where(eq(column, "serviceId" in owner ? owner.serviceId : owner.serviceAtLocationId));
  if (documents.length === 0) return;
  const inserted = await tx
    .insert(schedules)
    .values(documents.map((schedule) => ({ ...owner, validFrom: schedule.validFrom, validTo: schedule.validTo })))
    .returning({ id: schedules.id });
  const periods = documents.flatMap((schedule, index) =>
    schedule.periods.map((period) => ({
      scheduleId: inserted[index]!.id,
      weekday: period.weekday,
      opensAt: period.opensAt === "24:00" ? "24:00:00" : `${period.opensAt}:00`,
      closesAt: period.closesAt === "24:00" ? "24:00:00" : `${period.closesAt}:00`,
    })),
  );
  if (periods.length) await tx.insert(schedulePeriods).values(periods);
  const notes = documents.flatMap((schedule, index) =>
    schedule.notes.map((note) => ({ scheduleId: inserted[index]!.id, locale: note.locale, notes: note.text })),
  );
  if (notes.length) await tx.insert(scheduleTranslations).values(notes);
}

/**
 * Makes the service's tables say what the document says, inside the caller's transaction: the
 * service row, its texts (locales no longer given are removed), categories, phones, hours and
 * locations (existing ones updated, new ones created for the organization; links no longer given
 * removed, the location records themselves kept). The version is the caller's business.
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
