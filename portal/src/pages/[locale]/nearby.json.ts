import type { APIContext } from "astro";
import { loadSite } from "../../data/site.js";
import type { NearbyFile } from "../../scripts/near-me.js";

/**
 * What "near me" compares the visitor's position with, in the browser: places that have
 * services (with their centre), and services' located addresses. No confidential address is
 * included: those services are placed at their place's centre only through the place list.
 */
export async function getStaticPaths() {
  const site = await loadSite();
  return site.locales.map(({ code }) => ({ params: { locale: code } }));
}

const round = (value: number) => Math.round(value * 1e4) / 1e4;

export async function GET({ params }: APIContext): Promise<Response> {
  const site = await loadSite();
  const locale = params.locale!;
  const places: NearbyFile["places"] = [];
  for (const [slug, services] of site.servicesByPlace) {
    const place = site.places.get(slug);
    if (!place || place.latitude == null || place.longitude == null || place.kind === "COUNTRY") continue;
    places.push([slug, site.placeName(slug, locale).value, round(place.latitude), round(place.longitude), services.length]);
  }
  const services: NearbyFile["services"] = [];
  for (const service of site.services) {
    if (service.confidentialAddress) continue;
    for (const { location } of service.locations) {
      if (location.latitude == null || location.longitude == null) continue;
      services.push([`services/${service.slug}/`, site.serviceName(service, locale).value, round(location.latitude), round(location.longitude), site.placeName(location.place.slug, locale).value]);
    }
  }
  const file: NearbyFile = { places, services };
  return new Response(JSON.stringify(file), { headers: { "content-type": "application/json" } });
}
