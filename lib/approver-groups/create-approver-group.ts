import { z } from "zod";
import type { Database } from "@/db/client";
import { approverGroupMembers, approverGroups } from "@/db/schema";
import { auditActorOf } from "@/lib/audit/audit-actor";
import { auditOf, auditedTransaction } from "@/lib/audit/audited-transaction";
import { authorize } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/roles";
import { lockOrganisation } from "@/lib/organisations/lock-organisation";
import { parseInput } from "@/lib/validation";
import { groupDescription, groupName, memberEmails } from "./approver-group-input";
import { selectApproverGroupViews } from "./approver-group-view";
import { checkNewMembers } from "./check-new-members";
import { checkGroupNameFree } from "./find-approver-group";

export const createApproverGroupInput = z.strictObject({
  name: groupName,
  description: groupDescription.optional(),
  members: memberEmails.default([]),
});
export type CreateApproverGroupInput = z.input<typeof createApproverGroupInput>;

/**
 * A new approver group with its members. It never takes over an existing group's name (whatever
 * the case): "new group" quietly replacing another's members would change who approves without
 * anyone choosing to. Audited as `group.created`.
 */
export async function createApproverGroup(db: Database, { actor, input }: { actor: Actor; input: CreateApproverGroupInput }) {
  authorize(actor, "manage-settings");
  const data = parseInput(createApproverGroupInput, input);
  return auditedTransaction(db, async (tx) => {
    await lockOrganisation(tx, actor.organisationId);
    await checkGroupNameFree(tx, actor.organisationId, data.name);
    const members = await checkNewMembers(tx, actor.organisationId, data.members);
    const [group] = await tx
      .insert(approverGroups)
      .values({ organisationId: actor.organisationId, name: data.name, description: data.description ?? "" })
      .returning();
    if (members.length) {
      await tx
        .insert(approverGroupMembers)
        .values(members.map((m) => ({ organisationId: actor.organisationId, groupId: group!.id, userId: m.id })));
    }
    const [view] = await selectApproverGroupViews(tx, actor.organisationId, group!.id);
    auditOf(tx).record({
      organisationId: actor.organisationId,
      actor: auditActorOf(actor),
      action: "group.created",
      targetType: "approver-group",
      targetId: group!.id,
      details: { name: view!.name, description: view!.description, members: view!.members },
    });
    return view!;
  });
}
