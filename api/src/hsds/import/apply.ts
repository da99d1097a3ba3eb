import { inArray, sql } from "drizzle-orm";
import { auditEntries, categories, type Executor, locations, organizations, places, placeTranslations, queryRows, services } from "@start/db";
import { derivedId } from "../ids.js";
import type { Issues, Origin } from "./issues.js";
import type { StagedKind, Texts } from "./normalise.js";
import {
  canonical,
  CATEGORY_TEXTS,
  type CategoryAggregate,
  type LinkAggregate,
  loadCategories,
  loadLocations,
  loadOrganizations,
  loadServices,
  type LocationAggregate,
  LOCATION_TEXTS,
  normalisePeriods,
  ORGANIZATION_TEXTS,
  type OrganizationAggregate,
  type Period,
  type PhoneAggregate,
  type ScheduleAggregate,
  SERVICE_TEXTS,
  type ServiceAggregate,
  type TextMap,
} from "./aggregates.js";
import { assignCategoryCode, assignSlugs, PlaceResolver, slugify } from "./places.js";
import {
  countTouched,
  danglingOwners,
  renameShared,
  sharedIds,
  stagedByIds,
  stagedChildren,
  stagedOfKind,
  type StagedRow,
  touchedIds,
} from "./staging.js";
import { type Change, writeCategories, writeLocations, writeOrganizations, writeServices, type WriteContext } from "./write.js";

/**
 * The second half of an import: the staged records, a batch at a time, made into START records —
 * places, taxonomy terms, organizations, locations, then services with where they are delivered —
 * each compared with what START has, and written only where something differs. Everything happens
 * in the import's transaction; the caller rolls it back on any error (or for a dry run).
 */

export type RecordKind = "place" | "taxonomy_term" | "organization" | "location" | "service";
export const RECORD_KINDS: RecordKind[] = ["place", "taxonomy_term", "organization", "location", "service"];

export interface Counts {
  created: number;
  changed: number;
  unchanged: number;
}

export interface RecordChange {
  kind: RecordKind;
  id: string;
  name: string;
  action: "created" | "changed";
}

export interface ApplyOptions {
  publish: boolean;
  actorUserId: string | null;
  enabled: readonly string[];
  now: Date;
  batchSize: number;
  onProgress?: (what: RecordKind, done: number, total: number) => void;
}

/** Records listed one by one in the report, at most (all are counted). */
export const MAX_LISTED_CHANGES = 1000;

/**
 * A staged record's HSDS fields (checked against the HSDS schema when staged), read by name below:
 * about 45 of them, not yet typed one by one.
 */
// biome-ignore lint/suspicious/noExplicitAny: the HSDS fields above; a typed interface is follow-up work of issue 20 point 9.
type HsdsFields = Record<string, any>;

interface Merged {
  id: string;
  data: HsdsFields;
  origin: Origin;
  lists: Set<StagedKind>;
}

/** Several staged copies of one record (nested in several documents) → one: the first value given wins, lists add up. */
function merge(rows: StagedRow[]): Merged | undefined {
  if (rows.length === 0) return undefined;
  const complete = rows.filter((row) => row.data.textsComplete === true);
  const data: HsdsFields = {};
  const lists = new Set<StagedKind>();
  for (const row of rows) {
    for (const [key, value] of Object.entries(row.data)) {
      if (key === "lists") (value as StagedKind[]).forEach((kind) => lists.add(kind));
      else if (key === "texts") continue;
      else if (data[key] === undefined || data[key] === null) data[key] = value;
    }
  }
  const texts: Texts = {};
  for (const row of complete.length ? complete : rows) {
    for (const [locale, values] of Object.entries((row.data.texts ?? {}) as Texts)) {
      const target = (texts[locale] ??= {});
      for (const [field, value] of Object.entries(values)) if (target[field] === undefined || target[field] === null) target[field] = value;
    }
  }
  data.texts = texts;
  data.textsComplete = complete.length > 0;
  return { id: rows[0]!.id!, data, origin: rows[0]!.origin, lists };
}

function byId(rows: StagedRow[]): Map<string, StagedRow[]> {
  const result = new Map<string, StagedRow[]>();
  for (const row of rows) if (row.id) result.set(row.id, [...(result.get(row.id) ?? []), row]);
  return result;
}

function byOwner(rows: StagedRow[], kind: StagedKind): Map<string, StagedRow[]> {
  const result = new Map<string, StagedRow[]>();
  for (const row of rows) if (row.kind === kind && row.ownerId) result.set(row.ownerId, [...(result.get(row.ownerId) ?? []), row]);
  return result;
}

const isBlank = (value: unknown) => value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0);

/** Texts with empty values and empty locales dropped, as START stores them. */
function cleanTexts(texts: Record<string, Record<string, unknown>>, fields: readonly string[]): TextMap {
  const result: TextMap = {};
  for (const locale of Object.keys(texts).sort()) {
    const values: Record<string, unknown> = {};
    for (const field of fields) if (!isBlank(texts[locale]![field])) values[field] = texts[locale]![field];
    if (Object.keys(values).length) result[locale] = values;
  }
  return result;
}

/**
 * The record's texts after the import: the profile's translations replace all of them; plain HSDS
 * texts replace the fields they carry in their locale, the other locales and fields stay.
 */
function resolveTexts(existing: TextMap | undefined, merged: Merged, fields: readonly string[], carried: readonly string[], extra: Texts = {}): TextMap {
  const texts = merged.data.texts as Texts;
  if (merged.data.textsComplete) return cleanTexts(texts, fields);
  const result: Record<string, Record<string, unknown>> = structuredClone(existing ?? {});
  for (const [locale, values] of Object.entries(texts)) {
    const target = (result[locale] ??= {});
    for (const field of carried) target[field] = values[field] ?? null;
  }
  for (const [locale, values] of Object.entries(extra)) Object.assign((result[locale] ??= {}), values);
  return cleanTexts(result, fields);
}

const firstName = (texts: TextMap, order: readonly string[]) => {
  for (const locale of [...order, ...Object.keys(texts)]) {
    const name = texts[locale]?.name;
    if (typeof name === "string" && name) return name;
  }
  return "";
};

export class Applier {
  readonly counts: Record<RecordKind, Counts> = Object.fromEntries(RECORD_KINDS.map((kind) => [kind, { created: 0, changed: 0, unchanged: 0 }])) as Record<
    RecordKind,
    Counts
  >;
  readonly changes: RecordChange[] = [];
  /** Whether anything the public sees changed (the portal is then rebuilt). */
  publicChange = false;
  private readonly reservedSlugs = { services: new Set<string>(), organizations: new Set<string>(), places: new Set<string>() };
  private readonly reservedCodes = new Set<string>();
  private readonly placeResolver: PlaceResolver;
  private readonly write: WriteContext;
  private organizationsDefaulted = 0;
  /** Locations and categories the import changed: the public sees them only through published services. */
  private readonly changedLocations: string[] = [];
  private readonly changedCategories: string[] = [];
  /** Locations left out for want of any address: links to them are left out too. */
  private readonly skippedLocations = new Set<string>();

  constructor(
    private readonly db: Executor,
    private readonly issues: Issues,
    private readonly options: ApplyOptions,
  ) {
    this.write = { db, now: options.now, actorUserId: options.actorUserId };
    this.placeResolver = new PlaceResolver(db, options.enabled, async (place, names) => {
      this.record("place", place.id, names.en ?? Object.values(names)[0] ?? place.slug, "created");
      await db.insert(auditEntries).values({
        actorUserId: options.actorUserId,
        action: "hsds_import.create",
        entityType: "place",
        entityId: place.id,
        after: { slug: place.slug, kind: place.kind, countryCode: place.countryCode, timeZone: place.timeZone, translations: names } as never,
      });
    });
  }

  private record(kind: RecordKind, id: string, name: string, action: "created" | "changed" | "unchanged"): void {
    this.counts[kind][action]++;
    if (action !== "unchanged" && this.changes.length < MAX_LISTED_CHANGES) this.changes.push({ kind, id, name, action });
  }

  private get changeCount(): number {
    return Object.values(this.counts).reduce((sum, counts) => sum + counts.created + counts.changed, 0);
  }

  async run(): Promise<void> {
    await this.separateSharedIds();
    await this.checkOwners();
    if (this.issues.failed) return;
    await this.placeResolver.load();
    await this.places();
    await this.taxonomyTerms();
    await this.organizations();
    await this.locations();
    await this.services();
    if (!this.publicChange && (this.changedLocations.length || this.changedCategories.length)) {
      const rows = await queryRows<{ id: string }>(
        this.db,
        sql`select s.id::text as id from services s where s.state = 'published' and (
              exists (select 1 from service_at_locations sal where sal.service_id = s.id and sal.location_id = any(${sql.param(this.changedLocations)}::uuid[]))
              or exists (select 1 from service_categories sc where sc.service_id = s.id and sc.category_id = any(${sql.param(this.changedCategories)}::uuid[])))
            limit 1`,
      );
      this.publicChange = rows.length > 0;
    }
    if (this.organizationsDefaulted > 0) {
      this.issues.warn("kindDefaulted", undefined, "kind", { key: "kindDefaulted", params: { count: this.organizationsDefaulted } });
    }
  }

  get anyChange(): boolean {
    return this.changeCount > 0;
  }

  /** One phone (or timetable) listed under several records becomes one per record. */
  private async separateSharedIds(): Promise<void> {
    const owners = {
      phone: { table: "phones", columns: { organization: "organization_id", service: "service_id", location: "location_id", service_at_location: "service_at_location_id" } },
      schedule: { table: "schedules", columns: { service: "service_id", location: "location_id", service_at_location: "service_at_location_id" } },
    } as const;
    for (const kind of ["phone", "schedule"] as const) {
      const rows = await sharedIds(this.db, kind, owners[kind].table, owners[kind].columns);
      const groups = new Map<string, typeof rows>();
      for (const row of rows) groups.set(row.id, [...(groups.get(row.id) ?? []), row]);
      for (const [id, group] of groups) {
        const keeper = group.find((row) => row.keeps) ?? group[0]!;
        for (const row of group) {
          if (row === keeper) continue;
          await renameShared(this.db, kind, id, row.owner_kind, row.owner_id, derivedId("copy", kind, id, row.owner_kind, row.owner_id));
        }
        this.issues.warn(`sharedId:${kind}`, undefined, "id", { key: "sharedId", params: { table: kind, value: id } });
      }
    }
  }

  /** Records nested in (or pointing to) a record that is neither in the import nor in START. */
  private async checkOwners(): Promise<void> {
    const owners: [StagedKind, string, string][] = [
      ["organization", "organizations", "entity.organization"],
      ["location", "locations", "entity.location"],
      ["service", "services", "entity.service"],
      ["service_at_location", "service_at_locations", "entity.service_at_location"],
    ];
    for (const [kind, table, entity] of owners) {
      for (const row of await danglingOwners(this.db, kind, table)) {
        const field = kind === "service" && row.kind === "category" ? "link_id" : `${kind}_id`;
        this.issues.error(row.origin, field, { key: "unknownReference", params: { value: row.ownerId ?? "", entity: { key: entity as never } } });
      }
    }
  }

  // --- Places (START profile) ---------------------------------------------------------------

  private async places(): Promise<void> {
    const staged = [...byId(await stagedOfKind(this.db, "place")).values()].map((rows) => merge(rows)!);
    if (staged.length === 0) return;
    const existing = new Set(
      (await this.db.select({ id: places.id }).from(places).where(inArray(places.id, staged.map((place) => place.id)))).map((row) => row.id),
    );
    // Parents first.
    const pending = staged.filter((place) => !existing.has(place.id));
    for (const place of staged.filter((place) => existing.has(place.id))) this.record("place", place.id, firstName(place.data.texts, this.options.enabled), "unchanged");
    const known = new Set(existing);
    while (pending.length) {
      const ready = pending.filter((place) => !place.data.parentId || known.has(place.data.parentId) || !pending.some((other) => other.id === place.data.parentId));
      if (ready.length === 0) break;
      for (const place of ready) {
        pending.splice(pending.indexOf(place), 1);
        const parentId = place.data.parentId as string | null;
        if (parentId && !known.has(parentId) && !(await this.exists(places, parentId))) {
          this.issues.error(place.origin, "parent_id", { key: "unknownReference", params: { value: parentId, entity: { key: "what.place" } } });
          continue;
        }
        const texts = cleanTexts(place.data.texts, ["name"]);
        if (Object.keys(texts).length === 0) {
          this.issues.error(place.origin, "name", { key: "blankName", params: { field: "name" } });
          continue;
        }
        const [slug] = (await assignSlugs(this.db, "places", [{ id: place.id, wanted: String(place.data.slug) }], this.reservedSlugs.places)).values();
        await this.db.insert(places).values({
          id: place.id,
          slug: slug!,
          kind: place.data.kind,
          parentId,
          countryCode: place.data.countryCode,
          latitude: place.data.latitude,
          longitude: place.data.longitude,
          timeZone: place.data.timeZone,
        });
        const names = Object.entries(texts).map(([locale, values]) => ({ placeId: place.id, locale, name: String(values.name) }));
        if (names.length > 0) await this.db.insert(placeTranslations).values(names);
        await this.db.insert(auditEntries).values({
          actorUserId: this.options.actorUserId,
          action: "hsds_import.create",
          entityType: "place",
          entityId: place.id,
          after: { ...place.data, texts: undefined, translations: texts } as never,
        });
        known.add(place.id);
        this.record("place", place.id, firstName(texts, this.options.enabled), "created");
      }
    }
    await this.placeResolver.load();
  }

  private async exists(table: typeof places | typeof categories | typeof organizations | typeof locations | typeof services, id: string): Promise<boolean> {
    const rows = await this.db.select({ id: table.id }).from(table as typeof places).where(inArray(table.id, [id]));
    return rows.length > 0;
  }

  // --- Taxonomy terms → categories ---------------------------------------------------------

  private async taxonomyTerms(): Promise<void> {
    const staged = [...byId(await stagedOfKind(this.db, "taxonomy_term")).values()].map((rows) => merge(rows)!);
    if (staged.length === 0) return;
    this.options.onProgress?.("taxonomy_term", 0, staged.length);
    const existing = await loadCategories(this.db, staged.map((term) => term.id));
    const stagedIds = new Set(staged.map((term) => term.id));
    const knownParents = new Set(
      (
        await this.db
          .select({ id: categories.id })
          .from(categories)
          .where(inArray(categories.id, [...new Set(staged.map((term) => term.data.parentId).filter(Boolean))] as string[]))
      ).map((row) => row.id),
    );
    // Parents before children, so that each parent exists when its child is written.
    const depth = (term: Merged, seen = new Set<string>()): number => {
      const parent = staged.find((other) => other.id === term.data.parentId);
      if (!parent || seen.has(parent.id)) return 0;
      seen.add(term.id);
      return 1 + depth(parent, seen);
    };
    const ordered = [...staged].sort((a, b) => depth(a) - depth(b));
    const changes: Change<CategoryAggregate>[] = [];
    for (const term of ordered) {
      const before = existing.get(term.id);
      let parentId = (term.data.parentId as string | undefined) ?? null;
      if (parentId === term.id) parentId = null;
      if (parentId && !stagedIds.has(parentId) && !knownParents.has(parentId)) {
        this.issues.warn(`unknownParentTerm:${parentId}`, term.origin, "parent_id", { key: "unknownParentTerm", params: { value: parentId } });
        parentId = null;
      }
      const translations = resolveTexts(before?.translations, term, CATEGORY_TEXTS, ["name", "description"]);
      if (!this.namesPresent(translations, term.origin)) continue;
      const wantedCode = typeof term.data.code === "string" ? term.data.code : firstName(translations, ["en", "fr", ...this.options.enabled]);
      const code = before && (!term.data.code || before.code === term.data.code) ? before.code : await assignCategoryCode(this.db, wantedCode, this.reservedCodes);
      const after: CategoryAggregate = {
        code,
        parentId,
        position: (term.data.position as number | undefined) ?? before?.position ?? 0,
        icon: (term.data.icon as string | undefined) ?? before?.icon ?? null,
        translations,
      };
      const name = firstName(translations, this.options.enabled);
      if (before && canonical(before) === canonical(after)) {
        this.record("taxonomy_term", term.id, name, "unchanged");
        continue;
      }
      changes.push({ id: term.id, before, after });
      this.record("taxonomy_term", term.id, name, before ? "changed" : "created");
      this.changedCategories.push(term.id);
    }
    await writeCategories(this.write, changes);
    this.options.onProgress?.("taxonomy_term", staged.length, staged.length);
  }

  /** Every locale START stores a record's texts in needs its name. */
  private namesPresent(translations: TextMap, origin: Origin): boolean {
    let ok = Object.keys(translations).length > 0;
    for (const [locale, values] of Object.entries(translations)) {
      if (isBlank(values.name)) {
        this.issues.error(origin, `translations.${locale}.name`, { key: "blankName", params: { field: `name (${locale})` } });
        ok = false;
      }
    }
    if (Object.keys(translations).length === 0) this.issues.error(origin, "name", { key: "blankName", params: { field: "name" } });
    return ok;
  }

  // --- Phones and opening hours, shared by every kind of owner ----------------------------------

  private phonesOf(ownerId: string, children: Map<string, StagedRow[]>, languages: Map<string, StagedRow[]>, existing: PhoneAggregate[]): PhoneAggregate[] {
    const rows = children.get(ownerId) ?? [];
    const ids = [...new Set(rows.map((row) => row.id!))];
    return ids.map((id, position) => {
      const merged = merge(rows.filter((row) => row.id === id))!;
      const before = existing.find((phone) => phone.id === id);
      const languageRows = [...(languages.get(id) ?? []), ...(merged.data.originalId ? (languages.get(merged.data.originalId) ?? []) : [])];
      const carriesLanguages = merged.lists.has("language") || languageRows.length > 0;
      return {
        id,
        number: merged.data.number,
        extension: merged.data.extension ?? null,
        type: merged.data.type,
        languages: carriesLanguages ? [...new Set(languageRows.map((row) => String(row.data.code)))] : (before?.languages ?? []),
        position,
        translations: resolveTexts(before?.translations, merged, ["description"], ["description"]),
      };
    });
  }

  private schedulesOf(ownerId: string, children: Map<string, StagedRow[]>, existing: ScheduleAggregate[]): ScheduleAggregate[] {
    const rows = children.get(ownerId) ?? [];
    const ids = [...new Set(rows.map((row) => row.id!))];
    return ids
      .map((id) => {
        const group = rows.filter((row) => row.id === id);
        const merged = merge(group)!;
        const before = existing.find((schedule) => schedule.id === id);
        return {
          id,
          validFrom: merged.data.validFrom ?? null,
          validTo: merged.data.validTo ?? null,
          periods: normalisePeriods(group.flatMap((row) => row.data.periods as Period[])),
          translations: resolveTexts(before?.translations, merged, ["notes"], ["notes"]),
        };
      })
      .sort((a, b) => a.id.localeCompare(b.id));
  }

  /** Loads a batch's staged records, their nested records, and the lists they replace. */
  private async batch(kind: StagedKind, ids: string[], childKinds: StagedKind[]) {
    const main = byId(await stagedByIds(this.db, kind, ids));
    const children = await stagedChildren(this.db, kind, ids);
    const byKind = new Map(childKinds.map((childKind) => [childKind, byOwner(children, childKind)]));
    const lists = (id: string, merged: Merged | undefined) => {
      const result = new Set(merged?.lists ?? []);
      for (const childKind of childKinds) if (byKind.get(childKind)!.has(id)) result.add(childKind);
      return result;
    };
    return { main, byKind, lists };
  }

  /** Phone languages for the phones of a batch (by phone id, and by the original id of copies). */
  private async phoneLanguages(phoneRows: Map<string, StagedRow[]>[]): Promise<Map<string, StagedRow[]>> {
    const ids = new Set<string>();
    for (const map of phoneRows) for (const rows of map.values()) for (const row of rows) {
      if (row.id) ids.add(row.id);
      if (row.data.originalId) ids.add(String(row.data.originalId));
    }
    return byOwner(await stagedChildren(this.db, "phone", [...ids]), "language");
  }

  private async forEachBatch(kind: RecordKind & StagedKind, extra: ReturnType<typeof sql> | null, handle: (ids: string[]) => Promise<void>): Promise<void> {
    const total = await countTouched(this.db, kind, extra);
    if (total === 0) return;
    let done = 0;
    this.options.onProgress?.(kind, 0, total);
    for (let after: string | null = null; ; ) {
      const ids = await touchedIds(this.db, kind, extra, after, this.options.batchSize);
      if (ids.length === 0) break;
      after = ids[ids.length - 1]!;
      await handle(ids);
      done += ids.length;
      this.options.onProgress?.(kind, done, total);
    }
  }

  private state(before: string | undefined): string {
    return this.options.publish ? "published" : (before ?? "draft");
  }

  private createdAt(value: unknown): Date | undefined {
    if (typeof value !== "string") return undefined;
    const date = new Date(value);
    return Number.isNaN(date.getTime()) || date > this.options.now ? undefined : date;
  }

  // --- Organizations ----------------------------------------------------------------------

  private async organizations(): Promise<void> {
    await this.forEachBatch("organization", null, async (ids) => {
      const { main, byKind, lists } = await this.batch("organization", ids, ["phone"]);
      const existing = await loadOrganizations(this.db, ids);
      const languages = await this.phoneLanguages([byKind.get("phone")!]);
      const slugRequests: { id: string; wanted: string }[] = [];
      const pending: { id: string; merged: Merged | undefined; before: OrganizationAggregate | undefined; after: Omit<OrganizationAggregate, "slug"> & { slug?: string } }[] = [];
      for (const id of ids) {
        const merged = merge(main.get(id) ?? []);
        const before = existing.get(id);
        if (!merged && !before) continue; // reported by checkOwners
        const carried = lists(id, merged);
        const data = merged?.data;
        const translations = merged ? resolveTexts(before?.translations, merged, ORGANIZATION_TEXTS, ORGANIZATION_TEXTS as unknown as string[]) : before!.translations;
        if (merged && !this.namesPresent(translations, merged.origin)) continue;
        let kind = (data?.kind as string | undefined) ?? before?.kind;
        if (!kind) {
          kind = "national_ngo";
          this.organizationsDefaulted++;
        }
        const after = {
          slug: before?.slug,
          kind,
          website: data ? (data.website ?? null) : before!.website,
          email: data ? (data.email ?? null) : before!.email,
          logo: data ? (data.logo ?? null) : before!.logo,
          isSample: (data?.sample as boolean | undefined) ?? before?.isSample ?? false,
          sources: (data?.sources as unknown[] | undefined) ?? before?.sources ?? [],
          state: merged ? this.state(before?.state) : before!.state,
          translations,
          phones: carried.has("phone") ? this.phonesOf(id, byKind.get("phone")!, languages, before?.phones ?? []) : (before?.phones ?? []),
        };
        const wanted = (data?.slug as string | undefined) ?? (before ? undefined : slugify(firstName(translations, ["en", "fr", ...this.options.enabled])) || `organization-${id.slice(0, 8)}`);
        if (wanted && wanted !== before?.slug) slugRequests.push({ id, wanted });
        pending.push({ id, merged, before, after });
      }
      const slugs = await assignSlugs(this.db, "organizations", slugRequests, this.reservedSlugs.organizations);
      const changes: Change<OrganizationAggregate>[] = [];
      for (const { id, merged, before, after } of pending) {
        const complete: OrganizationAggregate = { ...after, slug: slugs.get(id) ?? after.slug! };
        const name = firstName(complete.translations, this.options.enabled);
        if (before && canonical(before) === canonical(complete)) {
          this.record("organization", id, name, "unchanged");
          continue;
        }
        changes.push({ id, before, after: complete, createdAt: this.createdAt(merged?.data.lastModified) });
        this.record("organization", id, name, before ? "changed" : "created");
        if (complete.state === "published" || before?.state === "published") this.publicChange = true;
      }
      await writeOrganizations(this.write, changes);
    });
  }

  // --- Locations ------------------------------------------------------------------------

  private async locations(): Promise<void> {
    await this.forEachBatch("location", null, async (ids) => {
      const childKinds: StagedKind[] = ["phone", "schedule", "address", "accessibility"];
      const { main, byKind, lists } = await this.batch("location", ids, childKinds);
      const existing = await loadLocations(this.db, ids);
      const languages = await this.phoneLanguages([byKind.get("phone")!]);
      const organizationIds = new Set(
        (
          await this.db
            .select({ id: organizations.id })
            .from(organizations)
            .where(inArray(organizations.id, [...new Set([...main.values()].flat().map((row) => row.data.organizationId).filter(Boolean))] as string[]))
        ).map((row) => row.id),
      );
      const changes: Change<LocationAggregate>[] = [];
      for (const id of ids) {
        const merged = merge(main.get(id) ?? []);
        const before = existing.get(id);
        if (!merged && !before) continue;
        const carried = lists(id, merged);
        const withheld = merged?.data.withheld === true;
        const data = merged?.data;
        const origin = merged?.origin ?? (byKind.get("address")!.get(id)?.[0]?.origin as Origin);

        // Where it is: START's place when given, else from its address.
        const addresses = byKind.get("address")!.get(id) ?? [];
        if (addresses.length > 1 && new Set(addresses.map((row) => row.id)).size > 1) {
          this.issues.warn("extraAddresses", addresses[1]!.origin, "addresses", { key: "extraAddresses" });
        }
        const address = addresses[0]?.data;
        let placeId = data?.placeId && this.placeResolver.has(data.placeId) ? (data.placeId as string) : undefined;
        if (!placeId && address && !(before && withheld)) {
          placeId = await this.placeResolver.resolve(
            { city: address.city, region: address.region, stateProvince: address.stateProvince, country: address.country } as never,
            addresses[0]!.origin,
            this.issues,
          );
          if (!placeId) continue;
        }
        placeId ??= before?.placeId;
        if (!placeId) {
          // Nothing says where it is (a list-level record, or a service with no public address).
          this.issues.warn("locationWithoutAddress", origin, "addresses", { key: "locationWithoutAddress" });
          this.skippedLocations.add(id);
          continue;
        }

        let organizationId = data ? ((data.organizationId as string | undefined) ?? null) : before!.organizationId;
        if (organizationId && !organizationIds.has(organizationId) && organizationId !== before?.organizationId) {
          this.issues.warn(`unknownLocationOrganization:${organizationId}`, origin, "organization_id", {
            key: "unknownLocationOrganization",
            params: { value: organizationId },
          });
          organizationId = before?.organizationId ?? null;
        }

        // What a withheld location leaves out stays as START has it.
        const keep = withheld && before;
        const extra: Texts = {};
        if (!merged?.data.textsComplete && !withheld) {
          if (address && carried.has("address")) {
            const text = [address.address1, address.address2].filter(Boolean).join(", ");
            (extra[String(address.locale)] ??= {}).address = text || null;
          }
          if (carried.has("accessibility")) {
            const byLocale = new Map<string, string[]>();
            for (const row of byKind.get("accessibility")!.get(id) ?? []) byLocale.set(String(row.data.locale), [...(byLocale.get(String(row.data.locale)) ?? []), String(row.data.text)]);
            for (const [locale, values] of byLocale) (extra[locale] ??= {}).accessibility = values.join("\n");
          }
        }
        const translations = keep
          ? before.translations
          : merged
            ? resolveTexts(before?.translations, merged, LOCATION_TEXTS, ["name", "description", "transportation"], extra)
            : resolveTexts(before?.translations, { id, data: { texts: {}, textsComplete: false }, origin, lists: carried }, LOCATION_TEXTS, [], extra);
        const after: LocationAggregate = {
          organizationId,
          placeId,
          locationType: (data?.locationType as string | undefined) ?? before?.locationType ?? "physical",
          latitude: keep ? before.latitude : data ? (data.latitude ?? null) : before!.latitude,
          longitude: keep ? before.longitude : data ? (data.longitude ?? null) : before!.longitude,
          postalCode: keep ? before.postalCode : address && carried.has("address") ? ((address.postalCode as string | undefined) ?? null) : (before?.postalCode ?? null),
          translations,
          phones: carried.has("phone") && !keep ? this.phonesOf(id, byKind.get("phone")!, languages, before?.phones ?? []) : (before?.phones ?? []),
          schedules: carried.has("schedule") ? this.schedulesOf(id, byKind.get("schedule")!, before?.schedules ?? []) : (before?.schedules ?? []),
        };
        const name = firstName(translations, this.options.enabled) || (address?.city as string | undefined) || id;
        if (before && canonical(before) === canonical(after)) {
          this.record("location", id, name, "unchanged");
          continue;
        }
        changes.push({ id, before, after });
        this.record("location", id, name, before ? "changed" : "created");
        this.changedLocations.push(id);
      }
      await writeLocations(this.write, changes);
    });
  }

  // --- Services, with where they are delivered -------------------------------------------------

  private async services(): Promise<void> {
    // A service is touched when it is staged, when records are nested in it, or when records are
    // nested in one of its links to a location.
    const viaLinks = sql`select sal.service_id::text from hsds_import_rows r join service_at_locations sal on sal.id::text = r.owner_id
      where r.owner_kind = 'service_at_location'`;
    await this.forEachBatch("service", viaLinks, async (ids) => {
      const childKinds: StagedKind[] = ["phone", "schedule", "language", "required_document", "cost_option", "category", "service_at_location"];
      const { main, byKind, lists } = await this.batch("service", ids, childKinds);
      const existing = await loadServices(this.db, ids);
      // Links: those staged, and those START has for these services.
      const linkIds = new Set<string>();
      for (const rows of byKind.get("service_at_location")!.values()) rows.forEach((row) => linkIds.add(row.id!));
      for (const service of existing.values()) service.locations.forEach((link) => linkIds.add(link.id));
      const linkChildren = await stagedChildren(this.db, "service_at_location", [...linkIds]);
      const linkPhones = byOwner(linkChildren, "phone");
      const linkSchedules = byOwner(linkChildren, "schedule");
      const languages = await this.phoneLanguages([byKind.get("phone")!, linkPhones]);
      const referenced = await this.existingIds(main, byKind);

      const slugRequests: { id: string; wanted: string }[] = [];
      const pending: { id: string; merged: Merged | undefined; before: ServiceAggregate | undefined; after: ServiceAggregate }[] = [];
      for (const id of ids) {
        const merged = merge(main.get(id) ?? []);
        const before = existing.get(id);
        if (!merged && !before) continue;
        const after = this.serviceAfter(id, merged, before, lists(id, merged), byKind, { linkPhones, linkSchedules, languages }, referenced);
        if (!after) continue;
        const wanted = (merged?.data.slug as string | undefined) ?? (before ? undefined : slugify(firstName(after.translations, ["en", "fr", ...this.options.enabled])) || `service-${id.slice(0, 8)}`);
        if (wanted && wanted !== before?.slug) slugRequests.push({ id, wanted });
        pending.push({ id, merged, before, after });
      }
      const slugs = await assignSlugs(this.db, "services", slugRequests, this.reservedSlugs.services);
      const changes: Change<ServiceAggregate>[] = [];
      for (const { id, merged, before, after } of pending) {
        after.slug = slugs.get(id) ?? after.slug;
        const name = firstName(after.translations, this.options.enabled);
        if (before && canonical(before) === canonical(after)) {
          this.record("service", id, name, "unchanged");
          continue;
        }
        changes.push({ id, before, after, createdAt: this.createdAt(merged?.data.lastModified) });
        this.record("service", id, name, before ? "changed" : "created");
        if (after.state === "published" || before?.state === "published") this.publicChange = true;
      }
      await this.warnPendingRevisions(changes.filter((change) => change.before).map((change) => change.id), main);
      await writeServices(this.write, changes);
    });
  }

  /**
   * A published service with changes pending in the editor: publishing them writes the editor's
   * whole proposed record, over what this import wrote. Said, so that the admin can reconcile.
   */
  private async warnPendingRevisions(ids: string[], main: Map<string, StagedRow[]>): Promise<void> {
    if (ids.length === 0) return;
    const rows = await queryRows<{ service_id: string }>(
      this.db,
      sql`select service_id::text as service_id from service_revisions where service_id = any(${sql.param(ids)}::uuid[]) and status in ('draft', 'in_review')`,
    );
    for (const { service_id } of rows) {
      this.issues.warn("pendingRevision", main.get(service_id)?.[0]?.origin, "id", { key: "pendingRevision", params: { value: service_id } });
    }
  }

  /** Which organizations, locations and categories the batch names exist (earlier steps wrote the imported ones). */
  private async existingIds(main: Map<string, StagedRow[]>, byKind: Map<StagedKind, Map<string, StagedRow[]>>) {
    const organizationIds = [...new Set([...main.values()].flat().map((row) => row.data.organizationId).filter(Boolean))] as string[];
    const locationIds = [...new Set([...byKind.get("service_at_location")!.values()].flat().map((row) => String(row.data.locationId)))];
    const categoryIds = [...new Set([...byKind.get("category")!.values()].flat().map((row) => String(row.data.termId)))];
    const select = async (table: typeof organizations | typeof locations | typeof categories, values: string[]) =>
      new Set(values.length ? (await this.db.select({ id: table.id }).from(table as typeof organizations).where(inArray(table.id, values))).map((row) => row.id) : []);
    return {
      organizations: await select(organizations, organizationIds),
      locations: await select(locations, locationIds),
      categories: await select(categories, categoryIds),
    };
  }

  private serviceAfter(
    id: string,
    merged: Merged | undefined,
    before: ServiceAggregate | undefined,
    carried: Set<StagedKind>,
    byKind: Map<StagedKind, Map<string, StagedRow[]>>,
    links: { linkPhones: Map<string, StagedRow[]>; linkSchedules: Map<string, StagedRow[]>; languages: Map<string, StagedRow[]> },
    referenced: { organizations: Set<string>; locations: Set<string>; categories: Set<string> },
  ): ServiceAggregate | undefined {
    const data = merged?.data;
    const origin = merged?.origin ?? [...byKind.values()].flatMap((map) => map.get(id) ?? [])[0]?.origin;
    let ok = true;

    // Its organization.
    const organizationId = (data?.organizationId as string | undefined) ?? before?.organizationId;
    if (!organizationId) {
      this.issues.error(origin, "organization_id", { key: "missingOrganization" });
      ok = false;
    } else if (data?.organizationId && !referenced.organizations.has(organizationId)) {
      this.issues.error(origin, "organization_id", { key: "unknownReference", params: { value: organizationId, entity: { key: "entity.organization" } } });
      ok = false;
    }

    // Its texts; documents to bring come from the profile, or from required_documents records.
    const documents: Texts = {};
    if (carried.has("required_document") && !data?.textsComplete) {
      for (const row of byKind.get("required_document")!.get(id) ?? []) {
        const list = ((documents[String(row.data.locale)] ??= {}).requiredDocuments ??= []) as string[];
        list.push(String(row.data.document));
      }
      if (Object.keys(documents).length === 0 && merged) {
        const locale = Object.keys(data!.texts ?? {})[0];
        if (locale) documents[locale] = { requiredDocuments: null };
      }
    }
    const textFields = ["name", "alternateName", "description", "eligibilityDescription", "applicationProcess", "feesDescription"];
    const translations = merged
      ? resolveTexts(before?.translations, merged, SERVICE_TEXTS, textFields, documents)
      : resolveTexts(before?.translations, { id, data: { texts: {}, textsComplete: false }, origin: origin!, lists: carried }, SERVICE_TEXTS, [], documents);
    if (merged && !this.namesPresent(translations, merged.origin)) ok = false;

    // Its categories.
    let categoryIds = before?.categories ?? [];
    if (carried.has("category")) {
      const rows = byKind.get("category")!.get(id) ?? [];
      for (const row of rows) {
        if (!referenced.categories.has(String(row.data.termId))) {
          this.issues.error(row.origin, "taxonomy_term_id", { key: "unknownReference", params: { value: String(row.data.termId), entity: { key: "entity.taxonomy_term" } } });
          ok = false;
        }
      }
      categoryIds = [...new Set(rows.map((row) => String(row.data.termId)))].sort();
    }

    // Where it is delivered.
    const linkRows = byKind.get("service_at_location")!.get(id) ?? [];
    const stagedLinks = new Map([...byId(linkRows)].map(([linkId, rows]) => [linkId, merge(rows)!]));
    const beforeLinks = before?.locations ?? [];
    const linkIds = carried.has("service_at_location")
      ? [...stagedLinks.keys()]
      : [...beforeLinks.map((link) => link.id), ...[...stagedLinks.keys()].filter((linkId) => !beforeLinks.some((link) => link.id === linkId))];
    const seenLocations = new Set<string>();
    const serviceLocations: LinkAggregate[] = [];
    for (const linkId of linkIds) {
      const staged = stagedLinks.get(linkId);
      const previous = beforeLinks.find((link) => link.id === linkId);
      const locationId = (staged?.data.locationId as string | undefined) ?? previous?.locationId;
      if (!locationId || this.skippedLocations.has(locationId)) continue;
      if (staged && !referenced.locations.has(locationId)) {
        this.issues.error(staged.origin, "location_id", { key: "unknownReference", params: { value: locationId, entity: { key: "entity.location" } } });
        ok = false;
        continue;
      }
      if (seenLocations.has(locationId)) continue;
      seenLocations.add(locationId);
      const linkLists = new Set([...(staged?.lists ?? []), ...(links.linkPhones.has(linkId) ? ["phone" as const] : []), ...(links.linkSchedules.has(linkId) ? ["schedule" as const] : [])]);
      serviceLocations.push({
        id: linkId,
        locationId,
        position: serviceLocations.length,
        phones: linkLists.has("phone") ? this.phonesOf(linkId, links.linkPhones, links.languages, previous?.phones ?? []) : (previous?.phones ?? []),
        schedules: linkLists.has("schedule") ? this.schedulesOf(linkId, links.linkSchedules, previous?.schedules ?? []) : (previous?.schedules ?? []),
      });
    }

    if (!ok) return undefined;
    const languageRows = byKind.get("language")!.get(id) ?? [];
    const verifiedAt = typeof data?.verifiedAt === "string" ? new Date(data.verifiedAt).toISOString() : data?.assuredDate ? new Date(`${data.assuredDate}T00:00:00Z`).toISOString() : data ? null : (before?.verifiedAt ?? null);
    return {
      organizationId: organizationId!,
      slug: before?.slug ?? "",
      status: (data?.status as string | undefined) ?? before?.status ?? "active",
      state: merged ? this.state(before?.state) : before!.state,
      url: data ? (data.url ?? null) : before!.url,
      email: data ? (data.email ?? null) : before!.email,
      cost: (data?.cost as string | undefined) ?? (carried.has("cost_option") ? this.costFrom(byKind.get("cost_option")!.get(id) ?? []) : undefined) ?? before?.cost ?? "varies",
      audiences: (data?.audiences as string[] | undefined) ?? before?.audiences ?? ["anyone"],
      languages: carried.has("language") ? [...new Set(languageRows.map((row) => String(row.data.code)))] : (before?.languages ?? []),
      minimumAge: data ? (data.minimumAge ?? null) : before!.minimumAge,
      maximumAge: data ? (data.maximumAge ?? null) : before!.maximumAge,
      confidentialAddress: (data?.confidential as boolean | undefined) ?? before?.confidentialAddress ?? false,
      isSample: (data?.sample as boolean | undefined) ?? before?.isSample ?? false,
      sources: (data?.sources as unknown[] | undefined) ?? before?.sources ?? [],
      verifiedAt,
      verifiedByName: (data?.verifiedBy as string | undefined) ?? (verifiedAt === (before?.verifiedAt ?? null) ? (before?.verifiedByName ?? null) : null),
      translations,
      categories: categoryIds,
      phones: carried.has("phone") ? this.phonesOf(id, byKind.get("phone")!, links.languages, before?.phones ?? []) : (before?.phones ?? []),
      schedules: carried.has("schedule") ? this.schedulesOf(id, byKind.get("schedule")!, before?.schedules ?? []) : (before?.schedules ?? []),
      locations: serviceLocations,
    };
  }

  /** HSDS cost options → START's cost: free when every option costs nothing, paid when one has a price. */
  private costFrom(rows: StagedRow[]): string {
    const amounts = rows.map((row) => row.data.amount as number | null);
    if (amounts.length > 0 && amounts.every((amount) => amount === 0)) return "free";
    if (amounts.some((amount) => amount !== null && amount > 0)) return "paid";
    return "varies";
  }
}
