import { and, eq } from "drizzle-orm";
import type { Database, Executor } from "@/db/client";
import { memberships, users } from "@/db/schema";
import { auditedTransaction } from "@/lib/audit/audited-transaction";
import { authorize } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/roles";
import { DomainError, invalidField } from "@/lib/errors";
import { lockOrganisation } from "@/lib/organisations/lock-organisation";
import { parseInput } from "@/lib/validation";
import { insertMembers } from "./insert-members";
import { selectMembers } from "./list-members";
import { type AddMemberInput, addMemberInput, orderedRoles } from "./member-input";
import { resolveRoleGroups } from "./resolve-role-groups";

export const guestRolesError = (field = "roles") =>
  invalidField("invalid:roles", field, "Guests cannot hold admin roles: make them a member first, or give them no roles.");

/**
 * Adds a person to the organisation (Global Administrators only): from now on they may sign in,
 * and they are emailed an invitation. Roles, standing role groups (by name) and guest as given;
 * a guest holds no admin role. Audited `member.added`, in one transaction with the invitation.
 */
export async function addMember(db: Database, { actor, input }: { actor: Actor; input: AddMemberInput }) {
  authorize(actor, "manage-members");
  const data = parseInput(addMemberInput, input);
  if (data.guest && data.roles.length > 0) throw guestRolesError();
  return auditedTransaction(db, async (tx) => {
    const organisation = await lockOrganisation(tx, actor.organisationId);
    if (await isMember(tx, organisation.id, data.email)) {
      throw new DomainError("conflict:member-exists", `${data.email} is already a member of this organisation.`);
    }
    const roleGroups = await resolveRoleGroups(tx, organisation.id, data.roleGroups);
    const [userId] = await insertMembers(tx, {
      actor,
      people: [{ email: data.email, name: data.name, roles: orderedRoles(data.roles), roleGroups, guest: data.guest }],
    });
    const [view] = await selectMembers(tx, organisation.id, eq(users.id, userId!));
    return view!;
  });
}

async function isMember(tx: Executor, organisationId: string, email: string) {
  const [row] = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, organisationId), eq(users.email, email)));
  return Boolean(row);
}
