import { asc, desc, eq, isNull } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { type Executor, organizations as organizationsTable } from "@start/db";
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import { z } from "zod";
import { authorize, requireViewer } from "../auth/authorization.js";
import type { RequestContext } from "../graphql/context.js";
import { badInput, notFound } from "../graphql/errors.js";
import { isUuid } from "../graphql/relay.js";
import { PUBLISH_PROGRESS_FIELD, queuedPublishProgress } from "../publishing/resolver.js";
import { PublishProgress } from "../publishing/types.js";
import { renderMarkdown } from "../rendering/markdown.js";
import * as alerts from "./alerts.js";
import {
  AlertInput,
  CategoryInput,
  EditableAlert,
  EditableCategory,
  EditableOrganization,
  EditablePlace,
  EditableRightsArticle,
  EditableVacancy,
  OrganizationInput,
  PlaceInput,
  RightsArticleInput,
  VacancyInput,
} from "./content-types.js";
import type { RecordKind } from "./kit.js";
import * as organizations from "./organizations.js";
import * as rights from "./rights.js";
import * as taxonomy from "./taxonomy.js";
import { parseInput, todayInLibya } from "./validation.js";
import * as vacancies from "./vacancies.js";

/**
 * GraphQL for the records edited as a whole: vacancies (their ministry's publishers), rights
 * articles, alerts, categories and places (moderators, admins), organizations (admins; their
 * record also by its org editors, through pending changes a moderator reviews). Each has
 * its editable form (by id, and lists for the platform-wide ones) and its mutations; every
 * mutation takes the version the change was made against.
 */

type AnyRow = { id: string; version: number; archivedAt: Date | null } & Record<string, unknown>;

async function rowOf<Row extends AnyRow>(db: Executor, kind: RecordKind<Row, unknown>, id: string): Promise<Row> {
  if (!isUuid(id)) throw badInput("invalidId", { value: id }, "id");
  const [row] = (await db
    .select()
    .from(kind.table as PgTable)
    .where(eq(kind.table.id, id.toLowerCase()))) as Row[];
  if (!row) throw notFound(kind.entity);
  return row;
}

async function viewOf<Row extends AnyRow, Document>(db: Executor, kind: RecordKind<Row, Document>, row: Row) {
  return { ...row, archived: row.archivedAt !== null, values: await kind.load(db, row.id) };
}

async function listOf<Row extends AnyRow, Document>(
  context: RequestContext,
  kind: RecordKind<Row, Document>,
  includeArchived: boolean,
  order: "updated" | "position",
) {
  authorize(context, kind.permission);
  const table = kind.table as typeof kind.table & { position?: never };
  const rows = (await context.db
    .select()
    .from(kind.table as PgTable)
    .where(includeArchived ? undefined : isNull(kind.table.archivedAt))
    .orderBy(order === "updated" ? desc(table.updatedAt) : asc(table.id))) as Row[];
  return Promise.all(rows.map((row) => viewOf(context.db, kind, row)));
}

const MARKDOWN_PREVIEW = z.string().max(50_000);

const ID_ARG = { description: "The record's id." } as const;
const VERSION_ARG = { description: "The version the change is made against; a stale one is a CONFLICT with the current version." } as const;
const ARCHIVED_ARG = { defaultValue: false, description: "Archived ones too." } as const;

// Vacancies -------------------------------------------------------------------------------------

async function vacancyView(context: RequestContext, id: string) {
  const row = await rowOf(context.db, vacancies.vacancyKind, id);
  const view = await viewOf(context.db, vacancies.vacancyKind, row);
  return { ...view, closed: row.closedAt !== null || row.deadline < todayInLibya() };
}

@Resolver(() => EditableVacancy)
export class VacancyEditorResolver {
  @FieldResolver(() => PublishProgress, PUBLISH_PROGRESS_FIELD)
  publishProgress(@Ctx() context: RequestContext) {
    return queuedPublishProgress(context);
  }

  @Query(() => EditableVacancy, { description: "A vacancy notice's editable form (its ministry's publishers, moderators, admins)." })
  async editableVacancy(@Ctx() context: RequestContext, @Arg("id", () => ID, ID_ARG) id: string) {
    requireViewer(context);
    const row = await rowOf(context.db, vacancies.vacancyKind, id);
    authorize(context, "vacancy.edit", row.organizationId);
    return vacancyView(context, id);
  }

  @Mutation(() => EditableVacancy, { description: "Drafts a vacancy notice for a ministry or employer." })
  async createVacancy(@Ctx() context: RequestContext, @Arg("organizationId", () => ID) organizationId: string, @Arg("input", () => VacancyInput) input: VacancyInput) {
    return vacancyView(context, await vacancies.createVacancy(context, organizationId, input));
  }

  @Mutation(() => EditableVacancy, { description: "Replaces a vacancy notice's record (a published one changes online at once)." })
  async updateVacancy(
    @Ctx() context: RequestContext,
    @Arg("id", () => ID, ID_ARG) id: string,
    @Arg("expectedVersion", () => Int, VERSION_ARG) expectedVersion: number,
    @Arg("input", () => VacancyInput) input: VacancyInput,
  ) {
    return vacancyView(context, await vacancies.updateVacancy(context, id, expectedVersion, input));
  }

  @Mutation(() => EditableVacancy, { description: "Publishes a vacancy notice (no review: its ministry's publishers hold the right)." })
  async publishVacancy(@Ctx() context: RequestContext, @Arg("id", () => ID, ID_ARG) id: string, @Arg("expectedVersion", () => Int, VERSION_ARG) expectedVersion: number) {
    return vacancyView(context, await vacancies.publishVacancy(context, id, expectedVersion));
  }

  @Mutation(() => EditableVacancy, { description: "Closes a published vacancy before its deadline (it closes by itself after it)." })
  async closeVacancy(@Ctx() context: RequestContext, @Arg("id", () => ID, ID_ARG) id: string, @Arg("expectedVersion", () => Int, VERSION_ARG) expectedVersion: number) {
    return vacancyView(context, await vacancies.closeVacancy(context, id, expectedVersion));
  }

  @Mutation(() => EditableVacancy)
  async archiveVacancy(@Ctx() context: RequestContext, @Arg("id", () => ID, ID_ARG) id: string, @Arg("expectedVersion", () => Int, VERSION_ARG) expectedVersion: number) {
    return vacancyView(context, await vacancies.archiveVacancy(context, id, expectedVersion));
  }

  @Mutation(() => EditableVacancy)
  async restoreVacancy(@Ctx() context: RequestContext, @Arg("id", () => ID, ID_ARG) id: string, @Arg("expectedVersion", () => Int, VERSION_ARG) expectedVersion: number) {
    return vacancyView(context, await vacancies.restoreVacancy(context, id, expectedVersion));
  }
}

// Rights articles -------------------------------------------------------------------------------

const rightsView = async (context: RequestContext, id: string) =>
  viewOf(context.db, rights.rightsArticleKind, await rowOf(context.db, rights.rightsArticleKind, id));

@Resolver(() => EditableRightsArticle)
export class RightsEditorResolver {
  @FieldResolver(() => PublishProgress, PUBLISH_PROGRESS_FIELD)
  publishProgress(@Ctx() context: RequestContext) {
    return queuedPublishProgress(context);
  }

  @Query(() => EditableRightsArticle, { description: "A rights article's editable form, drafts included (moderators, admins)." })
  async editableRightsArticle(@Ctx() context: RequestContext, @Arg("id", () => ID, ID_ARG) id: string) {
    authorize(context, "content.moderate");
    return rightsView(context, id);
  }

  @Query(() => [EditableRightsArticle], { description: "Every rights article, drafts included, most recently changed first (moderators, admins)." })
  async editorRightsArticles(@Ctx() context: RequestContext, @Arg("includeArchived", () => Boolean, ARCHIVED_ARG) includeArchived: boolean) {
    return listOf(context, rights.rightsArticleKind, includeArchived, "updated");
  }

  @Query(() => String, {
    description: "Markdown as the public pages will show it: HTML from START's one safe renderer, for the editor's preview (moderators, admins). Nothing is stored.",
  })
  previewMarkdown(
    @Ctx() context: RequestContext,
    @Arg("markdown", () => String, { description: "At most 50,000 characters, like a rights article's body." }) markdown: string,
  ): string {
    authorize(context, "content.moderate");
    return renderMarkdown(parseInput(MARKDOWN_PREVIEW, markdown, "markdown"));
  }

  @Mutation(() => EditableRightsArticle, { description: "Drafts a rights article." })
  async createRightsArticle(@Ctx() context: RequestContext, @Arg("input", () => RightsArticleInput) input: RightsArticleInput) {
    return rightsView(context, await rights.createRightsArticle(context, input));
  }

  @Mutation(() => EditableRightsArticle, { description: "Replaces a rights article's record (a published one changes online at once)." })
  async updateRightsArticle(
    @Ctx() context: RequestContext,
    @Arg("id", () => ID, ID_ARG) id: string,
    @Arg("expectedVersion", () => Int, VERSION_ARG) expectedVersion: number,
    @Arg("input", () => RightsArticleInput) input: RightsArticleInput,
  ) {
    return rightsView(context, await rights.updateRightsArticle(context, id, expectedVersion, input));
  }

  @Mutation(() => EditableRightsArticle)
  async publishRightsArticle(@Ctx() context: RequestContext, @Arg("id", () => ID, ID_ARG) id: string, @Arg("expectedVersion", () => Int, VERSION_ARG) expectedVersion: number) {
    return rightsView(context, await rights.publishRightsArticle(context, id, expectedVersion));
  }

  @Mutation(() => EditableRightsArticle)
  async archiveRightsArticle(@Ctx() context: RequestContext, @Arg("id", () => ID, ID_ARG) id: string, @Arg("expectedVersion", () => Int, VERSION_ARG) expectedVersion: number) {
    return rightsView(context, await rights.archiveRightsArticle(context, id, expectedVersion));
  }

  @Mutation(() => EditableRightsArticle)
  async restoreRightsArticle(@Ctx() context: RequestContext, @Arg("id", () => ID, ID_ARG) id: string, @Arg("expectedVersion", () => Int, VERSION_ARG) expectedVersion: number) {
    return rightsView(context, await rights.restoreRightsArticle(context, id, expectedVersion));
  }
}

// Alerts ----------------------------------------------------------------------------------------

async function alertView(context: RequestContext, id: string) {
  const view = await viewOf(context.db, alerts.alertKind, await rowOf(context.db, alerts.alertKind, id));
  return alertValues(view);
}
function alertValues<T extends { values: alerts.AlertDocument }>(view: T) {
  return {
    ...view,
    values: { ...view.values, validFrom: new Date(view.values.validFrom), validUntil: view.values.validUntil ? new Date(view.values.validUntil) : null },
  };
}

@Resolver(() => EditableAlert)
export class AlertEditorResolver {
  @FieldResolver(() => PublishProgress, PUBLISH_PROGRESS_FIELD)
  publishProgress(@Ctx() context: RequestContext) {
    return queuedPublishProgress(context);
  }

  @Query(() => EditableAlert, { description: "An alert's editable form, drafts included (moderators, admins)." })
  async editableAlert(@Ctx() context: RequestContext, @Arg("id", () => ID, ID_ARG) id: string) {
    authorize(context, "content.moderate");
    return alertView(context, id);
  }

  @Query(() => [EditableAlert], { description: "Every alert, drafts included, most recently changed first (moderators, admins)." })
  async editorAlerts(@Ctx() context: RequestContext, @Arg("includeArchived", () => Boolean, ARCHIVED_ARG) includeArchived: boolean) {
    return (await listOf(context, alerts.alertKind, includeArchived, "updated")).map(alertValues);
  }

  @Mutation(() => EditableAlert, { description: "Drafts an alert." })
  async createAlert(@Ctx() context: RequestContext, @Arg("input", () => AlertInput) input: AlertInput) {
    return alertView(context, await alerts.createAlert(context, input));
  }

  @Mutation(() => EditableAlert)
  async updateAlert(
    @Ctx() context: RequestContext,
    @Arg("id", () => ID, ID_ARG) id: string,
    @Arg("expectedVersion", () => Int, VERSION_ARG) expectedVersion: number,
    @Arg("input", () => AlertInput) input: AlertInput,
  ) {
    return alertView(context, await alerts.updateAlert(context, id, expectedVersion, input));
  }

  @Mutation(() => EditableAlert)
  async publishAlert(@Ctx() context: RequestContext, @Arg("id", () => ID, ID_ARG) id: string, @Arg("expectedVersion", () => Int, VERSION_ARG) expectedVersion: number) {
    return alertView(context, await alerts.publishAlert(context, id, expectedVersion));
  }

  @Mutation(() => EditableAlert)
  async archiveAlert(@Ctx() context: RequestContext, @Arg("id", () => ID, ID_ARG) id: string, @Arg("expectedVersion", () => Int, VERSION_ARG) expectedVersion: number) {
    return alertView(context, await alerts.archiveAlert(context, id, expectedVersion));
  }

  @Mutation(() => EditableAlert)
  async restoreAlert(@Ctx() context: RequestContext, @Arg("id", () => ID, ID_ARG) id: string, @Arg("expectedVersion", () => Int, VERSION_ARG) expectedVersion: number) {
    return alertView(context, await alerts.restoreAlert(context, id, expectedVersion));
  }
}

// Categories ------------------------------------------------------------------------------------

const categoryView = async (context: RequestContext, id: string) =>
  viewOf(context.db, taxonomy.categoryKind, await rowOf(context.db, taxonomy.categoryKind, id));

@Resolver(() => EditableCategory)
export class CategoryEditorResolver {
  @FieldResolver(() => PublishProgress, PUBLISH_PROGRESS_FIELD)
  publishProgress(@Ctx() context: RequestContext) {
    return queuedPublishProgress(context);
  }

  @Query(() => [EditableCategory], { description: "Every category as a flat list, archived ones on request (moderators, admins)." })
  async editorCategories(@Ctx() context: RequestContext, @Arg("includeArchived", () => Boolean, ARCHIVED_ARG) includeArchived: boolean) {
    return listOf(context, taxonomy.categoryKind, includeArchived, "position");
  }

  @Mutation(() => EditableCategory, { description: "Adds a category (public at once: queues a rebuild)." })
  async createCategory(@Ctx() context: RequestContext, @Arg("input", () => CategoryInput) input: CategoryInput) {
    return categoryView(context, await taxonomy.createCategory(context, input));
  }

  @Mutation(() => EditableCategory)
  async updateCategory(
    @Ctx() context: RequestContext,
    @Arg("id", () => ID, ID_ARG) id: string,
    @Arg("expectedVersion", () => Int, VERSION_ARG) expectedVersion: number,
    @Arg("input", () => CategoryInput) input: CategoryInput,
  ) {
    return categoryView(context, await taxonomy.updateCategory(context, id, expectedVersion, input));
  }

  @Mutation(() => EditableCategory, { description: "Archives a category without categories under it." })
  async archiveCategory(@Ctx() context: RequestContext, @Arg("id", () => ID, ID_ARG) id: string, @Arg("expectedVersion", () => Int, VERSION_ARG) expectedVersion: number) {
    return categoryView(context, await taxonomy.archiveCategory(context, id, expectedVersion));
  }

  @Mutation(() => EditableCategory)
  async restoreCategory(@Ctx() context: RequestContext, @Arg("id", () => ID, ID_ARG) id: string, @Arg("expectedVersion", () => Int, VERSION_ARG) expectedVersion: number) {
    return categoryView(context, await taxonomy.restoreCategory(context, id, expectedVersion));
  }
}

// Places ----------------------------------------------------------------------------------------

const placeView = async (context: RequestContext, id: string) =>
  viewOf(context.db, taxonomy.placeKind, await rowOf(context.db, taxonomy.placeKind, id));

@Resolver(() => EditablePlace)
export class PlaceEditorResolver {
  @FieldResolver(() => PublishProgress, PUBLISH_PROGRESS_FIELD)
  publishProgress(@Ctx() context: RequestContext) {
    return queuedPublishProgress(context);
  }

  @Query(() => [EditablePlace], { description: "Every place as a flat list, archived ones on request (moderators, admins)." })
  async editorPlaces(@Ctx() context: RequestContext, @Arg("includeArchived", () => Boolean, ARCHIVED_ARG) includeArchived: boolean) {
    return listOf(context, taxonomy.placeKind, includeArchived, "position");
  }

  @Mutation(() => EditablePlace, { description: "Adds a place (public at once: queues a rebuild)." })
  async createPlace(@Ctx() context: RequestContext, @Arg("input", () => PlaceInput) input: PlaceInput) {
    return placeView(context, await taxonomy.createPlace(context, input));
  }

  @Mutation(() => EditablePlace)
  async updatePlace(
    @Ctx() context: RequestContext,
    @Arg("id", () => ID, ID_ARG) id: string,
    @Arg("expectedVersion", () => Int, VERSION_ARG) expectedVersion: number,
    @Arg("input", () => PlaceInput) input: PlaceInput,
  ) {
    return placeView(context, await taxonomy.updatePlace(context, id, expectedVersion, input));
  }

  @Mutation(() => EditablePlace, { description: "Archives a place nothing live uses any more." })
  async archivePlace(@Ctx() context: RequestContext, @Arg("id", () => ID, ID_ARG) id: string, @Arg("expectedVersion", () => Int, VERSION_ARG) expectedVersion: number) {
    return placeView(context, await taxonomy.archivePlace(context, id, expectedVersion));
  }

  @Mutation(() => EditablePlace)
  async restorePlace(@Ctx() context: RequestContext, @Arg("id", () => ID, ID_ARG) id: string, @Arg("expectedVersion", () => Int, VERSION_ARG) expectedVersion: number) {
    return placeView(context, await taxonomy.restorePlace(context, id, expectedVersion));
  }
}

// Organizations ---------------------------------------------------------------------------------

async function organizationView(context: RequestContext, id: string) {
  return organizations.loadEditableOrganization(context.db, await rowOf(context.db, organizations.organizationKind, id));
}

const REASON_ARG = { description: "Shown to the organization's editors; at most 2,000 characters." } as const;

@Resolver(() => EditableOrganization)
export class OrganizationEditorResolver {
  @FieldResolver(() => PublishProgress, PUBLISH_PROGRESS_FIELD)
  publishProgress(@Ctx() context: RequestContext) {
    return queuedPublishProgress(context);
  }

  @Query(() => [EditableOrganization], { description: "Every organization, drafts included (admins)." })
  async editorOrganizations(@Ctx() context: RequestContext, @Arg("includeArchived", () => Boolean, ARCHIVED_ARG) includeArchived: boolean) {
    authorize(context, organizations.organizationKind.permission);
    const rows = await context.db
      .select()
      .from(organizationsTable)
      .where(includeArchived ? undefined : isNull(organizationsTable.archivedAt))
      .orderBy(desc(organizationsTable.updatedAt));
    return Promise.all(rows.map((row) => organizations.loadEditableOrganization(context.db, row)));
  }

  @Query(() => EditableOrganization, {
    description: "An organization's editable form with its pending changes (its org editors, moderators, admins).",
  })
  async editableOrganization(@Ctx() context: RequestContext, @Arg("id", () => ID, ID_ARG) id: string) {
    requireViewer(context);
    const row = await rowOf(context.db, organizations.organizationKind, id);
    authorize(context, "organization.edit", row.id);
    return organizations.loadEditableOrganization(context.db, row);
  }

  @Mutation(() => EditableOrganization, { description: "Adds an organization, as a draft (admins)." })
  async createOrganization(@Ctx() context: RequestContext, @Arg("input", () => OrganizationInput) input: OrganizationInput) {
    return organizationView(context, await organizations.createOrganization(context, input));
  }

  @Mutation(() => EditableOrganization, {
    description:
      "Replaces an organization's record (its org editors, moderators, admins). A draft changes in place; a published organization keeps its published version online and the change waits as pending changes, except when a moderator or admin edits it with nothing pending (applied directly).",
  })
  async updateOrganization(
    @Ctx() context: RequestContext,
    @Arg("id", () => ID, ID_ARG) id: string,
    @Arg("expectedVersion", () => Int, VERSION_ARG) expectedVersion: number,
    @Arg("input", () => OrganizationInput) input: OrganizationInput,
  ) {
    return organizationView(context, await organizations.updateOrganization(context, id, expectedVersion, input));
  }

  @Mutation(() => EditableOrganization, { description: "Sends an organization's pending changes to the moderators." })
  async submitOrganizationChanges(@Ctx() context: RequestContext, @Arg("id", () => ID, ID_ARG) id: string, @Arg("expectedVersion", () => Int, VERSION_ARG) expectedVersion: number) {
    return organizationView(context, await organizations.submitOrganizationChanges(context, id, expectedVersion));
  }

  @Mutation(() => EditableOrganization, {
    description: "Applies an organization's pending changes to its published record (moderators, admins). Queues a portal rebuild.",
  })
  async publishOrganizationChanges(@Ctx() context: RequestContext, @Arg("id", () => ID, ID_ARG) id: string, @Arg("expectedVersion", () => Int, VERSION_ARG) expectedVersion: number) {
    return organizationView(context, await organizations.publishOrganizationChanges(context, id, expectedVersion));
  }

  @Mutation(() => EditableOrganization, {
    description: "Refuses an organization's changes waiting for review, with a reason for its editors (moderators, admins). The published record stays.",
  })
  async rejectOrganizationChanges(
    @Ctx() context: RequestContext,
    @Arg("id", () => ID, ID_ARG) id: string,
    @Arg("expectedVersion", () => Int, VERSION_ARG) expectedVersion: number,
    @Arg("reason", () => String, REASON_ARG) reason: string,
  ) {
    return organizationView(context, await organizations.rejectOrganizationChanges(context, id, expectedVersion, reason));
  }

  @Mutation(() => EditableOrganization, { description: "Drops an organization's pending changes." })
  async discardOrganizationChanges(@Ctx() context: RequestContext, @Arg("id", () => ID, ID_ARG) id: string, @Arg("expectedVersion", () => Int, VERSION_ARG) expectedVersion: number) {
    return organizationView(context, await organizations.discardOrganizationChanges(context, id, expectedVersion));
  }

  @Mutation(() => EditableOrganization, { description: "Publishes an organization: its published services and vacancies become public." })
  async publishOrganization(@Ctx() context: RequestContext, @Arg("id", () => ID, ID_ARG) id: string, @Arg("expectedVersion", () => Int, VERSION_ARG) expectedVersion: number) {
    return organizationView(context, await organizations.publishOrganization(context, id, expectedVersion));
  }

  @Mutation(() => EditableOrganization, { description: "Archives an organization: its services and vacancies leave the public site with it." })
  async archiveOrganization(@Ctx() context: RequestContext, @Arg("id", () => ID, ID_ARG) id: string, @Arg("expectedVersion", () => Int, VERSION_ARG) expectedVersion: number) {
    return organizationView(context, await organizations.archiveOrganization(context, id, expectedVersion));
  }

  @Mutation(() => EditableOrganization)
  async restoreOrganization(@Ctx() context: RequestContext, @Arg("id", () => ID, ID_ARG) id: string, @Arg("expectedVersion", () => Int, VERSION_ARG) expectedVersion: number) {
    return organizationView(context, await organizations.restoreOrganization(context, id, expectedVersion));
  }
}
