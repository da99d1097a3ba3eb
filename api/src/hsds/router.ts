import type { Database } from "@start/db";
import { matchedRelation } from "../search/matching.js";
import express, { type NextFunction, type Request, type Response, type Router } from "express";
import { findApiError } from "../graphql/errors.js";
import { isMessageLocale, translate } from "../i18n/messages.js";
import { negotiateLocale } from "../i18n/negotiate.js";
import { PUBLIC_CACHE_CONTROL } from "../server/cache-control.js";
import { clientFaultOf } from "../server/errors.js";
import { describeError, type Logger } from "../server/logger.js";
import { currentScope } from "../server/request-scope.js";
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from "../server/unavailable.js";
import { badParameter, HsdsError } from "./errors.js";
import { isUuid, START_TAXONOMY_ID } from "./ids.js";
import { enabledLocales, localeChain } from "./locale.js";
import { DEFAULT_PER_PAGE, MAX_PAGE, MAX_PER_PAGE } from "./constants.js";
import { openApiDocument, profileDocument } from "./documents.js";
import {
  countRecords,
  idsAfter,
  type ListQuery,
  organizationsQuery,
  pageOfIds,
  serviceAtLocationsQuery,
  servicesQuery,
  taxonomyTermsQuery,
} from "./queries.js";
import { DirectoryReader, type ServiceAggregate } from "./reader.js";
import { HSDS_VERSION } from "./spec.js";
import {
  hsdsOrganization,
  hsdsOrganizationFields,
  hsdsService,
  hsdsServiceAtLocation,
  hsdsServiceFields,
  hsdsTaxonomy,
  hsdsTaxonomyTerm,
  type Json,
  type MapContext,
  placeIdsOf,
} from "./to-hsds.js";

export interface HsdsRouterOptions {
  db: Database;
  logger: Logger;
}

const NDJSON_BATCH = 100;

/** What every handler needs: the request's locale chain, the reader, and the mapping context. */
interface Scope {
  reader: DirectoryReader;
  context: MapContext;
}

type Query = Record<string, unknown>;

function stringParameter(query: Query, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return stringParameter({ [name]: value[value.length - 1] }, name);
  return typeof value === "string" ? value : undefined;
}

function integerParameter(query: Query, name: string, fallback: number, max: number): number {
  const raw = stringParameter(query, name);
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || value < 1 || value > max) {
    throw badParameter(name, { key: "expectedWholeNumberUpTo", params: { max } });
  }
  return value;
}

function booleanParameter(query: Query, name: string): boolean {
  const raw = stringParameter(query, name);
  if (raw === undefined || raw === "") return false;
  if (/^(true|1)$/i.test(raw)) return true;
  if (/^(false|0)$/i.test(raw)) return false;
  throw badParameter(name, { key: "expectedBoolean" });
}

function uuidParameter(query: Query, name: string): string | undefined {
  const raw = stringParameter(query, name);
  if (raw === undefined || raw === "") return undefined;
  if (!isUuid(raw.trim())) throw badParameter(name, { key: "expectedUuid" });
  return raw.trim().toLowerCase();
}

function dateParameter(query: Query, name: string): Date | undefined {
  const raw = stringParameter(query, name);
  if (raw === undefined || raw === "") return undefined;
  const date = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(raw.trim()) ? new Date(raw.trim()) : new Date(NaN);
  if (Number.isNaN(date.getTime())) {
    throw badParameter(name, { key: "expectedDateTime" });
  }
  return date;
}

function searchParameter(query: Query): string | undefined {
  const raw = stringParameter(query, "search");
  return raw === undefined || raw.trim() === "" ? undefined : raw;
}

interface Paging {
  page: number;
  perPage: number;
  ndjson: boolean;
}

function paging(query: Query): Paging {
  const format = (stringParameter(query, "format") ?? "json").toLowerCase();
  if (format !== "json" && format !== "ndjson") {
    throw badParameter("format", { key: "expectedFormat" });
  }
  return {
    page: integerParameter(query, "page", 1, MAX_PAGE),
    perPage: integerParameter(query, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE),
    ndjson: format === "ndjson",
  };
}

/** The HSDA read endpoints (Open Referral Human Services Data API 3.0), mounted at /hsds. Published records only. */
export function hsdsRouter(options: HsdsRouterOptions): Router {
  const { db, logger } = options;
  const searchedServices = (search: string | undefined, chain: { requested: string }) =>
    search === undefined ? undefined : matchedRelation(db, search, "search", "service", chain.requested);
  const router = express.Router();

  router.use((request, response, next) => {
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Vary", "Accept-Language");
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.setHeader("Allow", "GET, HEAD");
      sendError(request, response, new HsdsError("methodNotAllowed", {}, 405, "METHOD_NOT_ALLOWED"));
      return;
    }
    next();
  });

  /** Settles the locale (?lang=, else Accept-Language, else Arabic) and builds the scope. */
  async function scopeOf(request: Request, response: Response): Promise<Scope> {
    const enabled = await enabledLocales(db);
    const requested = stringParameter(request.query as Query, "lang")?.trim().toLowerCase();
    const scope = currentScope();
    let locale: string;
    if (requested) {
      const match = enabled.find((code) => code.toLowerCase() === requested);
      if (!match) throw new HsdsError("unknownLocale", { locale: requested, available: enabled.join(", ") }, 400, "BAD_REQUEST", "lang");
      locale = match;
      if (scope && isMessageLocale(match)) scope.messageLocale = match;
    } else {
      locale = negotiateLocale(scope?.acceptLanguage, enabled) ?? (enabled.includes("ar") ? "ar" : (enabled[0] ?? "ar"));
    }
    response.setHeader("Content-Language", locale);
    return { reader: new DirectoryReader(db), context: { chain: localeChain(locale, enabled), enabled, places: new Map() } };
  }

  const route =
    (handler: (request: Request, response: Response) => Promise<void>) => async (request: Request, response: Response, next: NextFunction) => {
      try {
        // The locale argument decides the message locale before anything can fail.
        const lang = stringParameter(request.query as Query, "lang")?.trim().toLowerCase();
        const scope = currentScope();
        if (scope && lang && isMessageLocale(lang)) scope.messageLocale = lang;
        await handler(request, response);
      } catch (error) {
        next(error);
      }
    };

  function sendJson(response: Response, body: unknown): void {
    response.status(200).setHeader("Cache-Control", PUBLIC_CACHE_CONTROL).json(body);
  }

  /** A Page envelope (HSDA's `Page` schema) around the page's records. */
  async function sendPage(response: Response, query: ListQuery, paging: Paging, load: (ids: string[]) => Promise<Json[]>) {
    if (paging.ndjson) {
      response.status(200).setHeader("Cache-Control", PUBLIC_CACHE_CONTROL).setHeader("Content-Type", "application/x-ndjson; charset=utf-8");
      for (let after: string | null = null; !response.destroyed; ) {
        const ids = await idsAfter(db, query, after, NDJSON_BATCH);
        if (ids.length === 0) break;
        after = ids[ids.length - 1]!;
        const chunk = (await load(ids)).map((item) => `${JSON.stringify(item)}\n`).join("");
        if (!response.write(chunk)) await new Promise((resolve) => response.once("drain", resolve));
      }
      response.end();
      return;
    }
    const [total, ids] = await Promise.all([countRecords(db, query), pageOfIds(db, query, paging.page, paging.perPage)]);
    const contents = await load(ids);
    const totalPages = Math.ceil(total / paging.perPage);
    sendJson(response, {
      total_items: total,
      total_pages: totalPages,
      page_number: paging.page,
      size: contents.length,
      first_page: paging.page === 1,
      last_page: paging.page >= totalPages,
      empty: contents.length === 0,
      contents,
    });
  }

  async function withPlaces({ reader, context }: Scope, services: ServiceAggregate[]): Promise<void> {
    const places = await reader.placesWithAncestors(placeIdsOf(services));
    for (const [id, place] of places) (context.places as Map<string, typeof place>).set(id, place);
  }

  router.get(
    "/",
    route(async (request, response) => {
      const base = `${request.protocol}://${request.get("host")}${request.baseUrl}`;
      sendJson(response, { version: HSDS_VERSION, profile: `${base}/profile`, openapi_url: `${base}/openapi.json` });
    }),
  );

  router.get(
    "/openapi.json",
    route(async (request, response) => {
      sendJson(response, openApiDocument(`${request.protocol}://${request.get("host")}${request.baseUrl}`));
    }),
  );

  router.get(
    "/profile",
    route(async (_request, response) => {
      sendJson(response, profileDocument());
    }),
  );

  router.get(
    "/services",
    route(async (request, response) => {
      const query = request.query as Query;
      const scope = await scopeOf(request, response);
      const filters = {
        search: searchParameter(query),
        taxonomyTermId: uuidParameter(query, "taxonomy_term_id"),
        taxonomyId: uuidParameter(query, "taxonomy_id"),
        organizationId: uuidParameter(query, "organization_id"),
        modifiedAfter: dateParameter(query, "modified_after"),
      };
      const full = booleanParameter(query, "full");
      const minimal = booleanParameter(query, "minimal");
      const pages = paging(query);
      await sendPage(response, servicesQuery(scope.reader.visibility, filters, scope.context.chain, await searchedServices(filters.search, scope.context.chain)), pages, async (ids) => {
        const services = await scope.reader.services(ids);
        if (minimal) {
          return services.map((service) => {
            const fields = hsdsServiceFields(service, scope.context);
            return { id: fields.id, name: fields.name, status: fields.status, last_modified: fields.last_modified };
          });
        }
        if (full) await withPlaces(scope, services);
        return services.map((service) => (full ? hsdsService(service, scope.context) : hsdsServiceFields(service, scope.context)));
      });
    }),
  );

  router.get(
    "/services/:id",
    route(async (request, response) => {
      const scope = await scopeOf(request, response);
      const id = String(request.params.id).toLowerCase();
      const [service] = isUuid(id) ? await scope.reader.services([id]) : [];
      if (!service) throw new HsdsError("notFound", { entity: { key: "entity.service" } }, 404);
      await withPlaces(scope, [service]);
      sendJson(response, hsdsService(service, scope.context));
    }),
  );

  /** Service-at-location records with their services, for a list of link ids. */
  async function serviceAtLocations(scope: Scope, ids: string[], full: boolean): Promise<Json[]> {
    if (ids.length === 0) return [];
    const links = await db.query.serviceAtLocations.findMany({
      where: (link, { inArray }) => inArray(link.id, ids),
      columns: { id: true, serviceId: true },
    });
    const services = await scope.reader.services([...new Set(links.map((link) => link.serviceId))]);
    await withPlaces(scope, services);
    const byLink = new Map<string, Json>();
    for (const service of services) {
      for (const link of service.serviceAtLocations) {
        byLink.set(link.id, hsdsServiceAtLocation(link, service, scope.context, { full, withService: full }));
      }
    }
    return ids.map((id) => byLink.get(id)).filter((item): item is Json => item !== undefined);
  }

  router.get(
    "/service_at_locations",
    route(async (request, response) => {
      const query = request.query as Query;
      const scope = await scopeOf(request, response);
      if (stringParameter(query, "proximity")) throw new HsdsError("proximityUnsupported", {}, 400, "BAD_REQUEST", "proximity");
      const filters = {
        search: searchParameter(query),
        taxonomyTermId: uuidParameter(query, "taxonomy_term_id"),
        taxonomyId: uuidParameter(query, "taxonomy_id"),
        organizationId: uuidParameter(query, "organization_id"),
        modifiedAfter: dateParameter(query, "modified_after"),
        postcode: stringParameter(query, "postcode")?.trim() || undefined,
      };
      const full = booleanParameter(query, "full");
      const pages = paging(query);
      await sendPage(response, serviceAtLocationsQuery(scope.reader.visibility, filters, scope.context.chain, await searchedServices(filters.search, scope.context.chain)), pages, (ids) =>
        serviceAtLocations(scope, ids, full),
      );
    }),
  );

  router.get(
    "/service_at_locations/:id",
    route(async (request, response) => {
      const scope = await scopeOf(request, response);
      const id = String(request.params.id).toLowerCase();
      const [item] = isUuid(id) ? await serviceAtLocations(scope, [id], true) : [];
      if (!item) throw new HsdsError("notFound", { entity: { key: "entity.service_at_location" } }, 404);
      sendJson(response, item);
    }),
  );

  /** Fully nested organizations: phones, locations, and their services (by name and status, or in full). */
  async function fullOrganizations(scope: Scope, ids: string[], fullServices: boolean): Promise<Json[]> {
    const { reader, context } = scope;
    const [organizations, locations, serviceIds] = await Promise.all([
      reader.organizations(ids),
      reader.locationsOfOrganizations(ids),
      reader.serviceIdsOfOrganizations(ids),
    ]);
    const allServiceIds = [...serviceIds.values()].flat();
    const services = new Map<string, Json>();
    if (fullServices) {
      const loaded = await reader.services(allServiceIds);
      await withPlaces(scope, loaded);
      for (const service of loaded) services.set(service.id, hsdsService(service, context));
    } else {
      for (const service of await reader.serviceNames(allServiceIds)) {
        services.set(service.id, { id: service.id, organization_id: service.organizationId, name: service.name(context.chain) ?? "", status: service.status });
      }
    }
    const places = await reader.placesWithAncestors([...locations.values()].flat().map(({ location }) => location.placeId));
    for (const [id, place] of places) (context.places as Map<string, typeof place>).set(id, place);
    return organizations.map((organization) =>
      hsdsOrganization(
        organization,
        locations.get(organization.id) ?? [],
        (serviceIds.get(organization.id) ?? []).map((id) => services.get(id)).filter((service): service is Json => !!service),
        context,
      ),
    );
  }

  router.get(
    "/organizations",
    route(async (request, response) => {
      const query = request.query as Query;
      const scope = await scopeOf(request, response);
      const full = booleanParameter(query, "full");
      const fullService = booleanParameter(query, "full_service");
      const pages = paging(query);
      await sendPage(response, organizationsQuery(scope.reader.visibility, searchParameter(query), scope.context.chain), pages, async (ids) =>
        full || fullService
          ? fullOrganizations(scope, ids, fullService)
          : (await scope.reader.organizations(ids)).map((organization) => hsdsOrganizationFields(organization, scope.context)),
      );
    }),
  );

  router.get(
    "/organizations/:id",
    route(async (request, response) => {
      const scope = await scopeOf(request, response);
      const id = String(request.params.id).toLowerCase();
      const [organization] = isUuid(id) ? await fullOrganizations(scope, [id], booleanParameter(request.query as Query, "full_service")) : [];
      if (!organization) throw new HsdsError("notFound", { entity: { key: "entity.organization" } }, 404);
      sendJson(response, organization);
    }),
  );

  router.get(
    "/taxonomies",
    route(async (request, response) => {
      const query = request.query as Query;
      const scope = await scopeOf(request, response);
      const pages = paging(query);
      const search = searchParameter(query)?.toLowerCase();
      const taxonomy = hsdsTaxonomy(scope.context);
      const matches = !search || `${String(taxonomy.name)} ${String(taxonomy.description)} start`.toLowerCase().includes(search);
      const contents = matches && pages.page === 1 ? [taxonomy] : [];
      if (pages.ndjson) {
        response.status(200).setHeader("Cache-Control", PUBLIC_CACHE_CONTROL).type("application/x-ndjson; charset=utf-8");
        response.end(matches ? `${JSON.stringify(taxonomy)}\n` : "");
        return;
      }
      const total = matches ? 1 : 0;
      sendJson(response, {
        total_items: total,
        total_pages: total,
        page_number: pages.page,
        size: contents.length,
        first_page: pages.page === 1,
        last_page: pages.page >= total,
        empty: contents.length === 0,
        contents,
      });
    }),
  );

  router.get(
    "/taxonomies/:id",
    route(async (request, response) => {
      const scope = await scopeOf(request, response);
      if (String(request.params.id).toLowerCase() !== START_TAXONOMY_ID) throw new HsdsError("notFound", { entity: { key: "entity.taxonomy" } }, 404);
      sendJson(response, hsdsTaxonomy(scope.context));
    }),
  );

  router.get(
    "/taxonomy_terms",
    route(async (request, response) => {
      const query = request.query as Query;
      const scope = await scopeOf(request, response);
      const filters = {
        search: searchParameter(query),
        taxonomyId: uuidParameter(query, "taxonomy_id"),
        topOnly: booleanParameter(query, "top_only"),
        parentId: uuidParameter(query, "parent_id"),
      };
      const pages = paging(query);
      await sendPage(response, taxonomyTermsQuery(scope.reader.visibility, filters), pages, async (ids) => {
        const categories = await scope.reader.categories(ids);
        const byId = new Map(categories.map((category) => [category.id, category]));
        return ids.flatMap((id) => {
          const category = byId.get(id);
          return category ? [hsdsTaxonomyTerm(category, scope.context, { detail: true })] : [];
        });
      });
    }),
  );

  router.get(
    "/taxonomy_terms/:id",
    route(async (request, response) => {
      const scope = await scopeOf(request, response);
      const id = String(request.params.id).toLowerCase();
      const [category] = isUuid(id) ? await scope.reader.categories([id]) : [];
      if (!category) throw new HsdsError("notFound", { entity: { key: "entity.taxonomy_term" } }, 404);
      sendJson(response, hsdsTaxonomyTerm(category, scope.context, { detail: true }));
    }),
  );

  router.use((request, response) => {
    sendError(request, response, new HsdsError("unknownEndpoint", { path: request.baseUrl + request.path }, 404, "NOT_FOUND"));
  });

  function sendError(_request: Request, response: Response, error: HsdsError): void {
    const scope = currentScope();
    const locale = scope?.messageLocale ?? "ar";
    response
      .status(error.status)
      .setHeader("Cache-Control", "no-store")
      .json({
        error: {
          code: error.code,
          message: error.messageIn(locale),
          ...(error.parameter ? { parameter: error.parameter } : {}),
          requestId: scope?.requestId,
        },
      });
  }

  router.use((error: unknown, request: Request, response: Response, _next: NextFunction) => {
    if (response.headersSent) {
      logger.error("hsds stream failed", { requestId: currentScope()?.requestId, ...describeError(error) });
      response.destroy();
      return;
    }
    if (error instanceof HsdsError) {
      sendError(request, response, error);
      return;
    }
    const fault = clientFaultOf(error);
    if (fault) {
      const scope = currentScope();
      response
        .status(fault.status)
        .setHeader("Cache-Control", "no-store")
        .json({ error: { code: fault.code, message: translate(scope?.messageLocale ?? "ar", fault.key, fault.params), requestId: scope?.requestId } });
      return;
    }
    const apiError = findApiError(error);
    if (apiError) {
      const scope = currentScope();
      response
        .status(400)
        .setHeader("Cache-Control", "no-store")
        .json({
          error: {
            code: "BAD_REQUEST",
            message: translate(scope?.messageLocale ?? "ar", apiError.messageKey, apiError.params),
            parameter: "search",
            requestId: scope?.requestId,
          },
        });
      return;
    }
    const requestId = currentScope()?.requestId ?? "-";
    if (isDatabaseUnavailable(error)) {
      logger.warn("database unavailable", { requestId, ...describeError(error) });
      response.setHeader("Retry-After", String(RETRY_AFTER_SECONDS));
      sendError(request, response, new HsdsError("serviceUnavailable", {}, 503, "SERVICE_UNAVAILABLE"));
      return;
    }
    logger.error("internal error", { requestId, ...describeError(error) });
    sendError(request, response, new HsdsError("internal", { requestId }, 500, "INTERNAL_SERVER_ERROR"));
  });

  return router;
}
