import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createReadStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { eq } from "drizzle-orm";
import {
  categories,
  locations,
  locationTranslations,
  organizations,
  phones,
  places,
  rightsArticles,
  rightsArticleTranslations,
  schedulePeriods,
  schedules,
  serviceAtLocations,
  serviceCategories,
  services,
  serviceTranslations,
} from "@start/db";
import { notFoundPage, portalContentType } from "@start/api";
import { startTestApi, type TestApi } from "./api.js";

/** The repository root (tests/support → ../..). */
export const repositoryRoot = fileURLToPath(new URL("../..", import.meta.url));
export const BUILD_SCRIPT = path.join(repositoryRoot, "portal/scripts/build.mjs");
/** The public origin the test builds claim (canonical, OpenGraph, sitemap, feeds). */
export const SITE_URL = "https://start.example.org";
export const LOCALES = ["ar", "en", "fr"] as const;

/** Records the seed does not have and the portal tests need: one service only in Arabic, not verified for a year. */
export const FALLBACK_SERVICE = {
  slug: "test-arabic-only-clinic",
  name: "عيادة الاختبار بالعربية فقط",
  phone: "+218912345678",
  whatsapp: "+218923456789",
};

/**
 * A published rights article (in English only) whose Markdown body carries an image from another
 * origin and script payloads: its page must show none of them as markup.
 */
export const HOSTILE_RIGHTS_ARTICLE = {
  slug: "test-hostile-markdown",
  body: [
    "Read this first.",
    "![tracker](https://other.example.net/p.png)",
    "<script>window.__xss = 1</script>",
    '<img src="https://other.example.net/q.png" onerror="window.__xss = 2">',
    "[a link that runs script](javascript:window.__xss=3) and [legal aid](/en/services/?category=legal_aid).",
  ].join("\n\n"),
};

async function addHostileRightsArticle(api: TestApi): Promise<void> {
  const db = api.database.db;
  const [libya] = await db.select({ id: places.id }).from(places).where(eq(places.slug, "libya"));
  if (!libya) throw new Error("the seeded content lacks the country the portal fixture builds on");
  const articleId = randomUUID();
  await db.insert(rightsArticles).values({
    id: articleId,
    slug: HOSTILE_RIGHTS_ARTICLE.slug,
    topic: "detention",
    countryId: libya.id,
    audience: "migrants_in_libya",
    reviewedOn: "2026-01-15",
    state: "published",
    publishedAt: new Date("2026-01-15T08:00:00Z"),
    sources: [{ title: "A test source", url: "https://example.org/law", accessed: "2026-01-15" }],
  });
  await db.insert(rightsArticleTranslations).values({
    articleId,
    locale: "en",
    title: "Test article with hostile Markdown",
    summary: "A test record whose body must be sanitised.",
    body: HOSTILE_RIGHTS_ARTICLE.body,
  });
}

async function addFallbackService(api: TestApi): Promise<string> {
  const db = api.database.db;
  const [organization] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, "libyan-red-crescent"));
  const [sabha] = await db.select({ id: places.id }).from(places).where(eq(places.slug, "sabha"));
  const [category] = await db.select({ id: categories.id }).from(categories).where(eq(categories.code, "health.primary_care"));
  if (!organization || !sabha || !category) throw new Error("the seeded content lacks the records the portal fixture builds on");
  const serviceId = randomUUID();
  const yearAgo = new Date(Date.now() - 365 * 86_400_000);
  await db.insert(services).values({
    id: serviceId,
    slug: FALLBACK_SERVICE.slug,
    organizationId: organization.id,
    state: "published",
    status: "active",
    cost: "free",
    audiences: ["migrants_in_libya"],
    languages: ["ar", "ha"],
    confidentialAddress: false,
    verifiedAt: yearAgo,
  });
  await db.insert(serviceTranslations).values({
    serviceId,
    locale: "ar",
    name: FALLBACK_SERVICE.name,
    description: "فحص وعلاج مجاني. هذا سجل اختبار لا يوجد إلا باللغة العربية.",
    requiredDocuments: ["أي وثيقة هوية"],
  });
  await db.insert(serviceCategories).values({ serviceId, categoryId: category.id });
  const locationId = randomUUID();
  await db.insert(locations).values({ id: locationId, organizationId: organization.id, placeId: sabha.id, latitude: 27.0377, longitude: 14.4283 });
  await db.insert(locationTranslations).values({ locationId, locale: "ar", name: "مقر عيادة الاختبار", address: "شارع الاختبار، سبها" });
  const linkId = randomUUID();
  await db.insert(serviceAtLocations).values({ id: linkId, serviceId, locationId, position: 0 });
  const scheduleId = randomUUID();
  await db.insert(schedules).values({ id: scheduleId, serviceAtLocationId: linkId });
  // Two periods a day (a lunch break), Sunday to Thursday.
  await db.insert(schedulePeriods).values(
    [7, 1, 2, 3, 4].flatMap((weekday) => [
      { scheduleId, weekday, opensAt: "08:00", closesAt: "12:00" },
      { scheduleId, weekday, opensAt: "15:00", closesAt: "18:00" },
    ]),
  );
  await db.insert(phones).values([
    { id: randomUUID(), serviceAtLocationId: linkId, number: FALLBACK_SERVICE.phone, type: "voice", languages: ["ar"], position: 0 },
    { id: randomUUID(), serviceAtLocationId: linkId, number: FALLBACK_SERVICE.whatsapp, type: "whatsapp", languages: ["ar"], position: 1 },
  ]);
  return serviceId;
}

export interface BuiltPortal {
  api: TestApi;
  outDir: string;
  buildSeconds: number;
  fallbackServiceId: string;
  /** Removes the build and stops the API. */
  close(): Promise<void>;
}

export interface BuildResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs portal/scripts/build.mjs in a child process, as the rebuild worker does. */
export function runBuild(args: string[], env: NodeJS.ProcessEnv = {}): Promise<BuildResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BUILD_SCRIPT, ...args],
      { cwd: repositoryRoot, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024, timeout: 600_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** What a worker's first buildPortalFromContent leaves for its later files (PGlite). */
interface SharedPortal {
  image: Blob;
  outDir: string;
  buildSeconds: number;
  fallbackServiceId: string;
}
let sharedPortal: SharedPortal | undefined;

/**
 * The real API on a test database seeded with content/ (plus FALLBACK_SERVICE and
 * HOSTILE_RIGHTS_ARTICLE), and the portal built from it into a temporary folder by the build
 * script (a child process). On PGlite the first call of a worker builds and keeps the database's
 * image and the build; later calls get a fresh copy of that database and the same build, which is
 * what building again from the same rows would write (a file changes only its own copy of the
 * database; nothing writes to the build).
 */
export async function buildPortalFromContent(): Promise<BuiltPortal> {
  if (sharedPortal) {
    const { image, outDir, buildSeconds, fallbackServiceId } = sharedPortal;
    const api = await startTestApi({}, { image });
    return { api, outDir, buildSeconds, fallbackServiceId, close: () => api.close() };
  }
  const api = await startTestApi({}, { content: "content" });
  try {
    const fallbackServiceId = await addFallbackService(api);
    await addHostileRightsArticle(api);
    const image = api.database.dumpDataImage ? await api.database.dumpDataImage() : undefined;
    const outRoot = mkdtempSync(path.join(tmpdir(), "start-portal-"));
    const outDir = path.join(outRoot, "site");
    const started = performance.now();
    const result = await runBuild(["--api", `${api.url}/graphql`, "--out", outDir, "--site", SITE_URL, "--quiet"]);
    const buildSeconds = (performance.now() - started) / 1000;
    if (result.code !== 0) throw new Error(`the portal build failed (exit ${result.code}):\n${result.stderr}\n${result.stdout.slice(-2000)}`);
    if (image) {
      sharedPortal = { image, outDir, buildSeconds, fallbackServiceId };
      // The build outlives the file: it goes when the worker ends.
      process.once("exit", () => rmSync(outRoot, { recursive: true, force: true }));
      return { api, outDir, buildSeconds, fallbackServiceId, close: () => api.close() };
    }
    return {
      api,
      outDir,
      buildSeconds,
      fallbackServiceId,
      async close() {
        rmSync(outRoot, { recursive: true, force: true });
        await api.close();
      },
    };
  } catch (error) {
    await api.close();
    throw error;
  }
}

/** Every file of a build, as paths relative to its root with "/" separators. */
export function listFiles(root: string, folder = ""): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(path.join(root, folder), { withFileTypes: true })) {
    const relative = folder ? `${folder}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...listFiles(root, relative));
    else files.push(relative);
  }
  return files;
}

export function readBuilt(root: string, file: string): string {
  return readFileSync(path.join(root, file), "utf8");
}

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".xml": "application/xml",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".txt": "text/plain; charset=utf-8",
};

/** What the production server is expected to send with the portal (no inline script may run). */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

function proxy(target: string, request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? "/", target);
  const upstream = httpRequest(url, { method: request.method, headers: { ...request.headers, host: url.host } }, (answer) => {
    response.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(response);
  });
  upstream.on("error", () => {
    response.writeHead(502).end();
  });
  request.pipe(upstream);
}

export interface StaticServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/**
 * A small static server for a build, on one origin with the API: /graphql and /feedback go to
 * the API, everything else is a file (folder/ → folder/index.html, unknown → the 404 page of its
 * locale, else the root 404.html: notFoundPage, as START's own server does).
 */
export async function serveBuild(root: string, apiUrl: string): Promise<StaticServer> {
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    if (pathname === "/graphql" || pathname === "/feedback") {
      proxy(apiUrl, request, response);
      return;
    }
    const headers: Record<string, string> = { "content-security-policy": CONTENT_SECURITY_POLICY, "x-content-type-options": "nosniff" };
    let file = path.join(root, pathname);
    if (!file.startsWith(root)) {
      response.writeHead(400, headers).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) {
      if (!pathname.endsWith("/")) {
        response.writeHead(301, { ...headers, location: `${pathname}/` }).end();
        return;
      }
      file = path.join(file, "index.html");
    }
    if (!existsSync(file)) {
      response.writeHead(404, { ...headers, "content-type": CONTENT_TYPES[".html"]! });
      createReadStream(notFoundPage(root, pathname) ?? path.join(root, "404.html")).pipe(response);
      return;
    }
    const contentType = portalContentType(pathname) ?? CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream";
    response.writeHead(200, { ...headers, "content-type": contentType, "cache-control": "no-cache" });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    server,
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
