import Negotiator from "negotiator";

/** The best of `available` for an Accept-Language header ("fr-CH, fr;q=0.9, en;q=0.8"), or undefined. */
export function negotiateLocale(acceptLanguage: string | undefined, available: readonly string[]): string | undefined {
  if (!acceptLanguage || available.length === 0) return undefined;
  return new Negotiator({ headers: { "accept-language": acceptLanguage } }).languages([...available])[0];
}
