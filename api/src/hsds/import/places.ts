import { inArray, like, or } from "drizzle-orm";
import { type Executor, normalize, organizations, places, placeTranslations, services, categories } from "@start/db";
import { isCountryCode } from "@start/db/rules";
import type { Issues, Origin } from "./issues.js";

/** A slug from a name: accents folded, lower case, words joined by hyphens ("Clinique de Sebha" → "clinique-de-sebha"). */
export function slugify(text: string, separator = "-"): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, separator)
    .replace(new RegExp(`^\\${separator}+|\\${separator}+$`, "g"), "")
    .slice(0, 60)
    .replace(new RegExp(`\\${separator}+$`), "");
}

const SLUG_TABLES = { services, organizations, places } as const;

/**
 * Unique slugs for new records (or records whose slug the import changes): the wanted slug if it is
 * free, else the first free of wanted-2, wanted-3… Slugs given out earlier in the same import count
 * as taken. One query per batch.
 */
export async function assignSlugs(
  db: Executor,
  tableName: keyof typeof SLUG_TABLES,
  requests: { id: string; wanted: string }[],
  reserved: Set<string>,
): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  if (requests.length === 0) return result;
  const target = SLUG_TABLES[tableName];
  const bases = [...new Set(requests.map((request) => request.wanted))];
  const taken = new Map<string, string>();
  const remember = (rows: { id: string; slug: string }[]) => rows.forEach((row) => taken.set(row.slug, row.id));
  // Exact matches first (the unique index answers); suffixed variants only for bases that are taken.
  remember(await db.select({ id: target.id, slug: target.slug }).from(target).where(inArray(target.slug, bases)));
  const clashing = bases.filter((base) => taken.has(base) || reserved.has(base));
  for (let start = 0; start < clashing.length; start += 100) {
    const chunk = clashing.slice(start, start + 100);
    remember(await db.select({ id: target.id, slug: target.slug }).from(target).where(or(...chunk.map((base) => like(target.slug, `${base}-%`)))));
  }
  for (const { id, wanted } of requests) {
    let slug = wanted;
    for (let suffix = 2; (taken.has(slug) && taken.get(slug) !== id) || reserved.has(slug); suffix++) slug = `${wanted}-${suffix}`;
    reserved.add(slug);
    result.set(id, slug);
  }
  return result;
}

/** A valid START category code from an HSDS term's code or name ("Mental Health" → "mental_health"). */
export async function assignCategoryCode(db: Executor, wanted: string, reserved: Set<string>): Promise<string> {
  const base = wanted
    .split(".")
    .map((part) => slugify(part, "_"))
    .filter(Boolean)
    .join(".") || "term";
  const rows = await db.select({ code: categories.code }).from(categories).where(or(like(categories.code, base), like(categories.code, `${base}_%`)));
  const taken = new Set(rows.map((row) => row.code));
  let code = base;
  for (let suffix = 2; taken.has(code) || reserved.has(code); suffix++) code = `${base}_${suffix}`;
  reserved.add(code);
  return code;
}

interface KnownPlace {
  id: string;
  slug: string;
  kind: string;
  countryCode: string;
  names: Set<string>;
  label: string;
}

export interface AddressInput {
  city?: string;
  region?: string;
  stateProvince?: string;
  country?: string;
}

/**
 * Finds the START place an HSDS address is in: its town (any locale's name or an alias), else its
 * region, else its country. A country START does not have yet is created (names from the ICU data
 * Node ships, in every locale; time zone from the same), so that the specification's own examples
 * and partners abroad can be imported; the import reports it.
 */
export class PlaceResolver {
  private known: KnownPlace[] = [];

  constructor(
    private readonly db: Executor,
    private readonly enabled: readonly string[],
    private readonly onCreated: (place: typeof places.$inferSelect, names: Record<string, string>) => Promise<void>,
  ) {}

  async load(): Promise<void> {
    const rows = await this.db.query.places.findMany({ with: { translations: true, aliases: true } });
    this.known = rows
      .filter((row) => row.archivedAt === null)
      .map((row) => ({
        id: row.id,
        slug: row.slug,
        kind: row.kind,
        countryCode: row.countryCode,
        names: new Set([...row.translations.map((t) => normalize(t.name)), ...row.aliases.map((a) => normalize(a.alias)), normalize(row.slug.replace(/-/g, " "))]),
        label: row.translations.find((t) => t.locale === "en")?.name ?? row.translations[0]?.name ?? row.slug,
      }));
  }

  has(id: string): boolean {
    return this.known.some((place) => place.id === id);
  }

  private match(text: string | undefined, kinds: string[], countryCode?: string): KnownPlace | undefined {
    if (!text) return undefined;
    const wanted = normalize(text);
    return this.known.find(
      (place) => kinds.includes(place.kind) && (!countryCode || place.countryCode === countryCode) && place.names.has(wanted),
    );
  }

  private async country(value: string | undefined, origin: Origin, issues: Issues): Promise<KnownPlace | undefined | "invalid"> {
    if (!value) return undefined;
    const code = value.trim().toUpperCase();
    if (isCountryCode(code)) {
      const existing = this.known.find((place) => place.kind === "country" && place.countryCode === code);
      if (existing) return existing;
      const english = new Intl.DisplayNames(["en"], { type: "region", fallback: "none" }).of(code);
      if (!english) return "invalid";
      const created = await this.createCountry(code, english);
      issues.warn(`placeCreated:${code}`, origin, "country", { key: "placeCreated", params: { code, name: english } });
      return created;
    }
    return this.match(value, ["country"]) ?? "invalid";
  }

  private async createCountry(code: string, english: string): Promise<KnownPlace> {
    const names = Object.fromEntries(
      this.enabled.map((locale) => [locale, new Intl.DisplayNames([locale], { type: "region", fallback: "code" }).of(code) ?? code]),
    );
    const zones = (new Intl.Locale(`und-${code}`) as Intl.Locale & { timeZones?: string[] }).timeZones;
    const [slug] = (await assignSlugs(this.db, "places", [{ id: code, wanted: slugify(english) || code.toLowerCase() }], new Set())).values();
    const [place] = await this.db
      .insert(places)
      .values({ slug: slug!, kind: "country", countryCode: code, timeZone: zones?.[0] ?? "UTC" })
      .returning();
    const rows = Object.entries(names).map(([locale, name]) => ({ placeId: place!.id, locale, name }));
    if (rows.length > 0) await this.db.insert(placeTranslations).values(rows);
    await this.onCreated(place!, names);
    const known: KnownPlace = {
      id: place!.id,
      slug: place!.slug,
      kind: "country",
      countryCode: code,
      names: new Set([...Object.values(names).map(normalize), normalize(code)]),
      label: english,
    };
    this.known.push(known);
    return known;
  }

  /** The place of an address, or undefined (reported) when it cannot be told. */
  async resolve(address: AddressInput, origin: Origin, issues: Issues): Promise<string | undefined> {
    const country = await this.country(address.country, origin, issues);
    if (country === "invalid") {
      issues.error(origin, "country", { key: "missingPlace" });
      return undefined;
    }
    const code = country?.countryCode;
    const town = this.match(address.city, ["municipality", "city"], code) ?? this.match(address.city, ["region"], code);
    if (town) return town.id;
    const region = this.match(address.stateProvince, ["region", "municipality", "city"], code) ?? this.match(address.region, ["region"], code);
    if (region) {
      if (address.city) issues.warn(`placeApproximate:${address.city}`, origin, "city", { key: "placeApproximate", params: { city: address.city, place: region.label } });
      return region.id;
    }
    if (country) {
      if (address.city) issues.warn(`placeApproximate:${address.city}`, origin, "city", { key: "placeApproximate", params: { city: address.city, place: country.label } });
      return country.id;
    }
    issues.error(origin, "city", { key: "missingPlace" });
    return undefined;
  }
}
