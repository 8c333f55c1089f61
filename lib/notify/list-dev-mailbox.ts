import { and, desc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { emailOutbox, organisations } from "@/db/schema";
import { config } from "@/lib/config";

/**
 * The messages kept instead of sent (no RESEND_API_KEY), newest first. Demo mode only: they hold
 * sign-in links, so outside demo mode there is no dev mailbox at all; and only demo organisations'
 * messages, since anyone may open it: a real organisation on a demo-mode deployment is never shown.
 */
export async function listDevMailbox(db: Database, limit = 50) {
  if (!config().demo) return null;
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
    .where(and(eq(emailOutbox.status, "dev"), eq(organisations.demo, true)))
    .orderBy(desc(emailOutbox.createdAt))
    .limit(limit);
}
