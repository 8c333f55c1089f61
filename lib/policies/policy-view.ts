import { and, asc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "@/db/client";
import { approverGroups, policies, scopes, users } from "@/db/schema";
import { toApiTargetType } from "@/lib/catalog/target-types";
import { hoursOf } from "@/lib/validation";
import { joinPolicyTarget, policyTargetName } from "./policy-target";

const creator = alias(users, "creator");

/** The API's Policy object for every policy of an organisation (or one). */
export async function selectPolicyViews(db: Executor, organisationId: string, policyId?: string) {
  const rows = await joinPolicyTarget(
    db
      .select({
        policy: policies,
        scope: scopes.name,
        target: policyTargetName,
        approverGroup: approverGroups.name,
        createdBy: creator.email,
        eligible: sql<string[] | string>`coalesce((
          select json_agg(coalesce(g.name, u.email))
          from policy_eligibility pe
          left join approver_groups g on g.id = pe.group_id
          left join users u on u.id = pe.user_id
          where pe.policy_id = ${policies.id}), '[]'::json)`,
      })
      .from(policies)
      .innerJoin(scopes, eq(scopes.id, policies.scopeId))
      .innerJoin(approverGroups, eq(approverGroups.id, policies.approverGroupId))
      .leftJoin(creator, eq(creator.id, policies.createdBy))
      .$dynamic(),
  )
    .where(and(eq(policies.organisationId, organisationId), policyId ? eq(policies.id, policyId) : undefined))
    .orderBy(asc(scopes.name), asc(policies.targetType), sql`3`);
  return rows.map(({ policy, ...names }) => ({
    id: policy.id,
    type: toApiTargetType(policy.targetType),
    scope: names.scope,
    target: names.target,
    approvalType: policy.approvalType,
    approverGroup: names.approverGroup,
    requiredApprovals: policy.requiredApprovals,
    maxDurationHours: hoursOf(policy.maxDurationMinutes),
    defaultDurationHours: hoursOf(policy.defaultDurationMinutes),
    pendingLifetimeHours: hoursOf(policy.pendingLifetimeMinutes),
    reasonRequired: policy.reasonRequired,
    reasonPattern: policy.reasonPattern,
    ticketRequired: policy.ticketRequired,
    ticketPattern: policy.ticketPattern,
    enabled: policy.enabled,
    /** Approver group names and member emails, sorted; empty: every member but guests. */
    eligible: eligibleNames(names.eligible),
    windowGrants: policy.windowGrants,
    createdAt: policy.createdAt.toISOString(),
    updatedAt: policy.updatedAt.toISOString(),
    createdBy: names.createdBy,
  }));
}

/** Sorted by code point, so the order is the same whatever the database's collation. */
function eligibleNames(value: string[] | string) {
  const names = typeof value === "string" ? (JSON.parse(value) as string[]) : value;
  return [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export type PolicyView = Awaited<ReturnType<typeof selectPolicyViews>>[number];
