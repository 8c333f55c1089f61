import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/roles";
import { getCatalog } from "@/lib/catalog/get-catalog";
import { selectEligiblePolicyIds } from "@/lib/policies/check-eligibility";
import { listPolicies } from "@/lib/policies/list-policies";

/**
 * What the request form offers: every target an enabled policy names that the person may request
 * (its eligibility, in one query for all policies), with the rules the form must show (approval,
 * approvers, limits, reason and ticket), the tasks each one opens and, for a policy whose window
 * only unlocks, which of those tasks the person's standing role groups hold.
 */
export async function listRequestableTargets(db: Database, { actor }: { actor: Actor }) {
  const [policies, eligible] = await Promise.all([
    listPolicies(db, { actor }),
    selectEligiblePolicyIds(db, { organisationId: actor.organisationId, userId: actor.userId }),
  ]);
  // The catalog of every scope a policy names: built-in Exchange and external scopes alike.
  const catalogs = new Map(
    await Promise.all(
      [...new Set(policies.map((policy) => policy.scope))].map(async (scope) => [scope, await getCatalog(db, { actor, scope })] as const),
    ),
  );
  return policies
    .filter((policy) => policy.enabled && eligible.has(policy.id))
    .map((policy) => {
      const catalog = catalogs.get(policy.scope)!;
      const rolesOf = (group: string) => catalog.roleGroups.find((g) => g.name === group)?.roles ?? [];
      const tasksOf = (role: string) => catalog.roles.find((r) => r.name === role)?.tasks ?? [];
      const standingTasks = new Set(actor.standingRoleGroups.flatMap((group) => rolesOf(group).flatMap(tasksOf)));
      const tasks =
        policy.type === "task"
          ? [policy.target]
          : policy.type === "role"
            ? tasksOf(policy.target)
            : [...new Set(rolesOf(policy.target).flatMap(tasksOf))].sort();
      return {
        policyId: policy.id,
        type: policy.type,
        scope: policy.scope,
        target: policy.target,
        description:
          policy.type === "task" ? (catalog.tasks.find((t) => t.name === policy.target)?.description ?? "") : "",
        tasks,
        approvalType: policy.approvalType,
        approverGroup: policy.approverGroup,
        requiredApprovals: policy.requiredApprovals,
        maxDurationHours: policy.maxDurationHours,
        defaultDurationHours: policy.defaultDurationHours,
        reasonRequired: policy.reasonRequired,
        reasonPattern: policy.reasonPattern,
        ticketRequired: policy.ticketRequired,
        ticketPattern: policy.ticketPattern,
        /** False: the window only unlocks the tasks the person's standing role groups hold. */
        windowGrants: policy.windowGrants,
        /** Of `tasks`, those the person's standing role groups hold: what an unlocking window opens for them. */
        heldTasks: tasks.filter((task) => standingTasks.has(task)),
      };
    });
}

export type RequestableTarget = Awaited<ReturnType<typeof listRequestableTargets>>[number];
