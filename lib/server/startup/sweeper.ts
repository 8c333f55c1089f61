import type { Database } from "@/db/client";
import { logger } from "@/lib/log/logger";
import { queueEndingSoon } from "@/lib/notify/queue-ending-soon";
import { pruneRateLimits } from "@/lib/rate-limit/prune-rate-limits";
import { expirePendingRequests } from "@/lib/requests/expire-pending-requests";

const EVERY_MS = 60_000;

/**
 * The in-process sweeper: once a minute, marks pending requests past their lifetime as expired,
 * queues the "access ends soon" emails and deletes rate-limit counters whose window is over.
 * Correctness never waits for it (reads and decisions judge expiry with the database clock);
 * SKIP LOCKED lets every instance run one.
 */
export function startSweeper(db: Database) {
  const sweep = () => void sweepOnce(db);
  sweep();
  const timer = setInterval(sweep, EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/** One sweep: each step runs whether or not the one before failed. Never rejects. */
export function sweepOnce(db: Database): Promise<unknown> {
  const failed = (error: unknown) => logger.error({ err: error }, "sweeper: a sweep failed");
  return expirePendingRequests(db)
    .then((count) => count > 0 && console.log(`[sweeper] marked ${count} pending request(s) expired`))
    .catch(failed)
    .then(() => queueEndingSoon(db))
    .then((count) => count > 0 && console.log(`[sweeper] queued ${count} "access ends soon" email(s)`))
    .catch(failed)
    .then(() => pruneRateLimits(db))
    .catch(failed);
}
