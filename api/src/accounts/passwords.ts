import { type Algorithm, hash, verify } from "@node-rs/argon2";

/**
 * Passwords are hashed with argon2id (OWASP's minimum: 19 MiB, 2 passes, 1 lane), stored in PHC
 * string format. Length bounds keep hashing cheap enough to resist denial of service.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

// Algorithm is an ambient const enum (not importable under isolatedModules): 2 is Argon2id.
const ARGON2ID = 2 as Algorithm;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the time a real verification would when there is no account (or no password yet), so
 * that the answer's timing does not tell whether an e-mail address has an account.
 */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword("start-no-such-account-placeholder");
  await verifyPassword(await dummyHash, password);
  return false;
}

export function passwordLengthValid(password: string): boolean {
  const length = [...password].length;
  return length >= PASSWORD_MIN_LENGTH && length <= PASSWORD_MAX_LENGTH;
}
