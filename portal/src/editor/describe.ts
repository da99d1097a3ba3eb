import type { I18n } from "./i18n.js";
import { getIn } from "./paths.js";
import type { ReferenceData } from "./references.js";

/**
 * Human words for field paths and values: the error summary ("Location 2 › Address (Arabic)"),
 * the review's side by side and the conflict view use them.
 */
const FIELD_LABELS: Record<string, string> = {
  name: "editor.forms.name",
  title: "editor.forms.title",
  alternateName: "editor.forms.alternateName",
  description: "editor.forms.description",
  eligibilityDescription: "editor.forms.eligibility",
  applicationProcess: "editor.forms.applicationProcess",
  feesDescription: "editor.forms.fees",
  requiredDocuments: "editor.forms.documents",
  url: "editor.forms.website",
  website: "editor.forms.website",
  email: "editor.forms.email",
  phones: "editor.forms.phones",
  locationPhones: "editor.locations.placePhones",
  locationSchedules: "editor.locations.placeHoursTitle",
  number: "editor.forms.phoneNumber",
  extension: "editor.forms.extension",
  type: "editor.forms.phoneType",
  schedules: "editor.forms.hours",
  periods: "editor.forms.hours",
  opensAt: "editor.forms.opensAt",
  closesAt: "editor.forms.closesAt",
  notes: "editor.forms.hoursNotes",
  audiences: "editor.forms.audiences",
  audience: "editor.forms.audience",
  languages: "editor.forms.languages",
  categories: "editor.forms.categories",
  categoryIds: "editor.forms.categories",
  cost: "editor.forms.cost",
  status: "editor.forms.status",
  place: "editor.forms.place",
  placeId: "editor.forms.place",
  address: "editor.forms.address",
  latitude: "editor.forms.latitude",
  longitude: "editor.forms.longitude",
  minimumAge: "editor.forms.minimumAge",
  maximumAge: "editor.forms.maximumAge",
  confidentialAddress: "editor.forms.confidentialAddressShort",
  sources: "editor.forms.sources",
  deadline: "editor.forms.deadline",
  positions: "editor.forms.positions",
  salaryMin: "editor.forms.salaryMin",
  salaryMax: "editor.forms.salaryMax",
  salaryCurrency: "editor.forms.salaryCurrency",
  salaryPeriod: "editor.forms.salaryPeriod",
  validFrom: "editor.forms.validFrom",
  validUntil: "editor.forms.validUntil",
  validTo: "editor.forms.validUntil",
  severity: "editor.forms.severity",
  places: "editor.alerts.places",
  placeIds: "editor.alerts.places",
  organizations: "editor.alerts.organizations",
  organizationIds: "editor.alerts.organizations",
  services: "editor.alerts.services",
  serviceIds: "editor.alerts.services",
  closure: "editor.alerts.closure",
  closedUntil: "editor.alerts.closedUntil",
  slug: "editor.forms.slug",
  locations: "editor.forms.locations",
  locationType: "editor.forms.locationType",
  locationId: "editor.forms.location",
  postalCode: "editor.forms.postalCode",
  transportation: "editor.forms.transportation",
  accessibility: "editor.forms.accessibility",
  descriptions: "editor.forms.phoneDescription",
  sector: "editor.forms.sector",
  occupationCode: "editor.forms.occupationCode",
  employmentType: "editor.forms.employmentType",
  eligibility: "editor.forms.vacancyEligibility",
  recruitmentChannel: "editor.forms.recruitmentChannel",
  applyUrl: "editor.forms.applyUrl",
  applyEmail: "editor.forms.applyEmail",
  applyPhone: "editor.forms.applyPhone",
  publishedOn: "editor.forms.publishedOn",
  requirements: "editor.forms.requirements",
  howToApply: "editor.forms.howToApply",
  summary: "editor.forms.summary",
  body: "editor.forms.body",
  topic: "editor.forms.topic",
  country: "editor.forms.country",
  countryId: "editor.forms.country",
  reviewedOn: "editor.forms.reviewedOn",
  code: "editor.forms.code",
  parent: "editor.forms.parent",
  parentId: "editor.forms.parent",
  position: "editor.forms.position",
  icon: "editor.forms.icon",
  kind: "editor.forms.kind",
  countryCode: "editor.forms.countryCode",
  timeZone: "editor.forms.timeZone",
  aliases: "editor.forms.aliases",
  logo: "editor.forms.logo",
  texts: "editor.forms.texts",
  published: "editor.forms.sourcePublished",
  accessed: "editor.forms.sourceAccessed",
  displayName: "editor.forms.displayName",
  state: "editor.forms.state",
  publishedAt: "editor.forms.publishedAt",
  archivedAt: "editor.forms.archivedAt",
  verifiedAt: "editor.forms.verifiedAt",
  closedAt: "editor.forms.closedAt",
  submittedAt: "editor.forms.submittedAt",
  rejectionReason: "editor.forms.rejectionReason",
  roles: "editor.users.roles",
  role: "editor.users.role",
  organizationId: "editor.users.organization",
  password: "editor.signIn.password",
  newPassword: "editor.account.newPassword",
  currentPassword: "editor.account.currentPassword",
};

/** Inside a location, the service's own phones and hours there. */
const LOCATION_FIELD_LABELS: Record<string, string> = {
  phones: "editor.locations.phones",
  schedules: "editor.locations.hours",
};

const ITEM_LABELS: Record<string, string> = {
  locations: "editor.forms.locationNumber",
  phones: "editor.forms.phoneNumberN",
  locationPhones: "editor.forms.phoneNumberN",
  sources: "editor.forms.sourceNumber",
  requiredDocuments: "editor.forms.documentNumber",
};

const WEEKDAYS = ["", "mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/** "locations.1.texts.ar.address" → "Location 2 › Address (Arabic)". */
export function describePath(path: string, i18n: I18n, locales: string[], values?: unknown): string {
  const parts = path.split(".");
  const words: string[] = [];
  let language: string | null = null;
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index]!;
    const previous = parts[index - 1];
    if (/^\d+$/.test(part)) {
      const itemKey = previous ? ITEM_LABELS[previous] : undefined;
      if (itemKey) {
        // "Phone numbers › Number 2" says no more than "Number 2" — except in a location, which has two lists of numbers.
        if (words.at(-1) === i18n.t(FIELD_LABELS[previous!] ?? "") && !parts.slice(0, index - 1).includes("locations")) words.pop();
        words.push(i18n.t(itemKey, { number: Number(part) + 1 }));
      } else if ((previous === "schedules" || previous === "locationSchedules") && Number(part) > 0) {
        words.push(i18n.t("editor.hours.timetableNumber", { number: Number(part) + 1 }));
      }
      continue;
    }
    if (locales.includes(part) && previous && ["texts", "notes", "descriptions"].includes(previous)) {
      language = part;
      continue;
    }
    if (part === "texts") continue;
    if (part === "periods") {
      const period = values ? getIn(values, parts.slice(0, index + 2).join(".")) : undefined;
      if (period && typeof period === "object" && "weekday" in period) words.push(i18n.t(weekdayKey(Number((period as { weekday: number }).weekday))));
      continue;
    }
    const label = (parts.slice(0, index).includes("locations") ? LOCATION_FIELD_LABELS[part] : undefined) ?? FIELD_LABELS[part];
    words.push(label ? i18n.t(label) : part);
  }
  const unique = words.filter((word, index) => word !== words[index - 1]);
  const text = unique.join(" › ");
  return language ? `${text} (${i18n.languageInSentence(language)})` : text;
}

export const weekdayKey = (weekday: number) => `enums.weekday.${WEEKDAYS[weekday] ?? "mon"}`;

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);

/** A value as a short readable text (lists on lines; records as their filled fields). */
export function describeValue(path: string, value: unknown, i18n: I18n, references: ReferenceData | null): string {
  const leaf =
    path
      .split(".")
      .filter((part) => !/^\d+$/.test(part) && part.length > 3)
      .at(-1) ?? path;
  if (value === null || value === undefined || value === "") return "";
  if (typeof value === "boolean") return i18n.t(value ? "common.yes" : "common.no");
  if (Array.isArray(value)) {
    if (value.length === 0) return "";
    return value
      .map((item) => describeValue(path, item, i18n, references))
      .filter(Boolean)
      .join("\n");
  }
  if (isObject(value)) {
    if ("weekday" in value && "opensAt" in value) {
      return `${i18n.t(weekdayKey(Number(value.weekday)))} ${String(value.opensAt)}–${String(value.closesAt)}`;
    }
    if ("number" in value) {
      const type = typeof value.type === "string" ? i18n.enumLabel("phoneType", value.type) : "";
      return `\u2066${String(value.number)}\u2069${type ? ` (${type})` : ""}`;
    }
    if (("placeId" in value || "place" in value) && "texts" in value) {
      // A location, as the API lists it (texts: [{ locale … }]) or as the form holds it (texts: { ar: … }).
      const texts: Array<Record<string, unknown>> = Array.isArray(value.texts)
        ? (value.texts as Array<Record<string, unknown>>)
        : Object.entries((value.texts as Record<string, Record<string, unknown>>) ?? {}).map(([locale, text]) => ({ locale, ...text }));
      const text = texts.find((entry) => entry.locale === i18n.locale && (entry.name || entry.address)) ?? texts.find((entry) => entry.name || entry.address);
      const place = String(value.placeId ?? value.place ?? "");
      const lines = [[references?.placeName(place) || place, text?.name, text?.address].filter(Boolean).join(" · ")];
      for (const key of ["locationPhones", "phones", "locationSchedules", "schedules"]) {
        const described = describeValue(key, value[key], i18n, references);
        if (described) lines.push(described);
      }
      return lines.join("\n");
    }
    if ("periods" in value) {
      // A timetable: the dates it applies, its week, its notes.
      const from = typeof value.validFrom === "string" && value.validFrom ? i18n.formatDate(value.validFrom) : "";
      const to = typeof value.validTo === "string" && value.validTo ? i18n.formatDate(value.validTo) : "";
      const lines = [
        from || to ? i18n.t("editor.hours.validity", { from: from || "…", to: to || "…" }) : "",
        describeValue("periods", value.periods, i18n, references) || i18n.t("editor.hours.closedAllWeek"),
        describeValue("notes", value.notes, i18n, references),
      ];
      return lines.filter(Boolean).join("\n");
    }
    if ("title" in value && ("url" in value || "published" in value || "accessed" in value)) {
      return [value.title, value.url].filter(Boolean).join(" · ");
    }
    if ("locale" in value && "text" in value) return `${i18n.labelled(i18n.languageName(String(value.locale)))} ${String(value.text)}`;
    return Object.entries(value)
      .filter(([key, item]) => key !== "locale" && item !== null && item !== "" && !(Array.isArray(item) && item.length === 0))
      .map(([key, item]) => `${i18n.labelled(FIELD_LABELS[key] ? i18n.t(FIELD_LABELS[key]!) : key)} ${describeValue(key, item, i18n, references)}`)
      .join("\n");
  }
  const text = String(value);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text)) return i18n.formatDateTime(text);
  if (leaf === "state") return i18n.enumLabel("publicationState", text);
  if (leaf === "role") return i18n.enumLabel("role", text);
  if ((leaf === "organizationId" || leaf === "organizationIds") && references) return references.organizationName(text) || text;
  if (references) {
    if (leaf === "categoryIds" || leaf === "categories") return references.categoryName(text);
    if (["placeId", "placeIds", "place", "countryId", "country", "parentId"].includes(leaf)) return references.placeName(text) || text;
  }
  if (/^[A-Z][A-Z_]+$/.test(text)) {
    const group = {
      status: "serviceStatus",
      cost: "serviceCost",
      audiences: "audience",
      audience: "audience",
      type: "phoneType",
      employmentType: "employmentType",
      eligibility: "vacancyEligibility",
      recruitmentChannel: "recruitmentChannel",
      severity: "alertSeverity",
      kind: "organizationKind",
      salaryPeriod: "salaryPeriod",
    }[leaf];
    if (group) return i18n.enumLabel(group, text);
  }
  if (leaf === "languages") return i18n.languageName(text);
  // Numbers, addresses and links read left to right, even in an Arabic sentence ("+218…", not "…218+").
  if (LEFT_TO_RIGHT.has(leaf)) return `\u2066${text}\u2069`;
  return text;
}

const LEFT_TO_RIGHT = new Set(["number", "extension", "email", "url", "website", "applyEmail", "applyPhone", "applyUrl", "slug"]);
