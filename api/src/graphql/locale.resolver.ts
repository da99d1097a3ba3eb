import { Ctx, Query, Resolver } from "type-graphql";
import type { RequestContext } from "./context.js";
import { Locale } from "./common-types.js";
import { Localized } from "./localized.js";

@Resolver()
export class LocaleResolver {
  @Query(() => [Locale], { description: "The locales START publishes in, in the platform's order (Arabic first)." })
  @Localized()
  async locales(@Ctx() context: RequestContext): Promise<Locale[]> {
    return context.locales.available();
  }
}
