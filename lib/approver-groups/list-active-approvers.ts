import { and, eq, isNull } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { approverGroupMembers, memberships, users } from "@/db/schema";

/**
 * The one definition of who can approve for a group right now: its members whose membership in the
 * organisation is active and who are not guests. Deciding, counting a policy's possible approvals
 * and mailing approvers all read it from here.
 */
export async function listActiveApprovers(db: Executor, { organisationId, groupId }: { organisationId: string; groupId: string }) {
  return db
    .select({ userId: approverGroupMembers.userId, email: users.email })
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
    .where(eq(approverGroupMembers.groupId, groupId));
}
