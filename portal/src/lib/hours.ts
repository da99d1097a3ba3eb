import type { OpeningPeriod } from "../data/types.js";

/** Weekday keys of enums.weekday, by ISO number (1 = Monday). */
export const WEEKDAY_KEYS = ["", "mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

/** The order a week is read in: Saturday first in Arabic (as in Libya), Monday first otherwise. */
export function weekOrder(locale: string): number[] {
  return locale === "ar" ? [6, 7, 1, 2, 3, 4, 5] : [1, 2, 3, 4, 5, 6, 7];
}

export interface HoursRow {
  /** ISO weekdays of a run of consecutive days with the same hours. */
  days: number[];
  /** "HH:MM–HH:MM" ranges; empty = closed; ["24h"] = open all day. */
  ranges: string[];
}

function rangesOf(periods: OpeningPeriod[]): string[] {
  const sorted = [...periods].sort((a, b) => a.opensAt.localeCompare(b.opensAt));
  if (sorted.length === 1 && sorted[0]!.opensAt === "00:00" && ["23:59", "24:00", "00:00"].includes(sorted[0]!.closesAt)) return ["24h"];
  return sorted.map((period) => `${period.opensAt}–${period.closesAt}`);
}

/** A week of opening hours as rows, consecutive days with the same hours merged (Sun–Thu 08:00–14:00). */
export function hoursRows(periods: OpeningPeriod[], locale: string): HoursRow[] {
  const rows: HoursRow[] = [];
  for (const day of weekOrder(locale)) {
    const ranges = rangesOf(periods.filter((period) => period.weekday === day));
    const last = rows.at(-1);
    if (last && last.ranges.join() === ranges.join()) last.days.push(day);
    else rows.push({ days: [day], ranges });
  }
  return rows;
}
