import { eq } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { approverGroupMembers, approverGroups, organisations } from "@/db/schema";
import { SYSTEM_ACTOR } from "@/lib/audit/append-audit-event";
import { audited } from "@/lib/audit/audited-transaction";
import { installBuiltinCatalogs } from "@/lib/catalog/install-builtin-catalog";

export const DEFAULT_APPROVER_GROUP = {
  name: "PAM Approvers",
  description: "Approves privileged access requests unless a policy names another group.",
};

/**
 * A new organisation, ready to use: the built-in catalog, and a default approver group "PAM
 * Approvers" holding its first administrator. Every path that creates an organisation (bootstrap,
 * ELEVATE_ADMIN_EMAIL) goes through here, so a real organisation never depends on the demo seed.
 * In the caller's transaction, audited as a system action.
 */
export function createOrganisation(
  tx: Transaction,
  { slug, name, firstAdmin }: { slug: string; name: string; firstAdmin?: { userId: string; email: string } },
) {
  // audited: its events join the caller's audited transaction, or are appended when this returns.
  return audited(tx, async (tx, audit) => {
    const [organisation] = await tx.insert(organisations).values({ slug, name }).returning();
    const org = organisation!;
    audit.record({
      organisationId: org.id,
      actor: SYSTEM_ACTOR,
      action: "organisation.created",
      targetType: "organisation",
      targetId: org.id,
      details: { slug, name },
    });
    await installBuiltinCatalogs(tx, org.id);
    const [group] = await tx
      .insert(approverGroups)
      .values({ organisationId: org.id, ...DEFAULT_APPROVER_GROUP })
      .returning({ id: approverGroups.id });
    if (firstAdmin) {
      await tx.insert(approverGroupMembers).values({ organisationId: org.id, groupId: group!.id, userId: firstAdmin.userId });
    }
    const [updated] = await tx
      .update(organisations)
      .set({ defaultApproverGroupId: group!.id })
      .where(eq(organisations.id, org.id))
      .returning();
    audit.record({
      organisationId: org.id,
      actor: SYSTEM_ACTOR,
      action: "group.created",
      targetType: "approver-group",
      targetId: group!.id,
      details: { name: DEFAULT_APPROVER_GROUP.name, default: true, members: firstAdmin ? [firstAdmin.email] : [] },
    });
    return updated!;
  });
}
