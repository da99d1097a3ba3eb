import { narrowSpaceProblems, NARROW_SPACE_LOCALES } from "@start/db";
import { describe, expect, it } from "vitest";
import { hsdsCatalogues } from "../../api/src/hsds/messages.js";
import { messageCatalogues } from "../../api/src/i18n/messages.js";

/**
 * The API's and the HSDS endpoints' own messages follow the typography rule content/i18n follows
 * (one rule, narrowSpaceProblems): in French a narrow no-break space (U+202F) before : ; ? ! and
 * inside « ».
 */
describe("the API's messages", () => {
  it.each([
    ["GraphQL and HTTP", messageCatalogues],
    ["HSDS", hsdsCatalogues],
  ] as const)("%s: every French message has its narrow no-break spaces", (_, catalogues) => {
    const problems: string[] = [];
    for (const [locale, catalogue] of Object.entries(catalogues)) {
      if (!NARROW_SPACE_LOCALES.has(locale)) continue;
      for (const [key, text] of Object.entries(catalogue as Record<string, string>)) {
        for (const problem of narrowSpaceProblems(text)) problems.push(`${locale} ${key}: ${problem} — ${text}`);
      }
    }
    expect(problems).toEqual([]);
    expect(Object.keys(catalogues)).toContain("fr");
  });
});
