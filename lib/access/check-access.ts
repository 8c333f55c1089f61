import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { memberships, users } from "@/db/schema";
import type { AuditEventOf } from "@/lib/audit/audit-actions";
import { auditActorOf } from "@/lib/audit/audit-actor";
import { recordDecisionEvent } from "@/lib/audit/audit-batcher";
import { authorize } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/roles";
import { DomainError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { decideAccess } from "./decide-access";

export const checkInput = z.strictObject({
  scope: z.string().trim().min(1).default("Exchange"),
  task: z.string().trim().min(1, "must name a task"),
  /** Whose access to check; administrators only, for anyone but themselves. */
  user: z.email().transform((e) => e.toLowerCase()).optional(),
});
export type CheckAccessInput = z.input<typeof checkInput>;

/**
 * The access decision without running anything: what an external scope (a bastion, a deploy tool)
 * asks before it lets someone act. Audited as `access.checked`.
 */
export async function checkAccess(db: Database, { actor, input }: { actor: Actor; input: CheckAccessInput }) {
  const data = parseInput(checkInput, input);
  let userId = actor.userId;
  let email = actor.email;
  if (data.user && data.user !== actor.email) {
    authorize(actor, "check-others");
    const [member] = await db
      .select({ id: users.id })
      .from(users)
      .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.organisationId, actor.organisationId)))
      .where(eq(users.email, data.user));
    if (!member) throw new DomainError("not-found:user", `${data.user} is not a member of your organisation.`);
    userId = member.id;
    email = data.user;
  }
  const decision = await decideAccess(db, { organisationId: actor.organisationId, userId, scope: data.scope, task: data.task });
  // Typed as its action's details, like every write's (recordDecisionEvent itself takes any event).
  const record: AuditEventOf<"access.checked"> = {
    organisationId: actor.organisationId,
    actor: auditActorOf(actor),
    action: "access.checked",
    targetType: "task",
    targetId: decision.taskId,
    details: { scope: data.scope, task: data.task, user: email, allowed: decision.allowed, code: decision.code, requestId: decision.requestId },
  };
  await recordDecisionEvent(db, record);
  return {
    allowed: decision.allowed,
    code: decision.code,
    reason: decision.reason,
    requestId: decision.requestId ?? undefined,
    endsAt: decision.endsAt?.toISOString(),
    policyId: decision.policyId ?? undefined,
  };
}
