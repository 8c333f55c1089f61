import { and, count, eq, gt, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Transaction } from "@/db/client";
import { accessRequests, approverGroupMembers, approverGroups, policies, users } from "@/db/schema";
import { auditActorOf } from "@/lib/audit/audit-actor";
import { auditOf, auditedTransaction } from "@/lib/audit/audited-transaction";
import { authorize } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/roles";
import { DomainError } from "@/lib/errors";
import { lockOrganisation } from "@/lib/organisations/lock-organisation";
import { joinPolicyTarget, policyTargetName } from "@/lib/policies/policy-target";
import { parseInput } from "@/lib/validation";
import { groupDescription, groupName, memberEmails } from "./approver-group-input";
import { selectApproverGroupViews } from "./approver-group-view";
import { checkNewMembers } from "./check-new-members";
import { checkGroupNameFree, findApproverGroup } from "./find-approver-group";
import { listActiveApprovers } from "./list-active-approvers";

export const updateApproverGroupInput = z
  .strictObject({
    name: groupName.optional(),
    description: groupDescription.optional(),
    /** The whole new member list. */
    members: memberEmails.optional(),
    /** Or a change to it, applied under the group's lock, so two people adding at once both land. */
    addMembers: memberEmails.optional(),
    removeMembers: memberEmails.optional(),
  })
  .refine((input) => !(input.members && (input.addMembers || input.removeMembers)), {
    error: "Give either members (the whole list) or addMembers/removeMembers, not both",
    path: ["members"],
  });
export type UpdateApproverGroupInput = z.input<typeof updateApproverGroupInput>;

/**
 * Renames a group, changes its description or its members (Set-… in one call). Policies point at
 * the group by id, so a rename carries them along. People added must be active non-guest members;
 * people already in it may stay. Audited as `group.updated` with what changed; a call that changes
 * nothing writes nothing.
 */
export async function updateApproverGroup(
  db: Database,
  { actor, groupId, input }: { actor: Actor; groupId: string; input: UpdateApproverGroupInput },
) {
  authorize(actor, "manage-settings");
  const data = parseInput(updateApproverGroupInput, input);
  return auditedTransaction(db, async (tx) => {
    // The organisation first, as creation takes it: name checks take turns and never deadlock.
    await lockOrganisation(tx, actor.organisationId);
    const group = await findApproverGroup(tx, actor.organisationId, groupId, { lock: true });
    const [before] = await selectApproverGroupViews(tx, actor.organisationId, group.id);
    const current = before!.members;

    const wanted = data.members
      ? data.members
      : [...new Set([...current, ...(data.addMembers ?? [])])].filter((email) => !(data.removeMembers ?? []).includes(email));
    const added = wanted.filter((email) => !current.includes(email)).sort();
    const removed = current.filter((email) => !wanted.includes(email)).sort();
    const newMembers = await checkNewMembers(tx, actor.organisationId, added, data.addMembers ? "addMembers" : "members");

    const changes: Record<string, unknown> = {};
    if (data.name !== undefined && data.name !== group.name) {
      await checkGroupNameFree(tx, actor.organisationId, data.name, group.id);
      changes.name = { from: group.name, to: data.name };
    }
    if (data.description !== undefined && data.description !== group.description) {
      changes.description = { from: group.description, to: data.description };
    }
    if (added.length || removed.length) changes.members = { added, removed };
    if (Object.keys(changes).length === 0) return before!;

    await tx
      .update(approverGroups)
      .set({ name: data.name ?? group.name, description: data.description ?? group.description, updatedAt: sql`now()` })
      .where(eq(approverGroups.id, group.id));
    if (removed.length) {
      const gone = tx.select({ id: users.id }).from(users).where(inArray(users.email, removed));
      await tx
        .delete(approverGroupMembers)
        .where(and(eq(approverGroupMembers.groupId, group.id), inArray(approverGroupMembers.userId, gone)));
    }
    if (newMembers.length) {
      await tx
        .insert(approverGroupMembers)
        .values(newMembers.map((m) => ({ organisationId: actor.organisationId, groupId: group.id, userId: m.id })))
        .onConflictDoNothing();
    }
    if (removed.length) await checkQuorumsStillReachable(tx, actor.organisationId, group.id, data.name ?? group.name);
    const [after] = await selectApproverGroupViews(tx, actor.organisationId, group.id);
    auditOf(tx).record({
      organisationId: actor.organisationId,
      actor: auditActorOf(actor),
      action: "group.updated",
      targetType: "approver-group",
      targetId: group.id,
      details: { name: after!.name, changes, members: after!.members },
    });
    return after!;
  });
}

/**
 * Taking people out must leave enough approvers for every policy (and pending request) that needs
 * this group: otherwise their requests could never be approved, and nobody would be told why.
 * Runs after the change, in its transaction, so a refusal undoes it.
 */
async function checkQuorumsStillReachable(tx: Transaction, organisationId: string, groupId: string, groupName: string) {
  const approvers = (await listActiveApprovers(tx, { organisationId, groupId })).length;
  const needing = await joinPolicyTarget(
    tx.select({ target: policyTargetName, required: policies.requiredApprovals }).from(policies).$dynamic(),
  ).where(and(eq(policies.organisationId, organisationId), eq(policies.approverGroupId, groupId), gt(policies.requiredApprovals, approvers)));
  const [pending] = await tx
    .select({ value: count() })
    .from(accessRequests)
    .where(
      and(
        eq(accessRequests.organisationId, organisationId),
        eq(accessRequests.approverGroupId, groupId),
        eq(accessRequests.status, "pending"),
        gt(accessRequests.requiredApprovals, approvers),
      ),
    );
  const waiting = Number(pending?.value ?? 0);
  if (needing.length === 0 && waiting === 0) return;
  const uses = [
    ...needing.map((p) => `the policy for ${p.target} needs ${p.required}`),
    ...(waiting ? [`${waiting} pending ${waiting === 1 ? "request needs" : "requests need"} more`] : []),
  ];
  const message = `${groupName} would have ${approvers} active ${approvers === 1 ? "approver" : "approvers"}, but ${uses.join(", ")}: lower the required approvals or add someone first.`;
  throw new DomainError("conflict:group-too-small", message, { members: [message] });
}
