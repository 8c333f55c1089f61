import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { accessRequests, policies } from "@/db/schema";
import { auditedTransaction } from "@/lib/audit/audited-transaction";
import type { Actor } from "@/lib/auth/roles";
import { resolveTarget } from "@/lib/catalog/resolve-target";
import { targetTypeLabel } from "@/lib/catalog/target-types";
import { DomainError } from "@/lib/errors";
import { assertEligible } from "@/lib/policies/check-eligibility";
import { parseInput } from "@/lib/validation";
import { assertPamEnabled } from "./assert-pam-enabled";
import { lockRequest, requestNotFound } from "./find-request";
import { lockLaterWindows } from "./later-windows";
import { openRequest } from "./open-request";
import { type ExtendRequestInput, extendRequestInput } from "./request-input";
import { checkDuration, checkReasonAndTicket } from "./request-rules";
import { selectRequestView } from "./request-view";

/**
 * Asks to extend an active grant: a new request linked to it, under the same policy, whose window
 * starts where the current one ends. It is approved like any request (at once for an auto policy).
 * Refused like a new request while PAM is off (`conflict:pam-disabled`): there is nothing to extend
 * into, since standing roles alone apply. A window already extended is extended at the end of its
 * last approved extension (and linked to that one), so extensions follow each other and never
 * overlap: extending "my access" twice adds twice.
 */
export async function extendRequest(
  db: Database,
  { actor, requestId, input }: { actor: Actor; requestId: string; input: ExtendRequestInput },
) {
  const data = parseInput(extendRequestInput, input);
  return auditedTransaction(db, async (tx) => {
    await assertPamEnabled(tx, actor.organisationId);
    const { request } = await lockRequest(tx, actor.organisationId, requestId);
    if (request.requesterId !== actor.userId) throw requestNotFound();
    const [{ open }] = (await tx
      .select({ open: sql<boolean>`${accessRequests.endsAt} > now()` })
      .from(accessRequests)
      .where(eq(accessRequests.id, request.id))) as [{ open: boolean }];
    if (request.status !== "approved" || !open) {
      throw new DomainError("conflict:not-active", "Only an approved window that has not ended can be extended.");
    }
    const policy = request.policyId
      ? await tx.query.policies.findFirst({ where: eq(policies.id, request.policyId) })
      : undefined;
    if (!policy?.enabled) {
      throw new DomainError("conflict:policy-gone", "The policy this access was granted under no longer allows requests.");
    }
    const view = (await selectRequestView(tx, actor.organisationId, request.id))!;
    const target = await resolveTarget(tx, actor.organisationId, {
      scope: view.scope,
      type: request.targetType,
      target: view.target,
    });
    // Someone who has left the policy's eligible groups keeps the window they have, but no more of it.
    await assertEligible(tx, {
      organisationId: actor.organisationId,
      userId: actor.userId,
      policyId: policy.id,
      what: `an extension of the ${targetTypeLabel[target.type]} ${target.name}`,
    });
    const durationMinutes = checkDuration(policy, data.durationHours);
    checkReasonAndTicket(policy, data.reason, data.ticket ?? request.ticket);
    const last = (await lockLaterWindows(tx, actor.organisationId, request.id))
      .filter((later) => later.request.status === "approved" && later.open)
      .map((later) => later.request)
      .reduce((latest, later) => (later.endsAt! > latest.endsAt! ? later : latest), request);
    return openRequest(tx, {
      actor,
      target,
      policy,
      durationMinutes,
      reason: data.reason,
      ticket: data.ticket ?? request.ticket,
      requestedStartAt: last.endsAt,
      extendsRequestId: last.id,
    });
  });
}
