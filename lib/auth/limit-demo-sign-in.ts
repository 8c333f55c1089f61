import type { Database } from "@/db/client";
import { consumeRateLimits } from "@/lib/rate-limit/consume-rate-limits";
import { demoSignInLimits } from "@/lib/rate-limit/limits";

/**
 * Counts a one-click demo sign-in (the picker, demo mode only); throws `rate-limited:demo-sign-in-ip`
 * past its own generous bound. It never counts against the sign-in limits (limitSignIn): switching
 * roles through the demo must not lock the newcomer, or anyone at their address, out of real sign-in.
 */
export async function limitDemoSignIn(db: Database, { ip }: { ip?: string | null }) {
  await consumeRateLimits(db, demoSignInLimits({ ip: ip ?? "local" }));
}
