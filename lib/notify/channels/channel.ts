/**
 * A channel delivers outbox rows of its name (`email_outbox.channel`): it renders a row's payload
 * into what it sends, and sends it. The worker (deliver-outbox.ts) claims rows per channel and
 * records each outcome the same way for all of them (retries, backoff, leases), so a new channel
 * (chat, webhooks) is one module here and an entry in index.ts, not another worker.
 */
import type { EmailMessage } from "@/db/schema";
import type { SendOutcome } from "../delivery-outcome";

export interface Rendered {
  html: string;
  text: string;
}

export interface DeliveryContext {
  from: string;
  timeoutMs: number;
}

export interface Channel {
  channel: string;
  /** The body to send, from the stored payload. Throws when the payload cannot be rendered. */
  render(message: EmailMessage): Promise<Rendered>;
  deliver(message: EmailMessage, rendered: Rendered, context: DeliveryContext): Promise<SendOutcome>;
}
