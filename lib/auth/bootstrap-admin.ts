import { asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { memberships, organisations, users } from "@/db/schema";
import { SYSTEM_ACTOR } from "@/lib/audit/append-audit-event";
import { auditOf, auditedTransaction } from "@/lib/audit/audited-transaction";
import { createOrganisation } from "@/lib/organisations/create-organisation";

const bootstrapInput = z.object({
  email: z.email({ error: "must be an email address" }).transform((e) => e.toLowerCase()),
  organisationSlug: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, { error: "must be lowercase letters, digits and dashes" })
    .optional(),
  organisationName: z.string().trim().min(1).max(120).optional(),
});

export class BootstrapError extends Error {}

/**
 * Makes `email` a Global Administrator: the first administrator of a production install, and the
 * way back in when every administrator is locked out. Creates the organisation when there is none
 * (or when a new slug is named: with the built-in catalog and its default approver group, holding
 * this administrator), the user when unknown, and re-enables a disabled membership.
 * Audited as a system action in the same transaction.
 */
export async function bootstrapAdmin(db: Database, input: z.input<typeof bootstrapInput>) {
  const { email, organisationSlug, organisationName } = bootstrapInput.parse(input);
  return auditedTransaction(db, async (tx) => {
    // Instances starting together with ELEVATE_ADMIN_EMAIL take turns: the second finds the first's
    // organisation and administrator instead of failing on the slug both tried to create.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('elevate:bootstrap-admin'))`);
    const all = await tx.select().from(organisations).orderBy(asc(organisations.createdAt));
    let organisation = organisationSlug ? all.find((o) => o.slug === organisationSlug) : all[0];
    if (!organisationSlug && all.length > 1) {
      throw new BootstrapError(
        `There are ${all.length} organisations (${all.map((o) => o.slug).join(", ")}): name one with --org.`,
      );
    }
    await tx.insert(users).values({ email }).onConflictDoNothing();
    const [user] = await tx.select().from(users).where(eq(users.email, email));
    let createdOrganisation = false;
    if (!organisation) {
      organisation = await createOrganisation(tx, {
        slug: organisationSlug ?? "default",
        name: organisationName ?? organisationSlug ?? "My organisation",
        firstAdmin: { userId: user!.id, email },
      });
      createdOrganisation = true;
    }
    const org = organisation;

    const existing = await tx.query.memberships.findFirst({
      where: (m, { and }) => and(eq(m.userId, user!.id), eq(m.organisationId, org.id)),
    });
    const alreadyAdmin = existing && existing.roles.includes("global_admin") && !existing.disabledAt;
    if (alreadyAdmin) return { organisation: org, email, changed: false };

    if (existing) {
      await tx
        .update(memberships)
        .set({ roles: [...new Set([...existing.roles, "global_admin" as const])], disabledAt: null })
        .where(eq(memberships.id, existing.id));
    } else {
      await tx.insert(memberships).values({ organisationId: org.id, userId: user!.id, roles: ["global_admin"] });
    }
    auditOf(tx).record({
      organisationId: org.id,
      actor: SYSTEM_ACTOR,
      action: "admin.bootstrapped",
      targetType: "user",
      targetId: user!.id,
      details: { email, createdOrganisation, reenabled: Boolean(existing?.disabledAt) },
    });
    return { organisation: org, email, changed: true };
  });
}
