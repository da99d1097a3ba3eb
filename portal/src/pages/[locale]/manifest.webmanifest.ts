import type { APIContext } from "astro";
import { loadSite } from "../../data/site.js";
import { directionOf, translator } from "../../i18n/index.js";
import { paths } from "../../lib/urls.js";

/** The web app manifest of a locale: installing from /ar/ opens the Arabic home page. */
export async function getStaticPaths() {
  const site = await loadSite();
  return site.locales.map(({ code }) => ({ params: { locale: code } }));
}

export function GET({ params }: APIContext): Response {
  const locale = params.locale!;
  const t = translator(locale);
  const manifest = {
    id: paths.home(locale),
    name: `${t("common.appName")} – ${t("common.tagline")}`,
    short_name: t("common.appName"),
    description: t("home.intro"),
    lang: locale,
    dir: directionOf(locale),
    start_url: paths.home(locale),
    scope: "/",
    display: "standalone",
    background_color: "#ffffff",
    theme_color: "#0b4f6c",
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png" },
      { src: "/icons/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
    shortcuts: [
      { name: t("nav.emergency"), url: paths.emergency(locale) },
      { name: t("nav.services"), url: paths.services(locale) },
      { name: t("nav.search"), url: paths.search(locale) },
    ],
  };
  return new Response(JSON.stringify(manifest), { headers: { "content-type": "application/manifest+json" } });
}
