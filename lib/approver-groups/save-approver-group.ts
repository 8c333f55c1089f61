import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { approverGroupMembers, approverGroups, memberships, users } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { auditActorOf } from "@/lib/audit/audit-actor";
import type { Actor } from "@/lib/auth/roles";
import { invalidField } from "@/lib/errors";
import { authorizeSettingsAdmin } from "@/lib/settings/authorize-settings-admin";
import { parseInput } from "@/lib/validation";

const groupInput = z.strictObject({
  name: z.string().trim().min(1, "must not be empty").max(100),
  description: z.string().trim().max(500).optional(),
  members: z.array(z.email({ error: "must be email addresses" }).transform((e) => e.toLowerCase())).max(500),
});
export type SaveApproverGroupInput = z.input<typeof groupInput>;

/** Creates an approver group or sets its members (by name). Audited as `group.updated`. */
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
    const [group] = await tx
      .insert(approverGroups)
      .values({ organisationId: actor.organisationId, name: data.name, description: data.description ?? "" })
      .onConflictDoUpdate({
        target: [approverGroups.organisationId, approverGroups.name],
        set: { description: sql`coalesce(${data.description ?? null}, ${approverGroups.description})`, updatedAt: sql`now()` },
      })
      .returning();
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
