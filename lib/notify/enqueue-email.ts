import { sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { type EmailPayload, emailSubject } from "./email-payload";
import { emailKindEvent } from "./notification-events";

export interface EmailToQueue {
  /** What happened, e.g. `request-pending:<requestId>`: one message per recipient and event key. */
  eventKey: string;
  to: string[];
  /** What the message says, from what the caller holds; the worker renders it. */
  email: EmailPayload;
}

/**
 * Writes one outbox row per recipient, in the caller's transaction, so the message exists exactly
 * when the change that causes it commits. One statement for all of them, whatever it takes: the
 * organisation's switch for each event and the recipients' active membership are read inside the
 * insert itself, so a transaction holding the audit lock spends one round trip here. The unique
 * (event, recipient) index makes a repeated event (two sweepers, a retried transaction) a no-op.
 * Only the subject is made now; the body is rendered at delivery (deliver-outbox.ts). Returns how
 * many messages were written.
 */
export async function enqueueEmails(tx: Executor, organisationId: string, emails: EmailToQueue[]): Promise<number> {
  const seen = new Set<string>();
  const rows = emails.flatMap(({ eventKey, to, email }) => {
    const subject = emailSubject(email);
    return to
      .map((address) => address.trim().toLowerCase())
      .filter((address) => address && !seen.has(`${eventKey}\n${address}`) && seen.add(`${eventKey}\n${address}`))
      .map((address) => ({ event_key: eventKey, kind: email.kind, event: emailKindEvent[email.kind], to_email: address, subject, payload: email }));
  });
  if (rows.length === 0) return 0;
  const result = (await tx.execute(sql`
    insert into email_outbox (organisation_id, event_key, kind, channel, to_email, subject, html, text, payload)
    select o.id, m.event_key, m.kind, 'email', m.to_email, m.subject, '', '', m.payload
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as m(event_key text, kind text, event text, to_email text, subject text, payload jsonb)
    join organisations o on o.id = ${organisationId}
    where coalesce((o.notification_settings ->> m.event)::boolean, true)
      and exists (select 1 from users u join memberships ms on ms.user_id = u.id
        where u.email = m.to_email and ms.organisation_id = o.id and ms.disabled_at is null)
    on conflict (event_key, to_email) do nothing
    returning id`)) as unknown as { rows: unknown[] };
  return result.rows.length;
}

/** One message to some recipients: `enqueueEmails` with one entry. */
export function enqueueEmail(tx: Executor, organisationId: string, email: EmailToQueue) {
  return enqueueEmails(tx, organisationId, [email]);
}
