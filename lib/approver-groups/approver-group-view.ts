import { and, asc, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { inTurn } from "@/db/in-turn";
import { approverGroupMembers, approverGroups, memberships, organisations, users } from "@/db/schema";

/**
 * The organisation's approver groups (or one) with their members. `approvers` counts only those
 * who can decide (active members, never guests): it is the ceiling on a policy's required approvals.
 */
export async function selectApproverGroupViews(db: Executor, organisationId: string, groupId?: string) {
  const [groups, members, [organisation]] = await inTurn([
    db
      .select()
      .from(approverGroups)
      .where(and(eq(approverGroups.organisationId, organisationId), groupId ? eq(approverGroups.id, groupId) : undefined))
      .orderBy(asc(approverGroups.name)),
    db
      .select({
        groupId: approverGroupMembers.groupId,
        email: users.email,
        kind: memberships.kind,
        disabledAt: memberships.disabledAt,
      })
      .from(approverGroupMembers)
      .innerJoin(users, eq(users.id, approverGroupMembers.userId))
      .leftJoin(
        memberships,
        and(eq(memberships.userId, approverGroupMembers.userId), eq(memberships.organisationId, organisationId)),
      )
      .where(
        and(
          eq(approverGroupMembers.organisationId, organisationId),
          groupId ? eq(approverGroupMembers.groupId, groupId) : undefined,
        ),
      )
      .orderBy(asc(users.email)),
    db
      .select({ defaultApproverGroupId: organisations.defaultApproverGroupId })
      .from(organisations)
      .where(eq(organisations.id, organisationId)),
  ]);
  return groups.map((group) => {
    const own = members.filter((member) => member.groupId === group.id);
    const isDefault = organisation?.defaultApproverGroupId === group.id;
    return {
      id: group.id,
      name: group.name,
      description: group.description,
      members: own.map((member) => member.email),
      default: isDefault,
      source: group.source,
      /** The same as `default`, under the name the screens use. */
      isDefault,
      approvers: own.filter((member) => member.kind === "member" && !member.disabledAt).length,
    };
  });
}

export type ApproverGroupView = Awaited<ReturnType<typeof selectApproverGroupViews>>[number];

/** The API's Approver group object: `{id, name, description, members, default, source}`. */
export function toApproverGroupObject({ id, name, description, members, default: isDefault, source }: ApproverGroupView) {
  return { id, name, description, members, default: isDefault, source };
}
