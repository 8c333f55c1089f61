import type { Database, Transaction } from "@/db/client";
import { DomainError } from "@/lib/errors";

/**
 * Runs a decision in a transaction where some refusals must still commit what they found (a request
 * that expired is marked expired, and audited, even though the decision is refused). The work returns
 * `{ refuse }` to commit and then throw it.
 */
export async function commitThenRefuse<T>(
  db: Database,
  work: (tx: Transaction) => Promise<T | { refuse: DomainError }>,
): Promise<T> {
  const outcome = await db.transaction(work);
  if (outcome && typeof outcome === "object" && "refuse" in outcome && outcome.refuse instanceof DomainError) {
    throw outcome.refuse;
  }
  return outcome as T;
}
