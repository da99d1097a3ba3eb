import { and, eq, isNull } from "drizzle-orm";
import { categories } from "@start/db";
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from "type-graphql";
import { treeComplexity } from "../graphql/complexity.js";
import type { RequestContext } from "../graphql/context.js";
import { badInput, notFound } from "../graphql/errors.js";
import { inLocaleOrder, Localized, LocalizedText, pickRequiredText, pickText, LOCALE_ARGUMENT } from "../graphql/localized.js";
import { isUuid } from "../graphql/relay.js";
import { categoryLoaders, type CategoryRecord } from "./loaders.js";
import { Category, CategoryTranslation } from "./types.js";

@Resolver(() => Category)
export class CategoryResolver {
  @Query(() => [Category], {
    description: "The category tree: the top-level categories, each with its `children`.",
    complexity: treeComplexity,
  })
  @Localized()
  async categories(
    @Ctx() context: RequestContext,
    @Arg("locale", () => String, LOCALE_ARGUMENT) _locale?: string,
  ): Promise<CategoryRecord[]> {
    const all = await context.loaders.use(categoryLoaders).all();
    return all.filter((category) => category.parentId === null);
  }

  @Query(() => Category, { nullable: true, description: "One category, by id or by code." })
  @Localized()
  async category(
    @Ctx() context: RequestContext,
    @Arg("id", () => ID, { nullable: true }) id?: string,
    @Arg("code", () => String, { nullable: true }) code?: string,
    @Arg("locale", () => String, LOCALE_ARGUMENT) _locale?: string,
  ): Promise<CategoryRecord> {
    if ((id == null) === (code == null)) throw badInput("idOrSlugRequired");
    if (id != null && !isUuid(id)) throw badInput("invalidId", { value: id }, "id");
    const row = await context.db.query.categories.findFirst({
      where: and(id != null ? eq(categories.id, id) : eq(categories.code, code!), isNull(categories.archivedAt)),
      with: { translations: true },
    });
    if (!row) throw notFound("category");
    return row;
  }

  @FieldResolver(() => LocalizedText)
  name(@Root() category: CategoryRecord, @Ctx() context: RequestContext, @Info() info: GraphQLResolveInfo): LocalizedText {
    return pickRequiredText(category.translations, (t) => t.name, context.locales.chainFor(info));
  }

  @FieldResolver(() => LocalizedText, { nullable: true })
  description(@Root() category: CategoryRecord, @Ctx() context: RequestContext, @Info() info: GraphQLResolveInfo): LocalizedText | null {
    return pickText(category.translations, (t) => t.description, context.locales.chainFor(info));
  }

  @FieldResolver(() => Category, { nullable: true })
  async parent(@Root() category: CategoryRecord, @Ctx() context: RequestContext): Promise<CategoryRecord | null> {
    return category.parentId ? context.loaders.use(categoryLoaders).byId.load(category.parentId) : null;
  }

  @FieldResolver(() => [Category], { description: "The categories directly below this one, in display order." })
  async children(@Root() category: CategoryRecord, @Ctx() context: RequestContext): Promise<CategoryRecord[]> {
    return context.loaders.use(categoryLoaders).childrenOf.load(category.id);
  }

  @FieldResolver(() => Int, { description: "How many published services are in this category or below it." })
  async serviceCount(@Root() category: CategoryRecord, @Ctx() context: RequestContext): Promise<number> {
    return context.loaders.use(categoryLoaders).serviceCount.load(category.id);
  }

  @FieldResolver(() => [CategoryTranslation], { description: "Name and description in every locale (requested locale first)." })
  translations(@Root() category: CategoryRecord, @Ctx() context: RequestContext, @Info() info: GraphQLResolveInfo): CategoryTranslation[] {
    return inLocaleOrder(category.translations, context.locales.chainFor(info));
  }
}
