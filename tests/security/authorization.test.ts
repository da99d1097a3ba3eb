import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { type GraphQLArgument, type GraphQLInputType, getNamedType, isInputObjectType } from "graphql";
import { feedback, invitations, queryRows } from "@start/db";
import { testDriver } from "../support/database.js";
import { dataOf, startTestApi, type TestApi } from "../support/api.js";
import { databaseDigest, editorialWorld, libyaDate, sha256 } from "../editorial/support.js";

/**
 * The read side of authorization, as a matrix like the mutations' (tests/editorial/matrix.test.ts):
 * every root query field is either public (then drafts, pending changes, archived records,
 * feedback, accounts and invitations never show in it, whoever asks) or guarded (then each actor
 * sees exactly what the policy lets them see). Every record that must stay hidden carries a
 * marker text; a cell asserts the marker is in the answer (visible) or nowhere in it (hidden).
 * Then IDOR attempts: other organizations' ids in queries, in nested inputs and on /hsds.
 */

type Actor = "anonymous" | "editorA" | "publisher" | "moderator" | "admin" | "editorB";
/** Whose record a cell reads: organization A's (ngo-a / ministry-a), B's, or a platform-wide one. */
type Side = "A" | "B" | "platform";
type Outcome = "visible" | "filtered" | "forbidden" | "unauthenticated";

const ACTORS: Actor[] = ["anonymous", "editorA", "publisher", "moderator", "admin", "editorB"];
const ORG_SIDES: Side[] = ["A", "B"];
const PLATFORM_SIDE: Side[] = ["platform"];

const isPlatform = (actor: Actor) => actor === "moderator" || actor === "admin";
const editsServices = (actor: Actor, side: Side) => isPlatform(actor) || (actor === "editorA" && side === "A") || (actor === "editorB" && side === "B");
const editsVacancies = (actor: Actor, side: Side) => isPlatform(actor) || (actor === "publisher" && side === "A");

/** What the marked records are called: every one but the "open" ones is hidden from the public. */
const marker = {
  draftService: (side: Side) => `Zebra draft clinic ${side}`,
  reviewService: (side: Side) => `Zebra review clinic ${side}`,
  openService: (side: Side) => `Zebra open clinic ${side}`,
  pendingService: (side: Side) => `Zebra pending clinic ${side}`,
  pendingOrganization: (side: Side) => `Zebra pending organization ${side}`,
  hiddenAddress: (side: Side) => `Zebra hidden street ${side}`,
  serviceReport: (side: Side) => `Zebra service report ${side}`,
  draftVacancy: (side: Side) => `Zebra draft nurse ${side}`,
  openVacancy: (side: Side) => `Zebra open nurse ${side}`,
  vacancyReport: (side: Side) => `Zebra vacancy report ${side}`,
  invitee: (side: Side) => `zebra-invitee-${side.toLowerCase()}@example.org`,
  account: (side: Side) => (side === "A" ? "editor@example.org" : "editor-b@example.org"),
  /** The display names of the editors who verified the open services. */
  verifier: (side: Side) => (side === "A" ? "Salma" : "Rania"),
  draftOrganization: "Zebra draft organization",
  orphanService: "Zebra orphan clinic",
  draftArticle: "Zebra draft article",
  openArticle: "Zebra open article",
  draftAlert: "Zebra draft alert",
  openAlert: "Zebra open alert",
  archivedCategory: "Zebra archived category",
  archivedPlace: "Zebra archived place",
};

const HIDDEN_FROM_PUBLIC = [
  ...ORG_SIDES.flatMap((side) => [
    marker.draftService(side),
    marker.reviewService(side),
    marker.pendingService(side),
    marker.pendingOrganization(side),
    marker.hiddenAddress(side),
    marker.serviceReport(side),
    marker.draftVacancy(side),
    marker.vacancyReport(side),
    marker.invitee(side),
    marker.account(side),
    marker.verifier(side),
  ]),
  marker.draftOrganization,
  marker.orphanService,
  marker.draftArticle,
  marker.draftAlert,
  marker.archivedCategory,
  marker.archivedPlace,
];

interface Request {
  query: string;
  variables?: Record<string, unknown>;
}

interface GuardedEntry {
  sides: Side[];
  outcome: (actor: Actor, side: Side) => Outcome;
  /** The request, and the markers it shows when visible (and must not show otherwise). */
  probe: (side: Side) => Request & { markers: string[] };
}

interface PublicEntry {
  sides: Side[];
  /** Requests whose answers together show `shows` and none of HIDDEN_FROM_PUBLIC. */
  probe: (side: Side) => { requests: Request[]; shows: string };
}

/** Guarded by the viewer's session: anonymous is unauthenticated, other roles by rule. */
const signedIn = (rule: (actor: Actor, side: Side) => Outcome) => (actor: Actor, side: Side): Outcome =>
  actor === "anonymous" ? "unauthenticated" : rule(actor, side);
const onlyIf = (allowed: (actor: Actor, side: Side) => boolean, otherwise: Outcome = "forbidden") =>
  signedIn((actor, side) => (allowed(actor, side) ? "visible" : otherwise));

describe(`query authorization and IDOR (${testDriver})`, () => {
  let t: TestApi;
  let tokens: Record<Exclude<Actor, "anonymous">, string>;
  const ids: Record<string, string> = {};
  const id = (key: string) => {
    if (!ids[key]) throw new Error(`no record ${key}`);
    return ids[key]!;
  };
  const counts = { queryCells: 0, publicCells: 0, idorAttempts: 0 };
  const attempted = new Set<string>();

  beforeAll(async () => {
    t = await startTestApi({ accounts: { feedbackPerClient: 10_000 } });
    const sessions = await editorialWorld(t.fixtures);
    await t.fixtures.user({ key: "editor-b", displayName: "Rania", roles: [{ role: "org_editor", organization: "ngo-b" }] });
    tokens = {
      editorA: sessions.editor,
      publisher: sessions.publisher,
      moderator: sessions.moderator,
      admin: sessions.admin,
      editorB: await t.fixtures.session("editor-b"),
    };
    ids["user:A"] = t.fixtures.id("user:editor");
    ids["user:B"] = t.fixtures.id("user:editor-b");

    for (const side of ORG_SIDES) {
      const ngo = side === "A" ? "ngo-a" : "ngo-b";
      const ministry = side === "A" ? "ministry-a" : "ministry-b";
      ids[`org:${side}`] = t.fixtures.id(`organization:${ngo}`);
      ids[`ministry:${side}`] = t.fixtures.id(`organization:${ministry}`);
      ids[`draftService:${side}`] = await t.fixtures.service({
        slug: `zebra-draft-${side.toLowerCase()}`,
        organization: ngo,
        state: "draft",
        categories: ["health"],
        texts: { en: { name: marker.draftService(side) } },
        locations: [{ place: "tripoli", texts: { en: { address: marker.hiddenAddress(side) } }, phones: [{ number: "+218910000001" }] }],
      });
      ids[`reviewService:${side}`] = await t.fixtures.service({
        slug: `zebra-review-${side.toLowerCase()}`,
        organization: ngo,
        state: "in_review",
        categories: ["health"],
        texts: { en: { name: marker.reviewService(side) } },
      });
      ids[`openService:${side}`] = await t.fixtures.service({
        slug: `zebra-open-${side.toLowerCase()}`,
        organization: ngo,
        state: "published",
        categories: ["health"],
        texts: { en: { name: marker.openService(side) } },
        locations: [{ place: "janzour", texts: { en: { address: `Zebra open street ${side}` } } }],
      });
      // Pending changes to the published service, proposed by its organization's editor through the API.
      dataOf(
        await t.graphqlAs(
          side === "A" ? tokens.editorA : tokens.editorB,
          `mutation ($id: ID!, $input: ServiceInput!) { updateService(id: $id, expectedVersion: 1, input: $input) { id } }`,
          { id: ids[`openService:${side}`], input: { texts: [{ locale: "en", name: marker.pendingService(side) }], categories: ["health"] } },
        ),
      );
      // Pending changes to the organization itself (its name and phones), proposed by its editor.
      dataOf(
        await t.graphqlAs(
          side === "A" ? tokens.editorA : tokens.editorB,
          `mutation ($id: ID!, $input: OrganizationInput!) { updateOrganization(id: $id, expectedVersion: 1, input: $input) { id } }`,
          {
            id: ids[`org:${side}`],
            input: { slug: ngo, kind: "NATIONAL_NGO", texts: [{ locale: "en", name: marker.pendingOrganization(side) }], phones: [{ number: "+218910000009" }] },
          },
        ),
      );
      // Verified by its editor: the public sees the date, never the START user's name. It queues a rebuild only that editor follows.
      const verified = dataOf(
        await t.graphqlAs(side === "A" ? tokens.editorA : tokens.editorB, `mutation ($id: ID!) { verifyService(id: $id, expectedVersion: 2) { id publishProgress { job } } }`, {
          id: ids[`openService:${side}`],
        }),
      );
      ids[`publishJob:${side}`] = verified.verifyService.publishProgress.job;
      await t.database.db.insert(feedback).values({ serviceId: ids[`openService:${side}`]!, kind: "outdated", message: marker.serviceReport(side) });
      ids[`draftVacancy:${side}`] = await t.fixtures.vacancy({
        slug: `zebra-draft-nurse-${side.toLowerCase()}`,
        organization: ministry,
        place: "tripoli",
        state: "draft",
        deadline: libyaDate(30),
        texts: { en: { title: marker.draftVacancy(side) } },
      });
      ids[`openVacancy:${side}`] = await t.fixtures.vacancy({
        slug: `zebra-open-nurse-${side.toLowerCase()}`,
        organization: ministry,
        place: "tripoli",
        deadline: libyaDate(30),
        texts: { en: { title: marker.openVacancy(side) } },
      });
      await t.database.db.insert(feedback).values({ vacancyId: ids[`openVacancy:${side}`]!, kind: "closed", message: marker.vacancyReport(side) });
      await t.database.db.insert(invitations).values({
        email: marker.invitee(side),
        role: "org_editor",
        organizationId: ids[`org:${side}`]!,
        tokenHash: sha256(`zebra-invitation-${side}`),
        expiresAt: new Date(Date.now() + 86_400_000),
      });
    }
    const [link] = await queryRows<{ id: string; location_id: string }>(
      t.database.db,
      sql`select id::text as id, location_id::text as location_id from service_at_locations where service_id = ${id("draftService:B")}`,
    );
    ids["draftLink:B"] = link!.id;
    ids["location:B"] = link!.location_id;
    const [ownLocation] = await queryRows<{ location_id: string }>(
      t.database.db,
      sql`select location_id::text as location_id from service_at_locations where service_id = ${id("openService:A")}`,
    );
    ids["location:A"] = ownLocation!.location_id;

    ids.draftOrganization = await t.fixtures.organization({ slug: "zebra-draft-org", state: "draft", names: { en: marker.draftOrganization } });
    ids.orphanService = await t.fixtures.service({ slug: "zebra-orphan", organization: "zebra-draft-org", categories: ["health"], texts: { en: { name: marker.orphanService } } });
    ids.draftArticle = await t.fixtures.rightsArticle({ slug: "zebra-draft-article", country: "libya", state: "draft", texts: { en: { title: marker.draftArticle } } });
    await t.fixtures.rightsArticle({ slug: "zebra-open-article", country: "libya", texts: { en: { title: marker.openArticle } } });
    ids.draftAlert = await t.fixtures.alert({ key: "zebra-draft", state: "draft", validFrom: new Date(Date.now() - 3_600_000), texts: { en: { title: marker.draftAlert } } });
    await t.fixtures.alert({ key: "zebra-open", validFrom: new Date(Date.now() - 3_600_000), texts: { en: { title: marker.openAlert } } });
    ids.archivedCategory = await t.fixtures.category({ code: "zebra_archived", parent: "health", archived: true, names: { en: marker.archivedCategory } });
    ids.archivedPlace = await t.fixtures.place({ slug: "zebra-archived", kind: "municipality", parent: "tripoli-region", names: { en: marker.archivedPlace } });
    await t.database.db.execute(sql`update places set archived_at = now() where id = ${id("archivedPlace")}`);
  });

  afterAll(async () => {
    console.log(
      `query authorization (${testDriver}): ${counts.queryCells} guarded cells, ${counts.publicCells} public cells, ${counts.idorAttempts} IDOR attempts`,
    );
    await t?.close();
  });

  const ask = (actor: Actor, request: Request, headers: Record<string, string> = {}) =>
    t.graphqlAs(actor === "anonymous" ? null : tokens[actor], request.query, request.variables, headers);

  // The guarded queries -------------------------------------------------------------------------

  const GUARDED: Record<string, GuardedEntry> = {
    me: {
      sides: ORG_SIDES,
      // Nobody signed in: null, not an error. Anyone else: their own account only.
      outcome: (actor, side) => ((actor === "editorA" && side === "A") || (actor === "editorB" && side === "B") ? "visible" : "filtered"),
      probe: (side) => ({ query: "{ me { email displayName } }", markers: [marker.account(side)] }),
    },
    users: {
      sides: ORG_SIDES,
      outcome: onlyIf((actor) => actor === "admin"),
      probe: (side) => ({ query: "{ users { id email displayName } }", markers: [marker.account(side)] }),
    },
    invitations: {
      sides: ORG_SIDES,
      outcome: onlyIf((actor) => actor === "admin"),
      probe: (side) => ({ query: "{ invitations(openOnly: false) { email organizationId } }", markers: [marker.invitee(side)] }),
    },
    editableService: {
      sides: ORG_SIDES,
      outcome: onlyIf(editsServices),
      probe: (side) => ({
        query: `query ($draft: ID!, $open: ID!) {
          draft: editableService(id: $draft) { form { texts { name } locations { texts { address } phones { number } } } }
          open: editableService(id: $open) { pendingChanges { proposed { texts { name } } } openFeedbackCount } }`,
        variables: { draft: id(`draftService:${side}`), open: id(`openService:${side}`) },
        markers: [marker.draftService(side), marker.hiddenAddress(side), marker.pendingService(side)],
      }),
    },
    editableOrganization: {
      sides: ORG_SIDES,
      // Its own org editors (who propose changes to it), moderators and admins.
      outcome: onlyIf(editsServices),
      probe: (side) => ({
        query: `query ($id: ID!) { editableOrganization(id: $id) { values { texts { name } } pendingChanges { proposed { texts { name } } } } }`,
        variables: { id: id(`org:${side}`) },
        markers: [marker.pendingOrganization(side)],
      }),
    },
    "editorListings/services": {
      sides: ORG_SIDES,
      // A publisher holds vacancy rights, so the query answers, without other organizations' services.
      outcome: onlyIf(editsServices, "filtered"),
      probe: (side) => ({
        query: `{ editorListings(kinds: [SERVICE], includeArchived: true, locale: "en") { name { text } } }`,
        markers: [marker.draftService(side), marker.reviewService(side)],
      }),
    },
    "editorListings/vacancies": {
      sides: ORG_SIDES,
      outcome: onlyIf(editsVacancies, "filtered"),
      probe: (side) => ({ query: `{ editorListings(kinds: [VACANCY], locale: "en") { name { text } } }`, markers: [marker.draftVacancy(side)] }),
    },
    staleListings: {
      sides: ORG_SIDES,
      // Services only: a publisher (vacancy rights alone) is refused; another organization's editor gets their own.
      outcome: signedIn((actor, side) => (editsServices(actor, side) ? "visible" : actor === "publisher" ? "forbidden" : "filtered")),
      probe: (side) => ({ query: `{ staleListings(locale: "en") { name { text } } }`, markers: [marker.draftService(side)] }),
    },
    reviewQueue: {
      sides: ORG_SIDES,
      outcome: onlyIf(isPlatform),
      probe: (side) => ({ query: `{ reviewQueue(locale: "en") { name { text } } }`, markers: [marker.reviewService(side)] }),
    },
    "feedbackReports/services": {
      sides: ORG_SIDES,
      outcome: onlyIf(editsServices, "filtered"),
      probe: (side) => ({ query: `{ feedbackReports(locale: "en") { message listing { name { text } } } }`, markers: [marker.serviceReport(side)] }),
    },
    "feedbackReports/vacancies": {
      sides: ORG_SIDES,
      outcome: onlyIf(editsVacancies, "filtered"),
      probe: (side) => ({ query: `{ feedbackReports(locale: "en") { message listing { name { text } } } }`, markers: [marker.vacancyReport(side)] }),
    },
    auditTrail: {
      sides: ORG_SIDES,
      // Moderators and admins only, even for an organization's own records.
      outcome: onlyIf(isPlatform),
      probe: (side) => ({
        query: `query ($id: ID!) { auditTrail(entityType: "service", entityId: $id) { action actorName after } }`,
        variables: { id: id(`openService:${side}`) },
        markers: [marker.pendingService(side)],
      }),
    },
    editableVacancy: {
      sides: ORG_SIDES,
      outcome: onlyIf(editsVacancies),
      probe: (side) => ({
        query: `query ($id: ID!) { editableVacancy(id: $id) { values { texts { title } } } }`,
        variables: { id: id(`draftVacancy:${side}`) },
        markers: [marker.draftVacancy(side)],
      }),
    },
    editableRightsArticle: {
      sides: PLATFORM_SIDE,
      outcome: onlyIf(isPlatform),
      probe: () => ({ query: `query ($id: ID!) { editableRightsArticle(id: $id) { values { texts { title } } } }`, variables: { id: id("draftArticle") }, markers: [marker.draftArticle] }),
    },
    editorRightsArticles: {
      sides: PLATFORM_SIDE,
      outcome: onlyIf(isPlatform),
      probe: () => ({ query: `{ editorRightsArticles { values { texts { title } } } }`, markers: [marker.draftArticle] }),
    },
    editableAlert: {
      sides: PLATFORM_SIDE,
      outcome: onlyIf(isPlatform),
      probe: () => ({ query: `query ($id: ID!) { editableAlert(id: $id) { values { texts { title } } } }`, variables: { id: id("draftAlert") }, markers: [marker.draftAlert] }),
    },
    editorAlerts: {
      sides: PLATFORM_SIDE,
      outcome: onlyIf(isPlatform),
      probe: () => ({ query: `{ editorAlerts { values { texts { title } } } }`, markers: [marker.draftAlert] }),
    },
    editorCategories: {
      sides: PLATFORM_SIDE,
      outcome: onlyIf(isPlatform),
      probe: () => ({ query: `{ editorCategories(includeArchived: true) { values { texts { name } } } }`, markers: [marker.archivedCategory] }),
    },
    editorPlaces: {
      sides: PLATFORM_SIDE,
      outcome: onlyIf(isPlatform),
      probe: () => ({ query: `{ editorPlaces(includeArchived: true) { values { texts { name } } } }`, markers: [marker.archivedPlace] }),
    },
    editorOrganizations: {
      sides: PLATFORM_SIDE,
      outcome: onlyIf((actor) => actor === "admin"),
      probe: () => ({ query: `{ editorOrganizations(includeArchived: true) { values { texts { name } } } }`, markers: [marker.draftOrganization] }),
    },
    publishProgress: {
      sides: ORG_SIDES,
      // Whoever made the change (organization X's editor verified its service), moderators and admins.
      outcome: onlyIf((actor, side) => isPlatform(actor) || (actor === "editorA" && side === "A") || (actor === "editorB" && side === "B")),
      probe: (side) => ({
        query: `query ($job: ID!) { publishProgress(job: $job) { job state requestedAt } }`,
        variables: { job: id(`publishJob:${side}`) },
        markers: [`"job":"${id(`publishJob:${side}`)}"`],
      }),
    },
    previewMarkdown: {
      sides: PLATFORM_SIDE,
      outcome: onlyIf(isPlatform),
      probe: () => ({ query: `{ previewMarkdown(markdown: "**Zebra preview**") }`, markers: ["<strong>Zebra preview</strong>"] }),
    },
  };

  // The public queries: the same answer for everyone, never a hidden record -----------------------

  const SERVICE_FIELDS = `id slug name { text } translations { name } verifiedAt verifiedBy organization { name { text } }
    locations { location { address { text } translations { address } phones { number } } phones { number } }`;
  const PUBLIC: Record<string, PublicEntry> = {
    locales: { sides: PLATFORM_SIDE, probe: () => ({ requests: [{ query: "{ locales { code autonym } }" }], shows: "العربية" }) },
    // Only whether a link can be used: the invitee has no account yet.
    invitationStatus: { sides: PLATFORM_SIDE, probe: () => ({ requests: [{ query: `{ invitationStatus(token: "${"z".repeat(43)}") }` }], shows: "UNKNOWN" }) },
    services: {
      sides: ORG_SIDES,
      probe: (side) => ({
        requests: [
          { query: `{ services(first: 100, locale: "en") { totalCount edges { node { ${SERVICE_FIELDS} } } } }` },
          { query: `query ($org: String) { services(first: 100, locale: "en", filter: { organization: $org, query: "Zebra" }) { edges { node { name { text } } } } }`, variables: { org: id(`org:${side}`) } },
        ],
        shows: marker.openService(side),
      }),
    },
    service: {
      sides: ORG_SIDES,
      probe: (side) => ({
        requests: [
          { query: `query ($id: ID) { service(id: $id, locale: "en") { ${SERVICE_FIELDS} } }`, variables: { id: id(`openService:${side}`) } },
          { query: `query ($id: ID) { service(id: $id, locale: "en") { ${SERVICE_FIELDS} } }`, variables: { id: id(`draftService:${side}`) } },
          { query: `query ($id: ID) { service(id: $id, locale: "en") { ${SERVICE_FIELDS} } }`, variables: { id: id(`reviewService:${side}`) } },
          { query: `{ service(slug: "zebra-orphan", locale: "en") { ${SERVICE_FIELDS} } }` },
        ],
        shows: marker.openService(side),
      }),
    },
    organizations: {
      sides: ORG_SIDES,
      probe: (side) => ({
        requests: [{ query: `{ organizations(first: 100, locale: "en") { edges { node { id name { text } services { name { text } } } } } }` }],
        shows: marker.openService(side),
      }),
    },
    organization: {
      sides: ORG_SIDES,
      probe: (side) => ({
        requests: [
          { query: `query ($id: ID) { organization(id: $id, locale: "en") { name { text } services { ${SERVICE_FIELDS} } } }`, variables: { id: id(`org:${side}`) } },
          { query: `query ($id: ID) { organization(id: $id, locale: "en") { name { text } services { name { text } } } }`, variables: { id: id("draftOrganization") } },
        ],
        shows: marker.openService(side),
      }),
    },
    categories: {
      sides: PLATFORM_SIDE,
      probe: () => ({ requests: [{ query: `{ categories(locale: "en") { code name { text } serviceCount children { code name { text } serviceCount } } }` }], shows: "Mental health" }),
    },
    category: {
      sides: PLATFORM_SIDE,
      probe: () => ({
        requests: [
          { query: `{ category(code: "health", locale: "en") { name { text } children { name { text } } } }` },
          { query: `query ($id: ID) { category(id: $id, locale: "en") { name { text } } }`, variables: { id: id("archivedCategory") } },
          { query: `{ category(code: "zebra_archived", locale: "en") { name { text } } }` },
        ],
        shows: "Mental health",
      }),
    },
    places: {
      sides: PLATFORM_SIDE,
      probe: () => ({ requests: [{ query: `{ places(locale: "en") { name { text } children { name { text } children { name { text } } } } }` }], shows: "Janzour" }),
    },
    place: {
      sides: PLATFORM_SIDE,
      probe: () => ({
        requests: [
          { query: `{ place(slug: "tripoli-region", locale: "en") { name { text } children { name { text } } } }` },
          { query: `query ($id: ID) { place(id: $id, locale: "en") { name { text } } }`, variables: { id: id("archivedPlace") } },
        ],
        shows: "Janzour",
      }),
    },
    rightsArticles: {
      sides: PLATFORM_SIDE,
      probe: () => ({ requests: [{ query: `{ rightsArticles(first: 100, locale: "en") { edges { node { title { text } translations { title } } } } }` }], shows: marker.openArticle }),
    },
    rightsArticle: {
      sides: PLATFORM_SIDE,
      probe: () => ({
        requests: [
          { query: `{ rightsArticle(slug: "zebra-open-article", locale: "en") { title { text } } }` },
          { query: `{ rightsArticle(slug: "zebra-draft-article", locale: "en") { title { text } } }` },
        ],
        shows: marker.openArticle,
      }),
    },
    vacancies: {
      sides: ORG_SIDES,
      probe: (side) => ({
        requests: [{ query: `{ vacancies(first: 100, locale: "en", filter: { openOnly: false }) { edges { node { title { text } translations { title } } } } }` }],
        shows: marker.openVacancy(side),
      }),
    },
    vacancy: {
      sides: ORG_SIDES,
      probe: (side) => ({
        requests: [
          { query: `query ($id: ID) { vacancy(id: $id, locale: "en") { title { text } } }`, variables: { id: id(`openVacancy:${side}`) } },
          { query: `query ($id: ID) { vacancy(id: $id, locale: "en") { title { text } } }`, variables: { id: id(`draftVacancy:${side}`) } },
        ],
        shows: marker.openVacancy(side),
      }),
    },
    alerts: {
      sides: PLATFORM_SIDE,
      probe: () => ({ requests: [{ query: `{ alerts(activeOnly: false, locale: "en") { title { text } translations { title } } }` }], shows: marker.openAlert }),
    },
    search: {
      sides: ORG_SIDES,
      probe: (side) => ({
        requests: [
          { query: `{ search(query: "Zebra", first: 100, locale: "en") { totalCount hits { type item { __typename ... on Service { name { text } } ... on Vacancy { title { text } } ... on RightsArticle { title { text } } } } } }` },
          { query: `{ search(query: "Zebra clinic ${side}", first: 100, locale: "en") { totalCount hits { type } facets { categories { count } } } }` },
        ],
        shows: marker.openService(side),
      }),
    },
  };

  it("classifies every root query field of the schema as public or guarded, and nothing else", () => {
    const fields = Object.keys(t.api.schema.getQueryType()!.getFields()).sort();
    const classified = [...Object.keys(PUBLIC), ...new Set(Object.keys(GUARDED).map((key) => key.split("/")[0]!))].sort();
    expect(classified).toEqual(fields);
  });

  for (const [name, entry] of Object.entries(GUARDED)) {
    describe(name, () => {
      for (const actor of ACTORS) {
        for (const side of entry.sides) {
          const outcome = entry.outcome(actor, side);
          it(`${actor} × ${side === "platform" ? "platform record" : `organization ${side}'s record`}: ${outcome}`, async () => {
            const probe = entry.probe(side);
            const response = await ask(actor, probe);
            const text = JSON.stringify(response);
            counts.queryCells++;
            if (outcome === "visible") {
              dataOf(response);
              for (const shown of probe.markers) expect(text, `${shown} should be visible`).toContain(shown);
              return;
            }
            for (const hidden of probe.markers) expect(text, `${hidden} leaked`).not.toContain(hidden);
            if (outcome === "filtered") dataOf(response);
            else {
              expect(response.errors?.[0]?.extensions?.code).toBe(outcome === "forbidden" ? "FORBIDDEN" : "UNAUTHENTICATED");
              expect(response.data ?? null).toBeNull();
            }
          });
        }
      }
    });
  }

  for (const [name, entry] of Object.entries(PUBLIC)) {
    describe(`${name} (public)`, () => {
      for (const actor of ACTORS) {
        for (const side of entry.sides) {
          it(`${actor} × ${side === "platform" ? "platform records" : `organization ${side}`}: published only`, async () => {
            const { requests, shows } = entry.probe(side);
            const answers = await Promise.all(requests.map((request) => ask(actor, request)));
            counts.publicCells++;
            const text = answers.map((answer) => JSON.stringify(answer)).join("\n");
            for (const answer of answers) {
              for (const error of answer.errors ?? []) expect(error.extensions?.code, text).toBe("NOT_FOUND");
            }
            expect(text).toContain(shows);
            for (const hidden of HIDDEN_FROM_PUBLIC) expect(text, `${hidden} leaked to ${actor}`).not.toContain(hidden);
          });
        }
      }
    });
  }

  it("counts only public services in a category's serviceCount, whoever asks", async () => {
    const query = `{ category(code: "health") { serviceCount } }`;
    for (const actor of ACTORS) expect(dataOf(await ask(actor, { query })).category.serviceCount).toBe(2);
  });

  it("shows the public when a service was verified, never which START user verified it", async () => {
    const query = `query ($id: ID) { service(id: $id) { verifiedAt verifiedBy } }`;
    for (const actor of ACTORS) {
      const { service } = dataOf(await ask(actor, { query, variables: { id: id("openService:A") } }));
      expect(service.verifiedAt).not.toBeNull();
      expect(service.verifiedBy).toBeNull();
    }
  });

  // IDOR: other organizations' ids ---------------------------------------------------------------

  /** One attempt with another organization's id; nothing may be written, no hidden text shown. */
  async function attempt(reference: string, actor: Actor, request: Request, expected: { code: string; field?: string }) {
    const before = await databaseDigest(t.database.db);
    const response = await ask(actor, request, { "accept-language": "en" });
    counts.idorAttempts++;
    attempted.add(reference);
    const text = JSON.stringify(response);
    expect(response.errors?.[0]?.extensions?.code, text).toBe(expected.code);
    if (expected.field) expect(response.errors?.[0]?.extensions?.fields?.map((field: { path: string }) => field.path), text).toContain(expected.field);
    for (const hidden of HIDDEN_FROM_PUBLIC) expect(text, `${hidden} leaked`).not.toContain(hidden);
    expect(await databaseDigest(t.database.db), "an IDOR attempt wrote to the database").toBe(before);
    return response;
  }

  describe("IDOR in queries", () => {
    it("refuses another organization's records by id, however the id is written", async () => {
      const draftB = id("draftService:B");
      for (const written of [draftB, draftB.toUpperCase()]) {
        await attempt("Query.editableService(id)", "editorA", { query: `query ($id: ID!) { editableService(id: $id) { form { texts { name } } } }`, variables: { id: written } }, { code: "FORBIDDEN" });
      }
      await attempt("Query.editableVacancy(id)", "publisher", { query: `query ($id: ID!) { editableVacancy(id: $id) { values { texts { title } } } }`, variables: { id: id("draftVacancy:B") } }, { code: "FORBIDDEN" });
      // A vacancy's editor asking for a service by its id, and a service's editor for a vacancy.
      await attempt("Query.editableVacancy(id)", "publisher", { query: `query ($id: ID!) { editableVacancy(id: $id) { id } }`, variables: { id: id("draftService:A") } }, { code: "NOT_FOUND" });
      await attempt("Query.editableService(id)", "editorA", { query: `query ($id: ID!) { editableService(id: $id) { id } }`, variables: { id: id("draftVacancy:A") } }, { code: "NOT_FOUND" });
      for (const written of [id("org:B"), id("org:B").toUpperCase()]) {
        await attempt("Query.editableOrganization(id)", "editorA", { query: `query ($id: ID!) { editableOrganization(id: $id) { values { texts { name } } } }`, variables: { id: written } }, { code: "FORBIDDEN" });
      }
      await attempt("Query.editableOrganization(id)", "publisher", { query: `query ($id: ID!) { editableOrganization(id: $id) { id } }`, variables: { id: id("ministry:B") } }, { code: "FORBIDDEN" });
      // A service's id where an organization's belongs.
      await attempt("Query.editableOrganization(id)", "editorA", { query: `query ($id: ID!) { editableOrganization(id: $id) { id } }`, variables: { id: id("draftService:A") } }, { code: "NOT_FOUND" });
      await attempt("Query.editableRightsArticle(id)", "editorA", { query: `query ($id: ID!) { editableRightsArticle(id: $id) { id } }`, variables: { id: id("draftArticle") } }, { code: "FORBIDDEN" });
      await attempt("Query.editableAlert(id)", "publisher", { query: `query ($id: ID!) { editableAlert(id: $id) { id } }`, variables: { id: id("draftAlert") } }, { code: "FORBIDDEN" });
      // Another editor's publish job: its progress is theirs.
      const PROGRESS = `query ($job: ID!) { publishProgress(job: $job) { job state } }`;
      await attempt("Query.publishProgress(job)", "editorA", { query: PROGRESS, variables: { job: id("publishJob:B") } }, { code: "FORBIDDEN" });
      await attempt("Query.publishProgress(job)", "publisher", { query: PROGRESS, variables: { job: id("publishJob:A") } }, { code: "FORBIDDEN" });
    });

    it("refuses lists narrowed to another organization", async () => {
      const orgB = id("org:B");
      await attempt("Query.editorListings(organizationId)", "editorA", { query: `query ($org: ID) { editorListings(organizationId: $org) { name { text } } }`, variables: { org: orgB } }, { code: "FORBIDDEN" });
      await attempt("Query.editorListings(organizationId)", "publisher", { query: `query ($org: ID) { editorListings(organizationId: $org) { name { text } } }`, variables: { org: id("ministry:B") } }, { code: "FORBIDDEN" });
      // A ministry's publisher has no service rights: not even for an NGO's listings.
      await attempt("Query.editorListings(organizationId)", "publisher", { query: `query ($org: ID) { editorListings(organizationId: $org) { name { text } } }`, variables: { org: id("org:A") } }, { code: "FORBIDDEN" });
      await attempt("Query.staleListings(organizationId)", "editorA", { query: `query ($org: ID) { staleListings(organizationId: $org) { name { text } } }`, variables: { org: orgB.toUpperCase() } }, { code: "FORBIDDEN" });
      await attempt("Query.feedbackReports(organizationId)", "editorB", { query: `query ($org: ID) { feedbackReports(organizationId: $org) { message } }`, variables: { org: id("org:A") } }, { code: "FORBIDDEN" });
      await attempt("Query.feedbackReports(organizationId)", "publisher", { query: `query ($org: ID) { feedbackReports(organizationId: $org) { message } }`, variables: { org: id("ministry:B") } }, { code: "FORBIDDEN" });
    });

    it("keeps audit trails of any record, accounts included, from organizations' editors", async () => {
      const TRAIL = `query ($type: String!, $id: ID!) { auditTrail(entityType: $type, entityId: $id) { action after } }`;
      await attempt("Query.auditTrail(entityId)", "editorA", { query: TRAIL, variables: { type: "service", id: id("openService:A") } }, { code: "FORBIDDEN" });
      await attempt("Query.auditTrail(entityId)", "editorA", { query: TRAIL, variables: { type: "user", id: id("user:B") } }, { code: "FORBIDDEN" });
      await attempt("Query.auditTrail(entityId)", "publisher", { query: TRAIL, variables: { type: "vacancy", id: id("draftVacancy:B") } }, { code: "FORBIDDEN" });
    });

    it("answers the public the same for a hidden record's id as for an id that does not exist", async () => {
      const random = randomUUID();
      const cases: Array<[string, string, Record<string, unknown>, Record<string, unknown>]> = [
        ["Query.service(id)", `query ($id: ID) { service(id: $id) { slug } }`, { id: id("draftService:B") }, { id: random }],
        ["Query.service(id)", `query ($id: ID) { service(id: $id) { slug } }`, { id: id("orphanService") }, { id: random }],
        ["Query.vacancy(id)", `query ($id: ID) { vacancy(id: $id) { slug } }`, { id: id("draftVacancy:B") }, { id: random }],
        ["Query.organization(id)", `query ($id: ID) { organization(id: $id) { slug } }`, { id: id("draftOrganization") }, { id: random }],
        ["Query.category(id)", `query ($id: ID) { category(id: $id) { code } }`, { id: id("archivedCategory") }, { id: random }],
        ["Query.place(id)", `query ($id: ID) { place(id: $id) { slug } }`, { id: id("archivedPlace") }, { id: random }],
      ];
      for (const [reference, query, hidden, missing] of cases) {
        for (const actor of ["anonymous", "editorA", "admin"] as const) {
          const shape = (response: Awaited<ReturnType<typeof ask>>) => ({ data: response.data, errors: response.errors?.map((error) => ({ code: error.extensions?.code, message: error.message })) });
          const hiddenAnswer = await ask(actor, { query, variables: hidden }, { "accept-language": "en" });
          const missingAnswer = await ask(actor, { query, variables: missing }, { "accept-language": "en" });
          counts.idorAttempts++;
          attempted.add(reference);
          expect(shape(hiddenAnswer), `${reference} tells a hidden record from a missing one`).toEqual(shape(missingAnswer));
        }
      }
    });
  });

  describe("IDOR in mutations' nested inputs", () => {
    const UPDATE = `mutation ($id: ID!, $v: Int!, $input: ServiceInput!) { updateService(id: $id, expectedVersion: $v, input: $input) { id } }`;
    const CREATE = `mutation ($org: ID!, $input: ServiceInput!) { createService(organizationId: $org, input: $input) { id } }`;
    const withLocation = (locationId: string) => ({
      texts: [{ locale: "en", name: "Zebra taken location" }],
      categories: ["health"],
      locations: [{ locationId, place: "tripoli", texts: [{ locale: "en", address: "Somewhere else" }] }],
    });

    it("refuses another organization's location in a service's locations, for editors and moderators alike", async () => {
      const locationB = id("location:B");
      for (const written of [locationB, locationB.toUpperCase()]) {
        await attempt("ServiceLocationInput.locationId", "editorA", { query: UPDATE, variables: { id: id("draftService:A"), v: 1, input: withLocation(written) } }, { code: "BAD_USER_INPUT", field: "locations.0.locationId" });
      }
      await attempt("ServiceLocationInput.locationId", "editorA", { query: CREATE, variables: { org: id("org:A"), input: withLocation(locationB) } }, { code: "BAD_USER_INPUT", field: "locations.0.locationId" });
      // A moderator may edit every service, but a location still belongs to one organization.
      await attempt("ServiceLocationInput.locationId", "moderator", { query: UPDATE, variables: { id: id("draftService:A"), v: 1, input: withLocation(locationB) } }, { code: "BAD_USER_INPUT", field: "locations.0.locationId" });
      // Pending changes to a published service are checked the same way.
      await attempt("ServiceLocationInput.locationId", "editorA", { query: UPDATE, variables: { id: id("openService:A"), v: 3, input: withLocation(locationB) } }, { code: "BAD_USER_INPUT", field: "locations.0.locationId" });
      // A service id, an organization id or a random id where a location id belongs.
      for (const wrong of [id("draftService:B"), id("org:B"), randomUUID()]) {
        await attempt("ServiceLocationInput.locationId", "editorA", { query: UPDATE, variables: { id: id("draftService:A"), v: 1, input: withLocation(wrong) } }, { code: "BAD_USER_INPUT", field: "locations.0.locationId" });
      }
      // Its own location goes through (the check is not simply refusing every id).
      dataOf(await ask("editorA", { query: UPDATE, variables: { id: id("draftService:A"), v: 1, input: withLocation(id("location:A")) } }));
    });

    it("has no phone, schedule or translation ids in its inputs: they are written as values, never referenced", () => {
      for (const type of ["PhoneInput", "ScheduleInput", "ServiceTextInput", "LocationTextInput", "OpeningPeriodInput"]) {
        const input = t.api.schema.getType(type);
        expect(isInputObjectType(input), type).toBe(true);
        if (!isInputObjectType(input)) continue;
        expect(Object.values(input.getFields()).filter((field) => getNamedType(field.type).name === "ID").map((field) => field.name), type).toEqual([]);
      }
    });

    it("does not let an editor grant themselves another organization", async () => {
      const SET = `mutation ($user: ID!, $org: ID) { setUserRoles(userId: $user, expectedVersion: 1, roles: [{ role: ORG_EDITOR, organizationId: $org }]) { id } }`;
      await attempt("RoleInput.organizationId", "editorA", { query: SET, variables: { user: id("user:A"), org: id("org:B") } }, { code: "FORBIDDEN" });
      await attempt("RoleInput.organizationId", "moderator", { query: SET, variables: { user: id("user:A"), org: id("org:B") } }, { code: "FORBIDDEN" });
    });

    it("takes no feedback on a hidden listing, and answers as for an id that does not exist", async () => {
      const SUBMIT = `mutation ($id: ID!) { submitFeedback(listing: $id, kind: CLOSED, message: "Zebra") { received } }`;
      const feedbackCount = async () => Number((await queryRows<{ n: string }>(t.database.db, sql`select count(*)::text as n from feedback`))[0]!.n);
      const before = await feedbackCount();
      const random = randomUUID();
      const missing = await ask("anonymous", { query: SUBMIT, variables: { id: random } }, { "accept-language": "en" });
      for (const hidden of [id("draftService:B"), id("reviewService:A"), id("orphanService"), id("draftVacancy:B"), id("location:B"), id("org:A")]) {
        const response = await ask("anonymous", { query: SUBMIT, variables: { id: hidden } }, { "accept-language": "en" });
        counts.idorAttempts++;
        expect(response.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
        expect(response.errors?.[0]?.extensions?.fields?.[0]?.message.replace(hidden, "<id>")).toBe(missing.errors?.[0]?.extensions?.fields?.[0]?.message.replace(random, "<id>"));
      }
      expect(await feedbackCount()).toBe(before);
    });
  });

  describe("IDOR on the HSDS endpoints", () => {
    const hsds = async (path: string) => {
      const response = await t.http.get(path).set("accept-language", "en");
      counts.idorAttempts++;
      return response;
    };

    it("answers 404 for a hidden record exactly as for one that does not exist", async () => {
      const random = randomUUID();
      const cases: Array<[string, string]> = [
        ["services", id("draftService:B")],
        ["services", id("reviewService:A")],
        ["services", id("orphanService")],
        ["service_at_locations", id("draftLink:B")],
        ["organizations", id("draftOrganization")],
        ["taxonomy_terms", id("archivedCategory")],
      ];
      for (const [kind, hidden] of cases) {
        for (const written of [hidden, hidden.toUpperCase()]) {
          const answer = await hsds(`/hsds/${kind}/${written}`);
          const missing = await hsds(`/hsds/${kind}/${random}`);
          expect(answer.status, `${kind}/${written}`).toBe(404);
          const shape = (body: any) => ({ code: body.error?.code, message: body.error?.message });
          expect(shape(answer.body)).toEqual(shape(missing.body));
          for (const marked of HIDDEN_FROM_PUBLIC) expect(answer.text).not.toContain(marked);
        }
      }
    });

    it("lists, filters and dumps published records only", async () => {
      const paths = [
        `/hsds/services?organization_id=${id("org:B")}&full=true`,
        `/hsds/services?organization_id=${id("draftOrganization")}`,
        `/hsds/services?search=Zebra&full=true`,
        `/hsds/services?format=ndjson`,
        `/hsds/service_at_locations?format=ndjson`,
        `/hsds/organizations/${id("org:A")}?full_service=true`,
        `/hsds/organizations?search=Zebra&full=true&full_service=true`,
        `/hsds/organizations?format=ndjson&full_service=true`,
        `/hsds/taxonomy_terms?format=ndjson`,
        `/hsds/services/${id("openService:A")}`,
      ];
      let shown = "";
      for (const path of paths) {
        const response = await hsds(path);
        expect(response.status, path).toBe(200);
        shown += response.text;
        for (const marked of HIDDEN_FROM_PUBLIC) expect(response.text, `${marked} leaked on ${path}`).not.toContain(marked);
      }
      expect(shown).toContain(marker.openService("A"));
      expect(shown).toContain(marker.openService("B"));
    });
  });

  it("covers every id a query or an input takes with an attempt (the mutations' own ids are the mutation matrix's)", () => {
    const references: string[] = [];
    const queryType = t.api.schema.getQueryType()!;
    const takesId = (type: GraphQLInputType) => getNamedType(type).name === "ID";
    for (const field of Object.values(queryType.getFields())) {
      for (const argument of field.args as readonly GraphQLArgument[]) if (takesId(argument.type)) references.push(`Query.${field.name}(${argument.name})`);
    }
    for (const type of Object.values(t.api.schema.getTypeMap())) {
      if (!isInputObjectType(type) || type.name.startsWith("__")) continue;
      for (const field of Object.values(type.getFields())) if (takesId(field.type)) references.push(`${type.name}.${field.name}`);
    }
    expect([...attempted].sort()).toEqual(references.sort());
  });
});
