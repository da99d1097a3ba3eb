/**
 * Settings of the accounts and editorial side, with their defaults. Every process of a deployment
 * must use the same values (they decide what is stored in the database).
 */
export interface AccountsConfig {
  /** A session ends after this many hours without a request (sliding expiry)… */
  sessionIdleHours: number;
  /** …and at the latest this many days after sign-in. */
  sessionAbsoluteDays: number;
  /** Failed sign-ins for one e-mail address, within `lockMinutes`, that lock it for `lockMinutes`. */
  lockThreshold: number;
  lockMinutes: number;
  /**
   * Failed sign-ins one client (keyed hash of its address) may make per `clientWindowMinutes`;
   * past them each failure locks the account it tried at once (a right password still signs in).
   */
  loginAttemptsPerClient: number;
  clientWindowMinutes: number;
  /** Feedback reports one client may send per `feedbackWindowMinutes`. */
  feedbackPerClient: number;
  feedbackWindowMinutes: number;
  /** Invitation links one client may check (invitationStatus) per `clientWindowMinutes`. */
  invitationChecksPerClient: number;
  /** How long an invitation link stays valid. */
  invitationDays: number;
  /** The secret that keys hashes of client addresses; default: START_SECRET, else one kept in the database. */
  secret?: string;
}

export const DEFAULT_ACCOUNTS_CONFIG: AccountsConfig = {
  sessionIdleHours: 12,
  sessionAbsoluteDays: 30,
  lockThreshold: 5,
  lockMinutes: 15,
  loginAttemptsPerClient: 30,
  clientWindowMinutes: 15,
  feedbackPerClient: 10,
  feedbackWindowMinutes: 60,
  invitationChecksPerClient: 30,
  invitationDays: 7,
};

export function accountsConfigFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<AccountsConfig> {
  return env.START_SECRET ? { secret: env.START_SECRET } : {};
}

/**
 * Express's `trust proxy` from START_TRUST_PROXY: unset or "false" trusts nothing (the client
 * address is the socket's); "true", a hop count ("1") or addresses/subnets ("loopback, 10.0.0.0/8")
 * make X-Forwarded-For and X-Forwarded-Proto count (client address for rate limits, HTTPS for the
 * Secure cookie flag).
 */
export function trustProxyFromEnv(env: NodeJS.ProcessEnv = process.env): boolean | number | string {
  const value = env.START_TRUST_PROXY?.trim();
  if (!value || value === "false") return false;
  if (value === "true") return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}
