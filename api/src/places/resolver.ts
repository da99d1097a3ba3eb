import { and, eq, isNull } from "drizzle-orm";
import { places } from "@start/db";
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from "type-graphql";
import { treeComplexity } from "../graphql/complexity.js";
import type { RequestContext } from "../graphql/context.js";
import { notFound } from "../graphql/errors.js";
import { inLocaleOrder, Localized, LocalizedText, pickRequiredText, LOCALE_ARGUMENT } from "../graphql/localized.js";
import { idOrSlug } from "../graphql/references.js";
import type { LocaleChain } from "../i18n/locales.js";
import { placeLoaders, type PlaceRecord } from "./loaders.js";
import { Place, PlaceTranslation } from "./types.js";

/** Sorts places by their name in the requested locale. */
export function sortPlaces(rows: PlaceRecord[], chain: LocaleChain): PlaceRecord[] {
  const collator = new Intl.Collator(chain.requested);
  const name = (row: PlaceRecord) => pickRequiredText(row.translations, (t) => t.name, chain).text || row.slug;
  return [...rows].sort((a, b) => collator.compare(name(a), name(b)));
}

@Resolver(() => Place)
export class PlaceResolver {
  @Query(() => [Place], {
    description: "The tree of places: the countries, each with its `children` (regions, municipalities, cities).",
    complexity: treeComplexity,
  })
  @Localized()
  async places(
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg("locale", () => String, LOCALE_ARGUMENT) _locale?: string,
  ): Promise<PlaceRecord[]> {
    const all = await context.loaders.use(placeLoaders).all();
    return sortPlaces(
      all.filter((place) => place.parentId === null),
      context.locales.chainFor(info),
    );
  }

  @Query(() => Place, { nullable: true, description: "One place, by id or by slug." })
  @Localized()
  async place(
    @Ctx() context: RequestContext,
    @Arg("id", () => ID, { nullable: true }) id?: string,
    @Arg("slug", () => String, { nullable: true }) slug?: string,
    @Arg("locale", () => String, LOCALE_ARGUMENT) _locale?: string,
  ): Promise<PlaceRecord> {
    const key = idOrSlug(id, slug);
    const row = await context.db.query.places.findFirst({
      where: and(key.id ? eq(places.id, key.id) : eq(places.slug, key.slug!), isNull(places.archivedAt)),
      with: { translations: true, aliases: { columns: { alias: true } } },
    });
    if (!row) throw notFound("place");
    context.loaders.use(placeLoaders).byId.prime(row.id, row);
    return row;
  }

  @FieldResolver(() => LocalizedText)
  name(@Root() place: PlaceRecord, @Ctx() context: RequestContext, @Info() info: GraphQLResolveInfo): LocalizedText {
    return pickRequiredText(place.translations, (t) => t.name, context.locales.chainFor(info));
  }

  @FieldResolver(() => [String], {
    description: "Other spellings people type: transliterations (Trablus, Tarabulus), old names, short forms.",
  })
  aliases(@Root() place: PlaceRecord): string[] {
    return place.aliases.map((alias) => alias.alias).sort();
  }

  @FieldResolver(() => Place, { nullable: true, description: "The place this one is in (null for a country)." })
  async parent(@Root() place: PlaceRecord, @Ctx() context: RequestContext): Promise<PlaceRecord | null> {
    return place.parentId ? context.loaders.use(placeLoaders).byId.load(place.parentId) : null;
  }

  @FieldResolver(() => [Place], { description: "The places directly inside this one, by name." })
  async children(@Root() place: PlaceRecord, @Ctx() context: RequestContext, @Info() info: GraphQLResolveInfo): Promise<PlaceRecord[]> {
    return sortPlaces(await context.loaders.use(placeLoaders).childrenOf.load(place.id), context.locales.chainFor(info));
  }

  @FieldResolver(() => [PlaceTranslation], { description: "The name in every locale (requested locale first)." })
  translations(@Root() place: PlaceRecord, @Ctx() context: RequestContext, @Info() info: GraphQLResolveInfo): PlaceTranslation[] {
    return inLocaleOrder(place.translations, context.locales.chainFor(info));
  }
}
