import { and, desc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { emailOutbox, organisations } from "@/db/schema";
import { config } from "@/lib/config";
import { outboxPassNow } from "./outbox-pass";

/**
 * The messages kept instead of sent (no RESEND_API_KEY), newest first. Demo mode only: they hold
 * sign-in links, so outside demo mode there is no dev mailbox at all. The worker renders a message
 * when it "delivers" it here; this asks the process's worker for a pass first, so what was queued
 * a moment ago is in the list.
 *
 * Anyone may open it, so it shows mail for the demo organisations' own accounts and nothing else:
 * the message belongs to a demo organisation, and its recipient is an active member there and a
 * member of no organisation that is not a demo one. Which organisation a sign-in link opens is
 * decided when it is used, not when it was sent: a link kept for someone who is also a real
 * organisation's member opens that organisation once their demo membership is disabled (one click
 * away, as the demo's Global Administrator), and a link to someone who is no member yet opens
 * whatever admits them just in time. Both stay hidden.
 */
export async function listDevMailbox(db: Database, limit = 50) {
  if (!config().demo) return null;
  await outboxPassNow();
  const recipient = sql`(select u.id from users u where u.email = lower(${emailOutbox.toEmail}))`;
  return db
    .select({
      id: emailOutbox.id,
      toEmail: emailOutbox.toEmail,
      subject: emailOutbox.subject,
      html: emailOutbox.html,
      text: emailOutbox.text,
      createdAt: emailOutbox.createdAt,
    })
    .from(emailOutbox)
    .innerJoin(organisations, eq(organisations.id, emailOutbox.organisationId))
    .where(
      and(
        eq(emailOutbox.status, "dev"),
        eq(organisations.demo, true),
        sql`exists (select 1 from memberships m where m.user_id = ${recipient}
          and m.organisation_id = ${emailOutbox.organisationId} and m.disabled_at is null)`,
        sql`not exists (select 1 from memberships m join organisations o on o.id = m.organisation_id
          where m.user_id = ${recipient} and not o.demo)`,
      ),
    )
    .orderBy(desc(emailOutbox.createdAt))
    .limit(limit);
}
