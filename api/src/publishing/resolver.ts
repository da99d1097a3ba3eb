import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import { can, requireViewer } from "../auth/authorization.js";
import type { RequestContext } from "../graphql/context.js";
import { badInput, forbidden, notFound } from "../graphql/errors.js";
import { publishProgress, type PublishProgress as Progress } from "./progress.js";
import { PublishProgress } from "./types.js";

const toGraphQL = (progress: Progress): PublishProgress => ({
  job: String(progress.job),
  state: progress.state,
  requestedAt: progress.requestedAt,
  startedAt: progress.startedAt,
  finishedAt: progress.finishedAt,
});

/**
 * The progress of the job the current mutation queued, for its answer's `publishProgress`
 * (null when the change is not one the public sees). The job is the viewer's own.
 */
export async function queuedPublishProgress(context: RequestContext): Promise<PublishProgress | null> {
  if (context.queuedPublishJob === null) return null;
  const progress = await publishProgress(context.db, context.queuedPublishJob);
  return progress ? toGraphQL(progress) : null;
}

/** Described on the editable records' `publishProgress` field. */
export const PUBLISH_PROGRESS_FIELD = {
  nullable: true,
  description:
    "In the answer of a mutation whose change the public will see: its way to the public site (follow it with publishProgress). Null otherwise, and in queries.",
} as const;

@Resolver(() => PublishProgress)
export class PublishingResolver {
  @Query(() => PublishProgress, {
    description: "How far a change has got towards the public site, by the job its mutation queued (whoever made the change; moderators and admins any).",
  })
  async publishProgress(@Ctx() context: RequestContext, @Arg("job", () => ID, { description: "PublishProgress.job from the mutation's answer." }) job: string): Promise<PublishProgress> {
    const viewer = requireViewer(context);
    if (!/^\d{1,15}$/.test(job)) throw badInput("invalidId", { value: job }, "job");
    const progress = await publishProgress(context.db, Number(job));
    if (!progress) throw notFound("publishJob");
    if (progress.requestedByUserId !== viewer.userId && !can(viewer, "publish.follow")) throw forbidden();
    return toGraphQL(progress);
  }
}
