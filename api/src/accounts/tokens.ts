import { createHash, createHmac, randomBytes } from "node:crypto";

/** A secret token for a session or an invitation: 32 random bytes, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** What the database keeps of a token: its SHA-256, so a leaked table opens no session. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** A keyed hash (HMAC-SHA-256) for rate-limit keys: client addresses and e-mail addresses are never stored as such. */
export function keyedHash(secret: string, purpose: string, value: string): string {
  return createHmac("sha256", secret).update(`${purpose}\u0000${value}`, "utf8").digest("base64url").slice(0, 32);
}
