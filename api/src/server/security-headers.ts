import type { NextFunction, Request, Response } from "express";

/**
 * The API's answers (JSON, NDJSON, redirects, plain text) are never pages: nothing in them may
 * run, load, be framed or be sniffed into something else, and no link in them tells another site
 * where it came from. The portal's files replace these with the portal's own headers
 * (site/headers.ts), which allow its scripts and styles from its own origin.
 */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

export function apiSecurityHeaders(_request: Request, response: Response, next: NextFunction): void {
  response.setHeader("Content-Security-Policy", API_CONTENT_SECURITY_POLICY);
  response.setHeader("X-Content-Type-Options", "nosniff");
  response.setHeader("Referrer-Policy", "no-referrer");
  next();
}
