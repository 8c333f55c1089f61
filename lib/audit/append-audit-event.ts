import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Executor, Transaction } from "@/db/client";
import { preparedRows } from "@/db/prepared-query";
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
  const organisationId = organisationOf(inputs);
  const head = (await lockChainHead(tx, organisationId)) ?? (await createChainHead(tx, organisationId));
  const events = chainEvents(organisationId, { seq: head.lastSeq, hash: head.lastHash }, head.now, inputs);
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
    update audit_chain_heads set last_seq = ${last.seq}, last_hash = ${last.hash}, last_at = ${last.at.toISOString()}
    where organisation_id = ${organisationId}`);
  return events;
}

/** Where a chain ends: its last event's number, hash and time. */
export interface ChainHead {
  seq: number;
  hash: string;
  at: Date;
}

/**
 * Appends events after a head the caller believes is the chain's end, in one statement and without
 * a lock held across round trips: the head row moves only if it still holds that seq and hash,
 * and the events are inserted only if it moved. Null, with nothing written, when another writer
 * got there first; the caller then appends under the lock instead. The events take the app
 * server's clock, never earlier than the head's, so times still rise along the chain.
 */
export async function appendAfterKnownHead(db: Executor, head: ChainHead, inputs: AuditEventInput[]) {
  const organisationId = organisationOf(inputs);
  const at = new Date(Math.max(Date.now(), head.at.getTime()));
  const events = chainEvents(organisationId, head, at, inputs);
  const last = events.at(-1)!;
  const inserted = await preparedRows<{ seq: string }>(db, "elevate_append_after_head", sql`
    with head as (
      update audit_chain_heads set last_seq = ${last.seq}, last_hash = ${last.hash}, last_at = ${last.at.toISOString()}
      where organisation_id = ${organisationId} and last_seq = ${head.seq} and last_hash = ${head.hash}
      returning organisation_id
    )
    insert into audit_events (id, organisation_id, seq, at, actor_type, actor_id, actor_email, action,
      target_type, target_id, details, ip, user_agent, prev_hash, hash)
    select e.id, e.organisation_id, e.seq, e.at, e.actor_type, e.actor_id, e.actor_email, e.action,
      e.target_type, e.target_id, e.details, e.ip, e.user_agent, e.prev_hash, e.hash
    from head, jsonb_populate_recordset(null::audit_events, ${JSON.stringify(events.map(asColumns))}::jsonb) e
    returning seq`);
  return inserted.length === events.length ? events : null;
}

export function headAfter(events: { seq: number; hash: string; at: Date }[]): ChainHead {
  const last = events.at(-1)!;
  return { seq: last.seq, hash: last.hash, at: last.at };
}

function organisationOf(inputs: AuditEventInput[]) {
  const organisationId = inputs[0]!.organisationId;
  if (inputs.some((input) => input.organisationId !== organisationId)) {
    throw new Error("audit events are appended one organisation at a time");
  }
  return organisationId;
}

/** The events as the chain will hold them: numbered after the head and hashed, each on the one before. */
function chainEvents(organisationId: string, head: { seq: number; hash: string }, now: Date, inputs: AuditEventInput[]) {
  let prevHash = head.hash;
  return inputs.map((input, index) => {
    const event = {
      id: randomUUID(),
      organisationId,
      seq: head.seq + 1 + index,
      at: input.backdatedTo ?? now,
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
}

type ChainedEvent = ReturnType<typeof chainEvents>[number];

/** An event keyed by its column names, for jsonb_populate_recordset. */
function asColumns(e: ChainedEvent) {
  return {
    id: e.id,
    organisation_id: e.organisationId,
    seq: e.seq,
    at: e.at.toISOString(),
    actor_type: e.actorType,
    actor_id: e.actorId,
    actor_email: e.actorEmail,
    action: e.action,
    target_type: e.targetType,
    target_id: e.targetId,
    details: e.details,
    ip: e.ip,
    user_agent: e.userAgent,
    prev_hash: e.prevHash,
    hash: e.hash,
  };
}

/**
 * The organisation's chain head, locked until the transaction ends, with the time for the next
 * events: the database's now, or the last event's time if that is later. Decision records carry the
 * app server's clock (appendAfterKnownHead), and the transaction may have started before the last
 * event was written; either way, times never go backwards along the chain. The last time is read
 * from the head row itself: when the lock had to wait, that row is re-read at its newest version,
 * where a subquery would still see the statement's older snapshot.
 */
async function lockChainHead(tx: Transaction, organisationId: string) {
  const [head] = await tx
    .select({
      lastSeq: auditChainHeads.lastSeq,
      lastHash: auditChainHeads.lastHash,
      // Millisecond precision so the instant survives the round trip through a JS Date.
      now: sql<Date>`greatest(date_trunc('milliseconds', now()), ${auditChainHeads.lastAt})`.mapWith((v) => new Date(v)),
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
