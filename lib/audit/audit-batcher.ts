/**
 * Group commit for high-volume decision records (`access.checked`): events that arrive together
 * are appended to the chain in one transaction, one lock of the chain head and one multi-row
 * insert, instead of one transaction each. Each caller's promise resolves only once its event is
 * committed, so an answer is never given before its record exists.
 *
 * Changes never come through here: they append their event inside their own transaction.
 */
import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type AuditEventInput, appendAuditEvents } from "./append-audit-event";

interface Pending {
  input: AuditEventInput;
  resolve: () => void;
  reject: (error: unknown) => void;
}

interface Batcher {
  queue: Pending[];
  flushing: boolean;
}

const batchers = new WeakMap<Database, Batcher>();

export function recordDecisionEvent(db: Database, input: AuditEventInput): Promise<void> {
  let batcher = batchers.get(db);
  if (!batcher) batchers.set(db, (batcher = { queue: [], flushing: false }));
  const done = new Promise<void>((resolve, reject) => batcher.queue.push({ input, resolve, reject }));
  // Classic group commit, no timers: with no write in flight this event is written at once; events
  // arriving while one is in flight wait for it and then go together in the next.
  if (!batcher.flushing) void drain(db, batcher);
  return done;
}

async function drain(db: Database, batcher: Batcher) {
  batcher.flushing = true;
  try {
    while (batcher.queue.length > 0) await flush(db, batcher.queue.splice(0));
  } finally {
    batcher.flushing = false;
  }
}

async function flush(db: Database, batch: Pending[]) {
  const byOrganisation = new Map<string, Pending[]>();
  for (const pending of batch) {
    const key = pending.input.organisationId;
    byOrganisation.set(key, [...(byOrganisation.get(key) ?? []), pending]);
  }
  await Promise.all(
    [...byOrganisation.values()].map(async (group) => {
      try {
        await db.transaction(async (tx) => {
          // Decision records, not changes: no wait for the disk flush while the chain is locked.
          // The chain stays consistent; a crash could lose the last few milliseconds of them.
          await tx.execute(sql`set local synchronous_commit = off`);
          await appendAuditEvents(tx, group.map((pending) => pending.input));
        });
        for (const pending of group) pending.resolve();
      } catch (error) {
        for (const pending of group) pending.reject(error);
      }
    }),
  );
}
