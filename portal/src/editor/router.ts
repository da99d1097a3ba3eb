import { useEffect, useState } from "preact/hooks";

/**
 * Routes live in the URL's fragment (#/services/<id>): the editor is one static page per locale,
 * and a static host has no rewrite rules. A route is its list of segments.
 */
export type Route = string[];

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#\/?/, "").split("?")[0] ?? "";
  return path
    .split("/")
    .filter(Boolean)
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    });
}

export const href = (...segments: string[]) => `#/${segments.map(encodeURIComponent).join("/")}`;

export function navigate(...segments: string[]): void {
  const target = href(...segments);
  if (location.hash === target) window.dispatchEvent(new HashChangeEvent("hashchange"));
  else location.hash = target;
}

export function useRoute(): Route {
  const [route, setRoute] = useState<Route>(() => parseRoute(location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.hash));
    window.addEventListener("hashchange", update);
    return () => window.removeEventListener("hashchange", update);
  }, []);
  return route;
}
