import type { APIContext } from "astro";
import { loadSite } from "../../../data/site.js";
import { translator } from "../../../i18n/index.js";
import { alertFeed } from "../../../lib/alert-feed.js";
import { paths } from "../../../lib/urls.js";

/** The active alerts of a locale as an Atom feed, each linking to the page of what it concerns. */
export async function getStaticPaths() {
  const site = await loadSite();
  return site.locales.map(({ code }) => ({ params: { locale: code } }));
}

export async function GET({ params, site: origin }: APIContext): Promise<Response> {
  const site = await loadSite();
  const locale = params.locale!;
  return alertFeed(site, locale, {
    alerts: site.snapshot.alerts,
    selfPath: paths.alertsFeed(locale),
    pagePath: paths.alerts(locale),
    title: translator(locale)("alerts.title"),
    origin,
  });
}
