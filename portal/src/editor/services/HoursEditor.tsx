import { isOpeningPeriod } from "@start/db/rules";
import { weekOrder } from "../../lib/hours.js";
import { useEditor } from "../context.js";
import { weekdayKey } from "../describe.js";
import { FieldError, type FieldForm, TextInput } from "../forms.js";
import { fieldId, getIn } from "../paths.js";
import { TextField } from "../TextField.js";
import { emptySchedule, type PeriodForm, type ScheduleForm } from "./model.js";

/**
 * Opening hours of a service, a location or a service at a location: every timetable it has (the
 * usual week, and any for part of the year — Ramadan, summer — with the dates it applies), each a
 * row per weekday in the order the locale reads a week, several periods a day (a lunch break),
 * "closed" for a day without any, and notes in the active language.
 */
export function HoursEditor({ form, path, title, locale }: { form: FieldForm; path: string; title: string; locale: string }) {
  const { i18n, locales } = useEditor();
  const schedules = (getIn(form.values, path) as ScheduleForm[] | undefined) ?? [];
  // The usual week is always there to fill in, even before it has any hours.
  const shown = schedules.length > 0 ? schedules : [emptySchedule(locales)];
  const several = shown.length > 1 || shown.some((schedule) => schedule.validFrom || schedule.validTo);

  const addTimetable = () => {
    const list = schedules.length ? schedules : [emptySchedule(locales)];
    form.set(path, [...list, emptySchedule(locales)]);
    const index = list.length;
    requestAnimationFrame(() => document.getElementById(fieldId(`${path}.${index}.validFrom`))?.focus());
  };
  const removeTimetable = (index: number) => {
    if (!window.confirm(i18n.t("editor.hours.confirmRemoveTimetable", { number: index + 1 }))) return;
    form.set(
      path,
      schedules.filter((_, position) => position !== index),
    );
  };

  return (
    <fieldset class="hours-editor" data-path={path}>
      <legend>{title}</legend>
      <p class="hint">{i18n.t("editor.hours.explain")}</p>
      {shown.map((schedule, index) => (
        <Timetable
          key={index}
          form={form}
          path={path}
          index={index}
          schedule={schedule}
          schedules={schedules}
          several={several}
          locale={locale}
          onRemove={several ? () => removeTimetable(index) : undefined}
        />
      ))}
      <button type="button" class="button-secondary" onClick={addTimetable} data-action="add-timetable">
        {i18n.t("editor.hours.addTimetable")}
      </button>
    </fieldset>
  );
}

function Timetable(props: {
  form: FieldForm;
  path: string;
  index: number;
  schedule: ScheduleForm;
  schedules: ScheduleForm[];
  several: boolean;
  locale: string;
  onRemove?: () => void;
}) {
  const { form, path, index, schedule, schedules, several, locale } = props;
  const { i18n, locales } = useEditor();
  const base = `${path}.${index}`;
  const periods = schedule.periods ?? [];
  const days = weekOrder(i18n.locale);

  const setPeriods = (next: PeriodForm[]) => {
    const current = schedules[index] ?? emptySchedule(locales);
    const hasNotes = Object.values(current.notes ?? {}).some((note) => note && note.trim());
    // The only timetable, emptied of everything: no hours at all.
    if (schedules.length <= 1 && next.length === 0 && !hasNotes && !current.validFrom && !current.validTo) {
      form.set(path, []);
    } else {
      const list = schedules.length ? [...schedules] : [current];
      list[index] = { ...current, periods: next };
      form.set(path, list);
    }
  };
  const add = (weekday: number) => {
    const ofDay = periods.filter((period) => period.weekday === weekday);
    const last = ofDay.at(-1);
    const next: PeriodForm = last
      ? { weekday, opensAt: last.closesAt < "23:00" ? nextHour(last.closesAt) : "", closesAt: "" }
      : { weekday, opensAt: "08:00", closesAt: "14:00" };
    setPeriods([...periods, next]);
    const position = periods.length;
    requestAnimationFrame(() => document.getElementById(fieldId(`${base}.periods.${position}.opensAt`))?.focus());
  };
  const remove = (position: number) => setPeriods(periods.filter((_, candidate) => candidate !== position));
  /** The same hours on every other day (then remove the days it is closed). */
  const copyToAll = (weekday: number) => {
    const source = periods.filter((period) => period.weekday === weekday);
    setPeriods([...source, ...days.filter((day) => day !== weekday).flatMap((day) => source.map((period) => ({ ...period, weekday: day })))]);
  };

  const heading = schedule.validFrom || schedule.validTo
    ? i18n.t("editor.hours.timetableDated", {
        number: index + 1,
        from: schedule.validFrom ? i18n.formatDate(schedule.validFrom) : "…",
        to: schedule.validTo ? i18n.formatDate(schedule.validTo) : "…",
      })
    : i18n.t("editor.hours.timetableNumber", { number: index + 1 });
  const datesError = form.errors[`${base}.validTo`];
  const datesOutOfOrder = Boolean(schedule.validFrom && schedule.validTo && schedule.validTo < schedule.validFrom);

  return (
    <section class={several ? "timetable timetable-several" : "timetable"} data-timetable={index} aria-label={several ? heading : undefined}>
      {several ? (
        <>
          <h4 class="timetable-title">{heading}</h4>
          <p class="hint">{i18n.t("editor.hours.datesHint")}</p>
          <div class="field-pair">
            <TextInput form={form} path={`${base}.validFrom`} label={i18n.t("editor.forms.validFrom")} type="date" dir="ltr" />
            <TextInput form={form} path={`${base}.validTo`} label={i18n.t("editor.forms.validUntil")} type="date" dir="ltr" />
          </div>
          {datesOutOfOrder && !datesError ? <p class="field-error">{i18n.t("editor.errors.endsBeforeStarts")}</p> : null}
        </>
      ) : null}
      {days.map((weekday) => {
        const dayName = i18n.t(weekdayKey(weekday));
        const rows = periods.map((period, position) => ({ period, position })).filter((row) => row.period.weekday === weekday);
        return (
          <fieldset class="hours-day" key={weekday} data-weekday={weekday}>
            <legend class="hours-day-name">
              {dayName}
              {rows.length === 0 ? <span class="badge">{i18n.t("editor.hours.closed")}</span> : null}
            </legend>
            {rows.map(({ period, position }, order) => {
              const periodPath = `${base}.periods.${position}`;
              const opens = fieldId(`${periodPath}.opensAt`);
              const closes = fieldId(`${periodPath}.closesAt`);
              const error = form.errors[`${periodPath}.opensAt`] ?? form.errors[`${periodPath}.closesAt`] ?? form.errors[periodPath];
              const errorId = fieldId(periodPath);
              return (
                <div class="hours-period" key={position} role="group" aria-label={i18n.t("editor.hours.periodOf", { day: dayName, number: order + 1 })}>
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
                      onClick={() => remove(position)}
                      aria-label={i18n.t("editor.hours.removePeriod", { day: dayName, number: order + 1 })}
                    >
                      {i18n.t("editor.common.remove")}
                    </button>
                  </div>
                  {period.closesAt && period.opensAt && period.closesAt <= period.opensAt && period.closesAt !== "24:00" && !error ? (
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
      <TextField form={form} path={`${base}.notes.${locale}`} label={i18n.t("editor.forms.hoursNotes")} locale={locale} multiline rows={2} />
      {props.onRemove ? (
        <button type="button" class="button-secondary button-danger-outline" onClick={props.onRemove} data-action="remove-timetable">
          {i18n.t("editor.hours.removeTimetable", { number: index + 1 })}
        </button>
      ) : null}
    </section>
  );
}

/** Light checks before sending: every period with both times, closing after opening; dates in order. */
export function checkHours(errors: Record<string, string>, path: string, schedules: ScheduleForm[], t: (key: string) => string): void {
  schedules.forEach((schedule, scheduleIndex) => {
    if (schedule.validFrom && schedule.validTo && schedule.validTo < schedule.validFrom) errors[`${path}.${scheduleIndex}.validTo`] = t("editor.errors.endsBeforeStarts");
    (schedule.periods ?? []).forEach((period, index) => {
      const at = `${path}.${scheduleIndex}.periods.${index}`;
      if (!period.opensAt) errors[`${at}.opensAt`] = t("editor.errors.required");
      if (!period.closesAt) errors[`${at}.closesAt`] = t("editor.errors.required");
      else if (period.opensAt && !isOpeningPeriod(period.opensAt, period.closesAt)) errors[`${at}.closesAt`] = t("editor.errors.closesBeforeOpens");
    });
  });
}

function nextHour(time: string): string {
  const [hours, minutes] = time.split(":").map(Number) as [number, number];
  const next = Math.min(hours + 1, 23);
  return `${String(next).padStart(2, "0")}:${String(minutes).padStart(2, "0")}`;
}
