import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataOf, startTestApi, type TestApi } from "../support/api.js";
import { testDriver } from "../support/database.js";
import { databaseDigest, editorialWorld } from "./support.js";

/**
 * previewMarkdown: the editor's Markdown preview, made by the renderer the public pages use, for
 * those who edit Markdown (moderators, admins); nothing is stored.
 */
describe(`previewMarkdown (${testDriver})`, () => {
  let t: TestApi;
  let sessions: Awaited<ReturnType<typeof editorialWorld>>;
  const PREVIEW = "query ($markdown: String!) { previewMarkdown(markdown: $markdown) }";

  beforeAll(async () => {
    t = await startTestApi();
    sessions = await editorialWorld(t.fixtures);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("renders Markdown safely for moderators and admins, and writes nothing", async () => {
    const before = await databaseDigest(t.database.db);
    for (const token of [sessions.moderator, sessions.admin]) {
      const html = dataOf(
        await t.graphqlAs(token, PREVIEW, { markdown: "# Titre\n\n**gras** <script>alert(1)</script> [lien](https://example.org) [x](javascript:alert(1))" }),
      ).previewMarkdown as string;
      expect(html).toContain("<h2>Titre</h2>");
      expect(html).toContain("<strong>gras</strong>");
      expect(html).toContain('<a href="https://example.org" rel="noopener noreferrer">lien</a>');
      expect(html).not.toMatch(/<script|href="javascript/);
    }
    expect(await databaseDigest(t.database.db)).toBe(before);
  });

  it("is refused to everyone else, and to a text longer than a rights article's body", async () => {
    expect((await t.graphql(PREVIEW, { markdown: "x" })).errors![0]!.extensions!.code).toBe("UNAUTHENTICATED");
    for (const token of [sessions.editor, sessions.publisher]) {
      expect((await t.graphqlAs(token, PREVIEW, { markdown: "x" })).errors![0]!.extensions!.code).toBe("FORBIDDEN");
    }
    const long = await t.graphqlAs(sessions.moderator, PREVIEW, { markdown: "x".repeat(50_001) }, { "accept-language": "fr" });
    expect(long.errors![0]!.extensions!.code).toBe("BAD_USER_INPUT");
    expect(long.errors![0]!.extensions!.fields[0].path).toBe("markdown");
  });
});
