import type { Request } from "express";
import type { Database } from "@start/db";
import { serverSecret } from "./secret.js";
import { keyedHash } from "./tokens.js";

/**
 * The rate-limit key of the client behind a request: a keyed hash of its address (Express's
 * request.ip, which follows X-Forwarded-For only as far as START_TRUST_PROXY allows). The address
 * itself is never stored or logged.
 */
export async function clientKey(db: Database, request: Request, configuredSecret?: string): Promise<string> {
  const address = request.ip ?? request.socket.remoteAddress ?? "unknown";
  return keyedHash(await serverSecret(db, configuredSecret), "client", address);
}

export async function emailKey(db: Database, email: string, configuredSecret?: string): Promise<string> {
  return keyedHash(await serverSecret(db, configuredSecret), "email", email.trim().toLowerCase());
}
