import { and, eq, sql } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { memberships, roleGroupAssignments, users } from "@/db/schema";
import { auditActorOf } from "@/lib/audit/audit-actor";
import { auditOf, auditedTransaction } from "@/lib/audit/audited-transaction";
import { authorize } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/roles";
import { lockOrganisation } from "@/lib/organisations/lock-organisation";
import { parseInput } from "@/lib/validation";
import { guestRolesError } from "./add-member";
import { endOpenRequestsOf } from "./end-open-requests";
import { memberNotFound, selectMembers } from "./list-members";
import { assertKeepsGlobalAdmin, endSessionsAndTokens, refuseSelfLockout } from "./member-guards";
import { type UpdateMemberInput, orderedRoles, updateMemberInput } from "./member-input";
import { resolveRoleGroups } from "./resolve-role-groups";

export { type UpdateMemberInput, updateMemberInput } from "./member-input";

/**
 * Changes a member's app roles, standing role groups and guest flag, and disables or re-enables
 * them. Global Administrators only: Role Management manages PAM, not who administers it. Nobody
 * locks themselves out, and the organisation always keeps one active Global Administrator.
 * Disabling ends the member's sessions, revokes their API tokens and ends their open requests
 * (cancelled, or revoked for a window) in the same transaction; enabling again brings none of them
 * back. Audited as `member.updated` with what changed.
 */
export async function updateMember(db: Database, { actor, input }: { actor: Actor; input: UpdateMemberInput }) {
  authorize(actor, "manage-members");
  const data = parseInput(updateMemberInput, input);
  return auditedTransaction(db, async (tx) => {
    // One member change at a time per organisation: two admins demoting each other at once must not
    // both pass the "someone else is still a Global Administrator" check.
    const organisation = await lockOrganisation(tx, actor.organisationId);
    const member = await lockMember(tx, organisation.id, data.email);

    const roles = data.roles ? orderedRoles(data.roles) : member.roles;
    const guest = data.guest ?? member.kind === "guest";
    const disabled = data.disabled ?? member.disabledAt !== null;
    const wasDisabled = member.disabledAt !== null;
    if (member.roles.includes("global_admin") && !roles.includes("global_admin")) refuseSelfLockout(actor.userId, member, "demote");
    if (disabled && !wasDisabled) refuseSelfLockout(actor.userId, member, "disable");
    if (guest && roles.length > 0) throw guestRolesError(data.roles ? "roles" : "guest");
    await assertKeepsGlobalAdmin(tx, organisation.id, member, { roles, disabled });

    const roleGroups = data.roleGroups ? await resolveRoleGroups(tx, organisation.id, data.roleGroups) : null;
    const beforeGroups = [...member.standingRoleGroups].sort();
    const afterGroups = roleGroups ? [...roleGroups.keys()].sort() : beforeGroups;

    const changed: Record<string, { from: unknown; to: unknown }> = {};
    if (roles.join() !== orderedRoles(member.roles).join()) changed.roles = { from: orderedRoles(member.roles), to: roles };
    if (afterGroups.join("\u0000") !== beforeGroups.join("\u0000")) changed.roleGroups = { from: beforeGroups, to: afterGroups };
    if (guest !== (member.kind === "guest")) changed.guest = { from: member.kind === "guest", to: guest };
    if (disabled !== wasDisabled) changed.disabled = { from: wasDisabled, to: disabled };
    if (Object.keys(changed).length > 0) {
      await tx
        .update(memberships)
        .set({ roles, kind: guest ? "guest" : "member", disabledAt: disabled ? (member.disabledAt ?? sql`now()`) : null })
        .where(and(eq(memberships.organisationId, organisation.id), eq(memberships.userId, member.userId)));
      if (roleGroups && changed.roleGroups) await replaceRoleGroups(tx, organisation.id, member.userId, [...roleGroups.values()]);
      const ended =
        disabled && !wasDisabled
          ? {
              ...(await endSessionsAndTokens(tx, organisation.id, member.userId)),
              ...(await endOpenRequestsOf(tx, { actor, organisationId: organisation.id, userId: member.userId, why: DISABLED_COMMENT })),
            }
          : null;
      auditOf(tx).record({
        organisationId: organisation.id,
        actor: auditActorOf(actor),
        action: "member.updated",
        targetType: "user",
        targetId: member.userId,
        details: { email: member.email, changed, ...ended },
      });
    }
    const [view] = await selectMembers(tx, organisation.id, eq(users.id, member.userId));
    return view!;
  });
}

export const DISABLED_COMMENT = "member disabled";

/** The member's row, locked: the caller has locked the organisation, this pins the membership too. */
export async function lockMember(tx: Transaction, organisationId: string, email: string) {
  const [member] = await tx
    .select({
      membershipId: memberships.id,
      userId: users.id,
      email: users.email,
      kind: memberships.kind,
      roles: memberships.roles,
      excludedFromPam: memberships.excludedFromPam,
      disabledAt: memberships.disabledAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, organisationId), eq(users.email, email)))
    .for("update", { of: memberships });
  if (!member) throw memberNotFound(email);
  const [view] = await selectMembers(tx, organisationId, eq(users.id, member.userId));
  return { ...member, standingRoleGroups: view!.standingRoleGroups, approverGroups: view!.approverGroups };
}

async function replaceRoleGroups(tx: Transaction, organisationId: string, userId: string, roleGroupIds: string[]) {
  await tx
    .delete(roleGroupAssignments)
    .where(and(eq(roleGroupAssignments.organisationId, organisationId), eq(roleGroupAssignments.userId, userId)));
  if (roleGroupIds.length > 0) {
    await tx.insert(roleGroupAssignments).values(roleGroupIds.map((roleGroupId) => ({ organisationId, userId, roleGroupId })));
  }
}
