// START_TEST_DATE=YYYY-MM-DD moves the clock the tests see to that day (the time of day is kept
// and time still runs). Loaded as a vitest setup file and, through NODE_OPTIONS, by every process
// the tests start, so the API, the portal build and embedded PGlite all see the same day.
// PostgreSQL's server clock cannot be moved: use it with PGlite (see README, "Dates in the tests").
const requested = process.env.START_TEST_DATE;
if (requested && !globalThis.__startShiftedClock) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(requested) || Number.isNaN(Date.parse(requested))) {
    throw new Error(`START_TEST_DATE must be a date as YYYY-MM-DD, not ${JSON.stringify(requested)}`);
  }
  const RealDate = Date;
  const realToday = Date.UTC(new RealDate().getUTCFullYear(), new RealDate().getUTCMonth(), new RealDate().getUTCDate());
  const offset = Date.parse(`${requested}T00:00:00Z`) - realToday;
  class ShiftedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...args);
    }
    static now() {
      return RealDate.now() + offset;
    }
  }
  globalThis.Date = ShiftedDate;
  globalThis.__startShiftedClock = offset;
  const preload = `--import=${new URL(import.meta.url).href}`;
  if (!(process.env.NODE_OPTIONS ?? "").includes(preload)) {
    process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ""} ${preload}`.trim();
  }
}
