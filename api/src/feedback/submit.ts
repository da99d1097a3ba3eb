import { sql } from "drizzle-orm";
import { type Database, FEEDBACK_KINDS, feedback, queryRows } from "@start/db";
import type { Request } from "express";
import { z } from "zod";
import { clientKey } from "../accounts/client.js";
import { countEvent } from "../accounts/throttle.js";
import { TODAY_IN_LIBYA } from "../auth/visibility.js";
import { recordAudit } from "../editorial/audit.js";
import { oneOf, optionalText, parseInput } from "../editorial/validation.js";
import { ApiError, ErrorCode, invalidFields } from "../graphql/errors.js";
import { isUuid } from "../graphql/relay.js";
import type { AccountsConfig } from "../server/config.js";

/**
 * A reader's report that a listing is wrong: no account, no personal data (the message is
 * optional and nothing identifies the sender). Each client may send only so many per window,
 * counted under a keyed hash of its address; the address itself is never stored. Shared by the
 * GraphQL mutation and the portal's plain HTML form (POST /feedback).
 */
/** PostgreSQL text cannot hold NUL: a form post with one is bad input, not a failed insert. */
const withoutNul = (value: string | null) => value === null || !value.includes("\u0000");

export const feedbackSchema = z.object({
  listing: z.string().trim().refine(isUuid, { message: "invalidValue" }),
  kind: oneOf(FEEDBACK_KINDS),
  message: optionalText(2000).refine(withoutNul, { message: "nulCharacter" }),
  locale: z.string().trim().max(20).nullish().transform((value) => value || null).refine(withoutNul, { message: "nulCharacter" }),
});

export type FeedbackInput = z.input<typeof feedbackSchema>;

export async function submitFeedback(db: Database, request: Request, config: AccountsConfig, input: FeedbackInput): Promise<{ id: string }> {
  const windowSeconds = config.feedbackWindowMinutes * 60;
  const client = await countEvent(db, `feedback:${await clientKey(db, request, config.secret)}`, windowSeconds);
  if (client.count > config.feedbackPerClient) {
    const minutes = Math.max(1, Math.ceil((client.windowStart.getTime() + windowSeconds * 1000 - Date.now()) / 60_000));
    throw new ApiError(ErrorCode.TOO_MANY_REQUESTS, "tooManyRequests", {}, { extensions: { retryAfterMinutes: minutes } });
  }
  const parsed = parseInput(feedbackSchema, input);
  return db.transaction(async (tx) => {
    const [listing] = await queryRows<{ kind: "service" | "vacancy" }>(
      tx,
      sql`select 'service' as kind from services s join organizations o on o.id = s.organization_id
            where s.id = ${parsed.listing}::uuid and s.state = 'published' and s.archived_at is null and o.state = 'published' and o.archived_at is null
          union all
          select 'vacancy' as kind from vacancies v join organizations o on o.id = v.organization_id
            where v.id = ${parsed.listing}::uuid and v.state = 'published' and v.archived_at is null and v.deadline >= ${TODAY_IN_LIBYA}
              and o.state = 'published' and o.archived_at is null`,
    );
    if (!listing) throw invalidFields([{ path: "listing", key: "unknownReference", params: { entity: "listing", value: parsed.listing } }]);
    const [locale] = parsed.locale
      ? await queryRows<{ code: string }>(tx, sql`select code from locales where code = ${parsed.locale} and enabled`)
      : [];
    const [created] = await tx
      .insert(feedback)
      .values({
        serviceId: listing.kind === "service" ? parsed.listing : null,
        vacancyId: listing.kind === "vacancy" ? parsed.listing : null,
        kind: parsed.kind,
        message: parsed.message,
        locale: locale?.code ?? null,
      })
      .returning();
    await recordAudit(tx, { actorUserId: null, action: "submit", entityType: "feedback", entityId: created!.id, before: null, after: created });
    return { id: created!.id };
  });
}
