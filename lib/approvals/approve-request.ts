import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { approvals } from "@/db/schema";
import { auditActorOf } from "@/lib/audit/audit-actor";
import type { Actor } from "@/lib/auth/roles";
import { DomainError } from "@/lib/errors";
import { notifyRequestDecided } from "@/lib/notify/notify-request-decided";
import { aboutRequest } from "@/lib/requests/about-request";
import { commitThenRefuse } from "@/lib/requests/commit-then-refuse";
import { lockRequest, refusalUnlessPending } from "@/lib/requests/find-request";
import { approveAndOpenWindow } from "@/lib/requests/open-window";
import { commentInput } from "@/lib/requests/request-input";
import { selectRequestView } from "@/lib/requests/request-view";
import { parseInput } from "@/lib/validation";
import { authorizeApprover } from "./authorize-approver";

/**
 * Approve-ElevatedAccessRequest: records this approver's approval; the request is approved when
 * the quorum of distinct approvers is met. The request row lock serialises racing approvers, and
 * the unique (request, approver) index makes one person's second approval count for nothing.
 */
export async function approveRequest(
  db: Database,
  { actor, requestId, comment }: { actor: Actor; requestId: string; comment?: string | null },
) {
  const input = parseInput(commentInput(false), { comment });
  return commitThenRefuse(db, async (tx, audit) => {
    const { request, lapsed } = await lockRequest(tx, actor.organisationId, requestId);
    // Only approvals of people who can approve for the group now count: someone disabled, removed
    // or taken out of the group since they approved no longer makes up the quorum.
    const approvers = await authorizeApprover(tx, actor, request);
    const refusal = await refusalUnlessPending(tx, { request, lapsed });
    if (refusal) return refusal;
    const inserted = await tx
      .insert(approvals)
      .values({
        organisationId: actor.organisationId,
        requestId: request.id,
        approverId: actor.userId,
        decision: "approve",
        comment: input.comment || null,
      })
      .onConflictDoNothing()
      .returning({ id: approvals.id });
    if (inserted.length === 0) {
      throw new DomainError("conflict:already-approved", "You have already approved this request: another approver must.");
    }
    const approvedBy = await tx
      .select({ approverId: approvals.approverId })
      .from(approvals)
      .where(and(eq(approvals.requestId, request.id), eq(approvals.decision, "approve")));
    const current = new Set(approvers.map((a) => a.userId));
    const approvalCount = approvedBy.filter((a) => current.has(a.approverId)).length;
    const quorumMet = approvalCount >= request.requiredApprovals;
    if (quorumMet) await approveAndOpenWindow(tx, request.id);
    const view = (await selectRequestView(tx, actor.organisationId, request.id))!;
    audit.record({
      organisationId: actor.organisationId,
      actor: auditActorOf(actor),
      action: quorumMet ? "request.approved" : "request.approval",
      targetType: "request",
      targetId: request.id,
      details: { ...aboutRequest(view), comment: input.comment || undefined, approvals: approvalCount, required: request.requiredApprovals },
    });
    if (quorumMet) {
      await notifyRequestDecided(tx, {
        organisationId: actor.organisationId,
        view,
        approvers,
        decidedBy: actor,
        comment: input.comment || null,
      });
    }
    return view;
  });
}
