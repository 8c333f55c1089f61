import type { Database, Transaction } from "@/db/client";
import { type Audit, auditedTransaction } from "@/lib/audit/audited-transaction";
import { DomainError } from "@/lib/errors";

/**
 * Runs a decision in a transaction where some refusals must still commit what they found (a request
 * that expired is marked expired, and audited, even though the decision is refused). The work returns
 * `{ refuse }` to commit and then throw it. An audited transaction: what it recorded is appended
 * just before the commit, refusal or not.
 */
export async function commitThenRefuse<T>(
  db: Database,
  work: (tx: Transaction, audit: Audit) => Promise<T | { refuse: DomainError }>,
): Promise<T> {
  const outcome = await auditedTransaction(db, work);
  if (outcome && typeof outcome === "object" && "refuse" in outcome && outcome.refuse instanceof DomainError) {
    throw outcome.refuse;
  }
  return outcome as T;
}
