import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { policies } from "@/db/schema";
import { auditActorOf } from "@/lib/audit/audit-actor";
import { auditOf, auditedTransaction } from "@/lib/audit/audited-transaction";
import { authorize } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/roles";
import { lockOrganisation } from "@/lib/organisations/lock-organisation";
import { minutesOf, parseInput } from "@/lib/validation";
import { findPolicy } from "./find-policy";
import { type UpdatePolicyInput, updatePolicyInput } from "./policy-input";
import { checkDurations, checkRequiredApprovals, findApproverGroup } from "./policy-rules";
import { selectPolicyViews } from "./policy-view";
import { resolveEligible, writeEligibility } from "./resolve-eligible";

/** Set-ElevatedAccessApprovalPolicy: change any field but what the policy is about. */
export async function updatePolicy(
  db: Database,
  { actor, policyId, input }: { actor: Actor; policyId: string; input: UpdatePolicyInput },
) {
  authorize(actor, "manage-policies");
  const data = parseInput(updatePolicyInput, input);
  return auditedTransaction(db, async (tx) => {
    const organisation = await lockOrganisation(tx, actor.organisationId);
    const policy = await findPolicy(tx, organisation.id, policyId, { lock: true });
    const [before] = await selectPolicyViews(tx, organisation.id, policy.id);

    const { group, size } =
      data.approverGroup !== undefined
        ? await findApproverGroup(tx, organisation, data.approverGroup)
        : await findApproverGroup(tx, { ...organisation, defaultApproverGroupId: policy.approverGroupId }, undefined);
    const requiredApprovals = data.requiredApprovals ?? policy.requiredApprovals;
    checkRequiredApprovals(requiredApprovals, group, size);
    const maxMinutes = data.maxDurationHours ? minutesOf(data.maxDurationHours) : policy.maxDurationMinutes;
    const defaultMinutes = data.defaultDurationHours ? minutesOf(data.defaultDurationHours) : policy.defaultDurationMinutes;
    checkDurations(organisation, maxMinutes, defaultMinutes);
    // Given: the whole new list (empty opens the policy to every member but guests). Left out: unchanged.
    const eligible = data.eligible !== undefined ? await resolveEligible(tx, organisation.id, data.eligible) : undefined;

    await tx
      .update(policies)
      .set({
        approvalType: data.approvalType,
        approverGroupId: group.id,
        requiredApprovals,
        maxDurationMinutes: maxMinutes,
        defaultDurationMinutes: defaultMinutes,
        pendingLifetimeMinutes: data.pendingLifetimeHours ? minutesOf(data.pendingLifetimeHours) : undefined,
        reasonRequired: data.reasonRequired,
        reasonPattern: data.reasonPattern,
        ticketRequired: data.ticketRequired,
        ticketPattern: data.ticketPattern,
        enabled: data.enabled,
        windowGrants: data.windowGrants,
        updatedAt: sql`now()`,
      })
      .where(eq(policies.id, policy.id));
    if (eligible) await writeEligibility(tx, organisation.id, policy.id, eligible);
    const [after] = await selectPolicyViews(tx, organisation.id, policy.id);
    const changed = Object.fromEntries(
      Object.entries(after!)
        .filter(([key, value]) => key !== "updatedAt" && JSON.stringify(value) !== JSON.stringify(before![key as keyof typeof before]))
        .map(([key, value]) => [key, { from: before![key as keyof typeof before], to: value }]),
    );
    auditOf(tx).record({
      organisationId: organisation.id,
      actor: auditActorOf(actor),
      action: "policy.updated",
      targetType: "policy",
      targetId: policy.id,
      details: { target: after!.target, changed },
    });
    return after!;
  });
}
