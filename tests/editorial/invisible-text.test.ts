import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "@start/db";
import { testDriver } from "../support/database.js";
import { dataOf, startTestApi, type TestApi } from "../support/api.js";
import { editorialWorld } from "./support.js";

/**
 * Texts that show nothing, and direction controls that reorder what follows them: names made only
 * of invisible characters are refused, bidirectional embeddings, overrides and isolates are removed
 * from what is stored, and the characters Arabic and mixed text need (ZWNJ, ZWJ, LRM, RLM) stay.
 */
const CREATE_SERVICE = `mutation ($org: ID!, $input: ServiceInput!) { createService(organizationId: $org, input: $input) { id } }`;
const CREATE_ORGANIZATION = `mutation ($input: OrganizationInput!) { createOrganization(input: $input) { id } }`;
const INVITE = `mutation ($email: String!) { inviteUser(email: $email, role: MODERATOR, linkLocale: "ar") { url } }`;
const ACCEPT = `mutation ($token: String!, $name: String!) { acceptInvitation(token: $token, displayName: $name, password: "a long enough password") { user { displayName } } }`;

/** Names a reader would see as empty. */
const INVISIBLE = {
  "zero-width space, word joiner, BOM": "\u200b\u2060\ufeff",
  "direction marks": "\u200e\u200f",
  "combining marks alone": " \u0301\u0651 ",
  "ZWNJ and ZWJ alone": "\u200c\u200d",
  "bidi controls, spaces and a zero-width space": "\u202e \u2066\u00a0\u200b\u2069",
  "Hangul filler": "\u3164",
};

describe(`invisible and direction-control characters in stored texts (${testDriver})`, () => {
  let t: TestApi;
  let sessions: Awaited<ReturnType<typeof editorialWorld>>;
  beforeAll(async () => {
    t = await startTestApi();
    sessions = await editorialWorld(t.fixtures);
  });
  afterAll(async () => {
    await t?.close();
  });

  const createService = (input: unknown, language = "en") =>
    t.graphqlAs(sessions.editor, CREATE_SERVICE, { org: t.fixtures.id("organization:ngo-a"), input }, { "accept-language": language });
  const createOrganization = (slug: string, name: string, language = "en") =>
    t.graphqlAs(sessions.admin, CREATE_ORGANIZATION, { input: { slug, kind: "NATIONAL_NGO", texts: [{ locale: "ar", name }] } }, { "accept-language": language });
  const acceptInvitation = async (email: string, name: string, language = "en") => {
    const url: string = dataOf(await t.graphqlAs(sessions.admin, INVITE, { email })).inviteUser.url;
    return t.graphql(ACCEPT, { token: url.split("#")[1]!, name }, { "accept-language": language });
  };
  const fieldsOf = (answer: { errors?: Array<{ extensions?: Record<string, any> }> }) => {
    expect(answer.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    return answer.errors![0]!.extensions!.fields as Array<{ path: string; message: string }>;
  };

  it("refuses a service, organization or display name with nothing visible in it, in the requester's language, and saves nothing", async () => {
    for (const [what, name] of Object.entries(INVISIBLE)) {
      const service = await createService({ texts: [{ locale: "en", name }] });
      expect(fieldsOf(service), what).toEqual([{ path: "texts.en.name", message: "This text has no visible character: write it with letters, digits or signs." }]);
    }
    const service = await createService({ texts: [{ locale: "ar", name: "\u200b\u200f" }] }, "ar");
    expect(fieldsOf(service)).toEqual([{ path: "texts.ar.name", message: "لا يحتوي هذا النص على أي حرف ظاهر: اكتبه بحروف أو أرقام أو رموز." }]);

    const organization = await createOrganization("invisible-ngo", "\u2060\u200b", "fr");
    expect(fieldsOf(organization)).toEqual([
      { path: "texts.ar.name", message: "Ce texte ne contient aucun caractère visible\u202f: écrivez-le avec des lettres, des chiffres ou des signes." },
    ]);

    const person = await acceptInvitation("ghost@example.org", "\u200b\u0301\ufeff", "en");
    expect(fieldsOf(person)).toEqual([{ path: "displayName", message: "This text has no visible character: write it with letters, digits or signs." }]);

    const saved = await queryRows<{ n: number | string }>(
      t.database.db,
      sql`select (select count(*) from services) + (select count(*) from organizations where slug = 'invisible-ngo') + (select count(*) from users where email = 'ghost@example.org') as n`,
    );
    expect(Number(saved[0]!.n)).toBe(0);
  });

  it("stores texts without bidirectional embeddings, overrides and unbalanced isolates, and keeps balanced isolates, ZWNJ, ZWJ and direction marks", async () => {
    const created = await createService({
      texts: [
        // ZWNJ and ZWJ inside Arabic words, RLM after a Latin word in Arabic text.
        { locale: "ar", name: "مركز\u200cالدعم النفسي\u200d", description: "اتصل بـ WhatsApp\u200f أو زرنا" },
        // An override that would show the rest of the page backwards, and a (balanced) isolate around a number.
        { locale: "en", name: "\u202eHope clinic\u202c", description: "Call \u2066+218 91 234 5678\u2069 today" },
        // An optional text with nothing visible is no text at all.
        { locale: "fr", name: "Clinique \u202bEspoir\u202c", description: "\u200b\u2060" },
      ],
      // A number pasted from Arabic text, wrapped in a left-to-right embedding.
      phones: [{ number: "\u202a+218 91 234 5678\u202c" }],
    });
    const id: string = dataOf(created).createService.id;
    const texts = await queryRows<{ locale: string; name: string; description: string | null }>(
      t.database.db,
      sql`select locale, name, description from service_translations where service_id = (select id from services order by created_at desc limit 1) order by locale`,
    );
    expect(id).toBeTruthy();
    expect(texts).toEqual([
      { locale: "ar", name: "مركز\u200cالدعم النفسي\u200d", description: "اتصل بـ WhatsApp\u200f أو زرنا" },
      { locale: "en", name: "Hope clinic", description: "Call \u2066+218 91 234 5678\u2069 today" },
      { locale: "fr", name: "Clinique Espoir", description: null },
    ]);
    const phones = await queryRows<{ number: string }>(t.database.db, sql`select number from phones`);
    expect(phones.map((phone) => phone.number)).toContain("+218912345678");

    // An isolate opened and never closed is removed.
    dataOf(await createOrganization("isolated-ngo", "\u2067جمعية\u200c الأمل"));
    const [organization] = await queryRows<{ name: string }>(
      t.database.db,
      sql`select name from organization_translations where organization_id = (select id from organizations where slug = 'isolated-ngo')`,
    );
    expect(organization!.name).toBe("جمعية\u200c الأمل");

    expect(dataOf(await acceptInvitation("hana@example.org", "\u202bهناء\u202c \u200eH.")).acceptInvitation.user.displayName).toBe("هناء \u200eH.");
  });
});
