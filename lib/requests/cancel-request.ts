import { eq, sql } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { accessRequests } from "@/db/schema";
import type { AuditDetails, RequestAbout } from "@/lib/audit/audit-actions";
import { auditActorOf } from "@/lib/audit/audit-actor";
import { audited } from "@/lib/audit/audited-transaction";
import type { Actor } from "@/lib/auth/roles";
import { notifyRequestCancelled } from "@/lib/notify/notify-request-cancelled";
import { aboutRequest } from "./about-request";
import { commitThenRefuse } from "./commit-then-refuse";
import { lockRequest, refusalUnlessPending, requestNotFound } from "./find-request";
import { selectRequestView } from "./request-view";

/**
 * The requester withdraws a request while it is pending. The approvers it waited for are told, in
 * the same transaction as the cancel and its audit event: their inbox loses it either way.
 */
export async function cancelRequest(db: Database, { actor, requestId }: { actor: Actor; requestId: string }) {
  return commitThenRefuse(db, async (tx) => {
    const { request, lapsed } = await lockRequest(tx, actor.organisationId, requestId);
    if (request.requesterId !== actor.userId) throw requestNotFound();
    const refusal = await refusalUnlessPending(tx, { request, lapsed });
    if (refusal) return refusal;
    const view = await markCancelled(tx, actor, request.id);
    await notifyRequestCancelled(tx, { organisationId: actor.organisationId, view, approverGroupId: request.approverGroupId });
    return view;
  });
}

/**
 * Cancels a pending request the caller has locked and judged (`lockRequest`), audited as
 * `request.cancelled` by `actor`; `extra` adds to the details (why someone else cancelled it).
 */
export function markCancelled(tx: Transaction, actor: Actor, requestId: string, extra: RequestEndedWith = {}) {
  return audited(tx, async (tx, audit) => {
    await tx
      .update(accessRequests)
      .set({ status: "cancelled", decidedAt: sql`now()` })
      .where(eq(accessRequests.id, requestId));
    const view = (await selectRequestView(tx, actor.organisationId, requestId))!;
    audit.record({
      organisationId: actor.organisationId,
      actor: auditActorOf(actor),
      action: "request.cancelled",
      targetType: "request",
      targetId: requestId,
      details: { ...aboutRequest(view), ...extra },
    });
    return view;
  });
}

/** Why someone other than the requester cancelled a request, as `request.cancelled` carries it. */
export type RequestEndedWith = Omit<AuditDetails<"request.cancelled">, keyof RequestAbout>;
