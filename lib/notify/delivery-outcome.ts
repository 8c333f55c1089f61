/**
 * How a Resend answer turns into the next step: sent, retried later, or failed for good. Network
 * errors, 429 and 5xx are worth retrying; any other 4xx will fail the same way every time.
 */
import { config } from "@/lib/config";

export type SendOutcome =
  | { kind: "sent"; providerMessageId: string | null }
  /** No provider: kept for the dev mailbox (status `dev`). */
  | { kind: "kept" }
  | { kind: "retry"; error: string; retryAfterMs?: number }
  | { kind: "permanent"; error: string };

interface ResendError {
  statusCode?: number | null;
  name?: string;
  message?: string;
}

export function outcomeOfError(error: ResendError, headers: Record<string, string> | null): SendOutcome {
  const status = typeof error.statusCode === "number" ? error.statusCode : null;
  const description = safeError(`${status ?? "network"} ${error.name ?? "error"}: ${error.message ?? ""}`);
  if (status === null || status >= 500) return { kind: "retry", error: description };
  if (status === 429) return { kind: "retry", error: description, retryAfterMs: retryAfterMs(headers?.["retry-after"]) };
  // Resend answers 409 while an earlier request with the same idempotency key is still in flight.
  if (status === 409 && error.name === "concurrent_idempotent_requests") return { kind: "retry", error: description };
  return { kind: "permanent", error: description };
}

/** Retry-After in seconds or as an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Exponential backoff with jitter: about base, 2×base, 4×base… never beyond the cap. */
export function backoffMs(attempt: number, { baseMs, maxMs }: { baseMs: number; maxMs: number }, random = Math.random) {
  const exponential = baseMs * 2 ** Math.max(0, attempt - 1);
  return Math.min(maxMs, Math.round(exponential * (0.5 + random() / 2)));
}

/** An error as stored for admins to read: short, and never carrying the API key. */
export function safeError(text: string) {
  const key = config().email.resendApiKey;
  let out = key ? text.split(key).join("[redacted]") : text;
  out = out.replace(/\bre_[A-Za-z0-9_]{6,}/g, "re_[redacted]");
  return out.length > 500 ? `${out.slice(0, 497)}...` : out;
}
