import { existsSync } from "node:fs";
import path from "node:path";
import express, { type NextFunction, type Request, type RequestHandler, type Response } from "express";
import type { Logger } from "../server/logger.js";
import { describeError } from "../server/logger.js";
import { sendBeingBuilt } from "./being-built.js";
import type { SiteDirectory } from "./directory.js";
import { isHashedAsset, portalCacheControl, portalContentType, REVALIDATE, setPortalSecurityHeaders } from "./headers.js";

/**
 * Serves the current portal build: resolves `current` on every request (a swap is seen at once),
 * answers with the cache headers of portalCacheControl() and the portal's security headers,
 * the "not found" page of the address's locale for unknown paths (notFoundPage), and the "being
 * built" page before the first build. A hashed
 * asset the current build no longer has is looked for in the previous builds, for pages loaded
 * just before a swap.
 */
/**
 * The page a build answers an unknown path with: `<locale>/404.html` when the path is below a
 * locale's folder that has one (/en/services/gone/ → en/404.html, in English), else the root
 * `404.html` (every language). Null when the build has neither.
 */
export function notFoundPage(buildDir: string, pathname: string): string | null {
  const first = /^\/([a-z]{2,3})(?:\/|$)/.exec(pathname)?.[1];
  const candidates = first ? [path.join(buildDir, first, "404.html"), path.join(buildDir, "404.html")] : [path.join(buildDir, "404.html")];
  return candidates.find((file) => existsSync(file)) ?? null;
}

export function portalStaticHandler(site: SiteDirectory, logger: Logger): RequestHandler {
  const handlers = new Map<string, RequestHandler>();
  const staticFor = (dir: string): RequestHandler => {
    let handler = handlers.get(dir);
    if (!handler) {
      handler = express.static(dir, {
        index: ["index.html"],
        redirect: true,
        fallthrough: true,
        dotfiles: "ignore",
        etag: true,
        lastModified: true,
        cacheControl: false,
        setHeaders(response, file) {
          const relative = `/${path.relative(dir, file).split(path.sep).join("/")}`;
          response.setHeader("Cache-Control", portalCacheControl(relative));
          // Set before express.static picks a type from the extension (it keeps one already set).
          const contentType = portalContentType(relative);
          if (contentType) response.setHeader("Content-Type", contentType);
        },
      });
      handlers.set(dir, handler);
      // Only a few builds exist at a time; forget the oldest handlers.
      if (handlers.size > 8) handlers.delete(handlers.keys().next().value!);
    }
    return handler;
  };

  const notFound = (dir: string, request: Request, response: Response, next: NextFunction) => {
    const page = notFoundPage(dir, request.path);
    if (!page) return next();
    response.status(404).setHeader("Cache-Control", REVALIDATE);
    response.sendFile(page, { cacheControl: false, lastModified: false }, (error) => {
      if (error && !response.headersSent) next(error);
    });
  };

  return async (request: Request, response: Response, next: NextFunction) => {
    if (request.method !== "GET" && request.method !== "HEAD") return next();
    try {
      const current = await site.current();
      setPortalSecurityHeaders(response);
      if (!current) return sendBeingBuilt(response);
      staticFor(current.dir)(request, response, async (error?: unknown) => {
        if (error) return next(error);
        if (isHashedAsset(request.path)) {
          const older = (await site.completed()).filter((build) => build.id !== current.id);
          const tryNext = (index: number): void => {
            const build = older[index];
            if (!build) {
              notFound(current.dir, request, response, next);
              return;
            }
            staticFor(build.dir)(request, response, (nested?: unknown) => (nested ? next(nested) : tryNext(index + 1)));
          };
          return tryNext(0);
        }
        notFound(current.dir, request, response, next);
      });
    } catch (error) {
      logger.error("portal file not served", describeError(error));
      next(error);
    }
  };
}
