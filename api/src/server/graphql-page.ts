import { createHash } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import type { GraphQLSchema } from "graphql";
import { printApiSchema } from "../graphql/schema.js";
import type { MessageLocale } from "../i18n/messages.js";
import { currentScope } from "./request-scope.js";

/**
 * What a person sees opening /graphql in a browser: a short page, in the request's language
 * (Accept-Language: ar, en or fr), saying what the API is, how to send a query, three example
 * queries, and where the HSDS endpoints and the schema are. Only a GET that asks for HTML first
 * and carries no query gets it: every GraphQL-over-HTTP request (a query in the URL or a body,
 * or an Accept that prefers JSON) goes on to Apollo exactly as before. No script, no request to
 * another origin; its one inline stylesheet is allowed by its hash in the page's own CSP.
 *
 * With introspection on, GET /graphql/schema.graphql answers the schema (the same text as
 * api/schema.graphql); with it off, the page says where the schema is published instead.
 */

interface PageText {
  title: string;
  intro: string;
  access: string;
  howTitle: string;
  howPost: string;
  howGet: string;
  howLocale: string;
  examplesTitle: string;
  directoryExample: string;
  searchExample: string;
  searchQuery: string;
  serviceExample: string;
  moreTitle: string;
  hsds: string;
  hsdsLink: string;
  openapiLink: string;
  schema: string;
  schemaLink: string;
  schemaOff: string;
}

const TEXT: Record<MessageLocale, PageText> = {
  ar: {
    title: "واجهة GraphQL لمنصة START",
    intro:
      "هذا العنوان هو واجهة برمجة التطبيقات (API) لمنصة START: دليل الخدمات المنشور (الخدمات والمنظمات والأماكن والفئات) ومقالات الحقوق وإعلانات الوظائف والتنبيهات، بلغة GraphQL.",
    access: "قراءة ما هو منشور متاحة للجميع دون حساب أو مفتاح. يستخدم المحررون العنوان نفسه بعد تسجيل الدخول.",
    howTitle: "كيف ترسل استعلامًا",
    howPost: "أرسل طلب POST بصيغة JSON فيه الاستعلام والمتغيرات، مع الترويسة `Content-Type: application/json`:",
    howGet: "أو طلب GET يحمل الاستعلام في العنوان، مع الترويسة `Apollo-Require-Preflight: true` (حماية من تزوير الطلبات بين المواقع):",
    howLocale: "تأتي النصوص باللغة المطلوبة في الوسيط `locale`، وإلا بحسب الترويسة `Accept-Language`، وإلا بالعربية (`ar` و`en` و`fr`). لا تتجاوز الصفحة 100 عنصر (`first`).",
    examplesTitle: "أمثلة",
    directoryExample: "صفحة من دليل الخدمات: الخدمات الصحية في طرابلس، عشرون في كل صفحة، مع رابط الصفحة التالية (`after`):",
    searchExample: "بحث كما يكتبه الناس، في الخدمات والحقوق والوظائف معًا:",
    searchQuery: "عيادة في سبها",
    serviceExample: "خدمة واحدة بكل ما يلزم للوصول إليها: الهواتف والعناوين وساعات العمل:",
    moreTitle: "طرق أخرى لقراءة البيانات",
    hsds: "الدليل نفسه متاح أيضًا بصيغة Open Referral HSDS 3.0 للقراءة فقط:",
    hsdsLink: "نقاط وصول HSDS",
    openapiLink: "وصفها بصيغة OpenAPI",
    schema: "المخطط الكامل لهذه الواجهة، بكل الأنواع والحقول وشرحها:",
    schemaLink: "schema.graphql",
    schemaOff: "استكشاف المخطط معطّل على هذا الخادم. المخطط الكامل منشور مع الشيفرة المصدرية لـ START في الملف `api/schema.graphql`.",
  },
  en: {
    title: "START's GraphQL API",
    intro:
      "This address is START's API: the published directory (services, organisations, places, categories), rights articles, job vacancies and alerts, in GraphQL.",
    access: "Reading what is published is open to everyone, with no account or key. Editors use the same address once signed in.",
    howTitle: "How to send a query",
    howPost: "Send a POST with the query and its variables as JSON, with the header `Content-Type: application/json`:",
    howGet: "or a GET with the query in the address, with the header `Apollo-Require-Preflight: true` (a protection against cross-site request forgery):",
    howLocale: "Texts come in the locale asked for in the `locale` argument, else in the `Accept-Language` header's, else in Arabic (`ar`, `en`, `fr`). A page holds at most 100 items (`first`).",
    examplesTitle: "Examples",
    directoryExample: "A page of the directory: health services in Tripoli, twenty at a time, with the cursor of the next page (`after`):",
    searchExample: "A search as people type it, across services, rights and jobs at once:",
    searchQuery: "clinic in Sabha",
    serviceExample: "One service with what it takes to reach it: phones, addresses and opening hours:",
    moreTitle: "Other ways to read the data",
    hsds: "The same directory, read-only, as Open Referral HSDS 3.0:",
    hsdsLink: "the HSDS endpoints",
    openapiLink: "their OpenAPI description",
    schema: "The whole schema of this API, every type and field with its description:",
    schemaLink: "schema.graphql",
    schemaOff: "Schema introspection is turned off on this server. The whole schema is published with START's source code, in the file `api/schema.graphql`.",
  },
  fr: {
    title: "L’API GraphQL de START",
    intro:
      "Cette adresse est l’API de START\u202f: l’annuaire publié (services, organisations, lieux, catégories), les articles sur les droits, les offres d’emploi et les alertes, en GraphQL.",
    access: "La lecture de ce qui est publié est ouverte à tous, sans compte ni clé. Les éditeurs utilisent la même adresse une fois connectés.",
    howTitle: "Comment envoyer une requête",
    howPost: "Envoyez un POST avec la requête et ses variables en JSON, avec l’en-tête `Content-Type: application/json`\u202f:",
    howGet: "ou un GET avec la requête dans l’adresse, avec l’en-tête `Apollo-Require-Preflight: true` (une protection contre la falsification de requêtes intersites)\u202f:",
    howLocale: "Les textes viennent dans la langue demandée par l’argument `locale`, sinon dans celle de l’en-tête `Accept-Language`, sinon en arabe (`ar`, `en`, `fr`). Une page compte au plus 100 éléments (`first`).",
    examplesTitle: "Exemples",
    directoryExample: "Une page de l’annuaire\u202f: les services de santé à Tripoli, vingt à la fois, avec le curseur de la page suivante (`after`)\u202f:",
    searchExample: "Une recherche telle que les gens la tapent, dans les services, les droits et les emplois à la fois\u202f:",
    searchQuery: "clinique à Sebha",
    serviceExample: "Un service avec de quoi le joindre\u202f: téléphones, adresses et horaires\u202f:",
    moreTitle: "D’autres façons de lire les données",
    hsds: "Le même annuaire, en lecture seule, au format Open Referral HSDS 3.0\u202f:",
    hsdsLink: "les points d’accès HSDS",
    openapiLink: "leur description OpenAPI",
    schema: "Le schéma complet de cette API, chaque type et chaque champ avec sa description\u202f:",
    schemaLink: "schema.graphql",
    schemaOff: "L’introspection du schéma est désactivée sur ce serveur. Le schéma complet est publié avec le code source de START, dans le fichier `api/schema.graphql`.",
  },
};

/** The example queries the page shows (a test runs each of them against the API). */
export function exampleQueries(locale: MessageLocale): { directory: string; search: string; service: string } {
  return {
    directory: `query DirectoryPage($after: String) {
  services(first: 20, after: $after, locale: "${locale}", filter: { place: "tripoli", categories: ["health"] }) {
    totalCount
    edges {
      node {
        slug
        name { text }
        organization { name { text } }
        cost
        openNow
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}`,
    search: `{
  search(query: ${JSON.stringify(TEXT[locale].searchQuery)}, locale: "${locale}", first: 5) {
    totalCount
    hits {
      type
      item {
        ... on Service { slug name { text } }
        ... on RightsArticle { slug title { text } }
        ... on Vacancy { slug title { text } }
      }
    }
  }
}`,
    service: `{
  service(slug: "iom-voluntary-humanitarian-return", locale: "${locale}") {
    name { text locale isFallback }
    description { text }
    phones { number type }
    locations {
      location { address { text } place { slug } }
      phones { number type }
      schedules { periods { weekday opensAt closesAt } }
    }
    verifiedAt
  }
}`,
  };
}

const STYLE =
  "body{font-family:system-ui,sans-serif;line-height:1.5;max-width:46rem;margin:0 auto;padding:1rem;color:#1b1b1b}" +
  "pre{background:#f3f5f7;border:1px solid #d5dbe1;padding:.75rem;overflow-x:auto;direction:ltr;text-align:left}" +
  "code{font-family:ui-monospace,monospace;font-size:.9em}p code{white-space:nowrap}h1{font-size:1.6rem}a{color:#0b4f6c}";
/** The page's Content-Security-Policy: nothing but its own inline stylesheet, by hash. */
export const GRAPHQL_PAGE_CONTENT_SECURITY_POLICY =
  `default-src 'none'; style-src 'sha256-${createHash("sha256").update(STYLE).digest("base64")}'; ` +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** A sentence of the page: `code` marked as code, kept left to right inside Arabic text. */
function prose(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code dir="ltr">$1</code>');
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, "'\\''")}'`;
}

export function graphqlPageHtml(locale: MessageLocale, options: { origin: string; schemaServed: boolean }): string {
  const text = TEXT[locale];
  const examples = exampleQueries(locale);
  const endpoint = `${options.origin}/graphql`;
  const code = (value: string) => `<pre><code>${escapeHtml(value)}</code></pre>`;
  const post = `curl ${shellQuote(endpoint)} \\\n  -H 'Content-Type: application/json' \\\n  -H 'Accept-Language: ${locale}' \\\n  --data ${shellQuote(JSON.stringify({ query: "{ locales { code name } }" }))}`;
  const get = `curl -G ${shellQuote(endpoint)} \\\n  -H 'Apollo-Require-Preflight: true' \\\n  --data-urlencode ${shellQuote("query={ locales { code name } }")}`;
  const dir = locale === "ar" ? "rtl" : "ltr";
  return `<!doctype html>
<html lang="${locale}" dir="${dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(text.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${escapeHtml(text.title)}</h1>
<p>${prose(text.intro)}</p>
<p>${prose(text.access)}</p>
<h2>${escapeHtml(text.howTitle)}</h2>
<p>${prose(text.howPost)}</p>
${code(post)}
<p>${prose(text.howGet)}</p>
${code(get)}
<p>${prose(text.howLocale)}</p>
<h2>${escapeHtml(text.examplesTitle)}</h2>
<p>${prose(text.directoryExample)}</p>
${code(examples.directory)}
<p>${prose(text.searchExample)}</p>
${code(examples.search)}
<p>${prose(text.serviceExample)}</p>
${code(examples.service)}
<h2>${escapeHtml(text.moreTitle)}</h2>
<p>${prose(text.hsds)} <a href="/hsds/">${escapeHtml(text.hsdsLink)}</a> · <a href="/hsds/openapi.json">${escapeHtml(text.openapiLink)}</a></p>
${options.schemaServed ? `<p>${prose(text.schema)} <a href="/graphql/schema.graphql">${escapeHtml(text.schemaLink)}</a></p>` : `<p>${prose(text.schemaOff)}</p>`}
</main>
</body>
</html>
`;
}

const GRAPHQL_TYPES = ["application/json", "application/graphql-response+json"];

/** A browser opening the address: GET (or HEAD), HTML preferred to JSON, and nothing to run. */
function wantsPage(request: Request): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  if (request.path !== "/") return false;
  if (["query", "extensions", "operationName", "variables"].some((name) => name in (request.query as Record<string, unknown>))) return false;
  return request.accepts([...GRAPHQL_TYPES, "text/html"]) === "text/html";
}

export function graphqlPage(options: { schema: GraphQLSchema; introspection: boolean }) {
  let schemaText: string | null = null;
  return (request: Request, response: Response, next: NextFunction): void => {
    if (options.introspection && request.method === "GET" && request.path === "/schema.graphql") {
      schemaText ??= printApiSchema(options.schema);
      response.status(200).type("text/plain; charset=utf-8").setHeader("Cache-Control", "public, max-age=300");
      response.send(schemaText);
      return;
    }
    if (!wantsPage(request)) {
      next();
      return;
    }
    const locale = (currentScope()?.messageLocale ?? "ar") as MessageLocale;
    const origin = `${request.protocol}://${request.get("host") ?? "localhost"}`;
    response.status(200);
    response.setHeader("Content-Type", "text/html; charset=utf-8");
    response.setHeader("Content-Language", locale);
    response.setHeader("Content-Security-Policy", GRAPHQL_PAGE_CONTENT_SECURITY_POLICY);
    response.setHeader("Cache-Control", "no-cache");
    response.setHeader("Vary", "Accept, Accept-Language");
    response.send(graphqlPageHtml(locale, { origin, schemaServed: options.introspection }));
  };
}
