import { type SQL, and, asc, count, eq, inArray, sql } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { inTurn } from "@/db/in-turn";
import { accessRequests, approverGroups, policies, policyEligibility, scopes } from "@/db/schema";
import { auditActorOf } from "@/lib/audit/audit-actor";
import { auditOf, auditedTransaction } from "@/lib/audit/audited-transaction";
import { authorize } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/roles";
import { targetTypeLabel, toApiTargetType } from "@/lib/catalog/target-types";
import { DomainError } from "@/lib/errors";
import { lockOrganisation } from "@/lib/organisations/lock-organisation";
import { joinPolicyTarget, policyTargetName } from "@/lib/policies/policy-target";
import { selectApproverGroupViews } from "./approver-group-view";
import { findApproverGroup } from "./find-approver-group";

/** How many policies a refusal names before it says "and N more". */
const NAMED = 5;

/**
 * Removes an approver group, refused while anything relies on it: a policy it approves for, a policy
 * whose eligibility names it (dropping that would open the policy to everyone), the organisation's
 * default group, or a request still waiting for it. The refusal names each, so the admin knows what
 * to change first. Audited as `group.deleted` with the members it had.
 */
export async function deleteApproverGroup(db: Database, { actor, groupId }: { actor: Actor; groupId: string }) {
  authorize(actor, "manage-settings");
  return auditedTransaction(db, async (tx) => {
    const organisation = await lockOrganisation(tx, actor.organisationId);
    // Locked: a policy being created on it now (its foreign key check) finishes first, and is seen below.
    const group = await findApproverGroup(tx, actor.organisationId, groupId, { lock: true });
    const uses = await usesOf(tx, actor.organisationId, group.id);
    const isDefault = organisation.defaultApproverGroupId === group.id;
    const phrases = [
      uses.approving.length ? `the approver group of ${policyList(uses.approving)}` : null,
      uses.eligibility.length ? `named in who may request ${policyList(uses.eligibility)}` : null,
      isDefault ? "the organisation's default group" : null,
      uses.pendingRequests ? `the approver group of ${uses.pendingRequests} pending request${uses.pendingRequests === 1 ? "" : "s"}` : null,
    ].filter((phrase): phrase is string => phrase !== null);
    if (phrases.length) {
      throw new DomainError(
        "conflict:group-in-use",
        `${group.name} is ${joinClauses(phrases)}: change ${phrases.length === 1 && isDefault ? "the default in Settings" : "those"} first, then remove it.`,
        undefined,
        {
          policies: uses.approving.map(policyRef),
          eligibility: uses.eligibility.map(policyRef),
          default: isDefault,
          pendingRequests: uses.pendingRequests,
        },
      );
    }
    const [view] = await selectApproverGroupViews(tx, actor.organisationId, group.id);
    await tx.delete(approverGroups).where(eq(approverGroups.id, group.id));
    auditOf(tx).record({
      organisationId: actor.organisationId,
      actor: auditActorOf(actor),
      action: "group.deleted",
      targetType: "approver-group",
      targetId: group.id,
      details: { name: group.name, description: group.description, members: view!.members, source: group.source },
    });
    return { id: group.id, name: group.name, deleted: true };
  });
}

interface PolicyUse {
  id: string;
  scope: string;
  type: "task" | "role" | "role_group";
  target: string;
}

async function usesOf(tx: Transaction, organisationId: string, groupId: string) {
  const policyRows = (where: SQL) =>
    joinPolicyTarget(
      tx
        .select({ id: policies.id, scope: scopes.name, type: policies.targetType, target: policyTargetName })
        .from(policies)
        .innerJoin(scopes, eq(scopes.id, policies.scopeId))
        .$dynamic(),
    )
      .where(and(eq(policies.organisationId, organisationId), where))
      .orderBy(asc(scopes.name), sql`4`);
  const eligible = tx.select({ policyId: policyEligibility.policyId }).from(policyEligibility).where(eq(policyEligibility.groupId, groupId));
  const [approving, eligibility, [pending]] = await inTurn([
    policyRows(eq(policies.approverGroupId, groupId)),
    policyRows(inArray(policies.id, eligible)),
    tx
      .select({ value: count() })
      .from(accessRequests)
      .where(
        and(
          eq(accessRequests.organisationId, organisationId),
          eq(accessRequests.approverGroupId, groupId),
          eq(accessRequests.status, "pending"),
        ),
      ),
  ]);
  return { approving: approving as PolicyUse[], eligibility: eligibility as PolicyUse[], pendingRequests: Number(pending?.value ?? 0) };
}

const describePolicy = (p: PolicyUse) => `${p.target} (${p.scope} ${targetTypeLabel[p.type]})`;
const policyRef = (p: PolicyUse) => ({ id: p.id, scope: p.scope, type: toApiTargetType(p.type), target: p.target });

function policyList(uses: PolicyUse[]) {
  const named = uses.slice(0, NAMED).map(describePolicy);
  const more = uses.length - named.length;
  const list = more > 0 ? `${named.join(", ")} and ${more} more` : joinAnd(named);
  return `${uses.length === 1 ? "the policy" : "the policies"} ${list}`;
}

/** "a and b", or, when a clause holds a list of its own, "a, b and c; d; and e" so the lists stay readable. */
function joinClauses(clauses: string[]) {
  if (!clauses.some((clause) => clause.includes(" and ") || clause.includes(", "))) return joinAnd(clauses);
  return clauses.length <= 1 ? (clauses[0] ?? "") : `${clauses.slice(0, -1).join("; ")}; and ${clauses.at(-1)}`;
}

function joinAnd(items: string[]) {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}
