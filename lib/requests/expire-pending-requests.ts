import { and, eq, lte, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { accessRequests } from "@/db/schema";
import { auditedTransaction } from "@/lib/audit/audited-transaction";
import { markExpired } from "./find-request";

/**
 * The sweeper: marks pending requests whose lifetime ran out as expired (audited). Nothing depends
 * on it for correctness (reads and decisions judge expiry themselves); it makes the stored status
 * match and, with notifications, tells people. Row locks with SKIP LOCKED let several instances
 * sweep at once without doing the same row twice.
 */
export async function expirePendingRequests(db: Database, { batch = 200 } = {}) {
  let total = 0;
  for (;;) {
    const expired = await auditedTransaction(db, async (tx) => {
      const due = await tx
        .select()
        .from(accessRequests)
        .where(and(eq(accessRequests.status, "pending"), lte(accessRequests.pendingUntil, sql`now()`)))
        .limit(batch)
        .for("update", { skipLocked: true });
      for (const request of due) await markExpired(tx, request);
      return due.length;
    });
    total += expired;
    if (expired < batch) return total;
  }
}
