import { eq } from "drizzle-orm";
import { services } from "@start/db";
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { authorize, requireViewer } from "../../auth/authorization.js";
import { directoryLoaders, type OrganizationRecord } from "../../directory/loaders.js";
import { Organization } from "../../directory/types.js";
import type { RequestContext } from "../../graphql/context.js";
import { badInput, notFound } from "../../graphql/errors.js";
import { LOCALE_ARGUMENT, Localized } from "../../graphql/localized.js";
import { isUuid } from "../../graphql/relay.js";
import { PUBLISH_PROGRESS_FIELD, queuedPublishProgress } from "../../publishing/resolver.js";
import { PublishProgress } from "../../publishing/types.js";
import { EditableService, ServiceInput } from "./types.js";
import { type EditableServiceView, loadEditableService } from "./view.js";
import * as workflow from "./workflow.js";

const ID_ARG = { description: "The service's id." } as const;
const VERSION_ARG = { description: "The version the change is made against (from the form); a stale one is a CONFLICT." } as const;

async function view(context: RequestContext, id: string): Promise<EditableServiceView> {
  const service = await loadEditableService(context.db, id);
  if (!service) throw notFound("service");
  return service;
}

@Resolver(() => EditableService)
export class EditorialServiceResolver {
  @Query(() => EditableService, {
    description: "A service's editable form with its workflow state and pending changes (its organization's editors, moderators, admins).",
  })
  @Localized()
  async editableService(
    @Ctx() context: RequestContext,
    @Arg("id", () => ID, ID_ARG) id: string,
    @Arg("locale", () => String, LOCALE_ARGUMENT) _locale?: string,
  ): Promise<EditableServiceView> {
    requireViewer(context);
    if (!isUuid(id)) throw badInput("invalidId", { value: id }, "id");
    const [row] = await context.db.select({ organizationId: services.organizationId }).from(services).where(eq(services.id, id));
    if (!row) throw notFound("service");
    authorize(context, "service.edit", row.organizationId);
    return view(context, id);
  }

  @FieldResolver(() => PublishProgress, PUBLISH_PROGRESS_FIELD)
  publishProgress(@Ctx() context: RequestContext) {
    return queuedPublishProgress(context);
  }

  @FieldResolver(() => Organization)
  async organization(@Root() service: EditableServiceView, @Ctx() context: RequestContext): Promise<OrganizationRecord> {
    const organization = await context.loaders.use(directoryLoaders).organizationById.load(service.organizationId);
    if (!organization) throw notFound("organization");
    return organization;
  }

  @Mutation(() => EditableService, { description: "Drafts a new service for an organization (its editors, moderators, admins)." })
  @Localized()
  async createService(
    @Ctx() context: RequestContext,
    @Arg("organizationId", () => ID) organizationId: string,
    @Arg("input", () => ServiceInput) input: ServiceInput,
  ): Promise<EditableServiceView> {
    return view(context, await workflow.createService(context, organizationId, input));
  }

  @Mutation(() => EditableService, {
    description:
      "Replaces a service's editable record. A draft changes in place; a published service keeps its published version online and the change waits as pending changes, except when a moderator or admin edits a service with nothing pending (applied directly).",
  })
  @Localized()
  async updateService(
    @Ctx() context: RequestContext,
    @Arg("id", () => ID, ID_ARG) id: string,
    @Arg("expectedVersion", () => Int, VERSION_ARG) expectedVersion: number,
    @Arg("input", () => ServiceInput) input: ServiceInput,
  ): Promise<EditableServiceView> {
    return view(context, await workflow.updateService(context, id, expectedVersion, input));
  }

  @Mutation(() => EditableService, { description: "Sends a draft, or a published service's pending changes, to the moderators." })
  @Localized()
  async submitServiceForReview(
    @Ctx() context: RequestContext,
    @Arg("id", () => ID, ID_ARG) id: string,
    @Arg("expectedVersion", () => Int, VERSION_ARG) expectedVersion: number,
  ): Promise<EditableServiceView> {
    return view(context, await workflow.submitServiceForReview(context, id, expectedVersion));
  }

  @Mutation(() => EditableService, {
    description: "Publishes a service, or applies its pending changes to the published service (moderators, admins). Queues a portal rebuild.",
  })
  @Localized()
  async publishService(
    @Ctx() context: RequestContext,
    @Arg("id", () => ID, ID_ARG) id: string,
    @Arg("expectedVersion", () => Int, VERSION_ARG) expectedVersion: number,
  ): Promise<EditableServiceView> {
    return view(context, await workflow.publishService(context, id, expectedVersion));
  }

  @Mutation(() => EditableService, {
    description: "Refuses a draft or pending changes waiting for review, with a reason for the editor (moderators, admins). The published version stays.",
  })
  @Localized()
  async rejectService(
    @Ctx() context: RequestContext,
    @Arg("id", () => ID, ID_ARG) id: string,
    @Arg("expectedVersion", () => Int, VERSION_ARG) expectedVersion: number,
    @Arg("reason", () => String, { description: "Shown to the editor; at most 2,000 characters." }) reason: string,
  ): Promise<EditableServiceView> {
    return view(context, await workflow.rejectService(context, id, expectedVersion, reason));
  }

  @Mutation(() => EditableService, { description: "Drops a published service's pending changes." })
  @Localized()
  async discardServiceChanges(
    @Ctx() context: RequestContext,
    @Arg("id", () => ID, ID_ARG) id: string,
    @Arg("expectedVersion", () => Int, VERSION_ARG) expectedVersion: number,
  ): Promise<EditableServiceView> {
    return view(context, await workflow.discardServiceChanges(context, id, expectedVersion));
  }

  @Mutation(() => EditableService, { description: "Takes a service out of the directory without deleting it (restoreService brings it back)." })
  @Localized()
  async archiveService(
    @Ctx() context: RequestContext,
    @Arg("id", () => ID, ID_ARG) id: string,
    @Arg("expectedVersion", () => Int, VERSION_ARG) expectedVersion: number,
  ): Promise<EditableServiceView> {
    return view(context, await workflow.archiveService(context, id, expectedVersion));
  }

  @Mutation(() => EditableService, { description: "Brings an archived service back, in the state it had." })
  @Localized()
  async restoreService(
    @Ctx() context: RequestContext,
    @Arg("id", () => ID, ID_ARG) id: string,
    @Arg("expectedVersion", () => Int, VERSION_ARG) expectedVersion: number,
  ): Promise<EditableServiceView> {
    return view(context, await workflow.restoreService(context, id, expectedVersion));
  }

  @Mutation(() => EditableService, { description: "Confirms the listing is still correct: sets its verification date and verifier." })
  @Localized()
  async verifyService(
    @Ctx() context: RequestContext,
    @Arg("id", () => ID, ID_ARG) id: string,
    @Arg("expectedVersion", () => Int, VERSION_ARG) expectedVersion: number,
  ): Promise<EditableServiceView> {
    return view(context, await workflow.verifyService(context, id, expectedVersion));
  }
}
