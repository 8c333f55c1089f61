import { eq, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { emailOutbox, organisations } from "@/db/schema";
import { config } from "@/lib/config";
import { type EmailKind, emailKindEvent, notificationEnabled } from "./notification-events";

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export interface EnqueueEmailInput {
  organisationId: string;
  /** What happened, e.g. `request-pending:<requestId>`: one message per recipient and event key. */
  eventKey: string;
  kind: EmailKind;
  to: string[];
  render: (recipient: string) => RenderedEmail;
}

/**
 * Writes one outbox row per recipient, in the caller's transaction, so the email exists exactly
 * when the change that causes it commits. The unique (event, recipient) index makes a repeated
 * event (two sweepers, a retried transaction) a no-op. Without a Resend key the message is kept
 * for the dev mailbox instead of queued. Returns how many messages were written.
 */
export async function enqueueEmail(tx: Executor, input: EnqueueEmailInput): Promise<number> {
  const recipients = [...new Set(input.to.map((email) => email.trim().toLowerCase()).filter(Boolean))];
  if (recipients.length === 0) return 0;
  const [organisation] = await tx
    .select({ settings: organisations.notificationSettings })
    .from(organisations)
    .where(eq(organisations.id, input.organisationId));
  if (!organisation || !notificationEnabled(organisation.settings, emailKindEvent[input.kind])) return 0;

  const dev = !config().email.resendApiKey;
  const inserted = await tx
    .insert(emailOutbox)
    .values(
      recipients.map((toEmail) => {
        const { subject, html, text } = input.render(toEmail);
        return {
          organisationId: input.organisationId,
          eventKey: input.eventKey,
          kind: input.kind,
          toEmail,
          // A subject is one header line whatever the data in it.
          subject: subject.replace(/\s+/g, " ").trim(),
          html,
          text,
          status: dev ? ("dev" as const) : ("pending" as const),
          sentAt: dev ? sql`now()` : null,
        };
      }),
    )
    .onConflictDoNothing({ target: [emailOutbox.eventKey, emailOutbox.toEmail] })
    .returning({ id: emailOutbox.id });
  return inserted.length;
}
