import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { normalize, queryRows } from "@start/db";
import { createTestDatabase, type TestDatabase, testDriver } from "../support/database.js";

/** Text people type and text START indexes: spelling variants that must meet. */
const EQUIVALENT_SPELLINGS: [string, string][] = [
  ["أحمد", "احمد"],
  ["إسعاف", "اسعاف"],
  ["آمنة", "امنه"],
  ["ٱلمستشفى", "المستشفي"],
  ["مستشفى", "مستشفي"],
  ["عيادة", "عياده"],
  ["مُسْتَشْفَى", "مستشفي"],
  ["طـــرابلس", "طرابلس"],
  ["٢٠٢٦", "2026"],
  ["۱۲۳", "123"],
  ["کرامة", "كرامه"],
  ["L’hôpital", "l'hopital"],
  ["ÉCOLE ÉLÉMENTAIRE", "ecole elementaire"],
  ["Œuvre sociale", "oeuvre sociale"],
  ["  Santé\u00A0mentale\t", "sante mentale"],
  ["Sabh\u200Ba", "sabha"],
  ["\u202Bطرابلس\u202C", "طرابلس"],
];

const CORPUS = [
  ...EQUIVALENT_SPELLINGS.flat(),
  "الهلال الأحمر الليبي",
  "Organisation internationale pour les migrations (OIM)",
  "Migrant Resource and Response Mechanism — Zuwara",
  "Protection de l'enfance : violences basées sur le genre",
  "الصحة النفسية والدعم النفسي الاجتماعي",
  "Çà et là, Noël, naïve, cœur, Ægée, straße",
  "emoji 🚑 and symbols +218-91_234*5678",
  "",
  "   ",
];

describe(`the search normaliser agrees in TypeScript and SQL (${testDriver})`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it.each(EQUIVALENT_SPELLINGS)("normalises %j and %j to the same text", (typed, indexed) => {
    expect(normalize(typed)).toBe(normalize(indexed));
  });

  it("is idempotent", () => {
    for (const text of CORPUS) expect(normalize(normalize(text))).toBe(normalize(text));
  });

  it("gives the same result as start_normalize() in the database, for every text of the corpus", async () => {
    const rows = await queryRows<{ input: string; output: string }>(
      database.db,
      sql`select input, start_normalize(input) as output from unnest(${sql.param(CORPUS)}::text[]) as input`,
    );
    expect(rows).toHaveLength(CORPUS.length);
    for (const row of rows) expect({ input: row.input, output: row.output }).toEqual({ input: row.input, output: normalize(row.input) });
  });

  it("is usable in an index (declared immutable)", async () => {
    await database.db.execute(sql`create temporary table normalise_probe (t text)`);
    await database.db.execute(sql`create index on normalise_probe (start_normalize(t))`);
  });
});
