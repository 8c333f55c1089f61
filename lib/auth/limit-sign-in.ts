import type { Database } from "@/db/client";
import { consumeRateLimits } from "@/lib/rate-limit/consume-rate-limits";
import { signInLimits } from "@/lib/rate-limit/limits";

/** Counts a sign-in attempt; throws `rate-limited:sign-in-…` past the limit (per address, per email). */
export async function limitSignIn(db: Database, { ip, email }: { ip: string; email?: string }) {
  await consumeRateLimits(db, signInLimits({ ip, email }));
}
