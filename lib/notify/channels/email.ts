/**
 * The email channel: renders the stored payload with the templates (React Email) and sends it
 * through Resend, with the idempotency key `<eventKey>:<recipient>`. Without a Resend client the
 * message is kept for the dev mailbox instead (status `dev`), rendered all the same.
 */
import { createHash } from "node:crypto";
import type { ReactElement } from "react";
import type { Resend } from "resend";
import type { EmailMessage } from "@/db/schema";
import type { Channel, DeliveryContext, Rendered } from "./channel";
import { type SendOutcome, outcomeOfError, safeError } from "../delivery-outcome";
import type { EmailPayload, EmailPropsOf } from "../email-payload";
import type { EmailKind } from "../notification-events";
import { resendClient } from "../resend-client";
import { AccessEndingSoonEmail } from "../templates/access-ending-soon";
import { MemberInvitedEmail } from "../templates/member-invited";
import { renderEmail } from "../templates/render-email";
import { RequestAutoApprovedEmail } from "../templates/request-auto-approved";
import { RequestCancelledEmail } from "../templates/request-cancelled";
import { RequestDecidedEmail } from "../templates/request-decided";
import { RequestExpiredEmail } from "../templates/request-expired";
import { RequestPendingEmail } from "../templates/request-pending";
import { RequestReleasedEmail } from "../templates/request-released";
import { RequestRevokedEmail } from "../templates/request-revoked";

type Template<K extends EmailKind> = (props: EmailPropsOf[K] & { subject: string }) => ReactElement;

/** The template of each kind of message. */
const templates: { [K in EmailKind]: Template<K> } = {
  "request-pending": RequestPendingEmail,
  "request-approved": RequestDecidedEmail,
  "request-denied": RequestDecidedEmail,
  "request-decided-other": RequestDecidedEmail,
  "request-auto-approved": RequestAutoApprovedEmail,
  "request-revoked": RequestRevokedEmail,
  "request-released": RequestReleasedEmail,
  "request-cancelled": RequestCancelledEmail,
  "request-expired": RequestExpiredEmail,
  "request-expired-other": RequestExpiredEmail,
  "access-ending-soon": AccessEndingSoonEmail,
  "member-invited": MemberInvitedEmail,
};

/** The email a payload makes: its template rendered to HTML and plain text. */
export function renderEmailPayload<K extends EmailKind>(payload: { kind: K; props: EmailPropsOf[K] }, subject: string): Promise<Rendered> {
  const template: Template<K> | undefined = templates[payload.kind];
  if (!template) throw new Error(`no email template for ${payload.kind}`);
  return renderEmail(template({ ...payload.props, subject }));
}

/** Resend keeps idempotency keys of up to 256 characters; a longer address is hashed into one. */
export function idempotencyKeyOf(message: Pick<EmailMessage, "eventKey" | "toEmail">) {
  const key = `${message.eventKey}:${message.toEmail}`;
  return key.length <= 256 ? key : `${message.eventKey}:${createHash("sha256").update(message.toEmail).digest("hex")}`;
}

export async function sendEmail(
  resend: Resend,
  message: EmailMessage,
  rendered: Rendered,
  { from, timeoutMs }: DeliveryContext,
): Promise<SendOutcome> {
  try {
    const { data, error, headers } = await resend.emails.send(
      { from, to: message.toEmail, subject: message.subject, html: rendered.html, text: rendered.text },
      { idempotencyKey: idempotencyKeyOf(message), signal: AbortSignal.timeout(timeoutMs) },
    );
    if (error) return outcomeOfError(error, headers);
    return { kind: "sent", providerMessageId: data?.id ?? null };
  } catch (error) {
    return { kind: "retry", error: safeError(`network: ${error instanceof Error ? error.message : String(error)}`) };
  }
}

/** `resend`: the client to send with; the configured one by default, null for the dev mailbox. */
export function emailChannel({ resend }: { resend?: Resend | null } = {}): Channel {
  const client = () => (resend === undefined ? resendClient() : resend);
  return {
    channel: "email",
    async render(message) {
      // Rendered once: a retry sends the bytes the first attempt sent (Resend refuses a different
      // body under a key it has seen), and a row written with its body (a sign-in link) has one.
      if (message.html) return { html: message.html, text: message.text };
      if (!message.payload) throw new Error("the message has neither a body nor a payload to render");
      return renderEmailPayload(message.payload as unknown as EmailPayload, message.subject);
    },
    async deliver(message, rendered, context) {
      const resendNow = client();
      if (!resendNow) return { kind: "kept" };
      return sendEmail(resendNow, message, rendered, context);
    },
  };
}
