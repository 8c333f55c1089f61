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
 * Appends one event to its organisation's hash chain, inside the caller's transaction. Domain code
 * does not call this: it records through auditedTransaction / audited (audited-transaction.ts),
 * which appends everything a transaction recorded at its end.
 */
export async function appendAuditEvent(tx: Transaction, input: AuditEventInput) {
  const [event] = await appendAuditEvents(tx, [input]);
  return event!;
}

/**
 * Appends several events of one organisation, in order, at the end of the chain. The chain-head row
 * is locked by the one statement that writes: the head is first read without a lock, the events
 * are numbered and hashed after it, and the statement moves the head and inserts them only if the
 * head still holds what was read (appendAfterHead). When another writer moved it meanwhile, the
 * statement waits for that writer, finds the head changed and writes nothing; the head is read again
 * and the events re-hashed after it. So writers of one organisation queue only on that statement,
 * the lock is held from it to the commit, and the chain can never fork.
 */
export async function appendAuditEvents(tx: Transaction, inputs: AuditEventInput[]) {
  const organisationId = organisationOf(inputs);
  const events: ChainedEvent[] = [];
  // One statement per few thousand events keeps a bulk import's JSON parameter a sensible size.
  for (let from = 0; from < inputs.length; from += APPEND_CHUNK) {
    events.push(...(await appendChunk(tx, organisationId, inputs.slice(from, from + APPEND_CHUNK))));
  }
  return events;
}

const APPEND_CHUNK = 2000;

async function appendChunk(tx: Transaction, organisationId: string, inputs: AuditEventInput[]) {
  for (;;) {
    const head = (await readChainHead(tx, organisationId)) ?? (await createChainHead(tx, organisationId));
    const events = chainEvents(organisationId, head, head.at, inputs);
    if (await appendAfterHead(tx, head, events)) return events;
  }
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
  return (await appendAfterHead(db, head, events)) ? events : null;
}

/**
 * The one statement that writes: moves the head from `head` to the last event and inserts the
 * events, or, when the head no longer holds `head` (another writer was first), writes nothing.
 * Under READ COMMITTED the update waits for a writer that holds the row and then re-checks its
 * condition against the row that writer committed; that is what keeps the chain from forking.
 */
async function appendAfterHead(db: Executor, head: ChainHead, events: ChainedEvent[]) {
  const last = events.at(-1)!;
  const inserted = await preparedRows<{ seq: string }>(db, "elevate_append_after_head", sql`
    with head as (
      update audit_chain_heads set last_seq = ${last.seq}, last_hash = ${last.hash}, last_at = ${last.at.toISOString()}
      where organisation_id = ${last.organisationId} and last_seq = ${head.seq} and last_hash = ${head.hash}
      returning organisation_id
    )
    insert into audit_events (id, organisation_id, seq, at, actor_type, actor_id, actor_email, action,
      target_type, target_id, details, ip, user_agent, prev_hash, hash)
    select e.id, e.organisation_id, e.seq, e.at, e.actor_type, e.actor_id, e.actor_email, e.action,
      e.target_type, e.target_id, e.details, e.ip, e.user_agent, e.prev_hash, e.hash
    from head, jsonb_populate_recordset(null::audit_events, ${JSON.stringify(events.map(asColumns))}::jsonb) e
    returning seq`);
  return inserted.length === events.length;
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
 * The organisation's chain head as last committed, without a lock, with the time for the next
 * events: the database's now, or the last event's time if that is later. Decision records carry the
 * app server's clock (appendAfterKnownHead), and the transaction may have started before the last
 * event was written; either way, times never go backwards along the chain (the write only lands on
 * the head read here, and each retry reads it afresh).
 */
async function readChainHead(tx: Transaction, organisationId: string): Promise<ChainHead | undefined> {
  const [head] = await tx
    .select({
      seq: auditChainHeads.lastSeq,
      hash: auditChainHeads.lastHash,
      // Millisecond precision so the instant survives the round trip through a JS Date.
      at: sql<Date>`greatest(date_trunc('milliseconds', now()), ${auditChainHeads.lastAt})`.mapWith((v) => new Date(v)),
    })
    .from(auditChainHeads)
    .where(eq(auditChainHeads.organisationId, organisationId));
  return head;
}

/** An organisation's first event: start its chain (a concurrent first writer may win; then use theirs). */
async function createChainHead(tx: Transaction, organisationId: string) {
  await tx.insert(auditChainHeads).values({ organisationId, lastSeq: 0, lastHash: GENESIS_HASH }).onConflictDoNothing();
  const head = await readChainHead(tx, organisationId);
  if (!head) throw new Error("audit chain head missing after insert");
  return head;
}
