import type { Database } from "@/db/client";
import { expirePendingRequests } from "@/lib/requests/expire-pending-requests";

const EVERY_MS = 60_000;

/**
 * The in-process sweeper: once a minute, marks pending requests past their lifetime as expired.
 * Correctness never waits for it (reads and decisions judge expiry with the database clock);
 * SKIP LOCKED lets every instance run one.
 */
export function startSweeper(db: Database) {
  const sweep = () =>
    expirePendingRequests(db)
      .then((count) => count > 0 && console.log(`[sweeper] marked ${count} pending request(s) expired`))
      .catch((error: unknown) => console.error("[sweeper] failed:", error instanceof Error ? error.message : error));
  void sweep();
  const timer = setInterval(sweep, EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
