import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIRECTORY_QUERY, newBuildId, SiteDirectory } from "@start/api";
import { testDriver } from "../support/database.js";
import { FULL_CHECKS, quickOrFull } from "../security/support.js";
import {
  compileWorkspace,
  EDITABLE_SERVICE,
  formToInput,
  graphql,
  separateDatabase,
  signIn,
  startProcess,
  type StartedProcess,
  temporaryDataDir,
  UPDATE_SERVICE,
  waitForSwap,
} from "../support/system.js";
import { checkEach, graphqlGet, graphqlPost, loadRun, plainGet, processMemory, type ProcessMemory, type PublicRequest, type RunFigures } from "./support.js";

const CONNECTIONS = 32;
const ROUND_SECONDS = quickOrFull(10, 60);
/** START_LOAD_ROUNDS: more rounds by hand, to see where the resident size levels off. */
const ROUNDS = Number(process.env.START_LOAD_ROUNDS) || quickOrFull(2, 3);
const ADMIN = { email: "admin@example.org", password: "load-test-admin-password" };
const EDITOR = { email: "editor@example.org", password: "load-test-editor-password" };

/**
 * Memory that may be added after the first round (which warms the JIT, the prepared statements,
 * the caches and, on PGlite, the database's own memory) without counting as growth. Nothing
 * forces a collection, so the resident size follows the collector's timing: it swung by up to
 * 80 MB between rounds here while the live heap after full collections stayed flat (heap-watch.mjs).
 * Later rounds must stay within the first round's size plus a quarter and 96 MB; a leak shows as
 * a steady climb past that, the sooner the longer the run (full mode).
 */
const GROWTH_SHARE = 0.25;
const GROWTH_MARGIN_MB = 96;

const SERVICE_PAGE = /* GraphQL */ `
  query ServicePage($slug: String!, $locale: String) {
    service(slug: $slug, locale: $locale) {
      id slug cost audiences languages url email verifiedAt openNow
      name { text locale isFallback } description { text } eligibilityDescription { text } applicationProcess { text }
      organization { slug name { text } phones { number type } }
      categories { code name { text } parent { code name { text } } }
      phones { number type languages description { text } }
      schedules { periods { weekday opensAt closesAt } notes { text } }
      locations { location { latitude longitude name { text } address { text } place { slug name { text } } } phones { number type } }
    }
  }
`;

const FILTERED = /* GraphQL */ `
  query Filtered($locale: String, $filter: ServiceFilter) {
    services(first: 20, locale: $locale, filter: $filter) {
      totalCount
      edges { node { slug name { text } organization { name { text } } categories { code } locations { location { place { slug name { text } } } } } }
    }
  }
`;

const SEARCH = /* GraphQL */ `
  query Search($query: String!, $locale: String) {
    search(query: $query, locale: $locale, first: 10) {
      totalCount
      hits { type score item { ... on Service { slug name { text } } ... on RightsArticle { slug title { text } } ... on Vacancy { slug title { text } } } }
      facets { types { type count } categories { category { code } count } places { place { slug } count } }
    }
  }
`;

interface Listing {
  id: string;
  slug: string;
  organization: { id: string };
  categories: { code: string }[];
  locations: { location: { place: { slug: string } | null } }[];
}

/** The public's mix: the directory, service pages, filtered lists, search, the HSDS endpoints and portal pages. */
function publicTraffic(services: Listing[], hsdsServiceId: string, pages: string[]): PublicRequest[] {
  const [first, second, third] = services as [Listing, Listing, Listing];
  const category = services.flatMap((service) => service.categories)[0]!.code;
  const place = services.flatMap((service) => service.locations.map((link) => link.location.place?.slug)).find(Boolean)!;
  return [
    graphqlPost("directory ar", DIRECTORY_QUERY, { first: 20, locale: "ar" }),
    graphqlGet("directory en (GET)", DIRECTORY_QUERY, { first: 20, locale: "en" }, "en"),
    graphqlPost("service page ar", SERVICE_PAGE, { slug: first.slug, locale: "ar" }),
    graphqlPost("service page fr", SERVICE_PAGE, { slug: second.slug, locale: "fr" }, "fr"),
    graphqlGet("service page en (GET)", SERVICE_PAGE, { slug: third.slug, locale: "en" }, "en"),
    graphqlPost("filtered by category and place", FILTERED, { locale: "ar", filter: { categories: [category], place } }),
    graphqlPost("filtered open now, free", FILTERED, { locale: "fr", filter: { openNow: true, freeOnly: true } }, "fr"),
    graphqlPost("search ar", SEARCH, { query: "دعم نفسي", locale: "ar" }),
    graphqlPost("search en", SEARCH, { query: "legal aid", locale: "en" }, "en"),
    graphqlGet("search fr (GET, misspelt)", SEARCH, { query: "Trablus", locale: "fr" }, "fr"),
    plainGet("hsds services", "/hsds/services?per_page=20&lang=en", "en"),
    plainGet("hsds service", `/hsds/services/${hsdsServiceId}?lang=ar`),
    plainGet("hsds services search", "/hsds/services?search=shelter&lang=en", "en"),
    plainGet("hsds organizations", "/hsds/organizations?lang=fr", "fr"),
    plainGet("hsds taxonomy terms", "/hsds/taxonomy_terms?top_only=true"),
    ...pages.map((page) => plainGet(`portal ${page}`, page)),
  ];
}

/**
 * A stand-in portal build for the quick mode (a real build takes half a minute of both cores):
 * pages of a real page's size at the paths the load asks for. Files are served by the same
 * code whatever they hold.
 */
async function standInBuild(siteDir: string, pages: string[]): Promise<void> {
  const site = new SiteDirectory(siteDir);
  const id = newBuildId(0);
  const dir = await site.prepareBuild(id);
  const page = (title: string) =>
    `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>${"<p>خدمات للمهاجرين واللاجئين في ليبيا — Services for migrants and refugees in Libya.</p>".repeat(150)}</body></html>`;
  for (const pathname of [...pages, "/"]) {
    mkdirSync(path.join(dir, pathname), { recursive: true });
    writeFileSync(path.join(dir, pathname, "index.html"), page(pathname));
  }
  writeFileSync(path.join(dir, "404.html"), page("404"));
  await site.swapIn({ id, builtAt: new Date().toISOString(), sourceStamp: "load-test-stand-in", durationMs: 0, jobIds: [] });
}

interface EditorFigures {
  cycles: number;
  errors: string[];
}

/**
 * An editor at work while the public reads: the organization's editor changes a published
 * service's English name and submits it, an admin publishes it — again and again until told to
 * stop. Every step must succeed (one editor: no conflicts).
 */
function editorAtWork(url: string, serviceId: string, tokens: { editor: string; admin: string }) {
  let stopping = false;
  const figures: EditorFigures = { cycles: 0, errors: [] };
  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const step = async (what: string, query: string, variables: Record<string, unknown>, token: string) => {
    const body = await graphql(url, query, variables, as(token));
    if (body.errors?.length || !body.data || body.response.status !== 200) {
      throw new Error(`${what}: HTTP ${body.response.status} ${JSON.stringify(body.errors ?? body.data).slice(0, 400)}`);
    }
    return body.data;
  };
  const done = (async () => {
    while (!stopping) {
      try {
        const loaded = await step("load the form", EDITABLE_SERVICE, { id: serviceId }, tokens.editor);
        const input = formToInput(loaded.editableService.form);
        const name = `Load test edit ${figures.cycles + 1}`;
        input.texts = input.texts.map((text: { locale: string }) => (text.locale === "en" ? { ...text, name } : text));
        const saved = await step("update", UPDATE_SERVICE, { id: serviceId, v: loaded.editableService.version, input }, tokens.editor);
        const submitted = await step(
          "submit",
          `mutation ($id: ID!, $v: Int!) { submitServiceForReview(id: $id, expectedVersion: $v) { version state } }`,
          { id: serviceId, v: saved.updateService.version },
          tokens.editor,
        );
        await step(
          "publish",
          `mutation ($id: ID!, $v: Int!) { publishService(id: $id, expectedVersion: $v) { version state } }`,
          { id: serviceId, v: submitted.submitServiceForReview.version },
          tokens.admin,
        );
        figures.cycles += 1;
      } catch (error) {
        const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : "";
        figures.errors.push(error instanceof Error ? `${error.message}${cause}` : String(error));
        if (figures.errors.length > 20) break;
      }
    }
  })();
  return {
    figures,
    async stop(): Promise<EditorFigures> {
      stopping = true;
      await done;
      return figures;
    },
  };
}

interface Round extends RunFigures {
  round: number;
  writeCycles: number;
  writeErrors: number;
  /** Error entries in START's log during the round. */
  serverErrors: number;
  memory: ProcessMemory;
}

describe(`START under mixed load: ${CONNECTIONS} connections of public reads and an editor writing (${testDriver}, ${FULL_CHECKS ? "full" : "quick"} mode)`, () => {
  const data = temporaryDataDir();
  let database: Awaited<ReturnType<typeof separateDatabase>> | undefined;
  let start: StartedProcess | undefined;
  let traffic: PublicRequest[];
  let serviceId: string;
  let tokens: { editor: string; admin: string };
  /** What was handed out during the set-up, which START's log must never show. */
  let secrets: Record<string, string> = {};

  beforeAll(async () => {
    const began = performance.now();
    await compileWorkspace();
    database = await separateDatabase();
    const compiled = performance.now();
    start = await startProcess({
      entry: "start",
      dataDir: data.dir,
      databaseUrl: database.url,
      env: {
        START_ADMIN_EMAIL: ADMIN.email,
        START_ADMIN_PASSWORD: ADMIN.password,
        // Quick mode: the worker waits past the end of the test (no portal build competes for the
        // two cores); full mode: real builds, and every publish of the editor rebuilds the portal.
        ...(FULL_CHECKS ? {} : { START_PUBLISH_QUIET_MS: "3600000", START_PUBLISH_MAX_WAIT_MS: "3600000" }),
        // START_LOAD_NODE_OPTIONS: Node options for START's process alone, e.g. --inspect=127.0.0.1:9339 to watch its heap by hand.
        ...(process.env.START_LOAD_NODE_OPTIONS ? { NODE_OPTIONS: process.env.START_LOAD_NODE_OPTIONS } : {}),
      },
    });
    const url = start.url;
    const ready = performance.now();

    const listed = await graphql<{ services: { edges: { node: Listing }[] } }>(
      url,
      `{ services(first: 100, locale: "en") { edges { node { id slug organization { id } categories { code } locations { location { place { slug } } } } } } }`,
    );
    const services = listed.data!.services.edges.map((edge) => edge.node);
    expect(services.length).toBeGreaterThan(10);
    const edited = services[3]!;
    serviceId = edited.id;

    tokens = { admin: await signIn(url, ADMIN.email, ADMIN.password), editor: "" };
    const invited = await graphql<{ inviteUser: { url: string } }>(
      url,
      `mutation ($email: String!, $org: ID!) { inviteUser(email: $email, role: ORG_EDITOR, organizationId: $org) { url } }`,
      { email: EDITOR.email, org: edited.organization.id },
      { authorization: `Bearer ${tokens.admin}` },
    );
    const accepted = await graphql(
      url,
      `mutation ($token: String!, $password: String!) { acceptInvitation(token: $token, displayName: "Load test editor", password: $password) { user { email } } }`,
      { token: invited.data!.inviteUser.url.split("#")[1], password: EDITOR.password },
    );
    expect(accepted.errors).toBeUndefined();
    tokens.editor = await signIn(url, EDITOR.email, EDITOR.password);
    secrets = { adminToken: tokens.admin, editorToken: tokens.editor, invitation: invited.data!.inviteUser.url.split("#")[1]! };

    const hsds = (await (await fetch(`${url}/hsds/services?per_page=1`)).json()) as { contents: { id: string }[] };
    const pages = ["/ar/", "/en/services/", `/ar/services/${services[0]!.slug}/`, `/fr/services/${edited.slug}/`];
    if (FULL_CHECKS) await waitForSwap(start, 300_000);
    else await standInBuild(path.join(data.dir, "site"), pages);
    traffic = publicTraffic([edited, ...services.filter((service) => service !== edited)], hsds.contents[0]!.id, pages);
    await checkEach(url, traffic);
    const seconds = (from: number, to: number) => ((to - from) / 1000).toFixed(1);
    console.log(`set-up: compiled in ${seconds(began, compiled)} s, START migrated, seeded and ready in ${seconds(compiled, ready)} s, accounts and portal in ${seconds(ready, performance.now())} s`);
  }, 420_000);

  afterAll(async () => {
    const outcome = await start?.stop();
    if (outcome && outcome.code !== 0) console.log(`START stopped with ${JSON.stringify(outcome)}:\n${start!.output().slice(-3000)}`);
    await database?.drop();
    data.remove();
  }, 60_000);

  it(
    `answers every request without an error and keeps its memory flat over ${ROUNDS} rounds of ${ROUND_SECONDS} s`,
    async () => {
      const url = start!.url;
      const pid = start!.child.pid!;
      const rounds: Round[] = [];
      console.log(`load: ${traffic.length} kinds of public request on ${CONNECTIONS} connections, an editor writing; START's memory at rest ${JSON.stringify(processMemory(pid))}`);
      for (let round = 1; round <= ROUNDS; round += 1) {
        const logMark = start!.logs().length;
        const editor = editorAtWork(url, serviceId, tokens);
        const figures = await loadRun(url, traffic, CONNECTIONS, ROUND_SECONDS);
        const writes = await editor.stop();
        // Let the requests' garbage become collectable before reading the resident size.
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        const serverErrors = start!.logs().slice(logMark).filter((logged) => logged.level === "error");
        const entry: Round = { round, ...figures, writeCycles: writes.cycles, writeErrors: writes.errors.length, serverErrors: serverErrors.length, memory: processMemory(pid) };
        rounds.push(entry);
        console.log(
          `round ${round}: ${entry.requestsPerSecond} requests/s (${entry.requests} in ${ROUND_SECONDS} s), p50 ${entry.p50Ms} ms, p99 ${entry.p99Ms} ms, max ${entry.maxMs} ms, ` +
            `${entry.errors} errors; editor: ${entry.writeCycles} update-submit-publish cycles, ${entry.writeErrors} errors; ${entry.serverErrors} errors in START's log; ` +
            `START's RSS ${entry.memory.rssMb} MB (peak ${entry.memory.peakRssMb} MB)`,
        );
        for (const problem of figures.problems) console.log(`  ${problem}`);
        for (const problem of writes.errors.slice(0, 5)) console.log(`  editor: ${problem}`);
        for (const logged of serverErrors.slice(0, 5)) console.log(`  START: ${JSON.stringify(logged).slice(0, 600)}`);
      }

      for (const round of rounds) {
        expect({ round: round.round, errors: round.errors, problems: round.problems }).toEqual({ round: round.round, errors: 0, problems: [] });
        expect({ round: round.round, writeErrors: round.writeErrors, serverErrors: round.serverErrors }).toEqual({ round: round.round, writeErrors: 0, serverErrors: 0 });
        expect(round.writeCycles).toBeGreaterThan(0);
        expect(round.requests).toBeGreaterThan(0);
      }
      const baseline = rounds[0]!.memory.rssMb;
      const bound = baseline * (1 + GROWTH_SHARE) + GROWTH_MARGIN_MB;
      for (const round of rounds.slice(1)) expect(round.memory.rssMb, `round ${round.round}'s RSS against the first round's ${baseline} MB`).toBeLessThanOrEqual(bound);
      // The editor's changes reached the public.
      const visible = await graphql<{ service: { name: { text: string } } }>(url, `query ($id: ID!) { service(id: $id, locale: "en") { name { text } } }`, { id: serviceId });
      expect(visible.data?.service.name.text).toMatch(/^Load test edit \d+$/);
      // START's own log of all that (JSON lines on its stdout and stderr) holds no password, token or e-mail address.
      const output = start!.output();
      expect(start!.logs().filter((entry) => entry.message === "request").length).toBeGreaterThan(100);
      for (const [what, secret] of Object.entries({ ...secrets, adminPassword: ADMIN.password, editorPassword: EDITOR.password, editorEmail: EDITOR.email })) {
        expect(output.includes(secret), `${what} in START's log`).toBe(false);
      }
    },
    ROUNDS * (ROUND_SECONDS + 30) * 1000,
  );
});
