/**
 * Days in Libya. Deadlines, closures and "today" are calendar days in Libya's time zone, whatever
 * the clock of the machine: the API, the seed, the content checks and the portal build use these.
 */
export const LIBYA_TIME_ZONE = "Africa/Tripoli";

const dayFormat = new Intl.DateTimeFormat("en-CA", { timeZone: LIBYA_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });
const offsetFormat = new Intl.DateTimeFormat("en-US", { timeZone: LIBYA_TIME_ZONE, timeZoneName: "longOffset" });

/** The calendar day (YYYY-MM-DD) an instant falls on in Libya. */
export function dayInLibya(instant: Date = new Date()): string {
  return dayFormat.format(instant);
}

/** Libya's offset from UTC at an instant, in minutes (120 today). */
function offsetMinutes(instant: Date): number {
  const name = offsetFormat.formatToParts(instant).find((part) => part.type === "timeZoneName")?.value ?? "GMT";
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!match) return 0;
  return (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3] ?? 0));
}

/** The first instant of a day (YYYY-MM-DD) in Libya. */
export function startOfDayInLibya(day: string): Date {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  return new Date(utcMidnight - offsetMinutes(new Date(utcMidnight)) * 60_000);
}

/** The instant a day (YYYY-MM-DD) ends in Libya: the first instant of the next day. */
export function endOfDayInLibya(day: string): Date {
  const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return startOfDayInLibya(next);
}
