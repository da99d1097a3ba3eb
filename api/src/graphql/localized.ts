import { Field, ObjectType, UseMiddleware, type MiddlewareFn } from "type-graphql";
import type { LocaleChain } from "../i18n/locales.js";
import type { RequestContext } from "./context.js";

const FALLBACK_DESCRIPTION =
  "Resolved in the requested locale (the root field's `locale` argument, else the Accept-Language header, else Arabic); " +
  "when that locale has no text, in the first enabled locale that has it, in the platform's order (Arabic, English, French). " +
  "`locale` says which one it is and `isFallback` whether it differs from the requested one.";

@ObjectType({ description: `A text in one locale. ${FALLBACK_DESCRIPTION}` })
export class LocalizedText {
  @Field(() => String)
  text!: string;

  @Field(() => String, { description: "The locale the text is in (BCP 47 code: ar, en, fr…)." })
  locale!: string;

  @Field(() => Boolean, { description: "True when the text is not in the requested locale." })
  isFallback!: boolean;
}

@ObjectType({ description: `A list of texts in one locale (for example documents to bring). ${FALLBACK_DESCRIPTION}` })
export class LocalizedTextList {
  @Field(() => [String])
  items!: string[];

  @Field(() => String)
  locale!: string;

  @Field(() => Boolean)
  isFallback!: boolean;
}

interface HasLocale {
  locale: string;
}

/** The first non-blank value of a field along the locale chain. */
export function pickText<T extends HasLocale>(
  rows: readonly T[],
  read: (row: T) => string | null | undefined,
  chain: LocaleChain,
): LocalizedText | null {
  for (const locale of chain.order) {
    const row = rows.find((candidate) => candidate.locale === locale);
    const value = row ? read(row) : undefined;
    if (value != null && value.trim() !== "") return { text: value, locale, isFallback: locale !== chain.requested };
  }
  return null;
}

/** Like pickText, for a field that must have a value: falls back to any locale rather than null. */
export function pickRequiredText<T extends HasLocale>(
  rows: readonly T[],
  read: (row: T) => string | null | undefined,
  chain: LocaleChain,
): LocalizedText {
  return pickText(rows, read, chain) ?? { text: "", locale: chain.requested, isFallback: false };
}

export function pickList<T extends HasLocale>(
  rows: readonly T[],
  read: (row: T) => readonly string[] | null | undefined,
  chain: LocaleChain,
): LocalizedTextList | null {
  for (const locale of chain.order) {
    const row = rows.find((candidate) => candidate.locale === locale);
    const value = row ? read(row) : undefined;
    if (value && value.length > 0) return { items: [...value], locale, isFallback: locale !== chain.requested };
  }
  return null;
}

/** Translations in the platform's locale order (for the `translations` fields editors use). */
export function inLocaleOrder<T extends HasLocale>(rows: readonly T[], chain: LocaleChain): T[] {
  const rank = (locale: string) => {
    const index = chain.order.indexOf(locale);
    return index === -1 ? Number.MAX_SAFE_INTEGER : index;
  };
  return [...rows].sort((a, b) => rank(a.locale) - rank(b.locale) || a.locale.localeCompare(b.locale));
}

const settleLocale: MiddlewareFn<RequestContext> = async ({ args, context, info }, next) => {
  await context.locales.enter(info, (args as { locale?: string | null }).locale);
  return next();
};

/** For root fields: settles the locale (the `locale` argument or Accept-Language) for everything below. */
export function Localized(): MethodDecorator & PropertyDecorator {
  return UseMiddleware(settleLocale);
}

/** Options of every root field's `locale` argument. */
export const LOCALE_ARGUMENT = {
  nullable: true,
  description:
    "The locale to answer in (ar, en, fr…). Default: the best match for the Accept-Language header, else Arabic. " +
    "Texts missing in it fall back to the other locales in the platform's order.",
} as const;
