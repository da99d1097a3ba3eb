import { createHash, randomBytes, randomUUID } from "node:crypto";
import {
  alertOrganizations,
  alertPlaces,
  alerts,
  alertServices,
  alertTranslations,
  categories,
  categoryTranslations,
  type Database,
  locales,
  locations,
  memberships,
  sessions,
  users,
  locationTranslations,
  organizations,
  organizationTranslations,
  phones,
  phoneTranslations,
  placeAliases,
  places,
  placeTranslations,
  rightsArticles,
  rightsArticleTranslations,
  schedulePeriods,
  schedules,
  scheduleTranslations,
  serviceAtLocations,
  serviceCategories,
  services,
  serviceTranslations,
  vacancies,
  vacancyTranslations,
} from "@start/db";

type State = "draft" | "in_review" | "published" | "rejected" | "archived";
export type RoleName = "org_editor" | "ministry_publisher" | "moderator" | "admin";
type Texts<T> = Partial<Record<string, T>>;

/** Weekly hours: [ISO weekday (1 = Monday), "HH:MM", "HH:MM"]. */
export type Period = [number, string, string];

export interface ScheduleSpec {
  periods: Period[];
  notes?: Texts<string>;
  validFrom?: string;
  validTo?: string;
}

export interface PhoneSpec {
  number: string;
  type?: "voice" | "whatsapp" | "sms" | "hotline" | "fax";
  languages?: string[];
  description?: Texts<string>;
}

export interface LocationSpec {
  place: string;
  latitude?: number;
  longitude?: number;
  texts?: Texts<{ name?: string; address?: string }>;
  /** Hours of the service at this location. */
  schedules?: ScheduleSpec[];
  /** Hours of the location itself (used when neither the service at the location nor the service has any). */
  locationSchedules?: ScheduleSpec[];
  /** Phones of the service at this location. */
  phones?: PhoneSpec[];
  /** Phones of the location itself (shared by every service delivered there). */
  locationPhones?: PhoneSpec[];
  archived?: boolean;
}

export interface ServiceSpec {
  slug: string;
  organization: string;
  state?: State;
  archived?: boolean;
  status?: "active" | "inactive" | "defunct" | "temporarily closed";
  cost?: "free" | "paid" | "varies";
  audiences?: Array<"migrants_in_libya" | "libyans_abroad" | "idps" | "returnees" | "women" | "children" | "anyone">;
  languages?: string[];
  categories?: string[];
  texts: Texts<{ name: string; description?: string; eligibility?: string; documents?: string[] }>;
  locations?: LocationSpec[];
  phones?: PhoneSpec[];
  schedules?: ScheduleSpec[];
  confidentialAddress?: boolean;
  verifiedAt?: Date;
}

/**
 * Builds test data straight into the database, through drizzle (so the search triggers run as they
 * do for the seed and the editor). Records are named by slug (places, organizations, services…)
 * and category code; `id(slug)` gives the generated id.
 */
export class Fixtures {
  private readonly ids = new Map<string, string>();

  constructor(readonly db: Database) {}

  id(key: string): string {
    const id = this.ids.get(key);
    if (!id) throw new Error(`fixtures: nothing called ${key}`);
    return id;
  }

  private remember(key: string): string {
    const id = randomUUID();
    this.ids.set(key, id);
    return id;
  }

  async locales(): Promise<void> {
    await this.db.insert(locales).values([
      { code: "ar", autonym: "العربية", direction: "rtl", position: 0 },
      { code: "en", autonym: "English", direction: "ltr", position: 1 },
      { code: "fr", autonym: "Français", direction: "ltr", position: 2 },
    ]);
  }

  async place(spec: {
    slug: string;
    kind: "country" | "region" | "municipality" | "city";
    parent?: string;
    country?: string;
    timeZone?: string;
    names: Texts<string>;
    aliases?: string[];
    latitude?: number;
    longitude?: number;
  }): Promise<string> {
    const id = this.remember(`place:${spec.slug}`);
    await this.db.insert(places).values({
      id,
      slug: spec.slug,
      kind: spec.kind,
      parentId: spec.parent ? this.id(`place:${spec.parent}`) : null,
      countryCode: spec.country ?? "LY",
      timeZone: spec.timeZone ?? "Africa/Tripoli",
      latitude: spec.latitude ?? null,
      longitude: spec.longitude ?? null,
    });
    await this.db.insert(placeTranslations).values(
      Object.entries(spec.names).map(([locale, name]) => ({ placeId: id, locale, name: name! })),
    );
    if (spec.aliases?.length) await this.db.insert(placeAliases).values(spec.aliases.map((alias) => ({ placeId: id, alias })));
    return id;
  }

  async category(spec: { code: string; parent?: string; position?: number; names: Texts<string>; archived?: boolean }): Promise<string> {
    const id = this.remember(`category:${spec.code}`);
    await this.db.insert(categories).values({
      id,
      code: spec.code,
      parentId: spec.parent ? this.id(`category:${spec.parent}`) : null,
      position: spec.position ?? 0,
      archivedAt: spec.archived ? new Date() : null,
    });
    await this.db.insert(categoryTranslations).values(
      Object.entries(spec.names).map(([locale, name]) => ({ categoryId: id, locale, name: name! })),
    );
    return id;
  }

  async organization(spec: {
    slug: string;
    kind?: "government" | "un_agency" | "international_ngo" | "national_ngo";
    state?: State;
    names: Texts<string>;
    website?: string;
    email?: string;
    phones?: PhoneSpec[];
  }): Promise<string> {
    const id = this.remember(`organization:${spec.slug}`);
    await this.db.insert(organizations).values({
      id,
      slug: spec.slug,
      kind: spec.kind ?? "national_ngo",
      state: spec.state ?? "published",
      website: spec.website ?? null,
      email: spec.email ?? null,
    });
    await this.db.insert(organizationTranslations).values(
      Object.entries(spec.names).map(([locale, name]) => ({ organizationId: id, locale, name: name! })),
    );
    await this.addPhones({ organizationId: id }, spec.phones);
    return id;
  }

  private async addPhones(owner: Partial<Record<"organizationId" | "serviceId" | "locationId" | "serviceAtLocationId", string>>, specs: PhoneSpec[] = []) {
    for (const [position, spec] of specs.entries()) {
      const id = randomUUID();
      await this.db.insert(phones).values({
        id,
        ...owner,
        number: spec.number,
        type: spec.type ?? "voice",
        languages: spec.languages ?? [],
        position,
      });
      const descriptions = Object.entries(spec.description ?? {});
      if (descriptions.length) {
        await this.db.insert(phoneTranslations).values(descriptions.map(([locale, description]) => ({ phoneId: id, locale, description: description! })));
      }
    }
  }

  private async addSchedules(owner: Partial<Record<"serviceId" | "locationId" | "serviceAtLocationId", string>>, specs: ScheduleSpec[] = []) {
    for (const spec of specs) {
      const id = randomUUID();
      await this.db.insert(schedules).values({ id, ...owner, validFrom: spec.validFrom ?? null, validTo: spec.validTo ?? null });
      if (spec.periods.length) {
        await this.db.insert(schedulePeriods).values(
          spec.periods.map(([weekday, opensAt, closesAt]) => ({ scheduleId: id, weekday, opensAt, closesAt })),
        );
      }
      const notes = Object.entries(spec.notes ?? {});
      if (notes.length) await this.db.insert(scheduleTranslations).values(notes.map(([locale, text]) => ({ scheduleId: id, locale, notes: text! })));
    }
  }

  async service(spec: ServiceSpec): Promise<string> {
    const id = this.remember(`service:${spec.slug}`);
    const organizationId = this.id(`organization:${spec.organization}`);
    await this.db.insert(services).values({
      id,
      slug: spec.slug,
      organizationId,
      state: spec.state ?? "published",
      status: spec.status ?? "active",
      cost: spec.cost ?? "free",
      audiences: spec.audiences ?? ["anyone"],
      languages: spec.languages ?? ["ar"],
      confidentialAddress: spec.confidentialAddress ?? false,
      verifiedAt: spec.verifiedAt ?? null,
      archivedAt: spec.archived ? new Date() : null,
    });
    await this.db.insert(serviceTranslations).values(
      Object.entries(spec.texts).map(([locale, text]) => ({
        serviceId: id,
        locale,
        name: text!.name,
        description: text!.description ?? null,
        eligibilityDescription: text!.eligibility ?? null,
        requiredDocuments: text!.documents ?? [],
      })),
    );
    if (spec.categories?.length) {
      await this.db.insert(serviceCategories).values(spec.categories.map((code) => ({ serviceId: id, categoryId: this.id(`category:${code}`) })));
    }
    for (const [position, location] of (spec.locations ?? []).entries()) {
      const locationId = randomUUID();
      await this.db.insert(locations).values({
        id: locationId,
        organizationId,
        placeId: this.id(`place:${location.place}`),
        latitude: location.latitude ?? null,
        longitude: location.longitude ?? null,
        archivedAt: location.archived ? new Date() : null,
      });
      const texts = Object.entries(location.texts ?? {});
      if (texts.length) {
        await this.db.insert(locationTranslations).values(
          texts.map(([locale, text]) => ({ locationId, locale, name: text!.name ?? null, address: text!.address ?? null })),
        );
      }
      const linkId = randomUUID();
      await this.db.insert(serviceAtLocations).values({ id: linkId, serviceId: id, locationId, position });
      await this.addSchedules({ serviceAtLocationId: linkId }, location.schedules);
      await this.addSchedules({ locationId }, location.locationSchedules);
      await this.addPhones({ serviceAtLocationId: linkId }, location.phones);
      await this.addPhones({ locationId }, location.locationPhones);
    }
    await this.addPhones({ serviceId: id }, spec.phones);
    await this.addSchedules({ serviceId: id }, spec.schedules);
    return id;
  }

  async rightsArticle(spec: {
    slug: string;
    country: string;
    topic?: string;
    audience?: "migrants_in_libya" | "libyans_abroad" | "anyone" | "women";
    state?: State;
    reviewedOn?: string;
    texts: Texts<{ title: string; summary?: string; body?: string }>;
  }): Promise<string> {
    const id = this.remember(`rights:${spec.slug}`);
    await this.db.insert(rightsArticles).values({
      id,
      slug: spec.slug,
      topic: spec.topic ?? "health-care",
      countryId: this.id(`place:${spec.country}`),
      audience: spec.audience ?? "anyone",
      reviewedOn: spec.reviewedOn ?? "2026-01-15",
      state: spec.state ?? "published",
    });
    await this.db.insert(rightsArticleTranslations).values(
      Object.entries(spec.texts).map(([locale, text]) => ({
        articleId: id,
        locale,
        title: text!.title,
        summary: text!.summary ?? text!.title,
        body: text!.body ?? text!.title,
      })),
    );
    return id;
  }

  async vacancy(spec: {
    slug: string;
    organization: string;
    place: string;
    sector?: string;
    employmentType?: "full_time" | "part_time" | "temporary" | "contractor";
    state?: State;
    publishedOn?: string;
    deadline: string;
    closed?: boolean;
    texts: Texts<{ title: string; description?: string }>;
  }): Promise<string> {
    const id = this.remember(`vacancy:${spec.slug}`);
    await this.db.insert(vacancies).values({
      id,
      slug: spec.slug,
      organizationId: this.id(`organization:${spec.organization}`),
      placeId: this.id(`place:${spec.place}`),
      sector: spec.sector ?? "health",
      employmentType: spec.employmentType ?? "full_time",
      recruitmentChannel: "labour_office",
      publishedOn: spec.publishedOn ?? null,
      deadline: spec.deadline,
      closedAt: spec.closed ? new Date() : null,
      state: spec.state ?? "published",
    });
    await this.db.insert(vacancyTranslations).values(
      Object.entries(spec.texts).map(([locale, text]) => ({ vacancyId: id, locale, title: text!.title, description: text!.description ?? null })),
    );
    return id;
  }

  async alert(spec: {
    key: string;
    /** A place it concerns (by fixture key); `places`, `organizations` and `services` name more. */
    place?: string;
    places?: string[];
    organizations?: string[];
    services?: string[];
    severity?: "info" | "warning" | "danger";
    state?: State;
    validFrom: Date;
    validUntil?: Date;
    /** A closure: the last day (Libya) the services it names are closed. */
    closedUntil?: string;
    texts: Texts<{ title: string; body?: string }>;
  }): Promise<string> {
    const id = this.remember(`alert:${spec.key}`);
    await this.db.insert(alerts).values({
      id,
      severity: spec.severity ?? "info",
      validFrom: spec.validFrom,
      validUntil: spec.validUntil ?? null,
      closedUntil: spec.closedUntil ?? null,
      state: spec.state ?? "published",
    });
    await this.db.insert(alertTranslations).values(
      Object.entries(spec.texts).map(([locale, text]) => ({ alertId: id, locale, title: text!.title, body: text!.body ?? null })),
    );
    const places = [...(spec.place ? [spec.place] : []), ...(spec.places ?? [])];
    if (places.length) await this.db.insert(alertPlaces).values(places.map((key) => ({ alertId: id, placeId: this.id(`place:${key}`) })));
    if (spec.organizations?.length) {
      await this.db.insert(alertOrganizations).values(spec.organizations.map((key) => ({ alertId: id, organizationId: this.id(`organization:${key}`) })));
    }
    if (spec.services?.length) await this.db.insert(alertServices).values(spec.services.map((key) => ({ alertId: id, serviceId: this.id(`service:${key}`) })));
    return id;
  }

  /**
   * A user with roles (organization roles name the organization by slug). Without a password the
   * account can still be used through `session()`; with one it can sign in (argon2id, via the API's
   * own hashing, so it is slower).
   */
  async user(spec: {
    key: string;
    email?: string;
    displayName?: string;
    passwordHash?: string;
    roles?: Array<{ role: RoleName; organization?: string }>;
  }): Promise<string> {
    const id = this.remember(`user:${spec.key}`);
    await this.db.insert(users).values({
      id,
      email: spec.email ?? `${spec.key}@example.org`,
      displayName: spec.displayName ?? spec.key,
      passwordHash: spec.passwordHash ?? null,
    });
    for (const role of spec.roles ?? []) {
      await this.db.insert(memberships).values({
        userId: id,
        role: role.role,
        organizationId: role.organization ? this.id(`organization:${role.organization}`) : null,
      });
    }
    return id;
  }

  /** Opens a session for a user straight in the database; returns its token (send it as a bearer token or the cookie). */
  async session(userKey: string, options: { expiresInHours?: number } = {}): Promise<string> {
    const token = randomBytes(32).toString("base64url");
    await this.db.insert(sessions).values({
      userId: this.id(`user:${userKey}`),
      tokenHash: createHash("sha256").update(token).digest("hex"),
      expiresAt: new Date(Date.now() + (options.expiresInHours ?? 12) * 3_600_000),
    });
    return token;
  }

  /**
   * A small world most tests share: the three locales; Libya (Tripoli region with Tripoli and
   * Janzour, Fezzan with Sabha), Tunisia with Tunis (another time zone); a few categories.
   */
  async world(): Promise<void> {
    await this.locales();
    await this.place({ slug: "libya", kind: "country", names: { ar: "ليبيا", en: "Libya", fr: "Libye" }, aliases: ["Libia"] });
    await this.place({ slug: "tripoli-region", kind: "region", parent: "libya", names: { ar: "منطقة طرابلس", en: "Tripoli region", fr: "Région de Tripoli" } });
    await this.place({
      slug: "tripoli",
      kind: "municipality",
      parent: "tripoli-region",
      names: { ar: "طرابلس", en: "Tripoli", fr: "Tripoli" },
      aliases: ["Trablus", "Tarabulus"],
      latitude: 32.8872,
      longitude: 13.1913,
    });
    await this.place({
      slug: "janzour",
      kind: "municipality",
      parent: "tripoli-region",
      names: { ar: "جنزور", en: "Janzour", fr: "Janzour" },
      aliases: ["Janzur"],
      latitude: 32.8175,
      longitude: 13.0106,
    });
    await this.place({ slug: "fezzan", kind: "region", parent: "libya", names: { ar: "فزان", en: "Fezzan", fr: "Fezzan" } });
    await this.place({
      slug: "sabha",
      kind: "municipality",
      parent: "fezzan",
      names: { ar: "سبها", en: "Sabha", fr: "Sebha" },
      aliases: ["Sebha"],
      latitude: 27.0377,
      longitude: 14.4283,
    });
    await this.place({
      slug: "tunisia",
      kind: "country",
      country: "TN",
      timeZone: "Africa/Tunis",
      names: { ar: "تونس", en: "Tunisia", fr: "Tunisie" },
    });
    await this.place({
      slug: "tunis",
      kind: "city",
      parent: "tunisia",
      country: "TN",
      timeZone: "Africa/Tunis",
      names: { ar: "تونس العاصمة", en: "Tunis", fr: "Tunis" },
      latitude: 36.8065,
      longitude: 10.1815,
    });
    await this.category({ code: "health", position: 1, names: { ar: "الصحة", en: "Health", fr: "Santé" } });
    await this.category({ code: "health.primary_care", parent: "health", names: { ar: "الرعاية الصحية الأولية", en: "Primary health care", fr: "Soins de santé primaires" } });
    await this.category({ code: "health.mental_health", parent: "health", position: 1, names: { ar: "الصحة النفسية", en: "Mental health", fr: "Santé mentale" } });
    await this.category({ code: "protection", position: 2, names: { ar: "الحماية", en: "Protection", fr: "Protection" } });
    await this.category({ code: "protection.gbv", parent: "protection", names: { ar: "العنف القائم على النوع الاجتماعي", en: "Gender-based violence", fr: "Violences basées sur le genre" } });
    await this.category({ code: "legal_aid", position: 3, names: { ar: "المساعدة القانونية", en: "Legal aid", fr: "Aide juridique" } });
  }
}
