import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { emailOutbox } from "@/db/schema";
import { auditActorOf } from "@/lib/audit/audit-actor";
import { auditOf, auditedTransaction } from "@/lib/audit/audited-transaction";
import { authorize } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/roles";
import { DomainError } from "@/lib/errors";
import { uuidPattern } from "@/lib/policies/find-policy";

const notFound = () => new DomainError("not-found:email", "There is no such email in your organisation.");

/**
 * Sends a failed message again: back to `pending`, due now, with a fresh run of attempts (an admin
 * fixed the cause, a sender domain say). Same idempotency key, so a message Resend did accept is
 * never delivered twice. Audited as `email.retried`.
 */
export async function retryEmail(db: Database, { actor, messageId }: { actor: Actor; messageId: string }) {
  authorize(actor, "email-delivery");
  if (!uuidPattern.test(messageId)) throw notFound();
  return auditedTransaction(db, async (tx) => {
    const [message] = await tx
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.id, messageId), eq(emailOutbox.organisationId, actor.organisationId)))
      .for("update");
    if (!message) throw notFound();
    if (message.status !== "failed") {
      throw new DomainError("conflict:email-not-failed", `This email is ${message.status}: only a failed email can be retried.`);
    }
    await tx
      .update(emailOutbox)
      .set({ status: "pending", attempts: 0, nextAttemptAt: sql`now()`, lockedUntil: null })
      .where(eq(emailOutbox.id, message.id));
    auditOf(tx).record({
      organisationId: actor.organisationId,
      actor: auditActorOf(actor),
      action: "email.retried",
      targetType: "email",
      targetId: message.id,
      details: { to: message.toEmail, kind: message.kind, subject: message.subject, attempts: message.attempts, lastError: message.lastError },
    });
    return { id: message.id, status: "pending" as const };
  });
}
