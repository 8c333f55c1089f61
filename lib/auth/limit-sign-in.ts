import type { Database } from "@/db/client";
import { consumeRateLimits } from "@/lib/rate-limit/consume-rate-limits";
import { signInLimits } from "@/lib/rate-limit/limits";

/**
 * Counts a sign-in attempt; throws `rate-limited:sign-in-…` past the limit: per client address,
 * and per email asked for or, for an Entra sign-in, per identity (`entra:<tid>:<oid>`, limited like
 * an email). An Entra sign-in counts its address when it starts (the button) and its identity when
 * it comes back from Microsoft, so one sign-in costs the address one attempt, as a magic link does.
 */
export async function limitSignIn(db: Database, { ip, email, identity }: { ip?: string; email?: string; identity?: string }) {
  const limits = signInLimits({ ip: ip ?? "", email: email ?? identity });
  await consumeRateLimits(db, ip === undefined ? limits.filter((limit) => !limit.key.startsWith("sign-in:ip:")) : limits);
}
