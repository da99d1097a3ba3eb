import { randomUUID } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import {
  auditEntries,
  categories,
  categoryTranslations,
  type Executor,
  locations,
  locationTranslations,
  organizations,
  organizationTranslations,
  phones,
  phoneTranslations,
  schedulePeriods,
  schedules,
  scheduleTranslations,
  serviceAtLocations,
  serviceCategories,
  services,
  serviceTranslations,
} from "@start/db";
import type {
  CategoryAggregate,
  LinkAggregate,
  LocationAggregate,
  OrganizationAggregate,
  PhoneAggregate,
  ScheduleAggregate,
  ServiceAggregate,
  TextMap,
} from "./aggregates.js";
import { canonical } from "./aggregates.js";

/**
 * Writes what the import decided, a batch of records at a time: one statement per table for the
 * new records (their texts, phones, hours…), and, for a changed record, only the parts that
 * changed (its row, its texts, its phones…), each replaced whole.
 */

const CHUNK = 500;

async function insertAll<T extends PgTable>(db: Executor, table: T, rows: T["$inferInsert"][]): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK) {
    await db.insert(table).values(rows.slice(start, start + CHUNK) as never);
  }
}

export interface Change<A> {
  id: string;
  before: A | undefined;
  after: A;
  /** For new records: when they were last modified where they come from. */
  createdAt?: Date;
}

const differs = (a: unknown, b: unknown) => canonical(a) !== canonical(b);

type OwnerColumn = "organizationId" | "serviceId" | "locationId" | "serviceAtLocationId";

function translationRows<Row>(owners: { id: string; translations: TextMap }[], build: (ownerId: string, locale: string, texts: Record<string, unknown>) => Row): Row[] {
  return owners.flatMap((owner) => Object.entries(owner.translations).map(([locale, texts]) => build(owner.id, locale, texts)));
}

const textOrNull = (value: unknown) => (typeof value === "string" && value !== "" ? value : null);

/** Replaces the phones of these owners (and moves phones with these ids from wherever they were). */
async function replacePhones(db: Executor, column: OwnerColumn, owners: { id: string; phones: PhoneAggregate[] }[], existing: Set<string>): Promise<void> {
  if (owners.length === 0) return;
  const replaced = owners.filter((owner) => existing.has(owner.id)).map((owner) => owner.id);
  if (replaced.length) await db.delete(phones).where(inArray(phones[column], replaced));
  const rows = owners.flatMap((owner) => owner.phones.map((phone) => ({ owner: owner.id, phone })));
  if (rows.length === 0) return;
  await db.delete(phones).where(inArray(phones.id, rows.map((row) => row.phone.id)));
  await insertAll(
    db,
    phones,
    rows.map(({ owner, phone }) => ({
      id: phone.id,
      organizationId: null,
      serviceId: null,
      locationId: null,
      serviceAtLocationId: null,
      [column]: owner,
      number: phone.number,
      extension: phone.extension,
      type: phone.type as never,
      languages: phone.languages,
      position: phone.position,
    })),
  );
  await insertAll(
    db,
    phoneTranslations,
    translationRows(rows.map(({ phone }) => phone), (phoneId, locale, texts) => ({ phoneId, locale, description: textOrNull(texts.description) })).filter(
      (row): row is { phoneId: string; locale: string; description: string } => row.description !== null,
    ),
  );
}

/** Replaces the opening hours of these owners. */
async function replaceSchedules(
  db: Executor,
  column: Exclude<OwnerColumn, "organizationId">,
  owners: { id: string; schedules: ScheduleAggregate[] }[],
  existing: Set<string>,
): Promise<void> {
  if (owners.length === 0) return;
  const replaced = owners.filter((owner) => existing.has(owner.id)).map((owner) => owner.id);
  if (replaced.length) await db.delete(schedules).where(inArray(schedules[column], replaced));
  const rows = owners.flatMap((owner) => owner.schedules.map((schedule) => ({ owner: owner.id, schedule })));
  if (rows.length === 0) return;
  await db.delete(schedules).where(inArray(schedules.id, rows.map((row) => row.schedule.id)));
  await insertAll(
    db,
    schedules,
    rows.map(({ owner, schedule }) => ({
      id: schedule.id,
      serviceId: null,
      locationId: null,
      serviceAtLocationId: null,
      [column]: owner,
      validFrom: schedule.validFrom,
      validTo: schedule.validTo,
    })),
  );
  await insertAll(
    db,
    schedulePeriods,
    rows.flatMap(({ schedule }) =>
      schedule.periods.map(([weekday, opensAt, closesAt]) => ({ id: randomUUID(), scheduleId: schedule.id, weekday, opensAt, closesAt })),
    ),
  );
  await insertAll(
    db,
    scheduleTranslations,
    translationRows(rows.map(({ schedule }) => schedule), (scheduleId, locale, texts) => ({ scheduleId, locale, notes: textOrNull(texts.notes) })).filter(
      (row): row is { scheduleId: string; locale: string; notes: string } => row.notes !== null,
    ),
  );
}

async function replaceTranslations<T extends PgTable>(
  db: Executor,
  table: T,
  ownerColumn: Parameters<typeof eq>[0],
  owners: { id: string; translations: TextMap; existing: boolean }[],
  build: (ownerId: string, locale: string, texts: Record<string, unknown>) => T["$inferInsert"],
): Promise<void> {
  const replaced = owners.filter((owner) => owner.existing).map((owner) => owner.id);
  if (replaced.length) await db.delete(table).where(inArray(ownerColumn as never, replaced));
  await insertAll(db, table, translationRows(owners, build));
}

interface Audit {
  actorUserId: string | null;
  entityType: string;
}

async function audit<A>(db: Executor, changes: Change<A>[], { actorUserId, entityType }: Audit): Promise<void> {
  await insertAll(
    db,
    auditEntries,
    changes.map((change) => ({
      actorUserId,
      action: change.before ? "hsds_import.update" : "hsds_import.create",
      entityType,
      entityId: change.id,
      before: (change.before ?? null) as never,
      after: change.after as never,
    })),
  );
}

export interface WriteContext {
  db: Executor;
  now: Date;
  actorUserId: string | null;
}

export async function writeCategories({ db, now, actorUserId }: WriteContext, changes: Change<CategoryAggregate>[]): Promise<void> {
  if (changes.length === 0) return;
  for (const change of changes) {
    const row = { code: change.after.code, parentId: change.after.parentId, position: change.after.position, icon: change.after.icon };
    if (!change.before) {
      await db.insert(categories).values({ id: change.id, ...row, createdAt: change.createdAt ?? now, updatedAt: change.createdAt ?? now });
    } else {
      // Any change (its texts included) moves the version: an edit made against the old one is refused.
      const [current] = await db.select({ version: categories.version }).from(categories).where(eq(categories.id, change.id));
      await db.update(categories).set({ ...row, updatedAt: now, version: (current?.version ?? 1) + 1 }).where(eq(categories.id, change.id));
    }
  }
  await replaceTranslations(
    db,
    categoryTranslations,
    categoryTranslations.categoryId,
    changes
      .filter((change) => !change.before || differs(change.before.translations, change.after.translations))
      .map((change) => ({ id: change.id, translations: change.after.translations, existing: !!change.before })),
    (categoryId, locale, texts) => ({ categoryId, locale, name: String(texts.name), description: textOrNull(texts.description) }),
  );
  await audit(db, changes, { actorUserId, entityType: "category" });
}

export async function writeOrganizations({ db, now, actorUserId }: WriteContext, changes: Change<OrganizationAggregate>[]): Promise<void> {
  if (changes.length === 0) return;
  const row = (after: OrganizationAggregate) => ({
    slug: after.slug,
    kind: after.kind as never,
    website: after.website,
    email: after.email,
    logo: after.logo,
    isSample: after.isSample,
    sources: after.sources as never,
    state: after.state as never,
  });
  const created = changes.filter((change) => !change.before);
  await insertAll(
    db,
    organizations,
    created.map((change) => ({
      id: change.id,
      ...row(change.after),
      createdAt: change.createdAt ?? now,
      updatedAt: change.createdAt ?? now,
      publishedAt: change.after.state === "published" ? now : null,
    })),
  );
  for (const change of changes.filter((change) => change.before)) {
    const [current] = await db.select({ version: organizations.version, publishedAt: organizations.publishedAt }).from(organizations).where(eq(organizations.id, change.id));
    await db
      .update(organizations)
      .set({
        ...row(change.after),
        updatedAt: now,
        version: (current?.version ?? 1) + 1,
        publishedAt: change.after.state === "published" && change.before!.state !== "published" ? now : current?.publishedAt,
      })
      .where(eq(organizations.id, change.id));
  }
  await replaceTranslations(
    db,
    organizationTranslations,
    organizationTranslations.organizationId,
    changes
      .filter((change) => !change.before || differs(change.before.translations, change.after.translations))
      .map((change) => ({ id: change.id, translations: change.after.translations, existing: !!change.before })),
    (organizationId, locale, texts) => ({
      organizationId,
      locale,
      name: String(texts.name),
      alternateName: textOrNull(texts.alternateName),
      description: textOrNull(texts.description),
    }),
  );
  const phoneChanges = changes.filter((change) => !change.before || differs(change.before.phones, change.after.phones));
  await replacePhones(
    db,
    "organizationId",
    phoneChanges.map((change) => ({ id: change.id, phones: change.after.phones })),
    new Set(phoneChanges.filter((change) => change.before).map((change) => change.id)),
  );
  await audit(db, changes, { actorUserId, entityType: "organization" });
}

export async function writeLocations({ db, now, actorUserId }: WriteContext, changes: Change<LocationAggregate>[]): Promise<void> {
  if (changes.length === 0) return;
  const row = (after: LocationAggregate) => ({
    organizationId: after.organizationId,
    placeId: after.placeId,
    locationType: after.locationType as never,
    latitude: after.latitude,
    longitude: after.longitude,
    postalCode: after.postalCode,
  });
  await insertAll(
    db,
    locations,
    changes
      .filter((change) => !change.before)
      .map((change) => ({ id: change.id, ...row(change.after), createdAt: change.createdAt ?? now, updatedAt: change.createdAt ?? now })),
  );
  for (const change of changes.filter((change) => change.before)) {
    const [current] = await db.select({ version: locations.version }).from(locations).where(eq(locations.id, change.id));
    await db.update(locations).set({ ...row(change.after), updatedAt: now, version: (current?.version ?? 1) + 1 }).where(eq(locations.id, change.id));
  }
  await replaceTranslations(
    db,
    locationTranslations,
    locationTranslations.locationId,
    changes
      .filter((change) => !change.before || differs(change.before.translations, change.after.translations))
      .map((change) => ({ id: change.id, translations: change.after.translations, existing: !!change.before })),
    (locationId, locale, texts) => ({
      locationId,
      locale,
      name: textOrNull(texts.name),
      address: textOrNull(texts.address),
      description: textOrNull(texts.description),
      transportation: textOrNull(texts.transportation),
      accessibility: textOrNull(texts.accessibility),
    }),
  );
  const phoneChanges = changes.filter((change) => !change.before || differs(change.before.phones, change.after.phones));
  await replacePhones(db, "locationId", phoneChanges.map((change) => ({ id: change.id, phones: change.after.phones })), new Set(phoneChanges.filter((c) => c.before).map((c) => c.id)));
  const scheduleChanges = changes.filter((change) => !change.before || differs(change.before.schedules, change.after.schedules));
  await replaceSchedules(
    db,
    "locationId",
    scheduleChanges.map((change) => ({ id: change.id, schedules: change.after.schedules })),
    new Set(scheduleChanges.filter((c) => c.before).map((c) => c.id)),
  );
  await audit(db, changes, { actorUserId, entityType: "location" });
}

function serviceRow(after: ServiceAggregate) {
  return {
    organizationId: after.organizationId,
    slug: after.slug,
    status: after.status as never,
    state: after.state as never,
    url: after.url,
    email: after.email,
    cost: after.cost as never,
    audiences: after.audiences as never,
    languages: after.languages,
    minimumAge: after.minimumAge,
    maximumAge: after.maximumAge,
    confidentialAddress: after.confidentialAddress,
    isSample: after.isSample,
    sources: after.sources as never,
    verifiedAt: after.verifiedAt ? new Date(after.verifiedAt) : null,
    verifiedByName: after.verifiedByName,
  };
}

export async function writeServices({ db, now, actorUserId }: WriteContext, changes: Change<ServiceAggregate>[]): Promise<void> {
  if (changes.length === 0) return;
  await insertAll(
    db,
    services,
    changes
      .filter((change) => !change.before)
      .map((change) => ({
        id: change.id,
        ...serviceRow(change.after),
        createdAt: change.createdAt ?? now,
        updatedAt: change.createdAt ?? now,
        publishedAt: change.after.state === "published" ? now : null,
      })),
  );
  for (const change of changes.filter((change) => change.before)) {
    const [current] = await db.select({ version: services.version, publishedAt: services.publishedAt }).from(services).where(eq(services.id, change.id));
    await db
      .update(services)
      .set({
        ...serviceRow(change.after),
        updatedAt: now,
        version: (current?.version ?? 1) + 1,
        publishedAt: change.after.state === "published" && change.before!.state !== "published" ? now : current?.publishedAt,
      })
      .where(eq(services.id, change.id));
  }
  await replaceTranslations(
    db,
    serviceTranslations,
    serviceTranslations.serviceId,
    changes
      .filter((change) => !change.before || differs(change.before.translations, change.after.translations))
      .map((change) => ({ id: change.id, translations: change.after.translations, existing: !!change.before })),
    (serviceId, locale, texts) => ({
      serviceId,
      locale,
      name: String(texts.name),
      alternateName: textOrNull(texts.alternateName),
      description: textOrNull(texts.description),
      eligibilityDescription: textOrNull(texts.eligibilityDescription),
      applicationProcess: textOrNull(texts.applicationProcess),
      feesDescription: textOrNull(texts.feesDescription),
      requiredDocuments: Array.isArray(texts.requiredDocuments) ? (texts.requiredDocuments as string[]) : [],
    }),
  );
  const categoryChanges = changes.filter((change) => !change.before || differs(change.before.categories, change.after.categories));
  const replacedCategories = categoryChanges.filter((change) => change.before).map((change) => change.id);
  if (replacedCategories.length) await db.delete(serviceCategories).where(inArray(serviceCategories.serviceId, replacedCategories));
  await insertAll(
    db,
    serviceCategories,
    categoryChanges.flatMap((change) => change.after.categories.map((categoryId) => ({ serviceId: change.id, categoryId }))),
  );
  const phoneChanges = changes.filter((change) => !change.before || differs(change.before.phones, change.after.phones));
  await replacePhones(db, "serviceId", phoneChanges.map((change) => ({ id: change.id, phones: change.after.phones })), new Set(phoneChanges.filter((c) => c.before).map((c) => c.id)));
  const scheduleChanges = changes.filter((change) => !change.before || differs(change.before.schedules, change.after.schedules));
  await replaceSchedules(
    db,
    "serviceId",
    scheduleChanges.map((change) => ({ id: change.id, schedules: change.after.schedules })),
    new Set(scheduleChanges.filter((c) => c.before).map((c) => c.id)),
  );
  // Where the service is delivered: the links are replaced whole when any of them changed.
  const linkChanges = changes.filter((change) => !change.before || differs(change.before.locations, change.after.locations));
  const replacedLinks = linkChanges.filter((change) => change.before).map((change) => change.id);
  if (replacedLinks.length) await db.delete(serviceAtLocations).where(inArray(serviceAtLocations.serviceId, replacedLinks));
  const links: (LinkAggregate & { serviceId: string })[] = linkChanges.flatMap((change) => change.after.locations.map((link) => ({ ...link, serviceId: change.id })));
  if (links.length) {
    await db.delete(serviceAtLocations).where(inArray(serviceAtLocations.id, links.map((link) => link.id)));
    await insertAll(
      db,
      serviceAtLocations,
      links.map((link) => ({ id: link.id, serviceId: link.serviceId, locationId: link.locationId, position: link.position })),
    );
    await replacePhones(db, "serviceAtLocationId", links.map((link) => ({ id: link.id, phones: link.phones })), new Set());
    await replaceSchedules(db, "serviceAtLocationId", links.map((link) => ({ id: link.id, schedules: link.schedules })), new Set());
  }
  await audit(db, changes, { actorUserId, entityType: "service" });
}
