import type { APIContext } from "astro";
import { loadSite } from "../../../data/site.js";
import { formatDate, translator } from "../../../i18n/index.js";
import { alertsBySeverity } from "../../../lib/alerts.js";
import { plainText } from "../../../lib/markdown.js";
import { absoluteUrl, paths } from "../../../lib/urls.js";

/** The active alerts of a locale as an Atom feed (RFC 4287), each linking to the page of its place. */
export async function getStaticPaths() {
  const site = await loadSite();
  return site.locales.map(({ code }) => ({ params: { locale: code } }));
}

function xml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export async function GET({ params, site: origin }: APIContext): Promise<Response> {
  const site = await loadSite();
  const locale = params.locale!;
  const t = translator(locale);
  const feedUrl = absoluteUrl(paths.alertsFeed(locale), origin);
  const alerts = alertsBySeverity(site.snapshot.alerts);
  const updated = alerts.reduce((latest, alert) => (alert.validFrom > latest ? alert.validFrom : latest), "") || site.snapshot.fetchedAt;
  const entries = alerts.map((alert) => {
    const title = site.text(alert.translations, "title", locale);
    const body = site.text(alert.translations, "body", locale);
    const page = alert.place && site.servicesByPlace.has(alert.place.slug) ? paths.place(locale, alert.place.slug) : paths.alerts(locale);
    const summary = [
      [t(`enums.alertSeverity.${alert.severity.toLowerCase()}`), alert.place ? site.placeName(alert.place.slug, locale).value : ""].filter(Boolean).join(" · "),
      body ? plainText(body.value, 600) : "",
      alert.validUntil ? t("home.alertUntil", { date: formatDate(alert.validUntil, locale) }) : "",
    ]
      .filter(Boolean)
      .join("\n");
    const lang = title && title.locale !== locale ? ` xml:lang="${title.locale}"` : "";
    return `  <entry>
    <id>urn:uuid:${alert.id}</id>
    <title${lang}>${xml(title?.value ?? alert.id)}</title>
    <link rel="alternate" type="text/html" href="${xml(absoluteUrl(page, origin))}"/>
    <published>${new Date(alert.validFrom).toISOString()}</published>
    <updated>${new Date(alert.validFrom).toISOString()}</updated>
    <category term="${xml(alert.severity.toLowerCase())}"/>
    <summary type="text">${xml(summary)}</summary>
  </entry>`;
  });
  const body = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${locale}">
  <id>${xml(feedUrl)}</id>
  <title>${xml(`${t("common.appName")} – ${t("alerts.title")}`)}</title>
  <subtitle>${xml(t("alerts.intro"))}</subtitle>
  <updated>${new Date(updated).toISOString()}</updated>
  <link rel="self" type="application/atom+xml" href="${xml(feedUrl)}"/>
  <link rel="alternate" type="text/html" href="${xml(absoluteUrl(paths.alerts(locale), origin))}"/>
  <author><name>START</name></author>
${entries.join("\n")}
</feed>
`;
  return new Response(body, { headers: { "content-type": "application/atom+xml; charset=utf-8" } });
}
