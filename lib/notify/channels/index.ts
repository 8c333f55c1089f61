import type { Resend } from "resend";
import type { Channel } from "./channel";
import { emailChannel } from "./email";

/**
 * Every channel the worker delivers, by name. Chat and webhooks add theirs here.
 * `resend` overrides the email channel's client (tests; null keeps mail for the dev mailbox).
 */
export function outboxChannels({ resend }: { resend?: Resend | null } = {}): Channel[] {
  return [emailChannel({ resend })];
}
