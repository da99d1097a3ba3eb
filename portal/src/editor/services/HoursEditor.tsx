import { weekOrder } from "../../lib/hours.js";
import { useEditor } from "../context.js";
import { weekdayKey } from "../describe.js";
import { FieldError, type FormState } from "../forms.js";
import { fieldId, getIn } from "../paths.js";
import { emptySchedule, type PeriodForm, type ScheduleForm } from "./model.js";

/**
 * Weekly opening hours of a service or of a location (the first of its schedules; seasonal ones
 * travel back untouched): a row per weekday in the order the locale reads a week, several periods
 * a day (a lunch break), and "closed" for a day without any.
 */
export function HoursEditor({ form, path, title }: { form: FormState<any>; path: string; title: string }) {
  const { i18n, locales } = useEditor();
  const schedules = (getIn(form.values, path) as ScheduleForm[] | undefined) ?? [];
  const schedule = schedules[0];
  const periods = schedule?.periods ?? [];
  const base = `${path}.0`;
  const days = weekOrder(i18n.locale);

  const setPeriods = (next: PeriodForm[]) => {
    const current = schedule ?? emptySchedule(locales);
    const hasNotes = Object.values(current.notes ?? {}).some((note) => note && note.trim());
    if (next.length === 0 && !hasNotes && !current.validFrom && !current.validTo) {
      form.set(path, schedules.slice(1));
    } else {
      form.set(path, [{ ...current, periods: next }, ...schedules.slice(1)]);
    }
  };
  const add = (weekday: number) => {
    const ofDay = periods.filter((period) => period.weekday === weekday);
    const last = ofDay.at(-1);
    const next: PeriodForm = last
      ? { weekday, opensAt: last.closesAt < "23:00" ? nextHour(last.closesAt) : "", closesAt: "" }
      : { weekday, opensAt: "08:00", closesAt: "14:00" };
    setPeriods([...periods, next]);
    const index = periods.length;
    requestAnimationFrame(() => document.getElementById(fieldId(`${base}.periods.${index}.opensAt`))?.focus());
  };
  const remove = (index: number) => setPeriods(periods.filter((_, position) => position !== index));
  /** The same hours on every other day (then remove the days it is closed). */
  const copyToAll = (weekday: number) => {
    const source = periods.filter((period) => period.weekday === weekday);
    setPeriods([...source, ...days.filter((day) => day !== weekday).flatMap((day) => source.map((period) => ({ ...period, weekday: day })))]);
  };

  return (
    <fieldset class="hours-editor" data-path={path}>
      <legend>{title}</legend>
      <p class="hint">{i18n.t("editor.hours.explain")}</p>
      {days.map((weekday) => {
        const dayName = i18n.t(weekdayKey(weekday));
        const rows = periods.map((period, index) => ({ period, index })).filter((row) => row.period.weekday === weekday);
        return (
          <fieldset class="hours-day" key={weekday} data-weekday={weekday}>
            <legend class="hours-day-name">
              {dayName}
              {rows.length === 0 ? <span class="badge">{i18n.t("editor.hours.closed")}</span> : null}
            </legend>
            {rows.map(({ period, index }, position) => {
              const periodPath = `${base}.periods.${index}`;
              const opens = fieldId(`${periodPath}.opensAt`);
              const closes = fieldId(`${periodPath}.closesAt`);
              const error = form.errors[`${periodPath}.opensAt`] ?? form.errors[`${periodPath}.closesAt`] ?? form.errors[periodPath];
              const errorId = fieldId(periodPath);
              return (
                <div class="hours-period" key={index} role="group" aria-label={i18n.t("editor.hours.periodOf", { day: dayName, number: position + 1 })}>
                  <div class="hours-times">
                    <div class="hours-pair">
                      <div class="field">
                        <label for={opens}>{i18n.t("editor.forms.opensAt")}</label>
                        <input
                          id={opens}
                          name={`${periodPath}.opensAt`}
                          type="time"
                          value={period.opensAt}
                          required
                          aria-invalid={form.errors[`${periodPath}.opensAt`] ? "true" : undefined}
                          aria-describedby={error ? `${errorId}-error` : undefined}
                          onInput={(event) => form.set(`${periodPath}.opensAt`, (event.currentTarget as HTMLInputElement).value)}
                        />
                      </div>
                      <div class="field">
                        <label for={closes}>{i18n.t("editor.forms.closesAt")}</label>
                        <input
                          id={closes}
                          name={`${periodPath}.closesAt`}
                          type="time"
                          value={period.closesAt}
                          required
                          aria-invalid={form.errors[`${periodPath}.closesAt`] ? "true" : undefined}
                          aria-describedby={error ? `${errorId}-error` : undefined}
                          onInput={(event) => form.set(`${periodPath}.closesAt`, (event.currentTarget as HTMLInputElement).value)}
                        />
                      </div>
                    </div>
                    <button
                      type="button"
                      class="button-secondary button-small"
                      onClick={() => remove(index)}
                      aria-label={i18n.t("editor.hours.removePeriod", { day: dayName, number: position + 1 })}
                    >
                      {i18n.t("editor.common.remove")}
                    </button>
                  </div>
                  {period.closesAt && period.opensAt && period.closesAt <= period.opensAt && !error ? (
                    <p class="field-error" id={`${errorId}-error`}>
                      {i18n.t("editor.errors.closesBeforeOpens")}
                    </p>
                  ) : (
                    <FieldError id={errorId} message={error} />
                  )}
                </div>
              );
            })}
            <div class="actions">
              <button type="button" class="button-secondary button-small" onClick={() => add(weekday)} data-action="add-period">
                {i18n.t("editor.hours.addPeriodTo", { day: dayName })}
              </button>
              {rows.length > 0 ? (
                <button type="button" class="button-secondary button-small" onClick={() => copyToAll(weekday)}>
                  {i18n.t("editor.hours.copyToAllDays", { day: dayName })}
                </button>
              ) : null}
            </div>
          </fieldset>
        );
      })}
      {schedules.length > 1 ? <p class="hint">{i18n.t("editor.hours.otherSchedules", { count: schedules.length - 1 })}</p> : null}
    </fieldset>
  );
}

function nextHour(time: string): string {
  const [hours, minutes] = time.split(":").map(Number) as [number, number];
  const next = Math.min(hours + 1, 23);
  return `${String(next).padStart(2, "0")}:${String(minutes).padStart(2, "0")}`;
}
