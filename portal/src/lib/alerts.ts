import type { AlertRecord } from "../data/types.js";
import { libyaToday } from "./dates.js";

const SEVERITY_ORDER = { DANGER: 0, WARNING: 1, INFO: 2 } as const;

/** Alerts the most severe first, then the most recent. */
export function alertsBySeverity(alerts: readonly AlertRecord[]): AlertRecord[] {
  return [...alerts].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || b.validFrom.localeCompare(a.validFrom));
}

/**
 * The last moment an alert is in force, for "until DAY": an alert that ends at midnight ends with
 * the day before (a closure's alert ends at midnight after its last day). Null when it does not
 * end, or when it ends with its closure, whose last day is already said.
 */
export function alertLastMoment(alert: AlertRecord): string | null {
  if (!alert.validUntil) return null;
  const last = new Date(Date.parse(alert.validUntil) - 1000);
  if (alert.closedUntil && libyaToday(last) === alert.closedUntil) return null;
  return last.toISOString();
}
