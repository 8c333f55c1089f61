/**
 * The outbox worker's one pass: claim due messages, send each through Resend, record the outcome.
 *
 * Claiming is `select … for update skip locked` plus a lease (`sending`, lockedUntil) committed
 * before any network call, so several workers and app instances never hold one message at once,
 * and no transaction stays open while Resend answers. A worker that dies mid-batch leaves leases
 * that expire; the next pass reclaims those messages. Each send carries the idempotency key
 * `<eventKey>:<recipient>`, so a message sent just before a crash (and resent after) reaches its
 * recipient once: Resend answers a repeated key with the first message's id.
 */
import { createHash } from "node:crypto";
import { and, asc, eq, inArray, lte, or, sql } from "drizzle-orm";
import type { Resend } from "resend";
import type { Database } from "@/db/client";
import { type EmailMessage, emailOutbox } from "@/db/schema";
import { config } from "@/lib/config";
import { type SendOutcome, backoffMs, outcomeOfError, safeError } from "./delivery-outcome";
import { resendClient } from "./resend-client";

export interface DeliverEmailsOptions {
  /** The Resend client; defaults to the configured one (none without RESEND_API_KEY: nothing is sent). */
  resend?: Resend | null;
  from?: string;
  batch?: number;
  /** Batches per pass, so one pass ends even while new mail keeps arriving. */
  maxBatches?: number;
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** How long a claim holds a message before another worker may take it over. */
  lockMs?: number;
  timeoutMs?: number;
}

export interface DeliveryReport {
  sent: number;
  retrying: number;
  failed: number;
}

const MAX_RETRY_AFTER_MS = 3_600_000;

const defaults = {
  batch: 10,
  maxBatches: 10,
  maxAttempts: 8,
  backoffBaseMs: 30_000,
  backoffMaxMs: 3_600_000,
  lockMs: 120_000,
  timeoutMs: 30_000,
};

export async function deliverEmails(db: Database, options: DeliverEmailsOptions = {}): Promise<DeliveryReport> {
  const opts = { ...defaults, ...options };
  const resend = options.resend === undefined ? resendClient() : options.resend;
  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0 };
  if (!resend) return report;
  const from = options.from ?? config().email.from;
  for (let pass = 0; pass < opts.maxBatches; pass++) {
    const claimed = await claimDueEmails(db, opts);
    for (const message of claimed) {
      const outcome = await sendEmail(resend, message, { from, timeoutMs: opts.timeoutMs });
      report[await recordOutcome(db, message, outcome, opts)]++;
    }
    if (claimed.length < opts.batch) break;
  }
  return report;
}

/** Due messages (pending and due, or leased by a worker whose lease ran out), leased to this worker. */
export async function claimDueEmails(db: Database, { batch = defaults.batch, lockMs = defaults.lockMs } = {}) {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: emailOutbox.id })
      .from(emailOutbox)
      .where(
        or(
          and(eq(emailOutbox.status, "pending"), lte(emailOutbox.nextAttemptAt, sql`now()`)),
          and(eq(emailOutbox.status, "sending"), lte(emailOutbox.lockedUntil, sql`now()`)),
        ),
      )
      .orderBy(asc(emailOutbox.nextAttemptAt))
      .limit(batch)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(emailOutbox)
      .set({
        status: "sending",
        lockedUntil: sql`now() + make_interval(secs => ${lockMs / 1000})`,
        attempts: sql`${emailOutbox.attempts} + 1`,
      })
      .where(inArray(emailOutbox.id, due.map((row) => row.id)))
      .returning();
  });
}

/** Resend keeps idempotency keys of up to 256 characters; a longer address is hashed into one. */
export function idempotencyKeyOf(message: Pick<EmailMessage, "eventKey" | "toEmail">) {
  const key = `${message.eventKey}:${message.toEmail}`;
  return key.length <= 256 ? key : `${message.eventKey}:${createHash("sha256").update(message.toEmail).digest("hex")}`;
}

export async function sendEmail(
  resend: Resend,
  message: EmailMessage,
  { from, timeoutMs = defaults.timeoutMs }: { from: string; timeoutMs?: number },
): Promise<SendOutcome> {
  try {
    const { data, error, headers } = await resend.emails.send(
      { from, to: message.toEmail, subject: message.subject, html: message.html, text: message.text },
      { idempotencyKey: idempotencyKeyOf(message), signal: AbortSignal.timeout(timeoutMs) },
    );
    if (error) return outcomeOfError(error, headers);
    return { kind: "sent", providerMessageId: data?.id ?? null };
  } catch (error) {
    return { kind: "retry", error: safeError(`network: ${error instanceof Error ? error.message : String(error)}`) };
  }
}

/**
 * Writes the outcome, only while this worker's claim still stands (status `sending`, same attempt):
 * a worker that outlived its lease must not overwrite what the worker that took over wrote.
 */
export async function recordOutcome(
  db: Database,
  message: EmailMessage,
  outcome: SendOutcome,
  opts: Pick<typeof defaults, "maxAttempts" | "backoffBaseMs" | "backoffMaxMs"> = defaults,
): Promise<keyof DeliveryReport> {
  const ours = and(
    eq(emailOutbox.id, message.id),
    eq(emailOutbox.status, "sending"),
    eq(emailOutbox.attempts, message.attempts),
  );
  if (outcome.kind === "sent") {
    await db
      .update(emailOutbox)
      .set({ status: "sent", providerMessageId: outcome.providerMessageId, sentAt: sql`now()`, lockedUntil: null, lastError: null })
      .where(ours);
    return "sent";
  }
  if (outcome.kind === "permanent" || message.attempts >= opts.maxAttempts) {
    const error = outcome.kind === "permanent" ? outcome.error : `gave up after ${message.attempts} attempts: ${outcome.error}`;
    await db.update(emailOutbox).set({ status: "failed", lockedUntil: null, lastError: error }).where(ours);
    return "failed";
  }
  // Resend's Retry-After is honoured as given (up to an hour); otherwise our own backoff.
  const delayMs =
    outcome.retryAfterMs !== undefined
      ? Math.min(outcome.retryAfterMs, MAX_RETRY_AFTER_MS)
      : backoffMs(message.attempts, { baseMs: opts.backoffBaseMs, maxMs: opts.backoffMaxMs });
  await db
    .update(emailOutbox)
    .set({
      status: "pending",
      nextAttemptAt: sql`now() + make_interval(secs => ${delayMs / 1000})`,
      lockedUntil: null,
      lastError: outcome.error,
    })
    .where(ours);
  return "retrying";
}
