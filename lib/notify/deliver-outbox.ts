/**
 * The outbox worker's one pass: per channel, claim due messages, render each from its payload,
 * deliver it through the channel (Resend for email), record the outcome.
 *
 * Claiming is `select … for update skip locked` plus a lease (`sending`, lockedUntil) committed
 * before any network call, so several workers and app instances never hold one message at once,
 * and no transaction stays open while a provider answers. A worker that dies mid-batch leaves
 * leases that expire; the next pass reclaims those messages. Each email carries the idempotency key
 * `<eventKey>:<recipient>`, so a message sent just before a crash (and resent after) reaches its
 * recipient once: Resend answers a repeated key with the first message's id.
 */
import { and, asc, eq, inArray, lte, or, sql } from "drizzle-orm";
import type { Resend } from "resend";
import type { Database } from "@/db/client";
import { type EmailMessage, emailOutbox } from "@/db/schema";
import { config } from "@/lib/config";
import { outboxChannels } from "./channels";
import type { Channel, Rendered } from "./channels/channel";
import { type SendOutcome, backoffMs, safeError } from "./delivery-outcome";

export interface DeliverOutboxOptions {
  /** The channels to deliver; by default every one, email with the configured Resend client. */
  channels?: Channel[];
  /** The email channel's Resend client (tests); null keeps mail for the dev mailbox. */
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
  /** Kept for the dev mailbox: no provider. */
  kept: number;
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

export async function deliverOutbox(db: Database, options: DeliverOutboxOptions = {}): Promise<DeliveryReport> {
  const opts = { ...defaults, ...options };
  const channels = options.channels ?? outboxChannels(options.resend === undefined ? {} : { resend: options.resend });
  const context = { from: options.from ?? config().email.from, timeoutMs: opts.timeoutMs };
  const report: DeliveryReport = { sent: 0, kept: 0, retrying: 0, failed: 0 };
  for (const channel of channels) {
    for (let pass = 0; pass < opts.maxBatches; pass++) {
      const claimed = await claimDueMessages(db, { ...opts, channel: channel.channel });
      for (const message of claimed) {
        const { outcome, rendered } = await deliverOne(channel, message, context);
        report[await recordOutcome(db, message, outcome, opts, rendered)]++;
      }
      if (claimed.length < opts.batch) break;
    }
  }
  return report;
}

/** Renders, then delivers; a payload that cannot be rendered fails at once (it would every time). */
export async function deliverOne(
  channel: Channel,
  message: EmailMessage,
  context: { from: string; timeoutMs: number },
): Promise<{ outcome: SendOutcome; rendered?: Rendered }> {
  let rendered: Rendered;
  try {
    rendered = await channel.render(message);
  } catch (error) {
    return { outcome: { kind: "permanent", error: safeError(`render: ${error instanceof Error ? error.message : String(error)}`) } };
  }
  return { outcome: await channel.deliver(message, rendered, context), rendered };
}

/** Due messages of a channel (pending and due, or leased by a worker whose lease ran out), leased to this worker. */
export async function claimDueMessages(
  db: Database,
  { channel = "email", batch = defaults.batch, lockMs = defaults.lockMs }: { channel?: string; batch?: number; lockMs?: number } = {},
) {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: emailOutbox.id })
      .from(emailOutbox)
      .where(
        and(
          eq(emailOutbox.channel, channel),
          or(
            and(eq(emailOutbox.status, "pending"), lte(emailOutbox.nextAttemptAt, sql`now()`)),
            and(eq(emailOutbox.status, "sending"), lte(emailOutbox.lockedUntil, sql`now()`)),
          ),
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

/**
 * Writes the outcome, only while this worker's claim still stands (status `sending`, same attempt):
 * a worker that outlived its lease must not overwrite what the worker that took over wrote. The
 * rendered body is kept with it: what was sent (or shown in the dev mailbox), and what a retry sends.
 */
export async function recordOutcome(
  db: Database,
  message: EmailMessage,
  outcome: SendOutcome,
  opts: Pick<typeof defaults, "maxAttempts" | "backoffBaseMs" | "backoffMaxMs"> = defaults,
  rendered?: Rendered,
): Promise<keyof DeliveryReport> {
  const ours = and(
    eq(emailOutbox.id, message.id),
    eq(emailOutbox.status, "sending"),
    eq(emailOutbox.attempts, message.attempts),
  );
  const body = rendered ? { html: rendered.html, text: rendered.text } : {};
  if (outcome.kind === "sent") {
    await db
      .update(emailOutbox)
      .set({ ...body, status: "sent", providerMessageId: outcome.providerMessageId, sentAt: sql`now()`, lockedUntil: null, lastError: null })
      .where(ours);
    return "sent";
  }
  if (outcome.kind === "kept") {
    await db.update(emailOutbox).set({ ...body, status: "dev", sentAt: sql`now()`, lockedUntil: null, lastError: null }).where(ours);
    return "kept";
  }
  if (outcome.kind === "permanent" || message.attempts >= opts.maxAttempts) {
    const error = outcome.kind === "permanent" ? outcome.error : `gave up after ${message.attempts} attempts: ${outcome.error}`;
    await db.update(emailOutbox).set({ ...body, status: "failed", lockedUntil: null, lastError: error }).where(ours);
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
      ...body,
      status: "pending",
      nextAttemptAt: sql`now() + make_interval(secs => ${delayMs / 1000})`,
      lockedUntil: null,
      lastError: outcome.error,
    })
    .where(ours);
  return "retrying";
}
