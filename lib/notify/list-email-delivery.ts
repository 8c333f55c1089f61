import { type SQL, and, count, desc, eq, inArray, ne } from "drizzle-orm";
import type { Database } from "@/db/client";
import { emailOutbox } from "@/db/schema";
import { authorize } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/roles";
import { config } from "@/lib/config";

export const emailDeliveryFilters = ["all", "failed", "queued", "sent"] as const;
export type EmailDeliveryFilter = (typeof emailDeliveryFilters)[number];

const filterWhere: Record<EmailDeliveryFilter, SQL> = {
  all: ne(emailOutbox.status, "dev"),
  failed: eq(emailOutbox.status, "failed"),
  queued: inArray(emailOutbox.status, ["pending", "sending"]),
  sent: eq(emailOutbox.status, "sent"),
};

/**
 * The admin "Email delivery" view: the organisation's recent messages, newest first, with their
 * status, attempts and last error, and the count per status. Bodies stay out: the list is for
 * delivery, and the dev mailbox is where a body is read. Says, too, whether a provider is configured.
 */
export async function listEmailDelivery(
  db: Database,
  { actor, filter = "all", limit = 100 }: { actor: Actor; filter?: EmailDeliveryFilter; limit?: number },
) {
  authorize(actor, "email-delivery");
  const inOrganisation = eq(emailOutbox.organisationId, actor.organisationId);
  const rows = await db
    .select({
      id: emailOutbox.id,
      kind: emailOutbox.kind,
      toEmail: emailOutbox.toEmail,
      subject: emailOutbox.subject,
      status: emailOutbox.status,
      attempts: emailOutbox.attempts,
      nextAttemptAt: emailOutbox.nextAttemptAt,
      lastError: emailOutbox.lastError,
      sentAt: emailOutbox.sentAt,
      createdAt: emailOutbox.createdAt,
    })
    .from(emailOutbox)
    .where(and(inOrganisation, filterWhere[filter] ?? filterWhere.all))
    .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
    .limit(Math.min(Math.max(1, limit), 500));
  const totals = await db
    .select({ status: emailOutbox.status, value: count() })
    .from(emailOutbox)
    .where(and(inOrganisation, ne(emailOutbox.status, "dev")))
    .groupBy(emailOutbox.status);
  const counts = { pending: 0, sending: 0, sent: 0, failed: 0 };
  for (const { status, value } of totals) if (status !== "dev") counts[status] = Number(value);
  const { email, demo } = config();
  return {
    /** Without a Resend key nothing is sent: messages go to the dev mailbox (shown in demo mode only). */
    provider: email.resendApiKey ? ("resend" as const) : ("none" as const),
    devMailbox: !email.resendApiKey && demo,
    counts,
    messages: rows.map((row) => ({
      ...row,
      nextAttemptAt: row.status === "pending" ? row.nextAttemptAt.toISOString() : null,
      sentAt: row.sentAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
    })),
  };
}

export type EmailDeliveryList = Awaited<ReturnType<typeof listEmailDelivery>>;
export type EmailDeliveryMessage = EmailDeliveryList["messages"][number];
