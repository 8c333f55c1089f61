import type { Transaction } from "@/db/client";
import type { AccessRequest } from "@/db/schema";
import { listActiveApprovers } from "@/lib/approver-groups/list-active-approvers";
import type { Actor } from "@/lib/auth/roles";
import { DomainError } from "@/lib/errors";

/** Who can decide for the request's group right now: its active members, never guests. */
const activeApproversOf = (tx: Transaction, request: AccessRequest) =>
  request.approverGroupId ? listActiveApprovers(tx, { organisationId: request.organisationId, groupId: request.approverGroupId }) : Promise.resolve([]);

/** Whether this person is, right now, an approving member (not a guest) of the request's group. */
export async function isApproverOf(tx: Transaction, actor: Actor, request: AccessRequest) {
  return (await activeApproversOf(tx, request)).some((approver) => approver.userId === actor.userId);
}

/**
 * Who may decide: a member of the policy's approver group, never the requester (whatever roles they
 * hold), never a guest. Checked against the database inside the deciding transaction. Answers the
 * group's active approvers it read, so the quorum is counted against the same list.
 */
export async function authorizeApprover(tx: Transaction, actor: Actor, request: AccessRequest) {
  if (request.requesterId === actor.userId) {
    throw new DomainError("forbidden:approve-own-request", "Nobody approves their own request, whatever their role.");
  }
  if (actor.kind === "guest") {
    throw new DomainError("forbidden:guest-cannot-approve", "Guests never approve requests.");
  }
  const approvers = await activeApproversOf(tx, request);
  if (!approvers.some((approver) => approver.userId === actor.userId)) {
    throw new DomainError("forbidden:not-an-approver", "Only members of the policy's approver group decide this request.");
  }
  return approvers;
}
