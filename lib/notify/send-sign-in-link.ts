/**
 * Delivers a magic sign-in link. It goes out at once rather than through the outbox worker: the
 * person is waiting at the sign-in page, and the link is useless after it expires anyway.
 * Without a Resend key the message is kept for the dev mailbox (demo mode only).
 */
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { emailOutbox, organisations } from "@/db/schema";
import { decideSignIn } from "@/lib/auth/decide-sign-in";
import { limitSignIn } from "@/lib/auth/limit-sign-in";
import { config } from "@/lib/config";
import { logger } from "@/lib/log/logger";
import { escapeHtml } from "./escape-html";
import { resendClient } from "./resend-client";

/**
 * `ip`: the asking client's address, where it is known. Every request is counted, per address and
 * per email (throwing `rate-limited:sign-in-…`), before anything is looked up, so the limit says
 * nothing about who is a member, and no caller can skip it: the sign-in form and a POST straight to
 * /api/auth/signin/resend both come through here.
 */
export async function sendSignInLink(db: Database, { email, url, ip }: { email: string; url: string; ip?: string | null }) {
  await limitSignIn(db, { ip, email });
  // Only members, and people whom an organisation admits just in time by their address's domain,
  // get a link; anyone else gets the same "check your email" page and no mail, so the form does not
  // reveal who is a member. A just-in-time membership is made when the link is used, not here.
  const decision = await decideSignIn(db, { method: "resend", email });
  if (decision.outcome === "refuse") {
    logger.warn("sign-in link not sent: the address is not an active member");
    return;
  }
  const membership = { email: decision.email, organisationId: decision.organisationId };
  const host = new URL(url).host;
  const subject = `Sign in to Elevate at ${host}`;
  const text = `Sign in to Elevate at ${host}:\n\n${url}\n\nThe link works once and expires in 24 hours. If you did not ask for it, ignore this email.`;
  const html = `<p>Sign in to Elevate at <strong>${escapeHtml(host)}</strong>.</p>
<p><a href="${escapeHtml(url)}" style="display:inline-block;padding:10px 16px;background:#1d4ed8;color:#fff;border-radius:6px;text-decoration:none">Sign in</a></p>
<p style="color:#555">The link works once and expires in 24 hours. If you did not ask for it, ignore this email.</p>`;
  // The link itself is a secret: only its hash goes into keys that are stored.
  const eventKey = `sign-in:${createHash("sha256").update(url).digest("hex").slice(0, 32)}`;

  const resend = resendClient();
  if (!resend) {
    if (!config().demo) throw new Error("Email sign-in needs RESEND_API_KEY outside demo mode.");
    // The dev mailbox is open to anyone: it may hold the links of demo organisations only.
    const [organisation] = await db
      .select({ demo: organisations.demo })
      .from(organisations)
      .where(eq(organisations.id, membership.organisationId));
    if (!organisation?.demo) {
      logger.warn("sign-in link not kept: the organisation is not a demo one, and email needs RESEND_API_KEY");
      return;
    }
    await db.insert(emailOutbox).values({
      organisationId: membership.organisationId,
      eventKey,
      kind: "sign-in",
      toEmail: membership.email,
      subject,
      html,
      text,
      status: "dev",
      sentAt: new Date(),
    });
    return;
  }
  const { error } = await resend.emails.send(
    { from: config().email.from, to: membership.email, subject, html, text },
    { idempotencyKey: eventKey },
  );
  if (error) throw new Error(`Resend refused the sign-in email: ${error.message}`);
}
