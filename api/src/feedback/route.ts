import express, { Router } from "express";
import type { Database } from "@start/db";
import { sql } from "drizzle-orm";
import { queryRows } from "@start/db";
import { findApiError } from "../graphql/errors.js";
import type { AccountsConfig } from "../server/config.js";
import { describeError, type Logger } from "../server/logger.js";
import { submitFeedback } from "./submit.js";

/**
 * POST /feedback: the portal's feedback form, which works without JavaScript
 * (application/x-www-form-urlencoded: listing, kind, message, locale). Answers 303 to
 * /{locale}/feedback/thanks/ or /{locale}/feedback/error/ (pages the portal builds), with the
 * same validation and rate limit as the GraphQL submitFeedback.
 */
export function feedbackRoutes(options: { db: Database; accounts: AccountsConfig; logger: Logger }): Router {
  const router = Router();
  router.post("/feedback", express.urlencoded({ extended: false, limit: "16kb", parameterLimit: 20 }), async (request, response) => {
    response.setHeader("Cache-Control", "no-store");
    const body = (request.body ?? {}) as Record<string, unknown>;
    const field = (name: string) => (typeof body[name] === "string" ? (body[name] as string) : undefined);
    let locale = "ar";
    try {
      const enabled = await queryRows<{ code: string }>(options.db, sql`select code from locales where enabled order by position`);
      const requested = field("locale")?.trim();
      locale = enabled.find((row) => row.code === requested)?.code ?? enabled[0]?.code ?? "ar";
      await submitFeedback(options.db, request, options.accounts, {
        listing: field("listing") ?? "",
        kind: field("kind") ?? "",
        message: field("message"),
        locale,
      });
      response.redirect(303, `/${locale}/feedback/thanks/`);
    } catch (error) {
      if (!findApiError(error)) options.logger.error("feedback form failed", describeError(error));
      response.redirect(303, `/${locale}/feedback/error/`);
    }
  });
  // A form post with a body the parser refuses (too large, bad encoding) also lands on the error page.
  router.use("/feedback", ((error, request, response, next) => {
    if (request.method !== "POST") return next(error);
    response.setHeader("Cache-Control", "no-store").redirect(303, "/ar/feedback/error/");
  }) as express.ErrorRequestHandler);
  return router;
}
