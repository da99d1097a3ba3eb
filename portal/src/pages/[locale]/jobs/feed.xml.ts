import type { APIContext } from "astro";
import { loadSite } from "../../../data/site.js";
import { formatDate, translator } from "../../../i18n/index.js";
import { plainText } from "../../../lib/markdown.js";
import { absoluteUrl, paths } from "../../../lib/urls.js";

/** The open vacancy notices of a locale as an Atom feed (RFC 4287). */
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
  const feedUrl = absoluteUrl(paths.jobsFeed(locale), origin);
  const updated = site.vacancies.reduce((latest, vacancy) => (vacancy.updatedAt > latest ? vacancy.updatedAt : latest), "") || site.snapshot.fetchedAt;
  const entries = site.vacancies.map((vacancy) => {
    const title = site.text(vacancy.translations, "title", locale);
    const description = site.text(vacancy.translations, "description", locale);
    const url = absoluteUrl(paths.vacancy(locale, vacancy.slug), origin);
    const summary = [
      `${site.organizationName(vacancy.organization.id, locale).value} · ${site.placeName(vacancy.place.slug, locale).value}`,
      t("jobs.deadline", { date: formatDate(vacancy.deadline, locale) }),
      description ? plainText(description.value, 300) : "",
    ]
      .filter(Boolean)
      .join("\n");
    const lang = title && title.locale !== locale ? ` xml:lang="${title.locale}"` : "";
    return `  <entry>
    <id>urn:uuid:${vacancy.id}</id>
    <title${lang}>${xml(title?.value ?? vacancy.slug)}</title>
    <link rel="alternate" type="text/html" href="${xml(url)}"/>
    <published>${vacancy.publishedOn ? `${vacancy.publishedOn}T00:00:00Z` : vacancy.updatedAt}</published>
    <updated>${vacancy.updatedAt}</updated>
    <author><name>${xml(site.organizationName(vacancy.organization.id, locale).value)}</name></author>
    <category term="${xml(vacancy.sector)}" label="${xml(t(`jobs.sectors.${vacancy.sector}`, { defaultValue: vacancy.sector }))}"/>
    <summary type="text">${xml(summary)}</summary>
  </entry>`;
  });
  const body = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${locale}">
  <id>${xml(feedUrl)}</id>
  <title>${xml(`${t("common.appName")} – ${t("jobs.title")}`)}</title>
  <subtitle>${xml(t("jobs.intro"))}</subtitle>
  <updated>${updated}</updated>
  <link rel="self" type="application/atom+xml" href="${xml(feedUrl)}"/>
  <link rel="alternate" type="text/html" href="${xml(absoluteUrl(paths.jobs(locale), origin))}"/>
  <author><name>START</name></author>
${entries.join("\n")}
</feed>
`;
  return new Response(body, { headers: { "content-type": "application/atom+xml; charset=utf-8" } });
}
