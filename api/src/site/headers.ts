import type { Response } from "express";

/**
 * The portal's Content-Security-Policy: nothing from another origin, no inline script (the
 * portal has none; JSON-LD and JSON data blocks are not executed), no framing.
 */
export const PORTAL_CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/** Headers on every file of the portal (and on the "being built" page). No cookie is ever set. */
export function setPortalSecurityHeaders(response: Response): void {
  response.setHeader("Content-Security-Policy", PORTAL_CONTENT_SECURITY_POLICY);
  response.setHeader("X-Content-Type-Options", "nosniff");
  // Links to an NGO's website do not tell it which page (which need) the visitor came from.
  response.setHeader("Referrer-Policy", "same-origin");
  response.setHeader("X-Frame-Options", "DENY");
  // "Near me" asks for the position on this origin only; nothing else is wanted.
  response.setHeader("Permissions-Policy", "geolocation=(self), camera=(), microphone=()");
  response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
}

/** A year, immutable: files whose name changes with their content. */
export const IMMUTABLE = "public, max-age=31536000, immutable";
/** Pages, the service worker and the manifests: always revalidated (cheap, with ETags), so a new build is seen at once. */
export const REVALIDATE = "no-cache";
/** Other files (icons, site.js, feeds, sitemap, nearby.json): a few minutes. */
export const SHORT = "public, max-age=300";

const HASHED = [/^\/_astro\//, /\/search-index\.[0-9a-f]{6,}\.json$/];

/** True for paths whose name carries a content hash. */
export function isHashedAsset(pathname: string): boolean {
  return HASHED.some((pattern) => pattern.test(pathname));
}

/** The portal's Atom feeds (/<locale>/jobs/feed.xml): their extension alone would make them application/xml. */
const ATOM_FEED = /\/feed\.xml$/;

/** Content-Type for a file of the portal whose extension does not tell it, by its path below the site's root. */
export function portalContentType(pathname: string): string | undefined {
  return ATOM_FEED.test(pathname) ? "application/atom+xml; charset=utf-8" : undefined;
}

/** Cache-Control for a file of the portal, by its path below the site's root ("/ar/index.html"). */
export function portalCacheControl(pathname: string): string {
  if (isHashedAsset(pathname)) return IMMUTABLE;
  if (pathname.endsWith("/") || pathname.endsWith(".html") || pathname === "/sw.js" || pathname.endsWith(".webmanifest")) return REVALIDATE;
  return SHORT;
}
