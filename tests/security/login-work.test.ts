import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "@start/db";
import { hashPassword } from "@start/api";
import { startTestApi, type TestApi } from "../support/api.js";
import { testDriver } from "../support/database.js";

/**
 * Whether an e-mail address has an account must not show in how long a failed sign-in takes. No
 * clock is read here: the test counts the work itself, the argon2 verifications (through the real
 * library, wrapped at its module boundary) and the SQL statements the database receives.
 */
const verifications = vi.hoisted(() => ({ hashes: [] as string[] }));
// The API's own copy of the library (the tests package does not depend on it).
const argon2Module = await vi.hoisted(async () => {
  const { createRequire } = await import("node:module");
  return createRequire(new URL("../../api/package.json", import.meta.url)).resolve("@node-rs/argon2");
});
vi.mock(argon2Module, async (importOriginal) => {
  // Typed by hand: the tests package does not depend on the library, so its types are out of reach here.
  const argon2 = await importOriginal<{ verify: (hashed: string, ...rest: unknown[]) => Promise<boolean> }>();
  return {
    ...argon2,
    verify: (hashed: string, ...rest: unknown[]) => {
      verifications.hashes.push(hashed);
      return argon2.verify(hashed, ...rest);
    },
  };
});

const PASSWORD = "correct horse battery staple";
const LOGIN = `mutation ($email: String!, $password: String!) { login(email: $email, password: $password, bearer: true) { token } }`;

/** The cost part of a PHC string ($argon2id$v=19$m=…,t=…,p=…$salt$hash). */
const costOf = (hashed: string) => hashed.split("$").slice(1, 4).join("$");

describe(`a failed sign-in does the same work with or without an account (${testDriver})`, () => {
  let t: TestApi;
  let client = 0;

  beforeAll(async () => {
    t = await startTestApi({ trustProxy: "loopback" });
    await t.fixtures.user({ key: "amal", passwordHash: await hashPassword(PASSWORD) });
    await t.fixtures.user({ key: "invited" });
  });
  afterAll(async () => {
    await t?.close();
  });

  /** One failed sign-in from a client of its own: the hashes verified and the statements sent while answering it. */
  const failure = async (email: string) => {
    verifications.hashes.length = 0;
    t.statements.length = 0;
    const answer = await t.graphql(LOGIN, { email, password: "a wrong guess" }, { "x-forwarded-for": `203.0.113.${++client}` });
    expect(answer.errors![0]!.extensions!.code).toBe("UNAUTHENTICATED");
    return { hashes: [...verifications.hashes], statements: [...t.statements] };
  };

  it("verifies one hash of the same cost and sends the same statements for an account, an account without a password and an unknown address", async () => {
    await failure("warm-up@example.org");
    const account = await failure("amal@example.org");
    const noPassword = await failure("invited@example.org");
    const unknown = await failure("nobody-here@example.org");

    expect(account.hashes).toHaveLength(1);
    expect(costOf(account.hashes[0]!)).toBe("argon2id$v=19$m=19456,t=2,p=1");
    for (const other of [noPassword, unknown]) {
      expect(other.hashes.map(costOf)).toEqual(account.hashes.map(costOf));
      expect(other.statements).toEqual(account.statements);
    }

    // The failure is still recorded on the account (count and audit entry), by that same statement.
    const [row] = await queryRows<{ failures: number | string; audited: number | string }>(
      t.database.db,
      sql`select u.failed_login_count as failures, (select count(*) from audit_entries a where a.entity_id = u.id and a.action = 'login_failed') as audited
          from users u where u.email = 'amal@example.org'`,
    );
    expect({ failures: Number(row!.failures), audited: Number(row!.audited) }).toEqual({ failures: 1, audited: 1 });
  });
});
