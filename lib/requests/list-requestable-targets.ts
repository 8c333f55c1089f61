import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/roles";
import { getCatalog } from "@/lib/catalog/get-catalog";
import { listPolicies } from "@/lib/policies/list-policies";

/**
 * What the request form offers: every target an enabled policy names, with the rules the form
 * must show (approval, approvers, limits, reason and ticket), and the tasks each one opens.
 */
export async function listRequestableTargets(db: Database, { actor }: { actor: Actor }) {
  const [policies, catalog] = await Promise.all([listPolicies(db, { actor }), getCatalog(db, { actor })]);
  const rolesOf = (group: string) => catalog.roleGroups.find((g) => g.name === group)?.roles ?? [];
  const tasksOf = (role: string) => catalog.roles.find((r) => r.name === role)?.tasks ?? [];
  return policies
    .filter((policy) => policy.enabled)
    .map((policy) => ({
      policyId: policy.id,
      type: policy.type,
      scope: policy.scope,
      target: policy.target,
      description:
        policy.type === "task" ? (catalog.tasks.find((t) => t.name === policy.target)?.description ?? "") : "",
      tasks:
        policy.type === "task"
          ? [policy.target]
          : policy.type === "role"
            ? tasksOf(policy.target)
            : [...new Set(rolesOf(policy.target).flatMap(tasksOf))].sort(),
      approvalType: policy.approvalType,
      approverGroup: policy.approverGroup,
      requiredApprovals: policy.requiredApprovals,
      maxDurationHours: policy.maxDurationHours,
      defaultDurationHours: policy.defaultDurationHours,
      reasonRequired: policy.reasonRequired,
      reasonPattern: policy.reasonPattern,
      ticketRequired: policy.ticketRequired,
      ticketPattern: policy.ticketPattern,
    }));
}

export type RequestableTarget = Awaited<ReturnType<typeof listRequestableTargets>>[number];
