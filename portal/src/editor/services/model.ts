import { type SourceForm, sourcesToForm, sourcesToInput } from "../sources.js";
import { type ApiTexts, type LocaleTexts, textsToForm, textsToInput, valuesToForm, valuesToInput } from "../texts.js";

/**
 * A service as the editor's form holds it, and the conversions from the API's ServiceValues and
 * to its ServiceInput (which replaces the whole record: every value the form does not show —
 * phone languages, for one — travels back unchanged).
 */
export interface PeriodForm {
  weekday: number;
  opensAt: string;
  closesAt: string;
}

export interface ScheduleForm {
  validFrom: string;
  validTo: string;
  periods: PeriodForm[];
  notes: Record<string, string>;
}

export interface PhoneForm {
  number: string;
  extension: string;
  type: string;
  languages: string[];
  descriptions: Record<string, string>;
}

export interface LocationTextForm extends Record<string, unknown> {
  name: string;
  address: string;
  description: string;
  transportation: string;
  accessibility: string;
}

export interface LocationForm {
  locationId: string | null;
  place: string;
  locationType: string;
  latitude: string;
  longitude: string;
  postalCode: string;
  texts: LocaleTexts<LocationTextForm>;
  /** The location's own numbers and hours, shared by every service delivered there. */
  locationPhones: PhoneForm[];
  locationSchedules: ScheduleForm[];
  /** The service's numbers and hours at this location. */
  phones: PhoneForm[];
  schedules: ScheduleForm[];
}

export interface ServiceTextForm extends Record<string, unknown> {
  name: string;
  alternateName: string;
  description: string;
  eligibilityDescription: string;
  applicationProcess: string;
  feesDescription: string;
  requiredDocuments: string[];
}

export interface ServiceForm {
  slug: string;
  status: string;
  cost: string;
  audiences: string[];
  languages: string[];
  minimumAge: string;
  maximumAge: string;
  url: string;
  email: string;
  confidentialAddress: boolean;
  categories: string[];
  sources: SourceForm[];
  texts: LocaleTexts<ServiceTextForm>;
  phones: PhoneForm[];
  schedules: ScheduleForm[];
  locations: LocationForm[];
}

const emptyServiceText = (): ServiceTextForm => ({
  name: "",
  alternateName: "",
  description: "",
  eligibilityDescription: "",
  applicationProcess: "",
  feesDescription: "",
  requiredDocuments: [],
});

const emptyLocationText = (): LocationTextForm => ({ name: "", address: "", description: "", transportation: "", accessibility: "" });

export const emptyPhone = (locales: string[], type = "VOICE"): PhoneForm => ({
  number: "",
  extension: "",
  type,
  languages: [],
  descriptions: valuesToForm([], locales),
});

export const emptySchedule = (locales: string[]): ScheduleForm => ({ validFrom: "", validTo: "", periods: [], notes: valuesToForm([], locales) });

export const emptyLocation = (locales: string[]): LocationForm => ({
  locationId: null,
  place: "",
  locationType: "PHYSICAL",
  latitude: "",
  longitude: "",
  postalCode: "",
  texts: textsToForm([], locales, emptyLocationText),
  locationPhones: [],
  locationSchedules: [],
  phones: [],
  schedules: [],
});

export function emptyService(locales: string[]): ServiceForm {
  return {
    slug: "",
    status: "ACTIVE",
    cost: "FREE",
    audiences: [],
    languages: [],
    minimumAge: "",
    maximumAge: "",
    url: "",
    email: "",
    confidentialAddress: false,
    categories: [],
    sources: [],
    texts: textsToForm([], locales, emptyServiceText),
    phones: [],
    schedules: [],
    locations: [],
  };
}

const text = (value: unknown) => (value === null || value === undefined ? "" : String(value));

type PhoneValues = { number: string; extension: string | null; type: string; languages: string[]; descriptions: Array<{ locale: string; text: string }> };
type ScheduleValues = { validFrom: string | null; validTo: string | null; periods: PeriodForm[]; notes: Array<{ locale: string; text: string }> };

export const phoneToForm = (phone: PhoneValues, locales: string[]): PhoneForm => ({
  number: phone.number,
  extension: text(phone.extension),
  type: phone.type,
  languages: phone.languages ?? [],
  descriptions: valuesToForm(phone.descriptions, locales),
});

const scheduleToForm = (schedule: ScheduleValues, locales: string[]): ScheduleForm => ({
  validFrom: text(schedule.validFrom),
  validTo: text(schedule.validTo),
  periods: (schedule.periods ?? []).map((period) => ({ weekday: period.weekday, opensAt: period.opensAt, closesAt: period.closesAt })),
  notes: valuesToForm(schedule.notes, locales),
});

/** ServiceLocationValues, as selected by SERVICE_VALUES (queries.ts). */
interface LocationValues {
  locationId: string | null;
  placeId: string;
  locationType: string;
  latitude: number | null;
  longitude: number | null;
  postalCode: string | null;
  texts: ApiTexts<LocationTextForm>;
  locationPhones: PhoneValues[];
  locationSchedules: ScheduleValues[];
  phones: PhoneValues[];
  schedules: ScheduleValues[];
}

/** ServiceValues (editableService.form), as selected by SERVICE_VALUES (queries.ts). */
export interface ServiceValues {
  slug: string;
  status: string;
  cost: string;
  audiences: string[];
  languages: string[];
  minimumAge: number | null;
  maximumAge: number | null;
  url: string | null;
  email: string | null;
  confidentialAddress: boolean;
  categoryIds: string[];
  sources: unknown;
  texts: ApiTexts<ServiceTextForm>;
  phones: PhoneValues[];
  schedules: ScheduleValues[];
  locations: LocationValues[];
}

/** ServiceValues (editableService.form) → the form. */
export function serviceToForm(values: ServiceValues, locales: string[]): ServiceForm {
  return {
    slug: text(values.slug),
    status: values.status ?? "ACTIVE",
    cost: values.cost ?? "FREE",
    audiences: values.audiences ?? [],
    languages: values.languages ?? [],
    minimumAge: text(values.minimumAge),
    maximumAge: text(values.maximumAge),
    url: text(values.url),
    email: text(values.email),
    confidentialAddress: Boolean(values.confidentialAddress),
    categories: values.categoryIds ?? [],
    sources: sourcesToForm(values.sources),
    texts: textsToForm(values.texts, locales, emptyServiceText),
    phones: (values.phones ?? []).map((phone) => phoneToForm(phone, locales)),
    schedules: (values.schedules ?? []).map((schedule) => scheduleToForm(schedule, locales)),
    locations: (values.locations ?? []).map((location) => ({
      locationId: location.locationId ?? null,
      place: location.placeId ?? "",
      locationType: location.locationType ?? "PHYSICAL",
      latitude: text(location.latitude),
      longitude: text(location.longitude),
      postalCode: text(location.postalCode),
      texts: textsToForm(location.texts, locales, emptyLocationText),
      locationPhones: (location.locationPhones ?? []).map((phone: PhoneValues) => phoneToForm(phone, locales)),
      locationSchedules: (location.locationSchedules ?? []).map((schedule: ScheduleValues) => scheduleToForm(schedule, locales)),
      phones: (location.phones ?? []).map((phone: PhoneValues) => phoneToForm(phone, locales)),
      schedules: (location.schedules ?? []).map((schedule: ScheduleValues) => scheduleToForm(schedule, locales)),
    })),
  };
}

const orNull = (value: string) => (value.trim() === "" ? null : value.trim());
/** A number typed in a form (Arabic-Indic digits and a comma as decimal separator accepted). */
export function numberOrNull(value: string): number | string | null {
  const normal = value
    .trim()
    .replace(/[\u0660-\u0669]/g, (digit) => String(digit.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (digit) => String(digit.charCodeAt(0) - 0x06f0))
    .replace(/[٫,]/g, ".");
  if (normal === "") return null;
  const number = Number(normal);
  // Sent as typed when it is not a number: the API refuses it and names the field.
  return Number.isFinite(number) ? number : value;
}

export const phoneToInput = (phone: PhoneForm) => ({
  number: phone.number.trim(),
  extension: orNull(phone.extension),
  type: phone.type || "VOICE",
  languages: phone.languages,
  descriptions: valuesToInput(phone.descriptions),
});

// Nothing is filtered out of lists: the API's error paths (phones.2.number) must name the form's rows.
const schedulesToInput = (schedules: ScheduleForm[]) =>
  schedules.map((schedule) => ({
    validFrom: orNull(schedule.validFrom ?? ""),
    validTo: orNull(schedule.validTo ?? ""),
    periods: (schedule.periods ?? []).map((period) => ({ weekday: period.weekday, opensAt: period.opensAt, closesAt: period.closesAt })),
    notes: valuesToInput(schedule.notes),
  }));

/** The form → ServiceInput. Numbers that do not parse are sent as they are, for the API to name. */
export function serviceToInput(form: ServiceForm): Record<string, unknown> {
  return {
    slug: orNull(form.slug),
    status: form.status,
    cost: form.cost,
    audiences: form.audiences,
    languages: form.languages,
    minimumAge: numberOrNull(form.minimumAge),
    maximumAge: numberOrNull(form.maximumAge),
    url: orNull(form.url),
    email: orNull(form.email),
    confidentialAddress: form.confidentialAddress,
    categories: form.categories,
    sources: sourcesToInput(form.sources),
    texts: textsToInput(form.texts),
    phones: form.phones.map(phoneToInput),
    schedules: schedulesToInput(form.schedules),
    locations: form.locations.map((location) => ({
      locationId: location.locationId,
      place: location.place,
      locationType: location.locationType || "PHYSICAL",
      latitude: numberOrNull(location.latitude),
      longitude: numberOrNull(location.longitude),
      postalCode: orNull(location.postalCode),
      texts: textsToInput(location.texts),
      locationPhones: location.locationPhones.map(phoneToInput),
      locationSchedules: schedulesToInput(location.locationSchedules),
      phones: location.phones.map(phoneToInput),
      schedules: schedulesToInput(location.schedules),
    })),
  };
}
