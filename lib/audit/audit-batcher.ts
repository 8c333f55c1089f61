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

const queues = new WeakMap<Database, Pending[]>();

export function recordDecisionEvent(db: Database, input: AuditEventInput): Promise<void> {
  let queue = queues.get(db);
  const first = !queue || queue.length === 0;
  if (!queue) queues.set(db, (queue = []));
  const done = new Promise<void>((resolve, reject) => queue!.push({ input, resolve, reject }));
  // The first event of a batch schedules the flush; everything arriving before it runs joins it.
  if (first) setImmediate(() => void flush(db));
  return done;
}

async function flush(db: Database) {
  const batch = queues.get(db)?.splice(0) ?? [];
  if (batch.length === 0) return;
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
