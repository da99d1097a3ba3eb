import { asc, eq } from "drizzle-orm";
import { type Database, locales } from "@start/db";
import type { GraphQLResolveInfo } from "graphql";
import { badInput } from "../graphql/errors.js";
import { KeptPerGeneration, type RequestGeneration } from "../search/generation.js";
import { isMessageLocale } from "./messages.js";
import { negotiateLocale } from "./negotiate.js";
import type { RequestScope } from "../server/request-scope.js";

export interface LocaleInfo {
  code: string;
  autonym: string;
  direction: string;
  position: number;
}

/**
 * The locales to try, in order, for one part of a response: the requested one first, then the
 * other enabled locales in their configured order (locales.position: Arabic, English, French).
 */
export interface LocaleChain {
  requested: string;
  order: readonly string[];
}

/** The preferred platform locale: Arabic comes first. */
export const DEFAULT_LOCALE = "ar";

/**
 * The enabled locales, in order, kept per search generation: every change to the locales table
 * moves it on (migration 0006), so a request that has read the generation (as a search must)
 * needs no statement of its own for them.
 */
const enabledLocales = new KeptPerGeneration<LocaleInfo[]>(
  // Awaited here: a drizzle query runs again each time it is awaited.
  async (db) =>
    await db
      .select({ code: locales.code, autonym: locales.autonym, direction: locales.direction, position: locales.position })
      .from(locales)
      .where(eq(locales.enabled, true))
      .orderBy(asc(locales.position), asc(locales.code)),
);

/**
 * Per-request locale handling. Each root field may name its own `locale`; the fields below it
 * resolve in that locale (found from the resolver's path), else in the Accept-Language choice.
 */
export class RequestLocales {
  private enabled?: Promise<LocaleInfo[]>;
  private readonly chains = new Map<string, LocaleChain>();
  private fallbackChain?: LocaleChain;

  constructor(
    private readonly db: Database,
    private readonly scope: RequestScope,
    private readonly generation: RequestGeneration,
  ) {}

  /** The enabled locales, in order: the request's search generation, then the locales kept for it (read once per generation). */
  available(): Promise<LocaleInfo[]> {
    this.enabled ??= this.generation.current().then((generation) => enabledLocales.at(this.db, generation));
    return this.enabled;
  }

  /** Settles the locale of a root field (its `locale` argument, else Accept-Language, else Arabic). */
  async enter(info: GraphQLResolveInfo, requested: string | null | undefined): Promise<LocaleChain> {
    const available = (await this.available()).map((locale) => locale.code);
    let chosen: string;
    if (requested != null) {
      const exact = available.find((code) => code.toLowerCase() === requested.trim().toLowerCase());
      if (!exact) throw badInput("unknownLocale", { locale: requested, available: available.join(", ") }, "locale");
      chosen = exact;
      if (isMessageLocale(chosen)) this.scope.messageLocale = chosen;
    } else {
      chosen =
        negotiateLocale(this.scope.acceptLanguage, available) ??
        (available.includes(DEFAULT_LOCALE) ? DEFAULT_LOCALE : (available[0] ?? DEFAULT_LOCALE));
    }
    const chain: LocaleChain = { requested: chosen, order: [chosen, ...available.filter((code) => code !== chosen)] };
    this.chains.set(rootKey(info), chain);
    this.fallbackChain ??= chain;
    return chain;
  }

  /** The chain for a field anywhere below a root field that has entered. */
  chainFor(info: GraphQLResolveInfo): LocaleChain {
    const chain = this.chains.get(rootKey(info)) ?? this.fallbackChain;
    if (!chain) throw new Error(`no locale was settled for ${rootKey(info)}: the root field must use @Localized()`);
    return chain;
  }
}

function rootKey(info: GraphQLResolveInfo): string {
  let path = info.path;
  while (path.prev) path = path.prev;
  return String(path.key);
}
