import { sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { MAX_WINDOW_SECONDS } from "./consume-rate-limits";

/**
 * Deletes counters whose window is over: a row per key ever limited (every distinct bearer string,
 * address and email asked for) otherwise stays forever. A row is old enough once its window start
 * is further back than the longest window any limit may have, so only windows that are over go, and
 * deleting one is what its next attempt would do anyway (start a new window at 1).
 *
 * In batches, each its own short statement that skips rows a request is counting on, and at most
 * `maxBatches` of them per call: the sweeper comes back a minute later for the rest.
 */
export async function pruneRateLimits(db: Executor, { batchSize = 5000, maxBatches = 20 } = {}): Promise<number> {
  let total = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    const result = await db.execute(sql`
      with gone as (
        delete from rate_limits where key in (
          select key from rate_limits
          where window_start < now() - make_interval(secs => ${MAX_WINDOW_SECONDS})
          limit ${batchSize}
          for update skip locked
        )
        returning 1
      )
      select count(*)::int as count from gone`);
    const deleted = Number((result as unknown as { rows: { count: number }[] }).rows[0]?.count ?? 0);
    total += deleted;
    if (deleted < batchSize) break;
  }
  return total;
}
