/**
 * Group commit for high-volume decision records (`access.checked`): events that arrive together
 * are appended to the chain in one statement instead of one transaction each. Each caller's
 * promise resolves only once its event is committed, so an answer is never given before its
 * record exists.
 *
 * The batcher remembers where it last left each organisation's chain, and appends after that head
 * in a single statement that writes only if the head is still there (`appendAfterKnownHead`). A
 * change, or another instance, that wrote in between makes it miss; that batch then goes under
 * the chain-head lock like any other write, and the head it leaves is remembered instead.
 *
 * Changes never come through here: they append their event inside their own transaction.
 */
import type { Database } from "@/db/client";
import { isDataException } from "@/db/data-exception";
import { type AuditEventInput, type ChainHead, appendAfterKnownHead, appendAuditEvents, headAfter } from "./append-audit-event";

interface Pending {
  input: AuditEventInput;
  resolve: () => void;
  reject: (error: unknown) => void;
}

interface Batcher {
  queue: Pending[];
  flushing: boolean;
  /** Where this batcher last left each organisation's chain. */
  heads: Map<string, ChainHead>;
}

const batchers = new WeakMap<Database, Batcher>();

export function recordDecisionEvent(db: Database, input: AuditEventInput): Promise<void> {
  let batcher = batchers.get(db);
  if (!batcher) batchers.set(db, (batcher = { queue: [], flushing: false, heads: new Map() }));
  const done = new Promise<void>((resolve, reject) => batcher.queue.push({ input, resolve, reject }));
  // Classic group commit, no timers: with no write in flight this event is written at once; events
  // arriving while one is in flight wait for it and then go together in the next.
  if (!batcher.flushing) void drain(db, batcher);
  return done;
}

async function drain(db: Database, batcher: Batcher) {
  batcher.flushing = true;
  try {
    while (batcher.queue.length > 0) await flush(db, batcher, batcher.queue.splice(0));
  } finally {
    batcher.flushing = false;
  }
}

async function flush(db: Database, batcher: Batcher, batch: Pending[]) {
  const byOrganisation = new Map<string, Pending[]>();
  for (const pending of batch) {
    const key = pending.input.organisationId;
    byOrganisation.set(key, [...(byOrganisation.get(key) ?? []), pending]);
  }
  await Promise.all(
    [...byOrganisation].map(async ([organisationId, group]) => {
      try {
        await append(db, batcher, organisationId, group);
      } catch (error) {
        // One record Postgres refuses must not fail the checks it was batched with: the statement
        // wrote nothing, so each goes again on its own. Any other failure may have landed, and is
        // answered as it is rather than risk writing a record twice.
        if (group.length === 1 || !isDataException(error)) return rejectAll(group, error);
        for (const pending of group) await append(db, batcher, organisationId, [pending]).catch((e) => rejectAll([pending], e));
      }
    }),
  );
}

async function append(db: Database, batcher: Batcher, organisationId: string, group: Pending[]) {
  const inputs = group.map((pending) => pending.input);
  try {
    const known = batcher.heads.get(organisationId);
    const appended =
      (known && (await appendAfterKnownHead(db, known, inputs))) ??
      (await db.transaction((tx) => appendAuditEvents(tx, inputs)));
    batcher.heads.set(organisationId, headAfter(appended));
    for (const pending of group) pending.resolve();
  } catch (error) {
    // Whether it landed is unknown: learn the head again under the lock next time.
    batcher.heads.delete(organisationId);
    throw error;
  }
}

function rejectAll(group: Pending[], error: unknown) {
  for (const pending of group) pending.reject(error);
}

