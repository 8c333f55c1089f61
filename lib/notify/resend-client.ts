import { Resend } from "resend";
import { config } from "@/lib/config";

let client: Resend | undefined;

/**
 * The Resend client, or null when there is no API key (mail then goes to the dev mailbox).
 * Built lazily: the SDK's constructor throws without a key.
 */
export function resendClient(): Resend | null {
  const { resendApiKey, resendBaseUrl } = config().email;
  if (!resendApiKey) return null;
  client ??= new Resend(resendApiKey, resendBaseUrl ? { baseUrl: resendBaseUrl } : undefined);
  return client;
}
