/**
 * "Near me" on the home page. The position comes from the browser and stays in the page: it is
 * compared here with the places and services listed in /<locale>/nearby.json (fetched without
 * any coordinates), and never sent anywhere. A kind of help can be chosen ("clinics near me");
 * a service placed at its town's centre (no exact address published) says its distance is approximate.
 */
import { formatNumber } from "../i18n/numbers.js";

export interface NearbyFile {
  places: [slug: string, name: string, latitude: number, longitude: number, count: number][];
  services: [path: string, name: string, latitude: number, longitude: number, place: string, approximate: 0 | 1, categories: string][];
}
interface Strings {
  locating?: string;
  denied?: string;
  unavailable?: string;
  places?: string;
  services?: string;
  distance?: string;
  approximate?: string;
  none?: string;
  km: Record<string, string>;
  count: Record<string, string>;
}

const EARTH_RADIUS_KM = 6371;
function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(a));
}

function setUp(section: HTMLElement): void {
  const button = section.querySelector<HTMLButtonElement>("[data-near-button]");
  const category = section.querySelector<HTMLSelectElement>("[data-near-category]");
  const results = section.querySelector<HTMLElement>("[data-near-results]");
  if (!button || !results || !("geolocation" in navigator)) return;
  const locale = section.dataset.locale ?? "en";
  const strings = JSON.parse(section.dataset.strings ?? "{}") as Strings;
  const plural = new Intl.PluralRules(locale);
  const form = (forms: Record<string, string>, count: number) =>
    (forms[plural.select(count)] ?? forms.other ?? "").replace("{{count}}", formatNumber(count, locale, { maximumFractionDigits: 0 }));
  const say = (text: string | undefined) => {
    results.replaceChildren();
    const p = document.createElement("p");
    p.textContent = text ?? "";
    results.append(p);
  };
  const list = (heading: string | undefined, items: { href: string; name: string; detail: string }[]) => {
    if (items.length === 0) return;
    const h3 = document.createElement("h3");
    h3.textContent = heading ?? "";
    const ul = document.createElement("ul");
    ul.className = "link-list";
    for (const item of items) {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = item.href;
      a.textContent = item.name;
      const detail = document.createElement("span");
      detail.className = "muted";
      detail.textContent = ` · ${item.detail}`;
      li.append(a, detail);
      ul.append(li);
    }
    results.append(h3, ul);
  };

  const MAX_SERVICES = 8;
  let found: { coords: GeolocationCoordinates; nearby: NearbyFile } | null = null;
  const away = (km: number) => (strings.distance ?? "{{distance}}").replace("{{distance}}", form(strings.km, Math.max(1, Math.round(km))));

  const show = () => {
    if (!found) return;
    const { coords, nearby } = found;
    const wanted = category?.value ?? "";
    const places = nearby.places
      .map(([slug, name, lat, lon, count]) => ({ slug, name, count, km: distanceKm(coords.latitude, coords.longitude, lat, lon) }))
      .sort((a, b) => a.km - b.km)
      .slice(0, 3);
    const services = nearby.services
      .filter(([, , , , , , categories]) => !wanted || categories.split(" ").includes(wanted))
      .map(([path, name, lat, lon, place, approximate]) => ({ path, name, place, approximate, km: distanceKm(coords.latitude, coords.longitude, lat, lon) }))
      .sort((a, b) => a.km - b.km)
      .filter((service, index, all) => all.findIndex((other) => other.path === service.path) === index)
      .slice(0, MAX_SERVICES);
    results.replaceChildren();
    if (services.length === 0) say(strings.none);
    list(
      strings.services,
      services.map((service) => ({
        href: `/${locale}/${service.path}`,
        name: service.name,
        detail: `${service.place} · ${away(service.km)}${service.approximate ? ` (${strings.approximate ?? "≈"})` : ""}`,
      })),
    );
    if (!wanted) list(strings.places, places.map((place) => ({ href: `/${locale}/services/place/${place.slug}/`, name: place.name, detail: `${form(strings.count, place.count)} · ${away(place.km)}` })));
  };

  button.hidden = false;
  if (category) category.closest("[data-near-filter]")?.removeAttribute("hidden");
  category?.addEventListener("change", show);
  button.addEventListener("click", () => {
    say(strings.locating);
    navigator.geolocation.getCurrentPosition(
      async ({ coords }) => {
        try {
          const response = await fetch(section.dataset.source!);
          found = { coords, nearby: (await response.json()) as NearbyFile };
          show();
        } catch {
          say(strings.unavailable);
        }
      },
      (error) => say(error.code === error.PERMISSION_DENIED ? strings.denied : strings.unavailable),
      { enableHighAccuracy: false, timeout: 20_000, maximumAge: 600_000 },
    );
  });
}

document.querySelectorAll<HTMLElement>("[data-near]").forEach(setUp);
