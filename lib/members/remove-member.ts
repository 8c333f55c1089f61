import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import {
  approverGroupMembers,
  memberships,
  policyEligibility,
  roleGroupAssignments,
} from "@/db/schema";
import { auditActorOf } from "@/lib/audit/audit-actor";
import { auditOf, auditedTransaction } from "@/lib/audit/audited-transaction";
import { authorize } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/roles";
import { lockOrganisation } from "@/lib/organisations/lock-organisation";
import { assertNotSoleEligible } from "@/lib/policies/assert-not-sole-eligible";
import { parseInput } from "@/lib/validation";
import { endOpenRequestsOf } from "./end-open-requests";
import { assertKeepsGlobalAdmin, endSessionsAndTokens, refuseSelfLockout } from "./member-guards";
import { memberEmailInput } from "./member-input";
import { lockMember } from "./update-member";

export const REMOVAL_COMMENT = "member removed";

/**
 * Removes a person from the organisation (Global Administrators only), in one transaction: their
 * pending requests are cancelled and their approved windows (open or scheduled) revoked, each with
 * its own audit event; their sessions end and their API tokens are revoked; their approver-group
 * memberships, standing role groups and policy eligibility here go, and then the membership.
 * Refused (`conflict:member-sole-eligible`, naming the policies) while they are the only entry of a
 * policy's eligibility: without it the policy would be open to every member. Audited `member.removed`. Their history (requests, decisions, audit) stays, and so does their
 * user row: it is the deployment's, and other organisations may know them.
 */
export async function removeMember(db: Database, { actor, input }: { actor: Actor; input: { email: string } }) {
  authorize(actor, "manage-members");
  const data = parseInput(memberEmailInput, input);
  return auditedTransaction(db, async (tx) => {
    const organisation = await lockOrganisation(tx, actor.organisationId);
    const member = await lockMember(tx, organisation.id, data.email);
    refuseSelfLockout(actor.userId, member, "remove");
    await assertKeepsGlobalAdmin(tx, organisation.id, member, "removed");
    // Their eligibility rows go below: a policy they alone may request would open to everyone.
    await assertNotSoleEligible(tx, { organisationId: organisation.id, userId: member.userId, email: member.email });

    const { cancelledRequests, revokedRequests } = await endOpenRequestsOf(tx, {
      actor,
      organisationId: organisation.id,
      userId: member.userId,
      why: REMOVAL_COMMENT,
    });

    await tx
      .delete(approverGroupMembers)
      .where(and(eq(approverGroupMembers.organisationId, organisation.id), eq(approverGroupMembers.userId, member.userId)));
    await tx
      .delete(roleGroupAssignments)
      .where(and(eq(roleGroupAssignments.organisationId, organisation.id), eq(roleGroupAssignments.userId, member.userId)));
    await tx
      .delete(policyEligibility)
      .where(and(eq(policyEligibility.organisationId, organisation.id), eq(policyEligibility.userId, member.userId)));
    const ended = await endSessionsAndTokens(tx, organisation.id, member.userId);
    await tx.delete(memberships).where(eq(memberships.id, member.membershipId));

    const result = {
      removed: member.email,
      cancelledRequests,
      revokedRequests,
      endedSessions: ended.endedSessions,
      revokedTokens: ended.revokedTokens,
    };
    auditOf(tx).record({
      organisationId: organisation.id,
      actor: auditActorOf(actor),
      action: "member.removed",
      targetType: "user",
      targetId: member.userId,
      details: {
        email: member.email,
        roles: member.roles,
        guest: member.kind === "guest",
        excludedFromPam: member.excludedFromPam,
        approverGroups: member.approverGroups,
        roleGroups: member.standingRoleGroups,
        cancelledRequests,
        revokedRequests,
        endedSessions: ended.endedSessions,
        revokedTokens: ended.revokedTokens,
      },
    });
    return result;
  });
}
