import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Transaction } from "@/db/client";
import { approverGroupMembers, approverGroups, memberships, users } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { auditActorOf } from "@/lib/audit/audit-actor";
import type { Actor } from "@/lib/auth/roles";
import { DomainError, invalidField } from "@/lib/errors";
import { authorizeSettingsAdmin } from "@/lib/settings/authorize-settings-admin";
import { parseInput } from "@/lib/validation";

const groupInput = z.strictObject({
  /** The group to change; without it, a new group is created. */
  id: z.uuid({ error: "must be an approver group's id" }).optional(),
  name: z.string().trim().min(1, "must not be empty").max(100),
  description: z.string().trim().max(500).optional(),
  members: z.array(z.email({ error: "must be email addresses" }).transform((e) => e.toLowerCase())).max(500),
});
export type SaveApproverGroupInput = z.input<typeof groupInput>;

/**
 * Creates an approver group, or (with `id`) sets an existing one's description and members. A new
 * group never takes over an existing one's name: policies and the API name groups, and "new group"
 * quietly replacing the members of one would change who approves without anyone choosing to.
 * Audited as `group.updated`.
 */
export async function saveApproverGroup(db: Database, { actor, input }: { actor: Actor; input: SaveApproverGroupInput }) {
  authorizeSettingsAdmin(actor);
  const data = parseInput(groupInput, input);
  return db.transaction(async (tx) => {
    const members = data.members.length
      ? await tx
          .select({ id: users.id, email: users.email, kind: memberships.kind })
          .from(users)
          .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.organisationId, actor.organisationId)))
          .where(inArray(users.email, data.members))
      : [];
    const unknown = data.members.filter((email) => !members.some((m) => m.email === email));
    if (unknown.length) {
      throw invalidField("invalid:members", "members", `Not members of this organisation: ${unknown.join(", ")}.`);
    }
    const guests = members.filter((m) => m.kind === "guest").map((m) => m.email);
    if (guests.length) {
      throw invalidField("invalid:members", "members", `Guests never approve: ${guests.join(", ")}.`);
    }
    const group = data.id
      ? await updateGroup(tx, actor.organisationId, data.id, data.description)
      : await createGroup(tx, actor.organisationId, data.name, data.description);
    await tx.delete(approverGroupMembers).where(eq(approverGroupMembers.groupId, group!.id));
    if (members.length) {
      await tx
        .insert(approverGroupMembers)
        .values(members.map((m) => ({ organisationId: actor.organisationId, groupId: group!.id, userId: m.id })));
    }
    await appendAuditEvent(tx, {
      organisationId: actor.organisationId,
      actor: auditActorOf(actor),
      action: "group.updated",
      targetType: "approver-group",
      targetId: group!.id,
      details: { name: group!.name, members: data.members },
    });
    return { id: group!.id, name: group!.name, description: group!.description, members: data.members };
  });
}

async function createGroup(tx: Transaction, organisationId: string, name: string, description: string | undefined) {
  const [group] = await tx
    .insert(approverGroups)
    .values({ organisationId, name, description: description ?? "" })
    .onConflictDoNothing({ target: [approverGroups.organisationId, approverGroups.name] })
    .returning();
  if (!group) {
    throw new DomainError("conflict:group-name", `There is already a group named ${name}: edit that one instead.`, {
      name: [`There is already a group named ${name}: edit that one instead.`],
    });
  }
  return group;
}

async function updateGroup(tx: Transaction, organisationId: string, id: string, description: string | undefined) {
  const [group] = await tx
    .update(approverGroups)
    .set({ description: sql`coalesce(${description ?? null}, ${approverGroups.description})`, updatedAt: sql`now()` })
    .where(and(eq(approverGroups.id, id), eq(approverGroups.organisationId, organisationId)))
    .returning();
  if (!group) throw new DomainError("not-found:group", "That approver group does not exist (was it removed?).");
  return group;
}
