import type { EmailMessage } from "@/db/schema";
import { emailChannel } from "../channels/email";

/** What an outbox row will say once the worker renders it: its subject, HTML and plain text. */
export async function renderedEmail(message: EmailMessage) {
  const { html, text } = await emailChannel({ resend: null }).render(message);
  return { ...message, html, text };
}
