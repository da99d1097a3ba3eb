/** Today's date in Libya (YYYY-MM-DD): deadlines are Libya time. */
export function libyaToday(now: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Africa/Tripoli" }).format(now);
}

/** Whole days from one YYYY-MM-DD to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Whole months since an instant (for "not verified for N months"). */
export function monthsSince(instant: string, now: Date): number {
  return Math.floor((now.getTime() - Date.parse(instant)) / (30.44 * 86_400_000));
}

export const STALE_AFTER_DAYS = 180;

export function isStale(verifiedAt: string | null, now: Date): boolean {
  return !verifiedAt || now.getTime() - Date.parse(verifiedAt) > STALE_AFTER_DAYS * 86_400_000;
}
