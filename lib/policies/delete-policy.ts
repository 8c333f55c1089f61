import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { accessRequests, policies } from "@/db/schema";
import { SYSTEM_ACTOR } from "@/lib/audit/append-audit-event";
import { auditActorOf } from "@/lib/audit/audit-actor";
import { auditOf, auditedTransaction } from "@/lib/audit/audited-transaction";
import { authorize } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/roles";
import { aboutRequest } from "@/lib/requests/about-request";
import { selectRequestViews } from "@/lib/requests/request-view";
import { findPolicy } from "./find-policy";
import { selectPolicyViews } from "./policy-view";

/**
 * Remove-ElevatedAccessApprovalPolicy. Requests waiting under the policy are cancelled with it
 * (nothing would be left to approve them against); granted windows keep their history.
 */
export async function deletePolicy(db: Database, { actor, policyId }: { actor: Actor; policyId: string }) {
  authorize(actor, "manage-policies");
  return auditedTransaction(db, async (tx) => {
    const policy = await findPolicy(tx, actor.organisationId, policyId, { lock: true });
    const [view] = await selectPolicyViews(tx, actor.organisationId, policy.id);
    const cancelled = await tx
      .update(accessRequests)
      .set({ status: "cancelled", decidedAt: sql`now()` })
      .where(and(eq(accessRequests.policyId, policy.id), eq(accessRequests.status, "pending")))
      .returning({ id: accessRequests.id });
    // Each event says what the request was for and whose it was, as every request event does.
    const views = cancelled.length
      ? await selectRequestViews(tx, actor.organisationId, inArray(accessRequests.id, cancelled.map((r) => r.id)), { limit: cancelled.length })
      : [];
    for (const request of views) {
      auditOf(tx).record({
        organisationId: actor.organisationId,
        actor: SYSTEM_ACTOR,
        action: "request.cancelled",
        targetType: "request",
        targetId: request.id,
        details: { ...aboutRequest(request), reason: "policy deleted", policyId: policy.id },
      });
    }
    await tx.delete(policies).where(eq(policies.id, policy.id));
    auditOf(tx).record({
      organisationId: actor.organisationId,
      actor: auditActorOf(actor),
      action: "policy.deleted",
      targetType: "policy",
      targetId: policy.id,
      details: { policy: view!, cancelledRequests: cancelled.length },
    });
    return { deleted: policy.id, cancelledRequests: cancelled.length };
  });
}
