import { and, asc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { approverGroupMembers, approverGroups, memberships, organisations, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/roles";
import { authorizeSettingsAdmin } from "@/lib/settings/authorize-settings-admin";

/**
 * The organisation's approver groups with their members, for the screens that manage them or pick
 * one. `approvers` counts only those who can decide (active members, never guests): it is the
 * ceiling on a policy's required approvals.
 */
export async function listApproverGroups(db: Database, { actor }: { actor: Actor }) {
  authorizeSettingsAdmin(actor);
  const [groups, members, [organisation]] = await Promise.all([
    db
      .select()
      .from(approverGroups)
      .where(eq(approverGroups.organisationId, actor.organisationId))
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
        and(eq(memberships.userId, approverGroupMembers.userId), eq(memberships.organisationId, actor.organisationId)),
      )
      .where(eq(approverGroupMembers.organisationId, actor.organisationId))
      .orderBy(asc(users.email)),
    db
      .select({ defaultApproverGroupId: organisations.defaultApproverGroupId })
      .from(organisations)
      .where(eq(organisations.id, actor.organisationId)),
  ]);
  return groups.map((group) => {
    const own = members.filter((member) => member.groupId === group.id);
    return {
      id: group.id,
      name: group.name,
      description: group.description,
      isDefault: organisation?.defaultApproverGroupId === group.id,
      members: own.map((member) => member.email),
      approvers: own.filter((member) => member.kind === "member" && !member.disabledAt).length,
    };
  });
}

export type ApproverGroupView = Awaited<ReturnType<typeof listApproverGroups>>[number];
