/**
 * Audit last: a domain write records its events while it works, and they are appended to the
 * organisation's chain together just before the commit. The chain-head row lock is taken by that
 * one statement (appendAuditEvents) and held only until the commit, so access checks and other
 * writers of the organisation never wait behind the reads, rendering and queueing a write does
 * after its change (notifications included: they are written before the append, in the same
 * transaction, so an email exists exactly when its change does).
 *
 *   return auditedTransaction(db, async (tx, audit) => {
 *     ...the change...
 *     audit.record({ organisationId, actor, action: "policy.created", targetType, targetId, details });
 *   });
 *
 * A helper handed a transaction by its caller records through `auditOf(tx)` (its caller must hold an
 * audited transaction), or runs `audited(tx, fn)`: inside an audited transaction its events join
 * that transaction's, appended at its end; in one that is not audited, they are appended when fn
 * returns (the form for a caller that holds a plain transaction, such as a test or the seed).
 */
import type { Database, Transaction } from "@/db/client";
import { type AuditEventInput, appendAuditEvents } from "./append-audit-event";
import type { AuditEventOf } from "./audit-actions";

export interface Audit {
  /** Keeps an event for the append at the end of the transaction; its details as they are now. */
  record(event: AuditEventOf): void;
}

class Recorder implements Audit {
  readonly events: AuditEventInput[] = [];
  record(event: AuditEventOf) {
    this.events.push(event as AuditEventInput);
  }
}

/** The recorder of each audited transaction in progress, so nested helpers join it. */
const recorders = new WeakMap<Transaction, Recorder>();

/** A transaction whose recorded events are appended, in order, just before it commits. */
export function auditedTransaction<T>(db: Database, work: (tx: Transaction, audit: Audit) => Promise<T>): Promise<T> {
  return db.transaction((tx) => audited(tx, work));
}

/** The same inside a transaction the caller holds: joins its audit if it has one, else appends when work returns. */
export async function audited<T>(tx: Transaction, work: (tx: Transaction, audit: Audit) => Promise<T>): Promise<T> {
  const outer = recorders.get(tx);
  if (outer) return work(tx, outer);
  const recorder = new Recorder();
  recorders.set(tx, recorder);
  try {
    const result = await work(tx, recorder);
    await appendRecorded(tx, recorder.events);
    return result;
  } finally {
    recorders.delete(tx);
  }
}

/**
 * The audit of the audited transaction `tx`, for a helper its caller handed the transaction. Throws
 * when `tx` is not audited: a write must not append in the middle of its transaction.
 */
export function auditOf(tx: Transaction): Audit {
  const recorder = recorders.get(tx);
  if (!recorder) throw new Error("audit.record outside an audited transaction: use auditedTransaction or audited");
  return recorder;
}

/** One append per organisation, in the order their first events were recorded. */
async function appendRecorded(tx: Transaction, events: AuditEventInput[]) {
  const byOrganisation = new Map<string, AuditEventInput[]>();
  for (const event of events) byOrganisation.set(event.organisationId, [...(byOrganisation.get(event.organisationId) ?? []), event]);
  for (const group of byOrganisation.values()) await appendAuditEvents(tx, group);
}
