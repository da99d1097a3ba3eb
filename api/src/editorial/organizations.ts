import { eq } from "drizzle-orm";
import { ORGANIZATION_KINDS, organizations, organizationTranslations, type Executor, type SourceReference, type Transaction } from "@start/db";
import { z } from "zod";
import type { RequestContext } from "../graphql/context.js";
import { invalidState } from "../graphql/errors.js";
import { archive, changeRecord, createRecord, type RecordKind, replaceTexts, restore } from "./kit.js";
import { keyAvailable } from "./references.js";
import {
  FieldErrors,
  localeCode,
  oneOf,
  optionalEmail,
  optionalText,
  optionalWebLink,
  parseInput,
  perLocale,
  requiredText,
  slug as slugRule,
  sourceReference,
  sources,
} from "./validation.js";

type OrganizationRow = typeof organizations.$inferSelect;

export interface OrganizationDocument {
  slug: string;
  kind: string;
  website: string | null;
  email: string | null;
  logo: string | null;
  sources: SourceReference[];
  texts: Array<{ locale: string; name: string; alternateName: string | null; description: string | null }>;
}

export function organizationSchema(locales: readonly string[]) {
  return z.object({
    slug: slugRule,
    kind: oneOf(ORGANIZATION_KINDS),
    website: optionalWebLink,
    email: optionalEmail,
    // A path the portal serves itself: never a third-party URL.
    logo: optionalText(200).refine((value) => value === null || /^\/[A-Za-z0-9/_.-]+$/.test(value), { message: "invalidValue" }),
    sources,
    texts: perLocale(
      z.object({ locale: localeCode(locales), name: requiredText(200), alternateName: optionalText(100), description: optionalText(5000) }),
      { requireOne: "name" },
    ),
  });
}

async function organizationDocument(tx: Transaction, input: unknown, locales: readonly string[], id: string | null, currentSlug: string | null) {
  const parsed = parseInput(organizationSchema(locales), input);
  const errors = new FieldErrors();
  if (parsed.slug !== currentSlug && !(await keyAvailable(tx, "organizations", "slug", parsed.slug, id))) errors.add("slug", "slugTaken");
  errors.throwIfAny();
  return parsed satisfies OrganizationDocument;
}

export async function loadOrganizationDocument(tx: Executor, id: string): Promise<OrganizationDocument> {
  const row = await tx.query.organizations.findFirst({ where: eq(organizations.id, id), with: { translations: true } });
  if (!row) throw new Error(`organization ${id} vanished`);
  return {
    slug: row.slug,
    kind: row.kind,
    website: row.website,
    email: row.email,
    logo: row.logo,
    sources: row.sources.map(sourceReference),
    texts: row.translations
      .map((t) => ({ locale: t.locale, name: t.name, alternateName: t.alternateName, description: t.description }))
      .sort((a, b) => a.locale.localeCompare(b.locale)),
  };
}

async function writeOrganization(tx: Transaction, id: string, document: OrganizationDocument) {
  const { texts, ...columns } = document;
  await tx
    .update(organizations)
    .set(columns as Partial<typeof organizations.$inferInsert>)
    .where(eq(organizations.id, id));
  await replaceTexts(tx, organizationTranslations, organizationTranslations.organizationId, id, texts.map((text) => ({ ...text, organizationId: id })));
}

export const organizationKind: RecordKind<OrganizationRow, OrganizationDocument> = {
  entity: "organization",
  auditType: "organization",
  table: organizations,
  permission: "organization.admin",
  organizationOf: () => null,
  isPublic: (row) => row.state === "published" && row.archivedAt === null,
  label: (row) => row.slug,
  load: loadOrganizationDocument,
};

const locales = async (context: RequestContext) => (await context.locales.available()).map((locale) => locale.code);

export async function createOrganization(context: RequestContext, input: unknown): Promise<string> {
  const enabled = await locales(context);
  return createRecord(context, organizationKind, null, async (tx) => {
    const document = await organizationDocument(tx, input, enabled, null, null);
    const [created] = await tx
      .insert(organizations)
      .values({ slug: document.slug, kind: document.kind as (typeof ORGANIZATION_KINDS)[number], state: "draft" })
      .returning({ id: organizations.id });
    await writeOrganization(tx, created!.id, document);
    return created!.id;
  });
}

export async function updateOrganization(context: RequestContext, id: string, expectedVersion: number, input: unknown): Promise<string> {
  const enabled = await locales(context);
  return changeRecord(context, organizationKind, id, expectedVersion, "update", async (tx, row) => {
    await writeOrganization(tx, row.id, await organizationDocument(tx, input, enabled, row.id, row.slug));
    return { public: organizationKind.isPublic(row) };
  });
}

/** Publishing an organization makes its published services and vacancies public too. */
export async function publishOrganization(context: RequestContext, id: string, expectedVersion: number): Promise<string> {
  return changeRecord(context, organizationKind, id, expectedVersion, "publish", async (_tx, row) => {
    if (row.state === "published") throw invalidState("alreadyPublished", { entity: "organization" });
    return { set: { state: "published" as const, publishedAt: row.publishedAt ?? new Date() }, public: true };
  });
}

export const archiveOrganization = (context: RequestContext, id: string, expectedVersion: number) =>
  archive(context, organizationKind, id, expectedVersion);
export const restoreOrganization = (context: RequestContext, id: string, expectedVersion: number) =>
  restore(context, organizationKind, id, expectedVersion);
