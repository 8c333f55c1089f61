import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { auditChainHeads, auditEvents } from "@/db/schema";
import { GENESIS_HASH, auditEventHash } from "./audit-hash";

/** Who did it, as the audit log records it. */
export interface AuditActor {
  type: "user" | "token" | "system";
  id?: string | null;
  email?: string | null;
  ip?: string | null;
  userAgent?: string | null;
}

export const SYSTEM_ACTOR: AuditActor = { type: "system", email: "system" };

export interface AuditEventInput {
  organisationId: string;
  actor: AuditActor;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  details?: Record<string, unknown>;
  /** Only the demo seed back-dates its history; everything else takes the database clock. */
  backdatedTo?: Date;
}

/**
 * Appends one event to its organisation's hash chain. Call it inside the transaction of the change
 * it records, so both land or neither does. The chain head row is locked for the rest of the
 * transaction: concurrent writers of one organisation queue here and can never fork the chain.
 */
export async function appendAuditEvent(tx: Transaction, input: AuditEventInput) {
  await tx
    .insert(auditChainHeads)
    .values({ organisationId: input.organisationId, lastSeq: 0, lastHash: GENESIS_HASH })
    .onConflictDoNothing();
  const [head] = await tx
    .select({
      lastSeq: auditChainHeads.lastSeq,
      lastHash: auditChainHeads.lastHash,
      // Millisecond precision so the instant survives the round trip through a JS Date.
      now: sql<Date>`date_trunc('milliseconds', now())`.mapWith((v) => new Date(v)),
    })
    .from(auditChainHeads)
    .where(eq(auditChainHeads.organisationId, input.organisationId))
    .for("update");
  if (!head) throw new Error("audit chain head missing after insert");

  const event = {
    id: randomUUID(),
    organisationId: input.organisationId,
    seq: head.lastSeq + 1,
    at: input.backdatedTo ?? head.now,
    actorType: input.actor.type,
    actorId: input.actor.id ?? null,
    actorEmail: input.actor.email ?? null,
    action: input.action,
    targetType: input.targetType ?? null,
    targetId: input.targetId ?? null,
    details: input.details ?? {},
    ip: input.actor.ip ?? null,
    userAgent: input.actor.userAgent ?? null,
  };
  const hash = auditEventHash(head.lastHash, event);
  await tx.insert(auditEvents).values({ ...event, prevHash: head.lastHash, hash });
  await tx
    .update(auditChainHeads)
    .set({ lastSeq: event.seq, lastHash: hash })
    .where(eq(auditChainHeads.organisationId, input.organisationId));
  return { ...event, prevHash: head.lastHash, hash };
}
