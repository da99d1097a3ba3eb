import type { APIContext } from "astro";
import { loadSite } from "../../data/site.js";
import type { NearbyFile } from "../../scripts/near-me.js";

/**
 * What "near me" compares the visitor's position with, in the browser: places that have services
 * (with their centre), and every service that has a location or a place below country level — at
 * its address when it has coordinates and is not confidential, else at its place's centre, marked
 * approximate. No confidential address is ever included. Each service carries its top-level
 * categories, for "clinics near me".
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
  const topCategory = (code: string) => {
    let node = site.categories.get(code);
    while (node?.parent) node = node.parent;
    return node?.code;
  };
  const services: NearbyFile["services"] = [];
  for (const service of site.services) {
    const path = `services/${service.slug}/`;
    const name = site.serviceName(service, locale).value;
    const categories = [...new Set(service.categories.map(({ code }) => topCategory(code)).filter((code): code is string => Boolean(code)))].join(" ");
    const seen = new Set<string>();
    for (const { location } of service.locations) {
      const place = site.places.get(location.place.slug);
      const exact = !service.confidentialAddress && location.latitude != null && location.longitude != null;
      const latitude = exact ? location.latitude : place && place.kind !== "COUNTRY" ? place.latitude : null;
      const longitude = exact ? location.longitude : place && place.kind !== "COUNTRY" ? place.longitude : null;
      if (latitude == null || longitude == null) continue;
      const key = `${round(latitude)},${round(longitude)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      services.push([path, name, round(latitude), round(longitude), site.placeName(location.place.slug, locale).value, exact ? 0 : 1, categories]);
    }
  }
  const file: NearbyFile = { places, services };
  return new Response(JSON.stringify(file), { headers: { "content-type": "application/json" } });
}
