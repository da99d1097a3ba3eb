import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { auditEntries, services } from "@start/db";
import { dataOf, startTestApi, type TestApi } from "../support/api.js";
import { testDriver } from "../support/database.js";
import { directoryWorld } from "../support/directory-world.js";

const IMPORT = `mutation ($source: String!, $dryRun: Boolean, $publish: Boolean, $locale: String) {
  importHsds(source: $source, dryRun: $dryRun, publish: $publish, locale: $locale) {
    ok dryRun publish publishQueued errorCount summary
    counts { kind created changed unchanged }
    changes { kind id name action }
    errors { message file line field }
    warnings { message count }
  }
}`;
const EXPORT = `mutation ($locales: [String!], $formats: [HsdsFormat!]) {
  exportHsds(locales: $locales, formats: $formats) { folder locales services organizations taxonomyTerms places files { path records bytes } }
}`;

const ORG = "2e3d4c5b-6a7f-4b8c-9d0e-1f2a3b4c5d6e";
const SERVICE = "3f4e5d6c-7b8a-4c9d-8e0f-2a3b4c5d6e7f";

describe(`the admin's HSDS mutations (${testDriver})`, () => {
  let t: TestApi;
  let hsdsDir: string;
  let admin: string;
  let moderator: string;
  let adminId: string;

  beforeAll(async () => {
    hsdsDir = await mkdtemp(path.join(tmpdir(), "start-hsds-mutations-"));
    process.env.START_HSDS_DIR = hsdsDir;
    await mkdir(path.join(hsdsDir, "imports", "good"), { recursive: true });
    await writeFile(path.join(hsdsDir, "imports", "good", "organizations.csv"), `id,name,description\n${ORG},Imported NGO,From a partner's spreadsheet\n`);
    await writeFile(path.join(hsdsDir, "imports", "good", "services.csv"), `id,organization_id,name,status\n${SERVICE},${ORG},Imported clinic,active\n`);
    await mkdir(path.join(hsdsDir, "imports", "bad"), { recursive: true });
    await writeFile(path.join(hsdsDir, "imports", "bad", "services.csv"), `id,organization_id,name,status\n${SERVICE},${ORG},Imported clinic,closed\n`);
    t = await startTestApi();
    await directoryWorld(t.fixtures);
    adminId = await t.fixtures.user({ key: "admin", roles: [{ role: "admin" }] });
    await t.fixtures.user({ key: "moderator", roles: [{ role: "moderator" }] });
    admin = await t.fixtures.session("admin");
    moderator = await t.fixtures.session("moderator");
  });
  afterAll(async () => {
    await t?.close();
    delete process.env.START_HSDS_DIR;
    if (hsdsDir) await rm(hsdsDir, { recursive: true, force: true });
  });

  it("are the admins' only", async () => {
    for (const [token, code] of [
      [null, "UNAUTHENTICATED"],
      [moderator, "FORBIDDEN"],
    ] as const) {
      expect((await t.graphqlAs(token, IMPORT, { source: "good" })).errors?.[0]?.extensions?.code).toBe(code);
      expect((await t.graphqlAs(token, EXPORT)).errors?.[0]?.extensions?.code).toBe(code);
    }
    expect(await t.database.db.select().from(services).where(eq(services.id, SERVICE))).toEqual([]);
  });

  it("import: a dry run reports, then the import writes drafts audited under the admin's name", async () => {
    const dryRun = dataOf(await t.graphqlAs(admin, IMPORT, { source: "good", dryRun: true, locale: "fr" })).importHsds;
    expect(dryRun).toMatchObject({ ok: true, dryRun: true, errorCount: 0, publishQueued: false });
    expect(dryRun.counts).toContainEqual({ kind: "service", created: 1, changed: 0, unchanged: 0 });
    expect(dryRun.summary).toContain("Essai à blanc");
    expect(await t.database.db.select().from(services).where(eq(services.id, SERVICE))).toEqual([]);

    const result = dataOf(await t.graphqlAs(admin, IMPORT, { source: "good" })).importHsds;
    expect(result.ok).toBe(true);
    expect(result.changes).toContainEqual({ kind: "service", id: SERVICE, name: "Imported clinic", action: "created" });
    const [row] = await t.database.db.select().from(services).where(eq(services.id, SERVICE));
    expect(row!.state).toBe("draft");
    const [entry] = await t.database.db.select().from(auditEntries).where(eq(auditEntries.entityId, SERVICE));
    expect(entry).toMatchObject({ actorUserId: adminId, action: "hsds_import.create", entityType: "service" });
  });

  it("import: a bad row is reported by file, line and field in the requester's language, and nothing is written", async () => {
    const result = dataOf(await t.graphqlAs(admin, IMPORT, { source: "bad", publish: true }, { "accept-language": "ar" })).importHsds;
    expect(result).toMatchObject({ ok: false, errorCount: 1, publishQueued: false });
    expect(result.errors).toEqual([
      { message: "services.csv، السطر 2، الحقل «status»: يجب أن تكون قيمة «status» واحدة مما يلي: active, inactive, defunct, temporarily closed.", file: "services.csv", line: 2, field: "status" },
    ]);
    const [row] = await t.database.db.select().from(services).where(eq(services.id, SERVICE));
    expect(row!.state).toBe("draft"); // unchanged: not published, status still active
    expect(row!.status).toBe("active");
    const missing = dataOf(await t.graphqlAs(admin, IMPORT, { source: "nowhere", locale: "en" })).importHsds;
    expect(missing).toMatchObject({ ok: false, errors: [{ message: "Nothing to import at nowhere: no such file or folder.", file: "nowhere" }] });
    const outside = await t.graphqlAs(admin, IMPORT, { source: "../../etc" });
    expect(outside.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "source" });
  });

  it("export: writes the published directory in the server's exports folder", async () => {
    const result = dataOf(await t.graphqlAs(admin, EXPORT, { locales: ["fr"], formats: ["JSON"] })).exportHsds;
    expect(result).toMatchObject({ locales: ["fr"], services: 6, organizations: 3 });
    expect(result.files.map((file: { path: string }) => file.path).sort()).toEqual([
      "fr/json/organizations.json",
      "fr/json/places.json",
      "fr/json/services.json",
      "fr/json/taxonomies.json",
      "fr/json/taxonomy_terms.json",
    ]);
    const exported = JSON.parse(await readFile(path.join(hsdsDir, "exports", result.folder, "fr", "json", "services.json"), "utf8"));
    expect(exported).toHaveLength(6);
    expect((await t.graphqlAs(admin, EXPORT, { locales: ["de"] })).errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "locales" });
  });
});
