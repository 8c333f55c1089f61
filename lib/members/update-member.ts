import { and, count, eq, isNull, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Transaction } from "@/db/client";
import { type AppRole, appRole, memberships, users } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { auditActorOf } from "@/lib/audit/audit-actor";
import type { Actor } from "@/lib/auth/roles";
import { DomainError, invalidField } from "@/lib/errors";
import { lockOrganisation } from "@/lib/organisations/lock-organisation";
import { parseInput } from "@/lib/validation";
import { selectMembers } from "./list-members";

export const updateMemberInput = z.strictObject({
  email: z.email({ error: "must be an email address" }).transform((e) => e.toLowerCase()),
  roles: z.array(z.enum(appRole.enumValues, { error: "must be global_admin, role_management or auditor" })).max(3).optional(),
  disabled: z.boolean().optional(),
});
export type UpdateMemberInput = z.input<typeof updateMemberInput>;

/**
 * Changes a member's app roles and/or disables or re-enables them. Global Administrators only: Role
 * Management manages PAM, not who administers it. Nobody locks themselves out, and the organisation
 * always keeps one active Global Administrator. Audited as `member.updated` with what changed.
 */
export async function updateMember(db: Database, { actor, input }: { actor: Actor; input: UpdateMemberInput }) {
  if (!actor.roles.includes("global_admin")) {
    throw new DomainError("forbidden:manage-members", "Only Global Administrators change members' roles or disable members.");
  }
  const data = parseInput(updateMemberInput, input);
  return db.transaction(async (tx) => {
    // One member change at a time per organisation: two admins demoting each other at once must not
    // both pass the "someone else is still a Global Administrator" check.
    const organisation = await lockOrganisation(tx, actor.organisationId);
    const [member] = await tx
      .select({ userId: users.id, email: users.email, kind: memberships.kind, roles: memberships.roles, disabledAt: memberships.disabledAt })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.organisationId, organisation.id), eq(users.email, data.email)));
    if (!member) throw new DomainError("not-found:member", `${data.email} is not a member of this organisation.`);

    const roles = data.roles ? ordered(data.roles) : member.roles;
    const disabled = data.disabled ?? member.disabledAt !== null;
    const isSelf = member.userId === actor.userId;
    if (isSelf && member.roles.includes("global_admin") && !roles.includes("global_admin")) {
      throw new DomainError("forbidden:self-lockout", "You cannot remove your own Global Administrator role: ask another Global Administrator.");
    }
    if (isSelf && disabled) {
      throw new DomainError("forbidden:self-lockout", "You cannot disable your own account.");
    }
    if (member.kind === "guest" && roles.length > 0) {
      throw invalidField("invalid:roles", "roles", "Guests cannot hold admin roles: invite them as members first.");
    }
    const wasActiveAdmin = member.roles.includes("global_admin") && member.disabledAt === null;
    const staysActiveAdmin = roles.includes("global_admin") && !disabled;
    if (wasActiveAdmin && !staysActiveAdmin && (await otherActiveGlobalAdmins(tx, organisation.id, member.userId)) === 0) {
      throw new DomainError(
        "conflict:last-global-admin",
        `${member.email} is the last active Global Administrator: make someone else one first.`,
      );
    }

    const changed: Record<string, { from: unknown; to: unknown }> = {};
    if (roles.join() !== ordered(member.roles).join()) changed.roles = { from: ordered(member.roles), to: roles };
    if (disabled !== (member.disabledAt !== null)) changed.disabled = { from: member.disabledAt !== null, to: disabled };
    if (Object.keys(changed).length > 0) {
      await tx
        .update(memberships)
        .set({
          roles,
          // A disabled member's sessions and API tokens stop working at their next check.
          disabledAt: disabled ? (member.disabledAt ?? sql`now()`) : null,
        })
        .where(and(eq(memberships.organisationId, organisation.id), eq(memberships.userId, member.userId)));
      await appendAuditEvent(tx, {
        organisationId: organisation.id,
        actor: auditActorOf(actor),
        action: "member.updated",
        targetType: "user",
        targetId: member.userId,
        details: { email: member.email, changed },
      });
    }
    const [view] = await selectMembers(tx, organisation.id, member.userId);
    return view!;
  });
}

/** Roles in the enum's order, once each: so "changed?" compares sets, and the audit reads stably. */
function ordered(roles: AppRole[]): AppRole[] {
  return appRole.enumValues.filter((role) => roles.includes(role));
}

async function otherActiveGlobalAdmins(tx: Transaction, organisationId: string, exceptUserId: string) {
  const [row] = await tx
    .select({ value: count() })
    .from(memberships)
    .where(
      and(
        eq(memberships.organisationId, organisationId),
        ne(memberships.userId, exceptUserId),
        isNull(memberships.disabledAt),
        sql`${memberships.roles} @> array['global_admin']::app_role[]`,
      ),
    );
  return Number(row?.value ?? 0);
}
