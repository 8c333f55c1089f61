import { and, eq, isNull, notInArray } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { approverGroupMembers, memberships, users } from "@/db/schema";

/**
 * The addresses of a group's approvers who may act now: members (never guests) whose membership
 * is not disabled, minus `exceptUserIds` (the requester, the approver who just decided).
 */
export async function approverEmails(
  tx: Executor,
  { organisationId, groupId, exceptUserIds }: { organisationId: string; groupId: string | null; exceptUserIds: string[] },
): Promise<string[]> {
  if (!groupId) return [];
  const rows = await tx
    .select({ email: users.email })
    .from(approverGroupMembers)
    .innerJoin(users, eq(users.id, approverGroupMembers.userId))
    .innerJoin(
      memberships,
      and(
        eq(memberships.userId, approverGroupMembers.userId),
        eq(memberships.organisationId, organisationId),
        eq(memberships.kind, "member"),
        isNull(memberships.disabledAt),
      ),
    )
    .where(
      and(
        eq(approverGroupMembers.groupId, groupId),
        exceptUserIds.length ? notInArray(approverGroupMembers.userId, exceptUserIds) : undefined,
      ),
    );
  return rows.map((row) => row.email);
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
