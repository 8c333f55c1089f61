import { desc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { emailOutbox } from "@/db/schema";
import { config } from "@/lib/config";

/**
 * The messages kept instead of sent (no RESEND_API_KEY), newest first. Demo mode only: they hold
 * sign-in links, so outside demo mode there is no dev mailbox at all.
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
    .where(eq(emailOutbox.status, "dev"))
    .orderBy(desc(emailOutbox.createdAt))
    .limit(limit);
}
