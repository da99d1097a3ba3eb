import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "@start/db";
import { hsds } from "@start/api";
import * as rules from "@start/db/rules";
import { createTestDatabase, type TestDatabase, testDriver } from "../support/database.js";

/** The pattern a CHECK on a text[] column holds: every element matches, joined by commas. */
const everyElement = (pattern: string) => `^(${pattern.replace(/^\^|\$$/g, "")}(,|$))*$`;

/** Every CHECK constraint of the schema that is a regular expression, and the rule it must be. */
const CHECK_PATTERNS: Record<string, string> = {
  "categories categories_code_format": rules.CATEGORY_CODE_PATTERN,
  "invitations invitations_email_format": rules.EMAIL_PATTERN,
  "locales locales_code_format": rules.LOCALE_CODE_PATTERN,
  "organizations organizations_email_format": rules.EMAIL_PATTERN,
  "organizations organizations_slug_format": rules.SLUG_PATTERN,
  "organizations organizations_website_scheme": rules.WEB_LINK_PATTERN,
  "phones phones_extension_digits": rules.PHONE_EXTENSION_PATTERN,
  "phones phones_languages_format": everyElement(rules.LANGUAGE_CODE_PATTERN),
  "phones phones_number_e164": rules.E164_PATTERN,
  "places places_country_code_format": rules.COUNTRY_CODE_PATTERN,
  "places places_slug_format": rules.SLUG_PATTERN,
  "rights_articles rights_articles_slug_format": rules.SLUG_PATTERN,
  "rights_articles rights_articles_topic_format": rules.SLUG_PATTERN,
  "services services_email_format": rules.EMAIL_PATTERN,
  "services services_languages_format": everyElement(rules.LANGUAGE_CODE_PATTERN),
  "services services_slug_format": rules.SLUG_PATTERN,
  "services services_url_scheme": rules.LINK_PATTERN,
  "users users_email_format": rules.EMAIL_PATTERN,
  "vacancies vacancies_apply_email_format": rules.EMAIL_PATTERN,
  "vacancies vacancies_apply_phone_e164": rules.E164_PATTERN,
  "vacancies vacancies_apply_url_scheme": rules.WEB_LINK_PATTERN,
  "vacancies vacancies_occupation_code_format": rules.OCCUPATION_CODE_PATTERN,
  "vacancies vacancies_salary_currency_format": rules.CURRENCY_CODE_PATTERN,
  "vacancies vacancies_sector_format": rules.SLUG_PATTERN,
  "vacancies vacancies_slug_format": rules.SLUG_PATTERN,
};

/** Values each pattern must judge alike in JavaScript and in PostgreSQL. */
const CORPUS = [
  "", " ", "a", "ab", "abc", "abcd", "AR", "LY", "LYD", "ar-LY", "ar-", "fr-x-y", "en-GB-oxendict",
  "tripoli", "tripoli-centre", "tripoli--centre", "-tripoli", "tripoli-", "Tripoli", "trablus 2", "طرابلس",
  "protection", "protection.child_protection", "protection._gbv", "health.", "a_b.c_d.e",
  "+218912345678", "+218 91 234 5678", "+0218912345678", "+2189", "+2189123456789012", "0912345678", "+21800001234",
  "1", "1234", "12345", "12a",
  "name@example.org", "name@example", "name @example.org", "a@b.c", "@example.org", "name@@example.org", "x@y.z\n",
  "http://example.org", "https://example.org/path?q=1", "HTTPS://example.org", "https:example.org", "ftp://example.org",
  "tel:+218912345678", "mailto:name@example.org", "javascript:alert(1)", "data:text/html,x",
  "ar,fr", "ar,fr,", "ar,FR", "ar,,fr", "tir",
  "08:30", "8:30", "23:59", "24:00", "24:01", "00:00", "12:60",
];

describe(`START's rules (@start/db/rules) are the database's (${testDriver})`, () => {
  let database: TestDatabase;
  let checks: Map<string, string>;
  beforeAll(async () => {
    database = await createTestDatabase();
    const rows = await queryRows<{ name: string; definition: string }>(
      database.db,
      sql`select conrelid::regclass::text || ' ' || conname as name, pg_get_constraintdef(oid) as definition
          from pg_constraint where connamespace = 'public'::regnamespace and contype = 'c'`,
    );
    checks = new Map();
    for (const row of rows) {
      // "CHECK ((number ~ '^\+[1-9][0-9]{6,14}$'::text))": the literal, with '' read as '.
      const literal = /~ '((?:[^']|'')*)'::text/.exec(row.definition)?.[1];
      if (literal !== undefined) checks.set(row.name, literal.replaceAll("''", "'"));
    }
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it("every CHECK pattern in the migrated database is the rule's pattern, and every such CHECK is listed here", () => {
    expect(Object.fromEntries([...checks].sort(([a], [b]) => a.localeCompare(b)))).toEqual(CHECK_PATTERNS);
  });

  it("the database's age ceiling (migration 0010) is the rules' MAX_AGE", async () => {
    const rows = await queryRows<{ definition: string }>(
      database.db,
      sql`select pg_get_constraintdef(oid) as definition from pg_constraint where conname = 'services_age_ceiling'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.definition.match(/<= \d+/g)).toEqual([`<= ${rules.MAX_AGE}`, `<= ${rules.MAX_AGE}`]);
  });

  it("PostgreSQL and JavaScript read every pattern alike, over one corpus", async () => {
    const patterns = [...new Set([...Object.values(CHECK_PATTERNS), rules.TIME_OF_DAY_PATTERN, rules.SAMPLE_PHONE_PATTERN])];
    const rows = await queryRows<{ pattern: string; value: string; matches: boolean }>(
      database.db,
      sql`select p as pattern, v as value, v ~ p as matches
          from unnest(${sql.param(patterns)}::text[]) as p, unnest(${sql.param(CORPUS)}::text[]) as v`,
    );
    expect(rows).toHaveLength(patterns.length * CORPUS.length);
    const disagreements = rows.filter((row) => new RegExp(row.pattern).test(row.value) !== row.matches);
    expect(disagreements).toEqual([]);
  });

  it("whatever the rules accept, the database's CHECKs accept", async () => {
    const accepted = (values: string[], rule: (value: string) => boolean) => values.filter(rule);
    const cases: [string, string[]][] = [
      [rules.E164_PATTERN, accepted(CORPUS, rules.isPhoneNumber)],
      [rules.EMAIL_PATTERN, accepted(CORPUS, rules.isEmail)],
      [rules.WEB_LINK_PATTERN, accepted(CORPUS, rules.isWebLink)],
      [rules.LINK_PATTERN, accepted(CORPUS, (value) => rules.isLink(value))],
      [rules.SLUG_PATTERN, accepted(CORPUS, rules.isSlug)],
    ];
    for (const [pattern, values] of cases) {
      expect(values.length, pattern).toBeGreaterThan(0);
      const rows = await queryRows<{ value: string; matches: boolean }>(
        database.db,
        sql`select v as value, v ~ ${pattern} as matches from unnest(${sql.param(values)}::text[]) as v`,
      );
      expect(rows.filter((row) => !row.matches)).toEqual([]);
    }
  });
});

describe("START's rules are the HSDS profile's", () => {
  it("every pattern in the profile's schemas is one of the rules", () => {
    const found: string[] = [];
    const walk = (node: unknown) => {
      if (!node || typeof node !== "object") return;
      for (const [key, value] of Object.entries(node)) {
        if (key === "pattern" && typeof value === "string") found.push(value);
        else walk(value);
      }
    };
    walk(hsds.profilePatches());
    expect(found.length).toBeGreaterThan(0);
    const known = new Set([rules.SLUG_PATTERN, rules.LOCALE_CODE_PATTERN, rules.COUNTRY_CODE_PATTERN]);
    expect(found.filter((pattern) => !known.has(pattern))).toEqual([]);
  });
});

describe("START's rules, one by one", () => {
  it("phone numbers: E.164 and in the country's numbering plan, or a sample number", () => {
    for (const number of ["+218912345678", "+218213330000", "+441234234567", "+21621234567", "+21800001234"]) {
      expect(rules.isPhoneNumber(number), number).toBe(true);
    }
    // The E.164 shape, but no line has it: Libya has no 99 prefix, and one digit short of a Libyan mobile.
    for (const number of ["+218999999999", "+21891234567", "+0218912345678", "+218 91 234 5678", "0912345678", ""]) {
      expect(rules.isPhoneNumber(number), number).toBe(false);
    }
    expect(rules.hasE164Shape("+218999999999")).toBe(true);
  });

  it("reads typed phone numbers: international form in the editor, as dialled in Libya on import", () => {
    expect(rules.phoneNumberFrom("+218 (91) 234-5678")).toBe("+218912345678");
    expect(rules.phoneNumberFrom("\u2066+218 91 234 5678\u2069")).toBe("+218912345678");
    expect(rules.phoneNumberFrom("091 234 5678")).toBeUndefined();
    expect(rules.phoneNumberFrom("00218912345678")).toBeUndefined();
    expect(rules.phoneNumberFrom("091 234 5678", "LY")).toBe("+218912345678");
    expect(rules.phoneNumberFrom("00218 91 234 5678", "LY")).toBe("+218912345678");
    expect(rules.phoneNumberFrom("+44 1234 234567", "LY")).toBe("+441234234567");
    expect(rules.phoneNumberFrom("099 999 9999", "LY")).toBeUndefined();
  });

  it("e-mail addresses", () => {
    expect(rules.isEmail("name@example.org")).toBe(true);
    expect(rules.isEmail("اسم@example.org")).toBe(true);
    for (const value of ["name@example", "name @example.org", "@example.org", "a@b@c.org", `${"a".repeat(250)}@b.org`]) {
      expect(rules.isEmail(value), value).toBe(false);
    }
  });

  it("links: http(s) for web pages; also tel and mailto where people follow them; nothing else", () => {
    expect(rules.isWebLink("https://example.org/x")).toBe(true);
    expect(rules.isWebLink("http://example.org")).toBe(true);
    expect(rules.isWebLink("tel:+218912345678")).toBe(false);
    expect(rules.isLink("tel:+218912345678")).toBe(true);
    expect(rules.isLink("mailto:name@example.org")).toBe(true);
    for (const value of ["javascript:alert(1)", "data:text/html,x", "ftp://example.org", "https:example.org", "HTTPS://example.org", "tel:", "example.org"]) {
      expect(rules.isLink(value), value).toBe(false);
    }
    expect(rules.withLowerCaseScheme("HTTPS://Example.org/A")).toBe("https://Example.org/A");
    expect(rules.isWebLink(rules.withLowerCaseScheme("HTTPS://Example.org/A"))).toBe(true);
  });

  it("ages: whole years from 0 to 120", () => {
    expect([0, 18, 120].every(rules.isAge)).toBe(true);
    expect([-1, 121, 130, 150, 1.5, "18", null].some(rules.isAge)).toBe(false);
    expect(rules.MAX_AGE).toBe(120);
  });

  it("times of day and opening periods", () => {
    expect(["00:00", "08:30", "23:59", "24:00"].every(rules.isTimeOfDay)).toBe(true);
    expect(["8:30", "24:01", "12:60", "0830", "08:30:00"].some(rules.isTimeOfDay)).toBe(false);
    expect(rules.isOpeningPeriod("08:30", "14:00")).toBe(true);
    expect(rules.isOpeningPeriod("20:00", "24:00")).toBe(true);
    expect(rules.isOpeningPeriod("14:00", "08:30")).toBe(false);
    expect(rules.isOpeningPeriod("24:00", "24:00")).toBe(false);
  });

  it("slugs and codes", () => {
    expect(rules.isSlug("tripoli-centre")).toBe(true);
    expect(["Tripoli", "tripoli--centre", "-x", "x-", "", "a".repeat(121)].some(rules.isSlug)).toBe(false);
    expect(rules.isCategoryCode("protection.child_protection")).toBe(true);
    expect(rules.isLanguageCode("tir")).toBe(true);
    expect(rules.isLanguageCode("ar-LY")).toBe(false);
    expect(rules.isLocaleCode("ar-LY")).toBe(true);
    expect(rules.isCountryCode("LY")).toBe(true);
    expect(rules.isCountryCode("ly")).toBe(false);
    expect(rules.isCurrencyCode("LYD")).toBe(true);
    expect(rules.isOccupationCode("8322")).toBe(true);
  });
});
