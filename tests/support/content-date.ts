import { type ContentBundle, contentFolder, type Database, loadContent, seedDatabase, type SeedReport } from "@start/db";

/**
 * Shipped content has dates (alerts valid until, vacancy deadlines, when a listing was verified),
 * so what the product shows from it depends on the day. Tests that need the content as it stood
 * take it rebased: every date moved by the same number of days, so that the content's own date
 * (the newest day it states something was read, verified, reviewed or published) is today. The
 * product then shows the content the same way on any day the suite runs.
 */

const DAY = 86_400_000;
const ISO_DATE = /^(\d{4}-\d{2}-\d{2})(T.*)?$/;
/** The fields whose dates say when something was known: none may lie after the content's date. */
const KNOWN_ON = new Set(["accessed", "published", "reviewed", "verified", "on"]);

/** Today's date (UTC) as the tests see it: moved by START_TEST_DATE when that is set. */
export function testToday(): string {
  return new Date().toISOString().slice(0, 10);
}

function isoDay(value: unknown): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  if (typeof value === "string") return ISO_DATE.exec(value)?.[1];
  return undefined;
}

/** The content's own date: the newest day on which it says something was read, verified, reviewed or published. */
export function contentDate(bundle: ContentBundle): string {
  let newest = "";
  const visit = (value: unknown, key: string): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item, key);
      return;
    }
    if (value && typeof value === "object" && !(value instanceof Date)) {
      for (const [name, child] of Object.entries(value)) visit(child, name);
      return;
    }
    const day = KNOWN_ON.has(key) ? isoDay(value) : undefined;
    if (day && day > newest) newest = day;
  };
  visit(bundle, "");
  if (!newest) throw new Error("the content states no date at all");
  return newest;
}

function shift(value: unknown, days: number): unknown {
  if (value instanceof Date) return new Date(value.getTime() + days * DAY);
  if (typeof value === "string") {
    const match = ISO_DATE.exec(value);
    if (!match) return value;
    const moved = new Date(Date.parse(`${match[1]}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
    return `${moved}${match[2] ?? ""}`;
  }
  if (Array.isArray(value)) return value.map((item) => shift(item, days));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, shift(child, days)]));
  return value;
}

/** Whole days from one ISO date to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

/** The bundle with every date moved so that its own date becomes `today` (by default the tests' today). */
export function rebaseContent(bundle: ContentBundle, today: string = testToday()): ContentBundle {
  const days = daysBetween(contentDate(bundle), today);
  if (days === 0) return bundle;
  const { uiStrings, ...dated } = bundle;
  return { ...(shift(dated, days) as Omit<ContentBundle, "uiStrings">), uiStrings };
}

/** content/ (or another folder), loaded and rebased to today. */
export function loadRebasedContent(folder: string = contentFolder): ContentBundle {
  return rebaseContent(loadContent(folder));
}

/** Seeds a test database with content/ rebased to today. */
export function seedRebasedContent(db: Database, folder: string = contentFolder): Promise<SeedReport> {
  return seedDatabase(db, loadRebasedContent(folder));
}
