import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { accessRequests, approvals } from "@/db/schema";
import { auditActorOf } from "@/lib/audit/audit-actor";
import type { Actor } from "@/lib/auth/roles";
import { notifyRequestDecided } from "@/lib/notify/notify-request-decided";
import { aboutRequest } from "@/lib/requests/about-request";
import { commitThenRefuse } from "@/lib/requests/commit-then-refuse";
import { lockRequest, refusalUnlessPending } from "@/lib/requests/find-request";
import { commentInput } from "@/lib/requests/request-input";
import { selectRequestView } from "@/lib/requests/request-view";
import { parseInput } from "@/lib/validation";
import { authorizeApprover } from "./authorize-approver";

/** Deny-ElevatedAccessRequest: one deny denies, and it must say why. */
export async function denyRequest(
  db: Database,
  { actor, requestId, comment }: { actor: Actor; requestId: string; comment: string },
) {
  const input = parseInput(commentInput(true), { comment });
  return commitThenRefuse(db, async (tx, audit) => {
    const { request, lapsed } = await lockRequest(tx, actor.organisationId, requestId);
    await authorizeApprover(tx, actor, request);
    const refusal = await refusalUnlessPending(tx, { request, lapsed });
    if (refusal) return refusal;
    // An earlier approval by the same person is replaced: their last word counts.
    await tx
      .insert(approvals)
      .values({
        organisationId: actor.organisationId,
        requestId: request.id,
        approverId: actor.userId,
        decision: "deny",
        comment: input.comment,
      })
      .onConflictDoUpdate({
        target: [approvals.requestId, approvals.approverId],
        set: { decision: "deny", comment: input.comment, createdAt: sql`now()` },
      });
    await tx.update(accessRequests).set({ status: "denied", decidedAt: sql`now()` }).where(eq(accessRequests.id, request.id));
    const view = (await selectRequestView(tx, actor.organisationId, request.id))!;
    audit.record({
      organisationId: actor.organisationId,
      actor: auditActorOf(actor),
      action: "request.denied",
      targetType: "request",
      targetId: request.id,
      details: { ...aboutRequest(view), comment: input.comment },
    });
    await notifyRequestDecided(tx, {
      organisationId: actor.organisationId,
      view,
      approverGroupId: request.approverGroupId,
      decidedBy: actor,
      comment: input.comment ?? null,
    });
    return view;
  });
}
