import { and, eq, isNull } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { memberships, users } from "@/db/schema";
import { listActiveApprovers } from "@/lib/approver-groups/list-active-approvers";

/**
 * The addresses of a group's approvers who may act now: members (never guests) whose membership
 * is not disabled, minus `exceptUserIds` (the requester, the approver who just decided).
 */
export async function approverEmails(
  tx: Executor,
  { organisationId, groupId, exceptUserIds }: { organisationId: string; groupId: string | null; exceptUserIds: string[] },
): Promise<string[]> {
  if (!groupId) return [];
  const approvers = await listActiveApprovers(tx, { organisationId, groupId });
  return approvers.filter((approver) => !exceptUserIds.includes(approver.userId)).map((approver) => approver.email);
}

/** The address of one member, if their membership is active (a disabled member gets no mail). */
export async function memberEmail(tx: Executor, organisationId: string, userId: string): Promise<string[]> {
  const rows = await tx
    .select({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, userId), isNull(memberships.disabledAt)));
  return rows.map((row) => row.email);
}
