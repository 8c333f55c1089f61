import type { Executor } from "@/db/client";
import { listActiveApprovers } from "@/lib/approver-groups/list-active-approvers";

/**
 * A request's approvers as the caller knows them: the list it already read (an approval reads the
 * group's active approvers to count its quorum), or the group, read here once.
 */
export type ApproversOf = { approvers: { userId: string; email: string }[] } | { approverGroupId: string | null };

/**
 * The addresses of a group's approvers who may act now: members (never guests) whose membership
 * is not disabled, minus `except` (the requester, the approver who just decided).
 */
export async function approverEmails(tx: Executor, organisationId: string, who: ApproversOf, except: string[]): Promise<string[]> {
  let approvers: { email: string }[];
  if ("approvers" in who) approvers = who.approvers;
  else if (!who.approverGroupId) return [];
  else approvers = await listActiveApprovers(tx, { organisationId, groupId: who.approverGroupId });
  const excluded = new Set(except.map((email) => email.toLowerCase()));
  return approvers.map((approver) => approver.email).filter((email) => !excluded.has(email.toLowerCase()));
}
