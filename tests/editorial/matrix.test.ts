import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { feedback, invitations, memberships, organizationRevisions, queryRows, serviceRevisions, users } from "@start/db";
import { hashPassword } from "@start/api";
import { testDriver } from "../support/database.js";
import { dataOf, startTestApi, type TestApi } from "../support/api.js";
import { databaseDigest, editorialWorld, libyaDate, sha256 } from "./support.js";

/**
 * The authorization matrix: every mutation of the schema × every role (and the public) × a record
 * of the actor's own organization or of another one. Each cell asserts allow or deny; a denied
 * cell also asserts that nothing at all was written (a fingerprint of the whole database).
 * The list of mutations below must cover the schema's: a new mutation without an entry fails.
 */

type Actor = "anonymous" | "org_editor" | "ministry_publisher" | "moderator" | "admin";
type Side = "own" | "other";
const ACTORS: Actor[] = ["anonymous", "org_editor", "ministry_publisher", "moderator", "admin"];
const SIDES: Side[] = ["own", "other"];

const PLATFORM: Actor[] = ["moderator", "admin"];
const rule = {
  /** Org editors of the record's organization, moderators, admins. */
  serviceEdit: (actor: Actor, side: Side) => PLATFORM.includes(actor) || (actor === "org_editor" && side === "own"),
  servicePublish: (actor: Actor) => PLATFORM.includes(actor),
  /** Ministry publishers of the record's organization, moderators, admins. */
  vacancyEdit: (actor: Actor, side: Side) => PLATFORM.includes(actor) || (actor === "ministry_publisher" && side === "own"),
  moderate: (actor: Actor) => PLATFORM.includes(actor),
  admin: (actor: Actor) => actor === "admin",
  signedIn: (actor: Actor) => actor !== "anonymous",
  anyone: () => true,
};

interface Cell {
  actor: Actor;
  side: Side;
  /** The organization the cell's record belongs to (the actor's own, or another). */
  organization: string;
  organizationId: string;
  token: string | null;
}

interface Entry {
  allowed: (actor: Actor, side: Side) => boolean;
  /** Allowed but with nothing to do (signing out without a session): no audit entry, no change. */
  noOpFor?: Actor[];
  /** Creates what the mutation acts on; returns the operation (and, rarely, another token to send). */
  prepare: (cell: Cell) => Promise<{ query: string; variables?: Record<string, unknown>; token?: string | null }>;
}

const hsdsFolder = mkdtempSync(path.join(tmpdir(), "start-matrix-hsds-"));
process.env.START_HSDS_DIR = hsdsFolder;
afterAll(() => rmSync(hsdsFolder, { recursive: true, force: true }));

describe(`authorization matrix (${testDriver})`, () => {
  let t: TestApi;
  let tokens: Record<Exclude<Actor, "anonymous">, string>;
  let passwordHash: string;
  let counter = 0;
  const unique = (prefix: string) => `${prefix}-${++counter}`;

  beforeAll(async () => {
    t = await startTestApi({ accounts: { loginAttemptsPerClient: 10_000, feedbackPerClient: 10_000 } });
    const sessions = await editorialWorld(t.fixtures);
    tokens = { org_editor: sessions.editor, ministry_publisher: sessions.publisher, moderator: sessions.moderator, admin: sessions.admin };
    passwordHash = await hashPassword("correct horse battery");
    await t.database.db.execute(sql`update users set password_hash = ${passwordHash}`);
  });
  afterAll(async () => {
    await t?.close();
  });

  const db = () => t.database.db;

  // Record builders: each cell gets its own fresh record.
  async function service(cell: Cell, state: "draft" | "in_review" | "published" = "draft", options: { archived?: boolean } = {}) {
    const slug = unique("svc");
    const id = await t.fixtures.service({ slug, organization: cell.organization, state, archived: options.archived, texts: { en: { name: `Clinic ${slug}` } } });
    return id;
  }
  async function vacancy(cell: Cell, state: "draft" | "published" = "draft", options: { archived?: boolean } = {}) {
    const slug = unique("vac");
    const id = await t.fixtures.vacancy({ slug, organization: cell.organization, place: "tripoli", state, deadline: libyaDate(30), texts: { en: { title: "Nurse" } } });
    if (options.archived) await db().execute(sql`update vacancies set archived_at = now() where id = ${id}`);
    return id;
  }
  const archivedAs = async (table: string, id: string) => {
    await db().execute(sql`update ${sql.raw(table)} set archived_at = now() where id = ${id}`);
    return id;
  };
  async function article(state: "draft" | "published" = "draft") {
    return t.fixtures.rightsArticle({ slug: unique("art"), country: "libya", state, texts: { en: { title: "Health care" } } });
  }
  async function alert(state: "draft" | "published" = "draft") {
    return t.fixtures.alert({ key: unique("alert"), state, validFrom: new Date(), texts: { en: { title: "Road closed" } } });
  }
  async function category() {
    return t.fixtures.category({ code: unique("cat").replace("-", "_"), names: { en: "Category" } });
  }
  async function place() {
    return t.fixtures.place({ slug: unique("place"), kind: "municipality", parent: "tripoli-region", names: { en: "Place" } });
  }
  async function organization(state: "draft" | "published" = "published") {
    return t.fixtures.organization({ slug: unique("org"), state, names: { en: "Organization" } });
  }
  /** A fresh organization whose editor the cell's org editor is, on the cell's own side. */
  async function editedOrganization(cell: Cell, revision?: "draft" | "in_review") {
    const slug = unique("edited-org");
    const id = await t.fixtures.organization({ slug, names: { en: "Edited organization" } });
    if (cell.actor === "org_editor" && cell.side === "own") {
      await db().insert(memberships).values({ userId: t.fixtures.id("user:editor"), role: "org_editor", organizationId: id });
    }
    if (revision) {
      const proposed = { slug, kind: "national_ngo", website: null, email: null, logo: null, sources: [], texts: [{ locale: "en", name: "Renamed", alternateName: null, description: null }], phones: [] };
      await db().insert(organizationRevisions).values({ organizationId: id, status: revision, proposed });
    }
    return id;
  }
  async function user(options: { disabled?: boolean } = {}) {
    const key = unique("user");
    const id = await t.fixtures.user({ key, passwordHash, roles: [{ role: "org_editor", organization: "ngo-b" }] });
    if (options.disabled) await db().execute(sql`update users set disabled_at = now() where id = ${id}`);
    return { id, email: `${key}@example.org` };
  }
  async function invitation(cell: Cell) {
    const token = `invitation-token-${unique("t")}-abcdefghijklmnop`;
    const [row] = await db()
      .insert(invitations)
      .values({
        email: `${unique("invitee")}@example.org`,
        role: "org_editor",
        organizationId: cell.organizationId,
        tokenHash: sha256(token),
        expiresAt: new Date(Date.now() + 86_400_000),
      })
      .returning();
    return { id: row!.id, token };
  }

  const serviceInput = { texts: [{ locale: "en", name: "Matrix clinic" }], categories: ["health"] };
  const vacancyInput = () => ({ sector: "health", place: "tripoli", recruitmentChannel: "LABOUR_OFFICE", deadline: libyaDate(20), texts: [{ locale: "en", title: "Midwife" }] });
  const articleInput = { topic: "health-care", country: "libya", audience: "ANYONE", reviewedOn: "2026-01-10", texts: [{ locale: "en", title: "Care", summary: "Care", body: "Care **now**" }] };
  const alertInput = { validFrom: "2026-01-01T00:00:00Z", severity: "WARNING", texts: [{ locale: "en", title: "Flood" }] };
  const categoryInput = () => ({ code: unique("code").replace("-", "_"), texts: [{ locale: "en", name: "New category" }] });
  const placeInput = () => ({ slug: unique("new-place"), kind: "MUNICIPALITY", parent: "tripoli-region", countryCode: "LY", timeZone: "Africa/Tripoli", texts: [{ locale: "en", name: "Tajoura" }] });
  const organizationInput = () => ({ slug: unique("new-org"), kind: "NATIONAL_NGO", texts: [{ locale: "en", name: "New NGO" }] });

  const byId = (name: string, extra = "") => `mutation ($id: ID!, $v: Int! ${extra}) { ${name}(id: $id, expectedVersion: $v ${extra ? extra.replace(/\$(\w+): [^,)]+/g, "$1: $$$1") : ""}) { id } }`;
  const simple = (name: string, create: (cell: Cell) => Promise<string>): Entry["prepare"] => async (cell) => ({
    query: byId(name),
    variables: { id: await create(cell), v: 1 },
  });

  const MATRIX: Record<string, Entry> = {
    // Accounts
    login: {
      allowed: rule.anyone,
      prepare: async () => ({
        query: `mutation ($email: String!) { login(email: $email, password: "correct horse battery") { user { id } } }`,
        variables: { email: (await user()).email },
      }),
    },
    logout: {
      allowed: rule.anyone,
      noOpFor: ["anonymous"],
      // Its own session, so the actor's shared one survives.
      prepare: async (cell) => ({
        query: "mutation { logout }",
        token: cell.actor === "anonymous" ? null : await t.fixtures.session(keyOf(cell.actor)),
      }),
    },
    changePassword: {
      allowed: rule.signedIn,
      prepare: async () => {
        await db().execute(sql`update users set password_hash = ${passwordHash}`);
        return { query: `mutation { changePassword(currentPassword: "correct horse battery", newPassword: "another long passphrase") }` };
      },
    },
    acceptInvitation: {
      allowed: rule.anyone,
      prepare: async (cell) => ({
        query: `mutation ($token: String!) { acceptInvitation(token: $token, displayName: "Newcomer", password: "a long enough password") { user { id } } }`,
        variables: { token: (await invitation(cell)).token },
      }),
    },
    inviteUser: {
      allowed: rule.admin,
      prepare: async (cell) => ({
        query: `mutation ($email: String!, $org: ID) { inviteUser(email: $email, role: ORG_EDITOR, organizationId: $org) { url } }`,
        variables: { email: `${unique("new")}@example.org`, org: cell.organizationId },
      }),
    },
    revokeInvitation: {
      allowed: rule.admin,
      prepare: async (cell) => ({ query: `mutation ($id: ID!) { revokeInvitation(id: $id) { id } }`, variables: { id: (await invitation(cell)).id } }),
    },
    setUserRoles: {
      allowed: rule.admin,
      prepare: async (cell) => ({
        query: `mutation ($id: ID!, $org: ID) { setUserRoles(userId: $id, expectedVersion: 1, roles: [{ role: ORG_EDITOR, organizationId: $org }]) { id } }`,
        variables: { id: (await user()).id, org: cell.organizationId },
      }),
    },
    disableUser: {
      allowed: rule.admin,
      prepare: async () => ({ query: `mutation ($id: ID!) { disableUser(userId: $id, expectedVersion: 1) { id } }`, variables: { id: (await user()).id } }),
    },
    enableUser: {
      allowed: rule.admin,
      prepare: async () => ({
        query: `mutation ($id: ID!) { enableUser(userId: $id, expectedVersion: 1) { id } }`,
        variables: { id: (await user({ disabled: true })).id },
      }),
    },

    // Services
    createService: {
      allowed: rule.serviceEdit,
      prepare: async (cell) => ({
        query: `mutation ($org: ID!, $input: ServiceInput!) { createService(organizationId: $org, input: $input) { id } }`,
        variables: { org: cell.organizationId, input: serviceInput },
      }),
    },
    updateService: {
      allowed: rule.serviceEdit,
      prepare: async (cell) => ({
        query: `mutation ($id: ID!, $input: ServiceInput!) { updateService(id: $id, expectedVersion: 1, input: $input) { id } }`,
        variables: { id: await service(cell), input: serviceInput },
      }),
    },
    submitServiceForReview: { allowed: rule.serviceEdit, prepare: simple("submitServiceForReview", (cell) => service(cell)) },
    publishService: { allowed: rule.servicePublish, prepare: simple("publishService", (cell) => service(cell, "in_review")) },
    rejectService: {
      allowed: rule.servicePublish,
      prepare: async (cell) => ({
        query: `mutation ($id: ID!) { rejectService(id: $id, expectedVersion: 1, reason: "Add the opening hours.") { id } }`,
        variables: { id: await service(cell, "in_review") },
      }),
    },
    discardServiceChanges: {
      allowed: rule.serviceEdit,
      prepare: simple("discardServiceChanges", async (cell) => {
        const id = await service(cell, "published");
        await db().insert(serviceRevisions).values({ serviceId: id, proposed: { slug: "x" } });
        return id;
      }),
    },
    archiveService: { allowed: rule.serviceEdit, prepare: simple("archiveService", (cell) => service(cell, "published")) },
    restoreService: { allowed: rule.serviceEdit, prepare: simple("restoreService", (cell) => service(cell, "published", { archived: true })) },
    verifyService: { allowed: rule.serviceEdit, prepare: simple("verifyService", (cell) => service(cell, "published")) },

    // Vacancies
    createVacancy: {
      allowed: rule.vacancyEdit,
      prepare: async (cell) => ({
        query: `mutation ($org: ID!, $input: VacancyInput!) { createVacancy(organizationId: $org, input: $input) { id } }`,
        variables: { org: cell.organizationId, input: vacancyInput() },
      }),
    },
    updateVacancy: {
      allowed: rule.vacancyEdit,
      prepare: async (cell) => ({
        query: `mutation ($id: ID!, $input: VacancyInput!) { updateVacancy(id: $id, expectedVersion: 1, input: $input) { id } }`,
        variables: { id: await vacancy(cell), input: vacancyInput() },
      }),
    },
    publishVacancy: { allowed: rule.vacancyEdit, prepare: simple("publishVacancy", (cell) => vacancy(cell)) },
    closeVacancy: { allowed: rule.vacancyEdit, prepare: simple("closeVacancy", (cell) => vacancy(cell, "published")) },
    archiveVacancy: { allowed: rule.vacancyEdit, prepare: simple("archiveVacancy", (cell) => vacancy(cell, "published")) },
    restoreVacancy: { allowed: rule.vacancyEdit, prepare: simple("restoreVacancy", (cell) => vacancy(cell, "published", { archived: true })) },

    // Moderated content
    createRightsArticle: {
      allowed: rule.moderate,
      prepare: async () => ({ query: `mutation ($input: RightsArticleInput!) { createRightsArticle(input: $input) { id } }`, variables: { input: articleInput } }),
    },
    updateRightsArticle: {
      allowed: rule.moderate,
      prepare: async () => ({
        query: `mutation ($id: ID!, $input: RightsArticleInput!) { updateRightsArticle(id: $id, expectedVersion: 1, input: $input) { id } }`,
        variables: { id: await article("published"), input: articleInput },
      }),
    },
    publishRightsArticle: { allowed: rule.moderate, prepare: simple("publishRightsArticle", () => article()) },
    archiveRightsArticle: { allowed: rule.moderate, prepare: simple("archiveRightsArticle", () => article("published")) },
    restoreRightsArticle: { allowed: rule.moderate, prepare: simple("restoreRightsArticle", async () => archivedAs("rights_articles", await article("published"))) },
    createAlert: {
      allowed: rule.moderate,
      prepare: async () => ({ query: `mutation ($input: AlertInput!) { createAlert(input: $input) { id } }`, variables: { input: alertInput } }),
    },
    updateAlert: {
      allowed: rule.moderate,
      prepare: async () => ({
        query: `mutation ($id: ID!, $input: AlertInput!) { updateAlert(id: $id, expectedVersion: 1, input: $input) { id } }`,
        variables: { id: await alert("published"), input: alertInput },
      }),
    },
    publishAlert: { allowed: rule.moderate, prepare: simple("publishAlert", () => alert()) },
    archiveAlert: { allowed: rule.moderate, prepare: simple("archiveAlert", () => alert("published")) },
    restoreAlert: { allowed: rule.moderate, prepare: simple("restoreAlert", async () => archivedAs("alerts", await alert("published"))) },
    createCategory: {
      allowed: rule.moderate,
      prepare: async () => ({ query: `mutation ($input: CategoryInput!) { createCategory(input: $input) { id } }`, variables: { input: categoryInput() } }),
    },
    updateCategory: {
      allowed: rule.moderate,
      prepare: async () => ({
        query: `mutation ($id: ID!, $input: CategoryInput!) { updateCategory(id: $id, expectedVersion: 1, input: $input) { id } }`,
        variables: { id: await category(), input: categoryInput() },
      }),
    },
    archiveCategory: { allowed: rule.moderate, prepare: simple("archiveCategory", () => category()) },
    restoreCategory: { allowed: rule.moderate, prepare: simple("restoreCategory", async () => archivedAs("categories", await category())) },
    createPlace: {
      allowed: rule.moderate,
      prepare: async () => ({ query: `mutation ($input: PlaceInput!) { createPlace(input: $input) { id } }`, variables: { input: placeInput() } }),
    },
    updatePlace: {
      allowed: rule.moderate,
      prepare: async () => ({
        query: `mutation ($id: ID!, $input: PlaceInput!) { updatePlace(id: $id, expectedVersion: 1, input: $input) { id } }`,
        variables: { id: await place(), input: placeInput() },
      }),
    },
    archivePlace: { allowed: rule.moderate, prepare: simple("archivePlace", () => place()) },
    restorePlace: { allowed: rule.moderate, prepare: simple("restorePlace", async () => archivedAs("places", await place())) },

    // Organizations: admins create, publish, archive and restore them; their editors propose changes a moderator reviews.
    createOrganization: {
      allowed: rule.admin,
      prepare: async () => ({ query: `mutation ($input: OrganizationInput!) { createOrganization(input: $input) { id } }`, variables: { input: organizationInput() } }),
    },
    updateOrganization: {
      allowed: rule.serviceEdit,
      prepare: async (cell) => ({
        query: `mutation ($id: ID!, $input: OrganizationInput!) { updateOrganization(id: $id, expectedVersion: 1, input: $input) { id } }`,
        variables: { id: await editedOrganization(cell), input: { ...organizationInput(), phones: [{ number: "+218912345678" }] } },
      }),
    },
    submitOrganizationChanges: { allowed: rule.serviceEdit, prepare: simple("submitOrganizationChanges", (cell) => editedOrganization(cell, "draft")) },
    publishOrganizationChanges: { allowed: rule.servicePublish, prepare: simple("publishOrganizationChanges", (cell) => editedOrganization(cell, "in_review")) },
    rejectOrganizationChanges: {
      allowed: rule.servicePublish,
      prepare: async (cell) => ({
        query: `mutation ($id: ID!) { rejectOrganizationChanges(id: $id, expectedVersion: 1, reason: "Keep the hotline.") { id } }`,
        variables: { id: await editedOrganization(cell, "in_review") },
      }),
    },
    discardOrganizationChanges: { allowed: rule.serviceEdit, prepare: simple("discardOrganizationChanges", (cell) => editedOrganization(cell, "draft")) },
    publishOrganization: { allowed: rule.admin, prepare: simple("publishOrganization", () => organization("draft")) },
    archiveOrganization: { allowed: rule.admin, prepare: simple("archiveOrganization", () => organization()) },
    restoreOrganization: { allowed: rule.admin, prepare: simple("restoreOrganization", async () => archivedAs("organizations", await organization())) },

    // Feedback
    submitFeedback: {
      allowed: rule.anyone,
      prepare: async (cell) => ({
        query: `mutation ($id: ID!) { submitFeedback(listing: $id, kind: WRONG_CONTACT, message: "The number rings out.") { received } }`,
        variables: { id: await service(cell, "published") },
      }),
    },
    resolveFeedback: {
      allowed: rule.serviceEdit,
      prepare: async (cell) => {
        const [report] = await db()
          .insert(feedback)
          .values({ serviceId: await service(cell, "published"), kind: "closed" })
          .returning();
        return { query: `mutation ($id: ID!) { resolveFeedback(id: $id, expectedVersion: 1, resolution: RESOLVED, note: "Fixed") { id } }`, variables: { id: report!.id } };
      },
    },

    // Open data (HSDS): files in the server's HSDS folder (START_HSDS_DIR, a temporary folder here).
    exportHsds: {
      allowed: rule.admin,
      // Writes files, not the database.
      noOpFor: ["admin"],
      prepare: async () => ({ query: `mutation { exportHsds(locales: ["en"], formats: [JSON]) { folder } }` }),
    },
    importHsds: {
      allowed: rule.admin,
      prepare: async () => {
        const file = `${unique("organizations")}.json`;
        await mkdir(path.join(hsdsFolder, "imports"), { recursive: true });
        await writeFile(path.join(hsdsFolder, "imports", file), JSON.stringify([{ id: randomUUID(), name: "Imported NGO", description: "From a file" }]));
        return { query: `mutation ($source: String!) { importHsds(source: $source) { ok } }`, variables: { source: file } };
      },
    },
  };

  async function auditCount(): Promise<number> {
    const [row] = await queryRows<{ count: number | string }>(db(), sql`select count(*) as count from audit_entries`);
    return Number(row!.count);
  }

  function keyOf(actor: Exclude<Actor, "anonymous">): string {
    return { org_editor: "editor", ministry_publisher: "publisher", moderator: "moderator", admin: "admin" }[actor];
  }

  function cellOf(actor: Actor, side: Side): Cell {
    const own = actor === "ministry_publisher" ? "ministry-a" : "ngo-a";
    const other = actor === "ministry_publisher" ? "ministry-b" : "ngo-b";
    const organization = side === "own" ? own : other;
    return { actor, side, organization, organizationId: t.fixtures.id(`organization:${organization}`), token: actor === "anonymous" ? null : tokens[actor] };
  }

  it("covers every mutation of the schema, and nothing else", async () => {
    const names = Object.keys(t.api.schema.getMutationType()!.getFields()).sort();
    expect(Object.keys(MATRIX).sort()).toEqual(names);
  });

  for (const [mutation, entry] of Object.entries(MATRIX)) {
    describe(mutation, () => {
      for (const actor of ACTORS) {
        for (const side of SIDES) {
          const allowed = entry.allowed(actor, side);
          it(`${actor} × ${side} organization: ${allowed ? "allowed" : "denied"}`, async () => {
            const cell = cellOf(actor, side);
            const operation = await entry.prepare(cell);
            const token = operation.token !== undefined ? operation.token : cell.token;
            const noOp = entry.noOpFor?.includes(actor) ?? false;
            const before = allowed && !noOp ? "" : await databaseDigest(db());
            const auditBefore = allowed ? await auditCount() : 0;
            const response = await t.graphqlAs(token, operation.query, operation.variables);
            if (allowed) {
              dataOf(response);
              expect(response.data?.[mutation]).toBeTruthy();
              // Every mutation that goes through leaves an audit entry (one with nothing to do changes nothing).
              if (noOp) expect(await databaseDigest(db())).toBe(before);
              else expect(await auditCount()).toBeGreaterThan(auditBefore);
            } else {
              expect(response.errors?.[0]?.extensions?.code).toBe(actor === "anonymous" ? "UNAUTHENTICATED" : "FORBIDDEN");
              expect(response.data?.[mutation] ?? null).toBeNull();
              expect(await databaseDigest(db()), "a denied mutation changed the database").toBe(before);
            }
          });
        }
      }
    });
  }

  it("leaves the shared sessions of every role working after the whole matrix", async () => {
    for (const actor of ["org_editor", "ministry_publisher", "moderator", "admin"] as const) {
      expect(dataOf(await t.graphqlAs(tokens[actor], "{ me { id } }")).me).not.toBeNull();
    }
    const [row] = await queryRows<{ count: number | string }>(db(), sql`select count(*) as count from ${users}`);
    expect(Number(row!.count)).toBeGreaterThan(4);
  });
});
