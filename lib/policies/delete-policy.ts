import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { accessRequests, policies } from "@/db/schema";
import { auditActorOf } from "@/lib/audit/audit-actor";
import { auditOf, auditedTransaction } from "@/lib/audit/audited-transaction";
import { authorize } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/roles";
import { markCancelled } from "@/lib/requests/cancel-request";
import { markExpired } from "@/lib/requests/find-request";
import { findPolicy } from "./find-policy";
import { selectPolicyViews } from "./policy-view";

/**
 * Remove-ElevatedAccessApprovalPolicy. Requests waiting under the policy end with it (nothing would
 * be left to approve them against), through the same transitions as everywhere else: one whose
 * lifetime already ran out is marked expired, the others cancelled by the person who deleted the
 * policy, each audited as such. Granted windows keep their history.
 */
export async function deletePolicy(db: Database, { actor, policyId }: { actor: Actor; policyId: string }) {
  authorize(actor, "manage-policies");
  return auditedTransaction(db, async (tx) => {
    const policy = await findPolicy(tx, actor.organisationId, policyId, { lock: true });
    const [view] = await selectPolicyViews(tx, actor.organisationId, policy.id);
    // Locked in id order, as every decision on a request locks it first.
    const waiting = await tx
      .select({ request: accessRequests, lapsed: sql<boolean>`${accessRequests.pendingUntil} <= now()` })
      .from(accessRequests)
      .where(and(eq(accessRequests.policyId, policy.id), eq(accessRequests.status, "pending")))
      .orderBy(asc(accessRequests.id))
      .for("update");
    let cancelled = 0;
    for (const { request, lapsed } of waiting) {
      if (lapsed) {
        await markExpired(tx, request);
      } else {
        await markCancelled(tx, actor, request.id, { reason: "policy deleted", policyId: policy.id });
        cancelled += 1;
      }
    }
    await tx.delete(policies).where(eq(policies.id, policy.id));
    auditOf(tx).record({
      organisationId: actor.organisationId,
      actor: auditActorOf(actor),
      action: "policy.deleted",
      targetType: "policy",
      targetId: policy.id,
      details: { policy: view!, cancelledRequests: cancelled },
    });
    return { deleted: policy.id, cancelledRequests: cancelled };
  });
}
