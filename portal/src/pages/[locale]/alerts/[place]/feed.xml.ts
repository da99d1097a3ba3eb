import type { APIContext } from "astro";
import { loadSite } from "../../../../data/site.js";
import { translator } from "../../../../i18n/index.js";
import { alertFeed } from "../../../../lib/alert-feed.js";
import { paths } from "../../../../lib/urls.js";

/**
 * A place's alerts as an Atom feed: what its page shows (alerts for it or a place containing it,
 * and for the services listed there). One for every place page and every place an alert names,
 * so that a feed followed today still exists when its place has no alert.
 */
export async function getStaticPaths() {
  const site = await loadSite();
  return site.locales.flatMap(({ code }) => site.alertFeedPlaces.map((place) => ({ params: { locale: code, place } })));
}

export async function GET({ params, site: origin }: APIContext): Promise<Response> {
  const site = await loadSite();
  const locale = params.locale!;
  const place = params.place!;
  const name = site.placeName(place, locale).value;
  return alertFeed(site, locale, {
    alerts: site.alertsForPlace(place),
    selfPath: paths.placeAlertsFeed(locale, place),
    pagePath: site.servicesByPlace.has(place) ? paths.place(locale, place) : paths.alerts(locale),
    title: translator(locale)("alerts.placeFeedTitle", { place: name }),
    origin,
  });
}
