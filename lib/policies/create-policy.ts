import { and, count, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { policies } from "@/db/schema";
import { auditActorOf } from "@/lib/audit/audit-actor";
import { auditOf, auditedTransaction } from "@/lib/audit/audited-transaction";
import { authorize } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/roles";
import { resolveTarget } from "@/lib/catalog/resolve-target";
import { toDbTargetType } from "@/lib/catalog/target-types";
import { DomainError } from "@/lib/errors";
import { lockOrganisation } from "@/lib/organisations/lock-organisation";
import { minutesOf, parseInput } from "@/lib/validation";
import { type CreatePolicyInput, createPolicyInput } from "./policy-input";
import { checkDurations, checkRequiredApprovals, findApproverGroup, policyExists } from "./policy-rules";
import { selectPolicyViews } from "./policy-view";
import { resolveEligible, writeEligibility } from "./resolve-eligible";

/** New-ElevatedAccessApprovalPolicy. */
export async function createPolicy(db: Database, { actor, input }: { actor: Actor; input: CreatePolicyInput }) {
  authorize(actor, "manage-policies");
  const data = parseInput(createPolicyInput, input);
  return auditedTransaction(db, async (tx) => {
    const organisation = await lockOrganisation(tx, actor.organisationId);
    const [{ value: policyCount }] = (await tx
      .select({ value: count() })
      .from(policies)
      .where(eq(policies.organisationId, organisation.id))) as [{ value: number }];
    if (policyCount >= organisation.policyLimit) {
      throw new DomainError(
        "limit:policies",
        `The organisation has ${policyCount} of ${organisation.policyLimit} policies: remove one or raise the limit in Settings.`,
      );
    }
    const target = await resolveTarget(tx, organisation.id, {
      scope: data.scope,
      type: toDbTargetType(data.type),
      target: data.target,
    });
    const [existing] = await tx
      .select({ id: policies.id })
      .from(policies)
      .where(
        and(
          eq(policies.organisationId, organisation.id),
          target.columns.taskId ? eq(policies.taskId, target.columns.taskId) : undefined,
          target.columns.roleId ? eq(policies.roleId, target.columns.roleId) : undefined,
          target.columns.roleGroupId ? eq(policies.roleGroupId, target.columns.roleGroupId) : undefined,
        ),
      );
    if (existing) throw policyExists(target.name);

    const { group, size } = await findApproverGroup(tx, organisation, data.approverGroup);
    checkRequiredApprovals(data.requiredApprovals, group, size);
    const maxMinutes = minutesOf(data.maxDurationHours);
    const defaultMinutes = data.defaultDurationHours ? minutesOf(data.defaultDurationHours) : Math.min(4 * 60, maxMinutes);
    checkDurations(organisation, maxMinutes, defaultMinutes);
    const eligible = await resolveEligible(tx, organisation.id, data.eligible);

    const [policy] = await tx
      .insert(policies)
      .values({
        organisationId: organisation.id,
        scopeId: target.scopeId,
        targetType: target.type,
        ...target.columns,
        approvalType: data.approvalType,
        approverGroupId: group.id,
        requiredApprovals: data.requiredApprovals,
        maxDurationMinutes: maxMinutes,
        defaultDurationMinutes: defaultMinutes,
        pendingLifetimeMinutes: data.pendingLifetimeHours
          ? minutesOf(data.pendingLifetimeHours)
          : organisation.defaultPendingLifetimeMinutes,
        reasonRequired: data.reasonRequired,
        reasonPattern: data.reasonPattern ?? null,
        ticketRequired: data.ticketRequired,
        ticketPattern: data.ticketPattern ?? null,
        enabled: data.enabled,
        windowGrants: data.windowGrants,
        createdBy: actor.userId,
      })
      .returning({ id: policies.id });
    await writeEligibility(tx, organisation.id, policy!.id, eligible);
    const [view] = await selectPolicyViews(tx, organisation.id, policy!.id);
    auditOf(tx).record({
      organisationId: organisation.id,
      actor: auditActorOf(actor),
      action: "policy.created",
      targetType: "policy",
      targetId: policy!.id,
      details: { policy: view! },
    });
    return view!;
  });
}
