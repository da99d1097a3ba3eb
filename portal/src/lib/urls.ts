/** Every path of the portal, in one place. All end with "/" (directory pages) except files. */
export const paths = {
  root: () => "/",
  home: (locale: string) => `/${locale}/`,
  services: (locale: string) => `/${locale}/services/`,
  category: (locale: string, code: string) => `/${locale}/services/category/${code}/`,
  place: (locale: string, slug: string) => `/${locale}/services/place/${slug}/`,
  service: (locale: string, slug: string) => `/${locale}/services/${slug}/`,
  organizations: (locale: string) => `/${locale}/organizations/`,
  organization: (locale: string, slug: string) => `/${locale}/organizations/${slug}/`,
  rights: (locale: string) => `/${locale}/rights/`,
  rightsArticle: (locale: string, slug: string) => `/${locale}/rights/${slug}/`,
  jobs: (locale: string) => `/${locale}/jobs/`,
  jobsSector: (locale: string, sector: string) => `/${locale}/jobs/sector/${sector}/`,
  jobsPlace: (locale: string, slug: string) => `/${locale}/jobs/place/${slug}/`,
  vacancy: (locale: string, slug: string) => `/${locale}/jobs/${slug}/`,
  jobsFeed: (locale: string) => `/${locale}/jobs/feed.xml`,
  emergency: (locale: string) => `/${locale}/emergency/`,
  alerts: (locale: string) => `/${locale}/alerts/`,
  alertsFeed: (locale: string) => `/${locale}/alerts/feed.xml`,
  placeAlertsFeed: (locale: string, slug: string) => `/${locale}/alerts/${slug}/feed.xml`,
  about: (locale: string) => `/${locale}/about/`,
  privacy: (locale: string) => `/${locale}/privacy/`,
  search: (locale: string) => `/${locale}/search/`,
  offline: (locale: string) => `/${locale}/offline/`,
  feedbackThanks: (locale: string) => `/${locale}/feedback/thanks/`,
  feedbackError: (locale: string) => `/${locale}/feedback/error/`,
  manifest: (locale: string) => `/${locale}/manifest.webmanifest`,
  nearby: (locale: string) => `/${locale}/nearby.json`,
  searchIndex: (locale: string, hash: string) => `/${locale}/search-index.${hash}.json`,
} as const;

/** Where the feedback form posts (the API answers 303 to feedbackThanks or feedbackError). */
export const FEEDBACK_ACTION = "/feedback";

/** The page's path without its locale prefix ("/ar/services/x/" → "services/x/"). */
export function pathWithoutLocale(path: string): string {
  return path.replace(/^\/[^/]+\/?/, "");
}

/** An absolute URL on the public site (START_SITE_URL): for canonical, OpenGraph, sitemap and feeds only. */
export function absoluteUrl(path: string, site: URL | string | undefined): string {
  return new URL(path, site ?? "http://localhost:4000").href;
}
