import { and, eq, isNull } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { type AccessRequest, approverGroupMembers, memberships } from "@/db/schema";
import type { Actor } from "@/lib/auth/roles";
import { DomainError } from "@/lib/errors";

/** Whether this person is, right now, an approving member (not a guest) of the request's group. */
export async function isApproverOf(tx: Transaction, actor: Actor, request: AccessRequest) {
  if (!request.approverGroupId) return false;
  const [row] = await tx
    .select({ userId: approverGroupMembers.userId })
    .from(approverGroupMembers)
    .innerJoin(
      memberships,
      and(
        eq(memberships.userId, approverGroupMembers.userId),
        eq(memberships.organisationId, request.organisationId),
        eq(memberships.kind, "member"),
        isNull(memberships.disabledAt),
      ),
    )
    .where(and(eq(approverGroupMembers.groupId, request.approverGroupId), eq(approverGroupMembers.userId, actor.userId)));
  return Boolean(row);
}

/**
 * Who may decide: a member of the policy's approver group, never the requester (whatever roles they
 * hold), never a guest. Checked against the database inside the deciding transaction.
 */
export async function authorizeApprover(tx: Transaction, actor: Actor, request: AccessRequest) {
  if (request.requesterId === actor.userId) {
    throw new DomainError("forbidden:approve-own-request", "Nobody approves their own request, whatever their role.");
  }
  if (actor.kind === "guest") {
    throw new DomainError("forbidden:guest-cannot-approve", "Guests never approve requests.");
  }
  if (!(await isApproverOf(tx, actor, request))) {
    throw new DomainError("forbidden:not-an-approver", "Only members of the policy's approver group decide this request.");
  }
}
