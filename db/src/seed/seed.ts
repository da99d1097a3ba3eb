import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { v5 as uuidv5 } from "uuid";
import type { Database, Executor } from "../client.js";
import { parentCategoryCode, type ContentBundle } from "../content/load.js";
import { type HoursEntry, type LocalisedText, type PhoneEntry, WEEKDAYS } from "../content/schema.js";
import * as t from "../schema/index.js";
import { deleteStale, type SeedReport, syncLinks, upsertRows } from "./upsert.js";
import { endOfDayInLibya } from "../time/libya.js";

/** Namespace of the identifiers derived from content/ keys, so every database gives a record the same id. */
const CONTENT_NAMESPACE = "6f1f6a52-3c1e-4c55-9d8e-5a3c0e7b2f10";

/** The stable UUID of a content record: the same on PGlite, on PostgreSQL and after a reset. */
export function contentId(kind: string, key: string): string {
  return uuidv5(`${kind}:${key}`, CONTENT_NAMESPACE);
}

type OwnerKind = "organization" | "service" | "location" | "service_at_location";

interface ChildRows {
  phones: (typeof t.phones.$inferInsert)[];
  phoneTranslations: (typeof t.phoneTranslations.$inferInsert)[];
  schedules: (typeof t.schedules.$inferInsert)[];
  scheduleTranslations: (typeof t.scheduleTranslations.$inferInsert)[];
  schedulePeriods: (typeof t.schedulePeriods.$inferInsert)[];
}

function emptyChildren(): ChildRows {
  return { phones: [], phoneTranslations: [], schedules: [], scheduleTranslations: [], schedulePeriods: [] };
}

const OWNER_COLUMN: Record<OwnerKind, "organizationId" | "serviceId" | "locationId" | "serviceAtLocationId"> = {
  organization: "organizationId",
  service: "serviceId",
  location: "locationId",
  service_at_location: "serviceAtLocationId",
};

function ownerRef(kind: OwnerKind, id: string) {
  return {
    organizationId: null,
    serviceId: null,
    locationId: null,
    serviceAtLocationId: null,
    [OWNER_COLUMN[kind]]: id,
  } as { organizationId: string | null; serviceId: string | null; locationId: string | null; serviceAtLocationId: string | null };
}

function addPhones(rows: ChildRows, kind: OwnerKind, ownerId: string, phones: PhoneEntry[]): void {
  phones.forEach((phone, position) => {
    const id = contentId("phone", `${kind}:${ownerId}:${position}`);
    rows.phones.push({
      id,
      ...ownerRef(kind, ownerId),
      number: phone.number,
      extension: phone.extension ?? null,
      type: phone.type,
      languages: phone.languages,
      position,
    });
    for (const [locale, description] of Object.entries(phone.description ?? {})) {
      rows.phoneTranslations.push({ phoneId: id, locale, description });
    }
  });
}

function addHours(rows: ChildRows, kind: Exclude<OwnerKind, "organization">, ownerId: string, hours: HoursEntry | undefined): void {
  if (!hours) return;
  const id = contentId("schedule", `${kind}:${ownerId}`);
  const { serviceId, locationId, serviceAtLocationId } = ownerRef(kind, ownerId);
  rows.schedules.push({ id, serviceId, locationId, serviceAtLocationId, validFrom: null, validTo: null });
  for (const [locale, notes] of Object.entries(hours.notes ?? {})) rows.scheduleTranslations.push({ scheduleId: id, locale, notes });
  WEEKDAYS.forEach((day, index) => {
    for (const period of hours.periods[day] ?? []) {
      const [opensAt, closesAt] = period.split("-") as [string, string];
      rows.schedulePeriods.push({
        id: contentId("schedule_period", `${id}:${day}:${opensAt}`),
        scheduleId: id,
        weekday: index + 1,
        opensAt,
        closesAt: closesAt === "24:00" ? "24:00:00" : closesAt,
      });
    }
  });
}

/** Per-locale rows from several localised fields: { name: {ar, en}, description: {ar, en} } → one row per locale. */
function perLocale<Row>(fields: Record<string, LocalisedText | Record<string, string[]> | undefined>, build: (locale: string, pick: <V>(field: string) => V | null) => Row): Row[] {
  const localeCodes = new Set<string>();
  for (const field of Object.values(fields)) for (const locale of Object.keys(field ?? {})) localeCodes.add(locale);
  return [...localeCodes].sort().map((locale) =>
    build(locale, <V>(field: string) => ((fields[field] as Record<string, V> | undefined)?.[locale] ?? null) as V | null),
  );
}

function byDepth<T>(items: T[], parentOf: (item: T) => string | undefined, keyOf: (item: T) => string): T[] {
  const byKey = new Map(items.map((item) => [keyOf(item), item]));
  const depth = (item: T): number => {
    let level = 0;
    for (let parent = parentOf(item); parent && byKey.has(parent) && level < 50; parent = parentOf(byKey.get(parent)!)) level++;
    return level;
  };
  return [...items].sort((a, b) => depth(a) - depth(b));
}

async function versionsOf(executor: Executor, table: PgTable & { id: PgColumn; version: PgColumn }): Promise<Map<string, number>> {
  const rows = (await executor.select({ id: table.id, version: table.version }).from(table as PgTable)) as {
    id: string;
    version: number;
  }[];
  return new Map(rows.map((row) => [row.id, Number(row.version)]));
}

/** Whether content/ may (re)write this record: new, or never edited through the editor. */
const untouched = (versions: Map<string, number>, id: string) => (versions.get(id) ?? 1) === 1;

/**
 * Loads a content bundle into the database in one transaction. Idempotent: a second run with
 * the same content writes nothing. Records edited in the editor (version > 1) are left as they are.
 */
export async function seedDatabase(db: Database, bundle: ContentBundle, now: Date = new Date()): Promise<SeedReport> {
  const report: SeedReport = {};
  await db.transaction(async (tx) => {
    await upsertRows(
      tx,
      report,
      t.locales,
      bundle.locales.map((locale, position) => ({ code: locale.code, autonym: locale.autonym, direction: locale.direction, position, enabled: true })),
      { target: [t.locales.code] },
    );

    // Places, parents first; time zones inherit down the tree.
    const placeVersions = await versionsOf(tx, t.places);
    const placesBySlug = new Map(bundle.places.map(({ entry }) => [entry.slug, entry]));
    const timeZoneOf = (slug: string): string => {
      for (let place = placesBySlug.get(slug); place; place = place.parent ? placesBySlug.get(place.parent) : undefined) {
        if (place.timezone) return place.timezone;
      }
      return "UTC";
    };
    const places = byDepth(bundle.places.map((p) => p.entry), (p) => p.parent, (p) => p.slug).filter((p) =>
      untouched(placeVersions, contentId("place", p.slug)),
    );
    await upsertRows(
      tx,
      report,
      t.places,
      places.map((place) => ({
        id: contentId("place", place.slug),
        slug: place.slug,
        kind: place.kind,
        parentId: place.parent ? contentId("place", place.parent) : null,
        countryCode: place.country,
        latitude: place.latitude ?? null,
        longitude: place.longitude ?? null,
        timeZone: timeZoneOf(place.slug),
      })),
      { target: [t.places.id], insertOnly: ["createdAt"], guardVersion: true },
    );
    const placeIds = places.map((place) => contentId("place", place.slug));
    await upsertRows(
      tx,
      report,
      t.placeTranslations,
      places.flatMap((place) => perLocale({ name: place.name }, (locale, pick) => ({ placeId: contentId("place", place.slug), locale, name: pick<string>("name")! }))),
      { target: [t.placeTranslations.placeId, t.placeTranslations.locale] },
    );
    const aliasRows = places.flatMap((place) =>
      [...new Set(place.aliases)].map((alias) => ({ id: contentId("place_alias", `${place.slug}:${alias}`), placeId: contentId("place", place.slug), alias })),
    );
    await deleteStale(tx, report, t.placeAliases, t.placeAliases.placeId, placeIds, t.placeAliases.id, aliasRows.map((row) => row.id));
    await upsertRows(tx, report, t.placeAliases, aliasRows, { target: [t.placeAliases.id] });

    // Categories, parents first.
    const categoryVersions = await versionsOf(tx, t.categories);
    const categories = byDepth(bundle.categories.map((c) => c.entry), (c) => parentCategoryCode(c.code), (c) => c.code).filter((c) =>
      untouched(categoryVersions, contentId("category", c.code)),
    );
    await upsertRows(
      tx,
      report,
      t.categories,
      categories.map((category) => {
        const parent = parentCategoryCode(category.code);
        return {
          id: contentId("category", category.code),
          code: category.code,
          parentId: parent ? contentId("category", parent) : null,
          position: bundle.categories.findIndex((c) => c.entry.code === category.code),
          icon: category.icon ?? null,
        };
      }),
      { target: [t.categories.id], insertOnly: ["createdAt"], guardVersion: true },
    );
    await upsertRows(
      tx,
      report,
      t.categoryTranslations,
      categories.flatMap((category) =>
        perLocale({ name: category.name, description: category.description }, (locale, pick) => ({
          categoryId: contentId("category", category.code),
          locale,
          name: pick<string>("name")!,
          description: pick<string>("description"),
        })),
      ),
      { target: [t.categoryTranslations.categoryId, t.categoryTranslations.locale] },
    );

    // The directory: organizations, their locations and services.
    const organizationVersions = await versionsOf(tx, t.organizations);
    const locationVersions = await versionsOf(tx, t.locations);
    const serviceVersions = await versionsOf(tx, t.services);
    const children = emptyChildren();
    const organizations: (typeof t.organizations.$inferInsert)[] = [];
    const organizationTexts: (typeof t.organizationTranslations.$inferInsert)[] = [];
    const locations: (typeof t.locations.$inferInsert)[] = [];
    const locationTexts: (typeof t.locationTranslations.$inferInsert)[] = [];
    const services: (typeof t.services.$inferInsert)[] = [];
    const serviceTexts: (typeof t.serviceTranslations.$inferInsert)[] = [];
    const serviceCategories: (typeof t.serviceCategories.$inferInsert)[] = [];
    const serviceAtLocations: (typeof t.serviceAtLocations.$inferInsert)[] = [];
    const owners: Record<OwnerKind, string[]> = { organization: [], service: [], location: [], service_at_location: [] };

    for (const { entry } of bundle.directory) {
      const organization = entry.organization;
      const organizationId = contentId("organization", organization.slug);
      if (untouched(organizationVersions, organizationId)) {
        organizations.push({
          id: organizationId,
          slug: organization.slug,
          kind: organization.kind,
          website: organization.website ?? null,
          email: organization.email ?? null,
          logo: organization.logo ?? null,
          state: "published",
          isSample: organization.sample,
          sources: organization.sources,
          publishedAt: now,
        });
        organizationTexts.push(
          ...perLocale(
            { name: organization.name, alternate_name: organization.alternate_name, description: organization.description },
            (locale, pick) => ({ organizationId, locale, name: pick<string>("name")!, alternateName: pick<string>("alternate_name"), description: pick<string>("description") }),
          ),
        );
        owners.organization.push(organizationId);
        addPhones(children, "organization", organizationId, organization.phones);
      }

      const locationIds = new Map<string, string>();
      for (const location of entry.locations) {
        const locationId = contentId("location", `${organization.slug}:${location.key}`);
        locationIds.set(location.key, locationId);
        if (!untouched(locationVersions, locationId)) continue;
        locations.push({
          id: locationId,
          organizationId,
          placeId: contentId("place", location.place),
          locationType: "physical",
          latitude: location.latitude ?? null,
          longitude: location.longitude ?? null,
          postalCode: null,
        });
        locationTexts.push(
          ...perLocale(
            {
              name: location.name,
              address: location.address,
              description: location.description,
              accessibility: location.accessibility,
              transportation: location.transportation,
            },
            (locale, pick) => ({
              locationId,
              locale,
              name: pick<string>("name"),
              address: pick<string>("address"),
              description: pick<string>("description"),
              accessibility: pick<string>("accessibility"),
              transportation: pick<string>("transportation"),
            }),
          ),
        );
        owners.location.push(locationId);
        addPhones(children, "location", locationId, location.phones);
        addHours(children, "location", locationId, location.hours);
      }

      for (const service of entry.services) {
        const serviceId = contentId("service", service.slug);
        if (!untouched(serviceVersions, serviceId)) continue;
        services.push({
          id: serviceId,
          slug: service.slug,
          organizationId,
          status: service.status,
          state: "published",
          url: service.url ?? null,
          email: service.email ?? null,
          cost: service.cost,
          audiences: service.audiences,
          languages: service.languages,
          minimumAge: service.minimum_age ?? null,
          maximumAge: service.maximum_age ?? null,
          confidentialAddress: service.confidential_address,
          isSample: service.sample,
          sources: service.sources,
          verifiedAt: service.verified ? new Date(`${service.verified.on}T00:00:00+02:00`) : null,
          verifiedByName: service.verified?.by ?? null,
          publishedAt: now,
        });
        serviceTexts.push(
          ...perLocale(
            {
              name: service.name,
              alternate_name: service.alternate_name,
              description: service.description,
              eligibility: service.eligibility,
              application_process: service.application_process,
              fees: service.fees,
              documents: service.documents,
            },
            (locale, pick) => ({
              serviceId,
              locale,
              name: pick<string>("name")!,
              alternateName: pick<string>("alternate_name"),
              description: pick<string>("description"),
              eligibilityDescription: pick<string>("eligibility"),
              applicationProcess: pick<string>("application_process"),
              feesDescription: pick<string>("fees"),
              requiredDocuments: pick<string[]>("documents") ?? [],
            }),
          ),
        );
        for (const code of new Set(service.categories)) serviceCategories.push({ serviceId, categoryId: contentId("category", code) });
        owners.service.push(serviceId);
        addPhones(children, "service", serviceId, service.phones);
        addHours(children, "service", serviceId, service.hours);
        service.locations.forEach((link, position) => {
          const locationId = locationIds.get(link.location)!;
          const serviceAtLocationId = contentId("service_at_location", `${serviceId}:${locationId}`);
          serviceAtLocations.push({ id: serviceAtLocationId, serviceId, locationId, position });
          owners.service_at_location.push(serviceAtLocationId);
          addPhones(children, "service_at_location", serviceAtLocationId, link.phones);
          addHours(children, "service_at_location", serviceAtLocationId, link.hours);
        });
      }
    }

    await upsertRows(tx, report, t.organizations, organizations, { target: [t.organizations.id], insertOnly: ["createdAt", "publishedAt"], guardVersion: true });
    await upsertRows(tx, report, t.organizationTranslations, organizationTexts, { target: [t.organizationTranslations.organizationId, t.organizationTranslations.locale] });
    await upsertRows(tx, report, t.locations, locations, { target: [t.locations.id], insertOnly: ["createdAt"], guardVersion: true });
    await upsertRows(tx, report, t.locationTranslations, locationTexts, { target: [t.locationTranslations.locationId, t.locationTranslations.locale] });
    await upsertRows(tx, report, t.services, services, { target: [t.services.id], insertOnly: ["createdAt", "publishedAt"], guardVersion: true });
    await upsertRows(tx, report, t.serviceTranslations, serviceTexts, { target: [t.serviceTranslations.serviceId, t.serviceTranslations.locale] });
    await syncLinks(tx, report, t.serviceCategories, t.serviceCategories.serviceId, t.serviceCategories.categoryId, owners.service, serviceCategories.map((row) => [row.serviceId, row.categoryId]));
    await deleteStale(
      tx,
      report,
      t.serviceAtLocations,
      t.serviceAtLocations.serviceId,
      owners.service,
      t.serviceAtLocations.id,
      serviceAtLocations.map((row) => row.id!),
    );
    await upsertRows(tx, report, t.serviceAtLocations, serviceAtLocations, { target: [t.serviceAtLocations.id], insertOnly: ["createdAt"] });

    // Contacts and hours of every owner written above: stale ones removed, the rest upserted.
    for (const kind of Object.keys(owners) as OwnerKind[]) {
      const column = OWNER_COLUMN[kind];
      await deleteStale(tx, report, t.phones, t.phones[column], owners[kind], t.phones.id, children.phones.map((row) => row.id!));
      if (column !== "organizationId") {
        await deleteStale(tx, report, t.schedules, t.schedules[column], owners[kind], t.schedules.id, children.schedules.map((row) => row.id!));
      }
    }
    await upsertRows(tx, report, t.phones, children.phones, { target: [t.phones.id] });
    await upsertRows(tx, report, t.phoneTranslations, children.phoneTranslations, { target: [t.phoneTranslations.phoneId, t.phoneTranslations.locale] });
    await upsertRows(tx, report, t.schedules, children.schedules, { target: [t.schedules.id] });
    const scheduleIds = children.schedules.map((row) => row.id!);
    await upsertRows(tx, report, t.scheduleTranslations, children.scheduleTranslations, { target: [t.scheduleTranslations.scheduleId, t.scheduleTranslations.locale] });
    await deleteStale(tx, report, t.schedulePeriods, t.schedulePeriods.scheduleId, scheduleIds, t.schedulePeriods.id, children.schedulePeriods.map((row) => row.id!));
    await upsertRows(tx, report, t.schedulePeriods, children.schedulePeriods, { target: [t.schedulePeriods.id] });

    // Rights information.
    const articleVersions = await versionsOf(tx, t.rightsArticles);
    const articles = bundle.rights.filter((article) => untouched(articleVersions, contentId("rights_article", article.slug)));
    await upsertRows(
      tx,
      report,
      t.rightsArticles,
      articles.map((article) => ({
        id: contentId("rights_article", article.slug),
        slug: article.slug,
        topic: article.meta.topic,
        countryId: contentId("place", article.meta.country),
        audience: article.meta.audience,
        reviewedOn: article.meta.reviewed,
        state: "published" as const,
        isSample: article.meta.sample,
        sources: article.meta.sources,
        publishedAt: now,
      })),
      { target: [t.rightsArticles.id], insertOnly: ["createdAt", "publishedAt"], guardVersion: true },
    );
    await upsertRows(
      tx,
      report,
      t.rightsArticleTranslations,
      articles.flatMap((article) =>
        Object.entries(article.texts)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([locale, text]) => ({ articleId: contentId("rights_article", article.slug), locale, ...text })),
      ),
      { target: [t.rightsArticleTranslations.articleId, t.rightsArticleTranslations.locale] },
    );

    // Vacancies.
    const vacancyVersions = await versionsOf(tx, t.vacancies);
    const vacancies = bundle.vacancies.filter((vacancy) => untouched(vacancyVersions, contentId("vacancy", vacancy.slug)));
    await upsertRows(
      tx,
      report,
      t.vacancies,
      vacancies.map(({ slug, entry }) => ({
        id: contentId("vacancy", slug),
        slug,
        organizationId: contentId("organization", entry.organization),
        sector: entry.sector,
        occupationCode: entry.occupation_code ?? null,
        placeId: contentId("place", entry.place),
        positions: entry.positions,
        employmentType: entry.employment_type,
        salaryMin: entry.salary?.min?.toFixed(2) ?? null,
        salaryMax: entry.salary?.max?.toFixed(2) ?? null,
        salaryCurrency: entry.salary?.currency ?? null,
        salaryPeriod: entry.salary?.period ?? null,
        eligibility: entry.eligibility,
        recruitmentChannel: entry.recruitment_channel,
        applyUrl: entry.apply_url ?? null,
        applyEmail: entry.apply_email ?? null,
        applyPhone: entry.apply_phone ?? null,
        publishedOn: entry.published,
        deadline: entry.deadline,
        state: "published" as const,
        isSample: entry.sample,
        sources: entry.sources,
        publishedAt: now,
      })),
      { target: [t.vacancies.id], insertOnly: ["createdAt", "publishedAt"], guardVersion: true },
    );
    await upsertRows(
      tx,
      report,
      t.vacancyTranslations,
      vacancies.flatMap(({ slug, entry }) =>
        perLocale(
          { title: entry.title, description: entry.description, requirements: entry.requirements, how_to_apply: entry.how_to_apply },
          (locale, pick) => ({
            vacancyId: contentId("vacancy", slug),
            locale,
            title: pick<string>("title")!,
            description: pick<string>("description"),
            requirements: pick<string>("requirements"),
            howToApply: pick<string>("how_to_apply"),
          }),
        ),
      ),
      { target: [t.vacancyTranslations.vacancyId, t.vacancyTranslations.locale] },
    );

    // Alerts.
    const alertVersions = await versionsOf(tx, t.alerts);
    const alerts = bundle.alerts.map((a) => a.entry).filter((alert) => untouched(alertVersions, contentId("alert", alert.key)));
    await upsertRows(
      tx,
      report,
      t.alerts,
      alerts.map((alert) => ({
        id: contentId("alert", alert.key),
        severity: alert.severity,
        validFrom: new Date(alert.valid_from),
        // A closure's alert stays in force until the services reopen.
        validUntil: alert.valid_until ? new Date(alert.valid_until) : alert.closure && alert.closed_until ? endOfDayInLibya(alert.closed_until) : null,
        closedUntil: alert.closure ? (alert.closed_until ?? null) : null,
        state: "published" as const,
        isSample: alert.sample,
        sources: alert.sources,
        publishedAt: now,
      })),
      { target: [t.alerts.id], insertOnly: ["createdAt", "publishedAt"], guardVersion: true },
    );
    await upsertRows(
      tx,
      report,
      t.alertTranslations,
      alerts.flatMap((alert) =>
        perLocale({ title: alert.title, body: alert.body }, (locale, pick) => ({
          alertId: contentId("alert", alert.key),
          locale,
          title: pick<string>("title")!,
          body: pick<string>("body"),
        })),
      ),
      { target: [t.alertTranslations.alertId, t.alertTranslations.locale] },
    );
    const alertIds = alerts.map((alert) => contentId("alert", alert.key));
    const alertLinks = <K extends "places" | "organizations" | "services">(field: K, entity: "place" | "organization" | "service") =>
      alerts.flatMap((alert) => alert[field].map((slug): [string, string] => [contentId("alert", alert.key), contentId(entity, slug)]));
    await syncLinks(tx, report, t.alertPlaces, t.alertPlaces.alertId, t.alertPlaces.placeId, alertIds, alertLinks("places", "place"));
    await syncLinks(tx, report, t.alertOrganizations, t.alertOrganizations.alertId, t.alertOrganizations.organizationId, alertIds, alertLinks("organizations", "organization"));
    await syncLinks(tx, report, t.alertServices, t.alertServices.alertId, t.alertServices.serviceId, alertIds, alertLinks("services", "service"));
  });
  return report;
}

