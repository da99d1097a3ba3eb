import type { Database } from "@start/db";
import express, { type Router } from "express";
import type { Logger } from "../server/logger.js";

export interface HsdsRouterOptions {
  db: Database;
  logger: Logger;
}

/** The HSDA read endpoints (Open Referral Human Services Data API 3.0), mounted at /hsds. */
export function hsdsRouter(_options: HsdsRouterOptions): Router {
  const router = express.Router();
  return router;
}
