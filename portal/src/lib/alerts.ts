import type { AlertRecord } from "../data/types.js";

const SEVERITY_ORDER = { DANGER: 0, WARNING: 1, INFO: 2 } as const;

/** Alerts the most severe first, then the most recent. */
export function alertsBySeverity(alerts: readonly AlertRecord[]): AlertRecord[] {
  return [...alerts].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || b.validFrom.localeCompare(a.validFrom));
}
