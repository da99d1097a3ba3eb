import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { hashPassword } from "@start/api";
import { memberships, organizations, users } from "@start/db";
import { startTestApi, type TestApi } from "./api.js";
import { runBuild, serveBuild, SITE_URL, type StaticServer } from "./portal.js";

/**
 * The editor's world: the real API on a test database seeded with content/, one person per role
 * (with a password, signing in through the editor's form), and the portal built from that API and
 * served with it on one origin, as START runs.
 */
export const EDITOR_PASSWORD = "correct horse battery staple";

export const EDITOR_PEOPLE = {
  /** Edits the Libyan Red Crescent's services. */
  orgEditor: { email: "editor@lrc.example.org", name: "سارة المحررة", role: "org_editor", organization: "libyan-red-crescent" },
  /** Edits IOM Libya's services (another organization). */
  otherEditor: { email: "editor@iom.example.org", name: "Omar Editor", role: "org_editor", organization: "iom-libya" },
  /** Publishes the Ministry of Labour's vacancies. */
  publisher: { email: "jobs@labour.example.org", name: "وزارة العمل – النشر", role: "ministry_publisher", organization: "libya-ministry-of-labour" },
  moderator: { email: "moderator@start.example.org", name: "Mona Moderator", role: "moderator", organization: null },
  admin: { email: "admin@start.example.org", name: "Adam Admin", role: "admin", organization: null },
} as const;

export type Person = keyof typeof EDITOR_PEOPLE;

export interface EditorWorld {
  api: TestApi;
  server: StaticServer;
  /** The origin serving the portal and /graphql. */
  url: string;
  organizationId(slug: string): Promise<string>;
  close(): Promise<void>;
}

export async function startEditorWorld(): Promise<EditorWorld> {
  // Every sign-in of a test file comes from one address: more than the 30 a client may try in 15 minutes.
  const api = await startTestApi({ accounts: { loginAttemptsPerClient: 500 } }, { content: "content" });
  let outRoot: string | null = null;
  let server: StaticServer | null = null;
  try {
    const db = api.database.db;
    const passwordHash = await hashPassword(EDITOR_PASSWORD);
    const organizationId = async (slug: string) => {
      const [row] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, slug));
      if (!row) throw new Error(`no organization ${slug} in the seeded content`);
      return row.id;
    };
    for (const person of Object.values(EDITOR_PEOPLE)) {
      const [user] = await db.insert(users).values({ email: person.email, displayName: person.name, passwordHash }).returning({ id: users.id });
      await db.insert(memberships).values({
        userId: user!.id,
        role: person.role,
        organizationId: person.organization ? await organizationId(person.organization) : null,
      });
    }
    outRoot = mkdtempSync(path.join(tmpdir(), "start-editor-"));
    const outDir = path.join(outRoot, "site");
    const result = await runBuild(["--api", `${api.url}/graphql`, "--out", outDir, "--site", SITE_URL, "--quiet"]);
    if (result.code !== 0) throw new Error(`the portal build failed (exit ${result.code}):\n${result.stderr}\n${result.stdout.slice(-2000)}`);
    server = await serveBuild(outDir, api.url);
    const served = server;
    const root = outRoot;
    return {
      api,
      server: served,
      url: served.url,
      organizationId,
      async close() {
        await served.close();
        rmSync(root, { recursive: true, force: true });
        await api.close();
      },
    };
  } catch (error) {
    await server?.close();
    if (outRoot) rmSync(outRoot, { recursive: true, force: true });
    await api.close();
    throw error;
  }
}
