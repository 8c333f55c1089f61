import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { auditChainHeads } from "@/db/schema";
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
  const [event] = await appendAuditEvents(tx, [input]);
  return event!;
}

/** Appends several events of one organisation, in order, under one lock of its chain head. */
export async function appendAuditEvents(tx: Transaction, inputs: AuditEventInput[]) {
  const organisationId = inputs[0]!.organisationId;
  if (inputs.some((input) => input.organisationId !== organisationId)) {
    throw new Error("appendAuditEvents takes the events of one organisation");
  }
  const head = (await lockChainHead(tx, organisationId)) ?? (await createChainHead(tx, organisationId));
  let prevHash = head.lastHash;
  const events = inputs.map((input, index) => {
    const event = {
      id: randomUUID(),
      organisationId,
      seq: head.lastSeq + 1 + index,
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
    const hash = auditEventHash(prevHash, event);
    const chained = { ...event, prevHash, hash };
    prevHash = hash;
    return chained;
  });
  const rows = sql.join(
    events.map(
      (e) => sql`(${e.id}, ${e.organisationId}, ${e.seq}, ${e.at.toISOString()}, ${e.actorType}, ${e.actorId}, ${e.actorEmail},
        ${e.action}, ${e.targetType}, ${e.targetId}, ${JSON.stringify(e.details)}::jsonb, ${e.ip}, ${e.userAgent}, ${e.prevHash}, ${e.hash})`,
    ),
    sql`, `,
  );
  const last = events.at(-1)!;
  // The events and the new head in one statement: the lock is held for as few round trips as possible.
  await tx.execute(sql`
    with inserted as (
      insert into audit_events (id, organisation_id, seq, at, actor_type, actor_id, actor_email, action,
        target_type, target_id, details, ip, user_agent, prev_hash, hash)
      values ${rows}
    )
    update audit_chain_heads set last_seq = ${last.seq}, last_hash = ${last.hash}
    where organisation_id = ${organisationId}`);
  return events;
}

/** The organisation's chain head, locked until the transaction ends, with the database's now. */
async function lockChainHead(tx: Transaction, organisationId: string) {
  const [head] = await tx
    .select({
      lastSeq: auditChainHeads.lastSeq,
      lastHash: auditChainHeads.lastHash,
      // Millisecond precision so the instant survives the round trip through a JS Date.
      now: sql<Date>`date_trunc('milliseconds', now())`.mapWith((v) => new Date(v)),
    })
    .from(auditChainHeads)
    .where(eq(auditChainHeads.organisationId, organisationId))
    .for("update");
  return head;
}

/** An organisation's first event: start its chain (a concurrent first writer may win; then use theirs). */
async function createChainHead(tx: Transaction, organisationId: string) {
  await tx.insert(auditChainHeads).values({ organisationId, lastSeq: 0, lastHash: GENESIS_HASH }).onConflictDoNothing();
  const head = await lockChainHead(tx, organisationId);
  if (!head) throw new Error("audit chain head missing after insert");
  return head;
}
