import type { Site } from "../data/site.js";
import type { ServiceRecord, VacancyRecord } from "../data/types.js";
import { plainText } from "./markdown.js";
import { absoluteUrl, paths } from "./urls.js";

/**
 * schema.org data for search engines. JobPosting carries every property Google requires
 * (title, description, datePosted, hiringOrganization, jobLocation with an address) and the
 * recommended ones we have (validThrough, employmentType, identifier, baseSalary, directApply).
 * Only JobPosting's own properties and Thing's (schema.org has no inLanguage on a JobPosting:
 * the page's lang attribute says which language it is in).
 */
export function jobPosting(site: Site, vacancy: VacancyRecord, locale: string, origin: URL | undefined): Record<string, unknown> {
  const title = site.text(vacancy.translations, "title", locale);
  const texts = ["description", "requirements", "howToApply"] as const;
  const description = texts
    .map((field) => site.text(vacancy.translations, field, locale)?.value)
    .filter(Boolean)
    .map((text) => `<p>${escapeHtml(text!)}</p>`)
    .join("");
  const organization = site.organizations.get(vacancy.organization.id);
  const place = site.places.get(vacancy.place.slug);
  const country = site.countryOf(vacancy.place.slug);
  const region = place?.parent && place.parent.kind === "REGION" ? site.placeName(place.parent.slug, locale).value : undefined;
  const data: Record<string, unknown> = {
    "@context": "https://schema.org",
    "@type": "JobPosting",
    title: title?.value ?? vacancy.slug,
    description: description || `<p>${escapeHtml(title?.value ?? vacancy.slug)}</p>`,
    datePosted: vacancy.publishedOn ?? vacancy.updatedAt.slice(0, 10),
    validThrough: `${vacancy.deadline}T23:59:59+02:00`,
    employmentType: vacancy.employmentType,
    identifier: { "@type": "PropertyValue", name: organization ? site.text(organization.translations, "name", locale)?.value : undefined, value: vacancy.id },
    hiringOrganization: {
      "@type": "Organization",
      name: site.organizationName(vacancy.organization.id, locale).value,
      ...(organization?.website ? { sameAs: organization.website } : {}),
    },
    jobLocation: {
      "@type": "Place",
      address: {
        "@type": "PostalAddress",
        addressLocality: site.placeName(vacancy.place.slug, locale).value,
        ...(region ? { addressRegion: region } : {}),
        addressCountry: place?.countryCode ?? country?.countryCode,
      },
      ...(place?.latitude != null && place.longitude != null
        ? { geo: { "@type": "GeoCoordinates", latitude: place.latitude, longitude: place.longitude } }
        : {}),
    },
    totalJobOpenings: vacancy.positions,
    url: absoluteUrl(paths.vacancy(locale, vacancy.slug), origin),
    directApply: Boolean(vacancy.applyUrl),
  };
  if (vacancy.occupationCode) data.occupationalCategory = `ISCO-08 ${vacancy.occupationCode}`;
  if (vacancy.salary && (vacancy.salary.min != null || vacancy.salary.max != null)) {
    data.baseSalary = {
      "@type": "MonetaryAmount",
      currency: vacancy.salary.currency,
      value: {
        "@type": "QuantitativeValue",
        ...(vacancy.salary.min != null ? { minValue: vacancy.salary.min } : {}),
        ...(vacancy.salary.max != null ? { maxValue: vacancy.salary.max } : {}),
        ...(vacancy.salary.period ? { unitText: vacancy.salary.period } : {}),
      },
    };
  }
  return data;
}

export function serviceData(site: Site, service: ServiceRecord, locale: string, origin: URL | undefined): Record<string, unknown> {
  const description = site.text(service.translations, "description", locale)?.value;
  const government = site.organizations.get(service.organization.id)?.kind === "GOVERNMENT";
  return {
    "@context": "https://schema.org",
    "@type": government ? "GovernmentService" : "Service",
    name: site.serviceName(service, locale).value,
    ...(description ? { description: plainText(description, 500) } : {}),
    url: absoluteUrl(paths.service(locale, service.slug), origin),
    provider: { "@type": "Organization", name: site.organizationName(service.organization.id, locale).value },
    areaServed: [...new Set(service.locations.map(({ location }) => site.placeName(location.place.slug, locale).value))],
    ...(service.phones[0] ? { availableChannel: { "@type": "ServiceChannel", servicePhone: { "@type": "ContactPoint", telephone: service.phones[0].number } } } : {}),
  };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
