import type { Site } from "../data/site.js";
import type { AlertRecord } from "../data/types.js";
import { formatDate, joinList, translator } from "../i18n/index.js";
import { alertLastMoment, alertsBySeverity } from "./alerts.js";
import { plainText } from "./markdown.js";
import { absoluteUrl, paths } from "./urls.js";

function xml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The page an alert's entry links to: the first service it names, else organisation, else place, else the alerts page. */
function alertPage(site: Site, alert: AlertRecord, locale: string): string {
  const service = alert.services.map(({ id }) => site.services.find((candidate) => candidate.id === id)).find(Boolean);
  if (service) return paths.service(locale, service.slug);
  const organization = alert.organizations.find(({ id }) => site.organizations.has(id));
  if (organization) return paths.organization(locale, organization.slug);
  const place = alert.places.find(({ slug }) => site.servicesByPlace.has(slug));
  if (place) return paths.place(locale, place.slug);
  return paths.alerts(locale);
}

/** What an alert concerns, as plain names. */
function concerns(site: Site, alert: AlertRecord, locale: string): string {
  const names = [
    ...alert.services.flatMap(({ id }) => {
      const service = site.services.find((candidate) => candidate.id === id);
      return service ? [site.serviceName(service, locale).value] : [];
    }),
    ...alert.organizations.filter(({ id }) => site.organizations.has(id)).map(({ id }) => site.organizationName(id, locale).value),
    ...alert.places.filter(({ slug }) => site.places.has(slug)).map(({ slug }) => site.placeName(slug, locale).value),
  ];
  return joinList(names, locale);
}

/**
 * Alerts as an Atom feed (RFC 4287) in a locale, each entry linking to the page of what it concerns:
 * the site's feed (every active alert) and each place's (what its page shows).
 */
export function alertFeed(site: Site, locale: string, options: { alerts: AlertRecord[]; selfPath: string; pagePath: string; title: string; origin: URL | undefined }): Response {
  const t = translator(locale);
  const feedUrl = absoluteUrl(options.selfPath, options.origin);
  const alerts = alertsBySeverity(options.alerts);
  const updated = alerts.reduce((latest, alert) => (alert.validFrom > latest ? alert.validFrom : latest), "") || site.snapshot.fetchedAt;
  const entries = alerts.map((alert) => {
    const title = site.text(alert.translations, "title", locale);
    const body = site.text(alert.translations, "body", locale);
    const about = concerns(site, alert, locale);
    const summary = [
      [t(`enums.alertSeverity.${alert.severity.toLowerCase()}`), about].filter(Boolean).join(" · "),
      alert.closedUntil ? t("alerts.closedUntil", { date: formatDate(alert.closedUntil, locale) }) : "",
      body ? plainText(body.value, 600) : "",
      alertLastMoment(alert) ? t("home.alertUntil", { date: formatDate(alertLastMoment(alert)!, locale) }) : "",
    ]
      .filter(Boolean)
      .join("\n");
    const lang = title && title.locale !== locale ? ` xml:lang="${title.locale}"` : "";
    return `  <entry>
    <id>urn:uuid:${alert.id}</id>
    <title${lang}>${xml(title?.value ?? alert.id)}</title>
    <link rel="alternate" type="text/html" href="${xml(absoluteUrl(alertPage(site, alert, locale), options.origin))}"/>
    <published>${new Date(alert.validFrom).toISOString()}</published>
    <updated>${new Date(alert.validFrom).toISOString()}</updated>
    <category term="${xml(alert.severity.toLowerCase())}"/>${alert.closedUntil ? `\n    <category term="closure"/>` : ""}
    <summary type="text">${xml(summary)}</summary>
  </entry>`;
  });
  const body = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${locale}">
  <id>${xml(feedUrl)}</id>
  <title>${xml(`${t("common.appName")} – ${options.title}`)}</title>
  <subtitle>${xml(t("alerts.intro"))}</subtitle>
  <updated>${new Date(updated).toISOString()}</updated>
  <link rel="self" type="application/atom+xml" href="${xml(feedUrl)}"/>
  <link rel="alternate" type="text/html" href="${xml(absoluteUrl(options.pagePath, options.origin))}"/>
  <author><name>START</name></author>
${entries.join("\n")}
</feed>
`;
  return new Response(body, { headers: { "content-type": "application/atom+xml; charset=utf-8" } });
}
