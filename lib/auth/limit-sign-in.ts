import type { Database } from "@/db/client";
import { consumeRateLimits } from "@/lib/rate-limit/consume-rate-limits";
import { signInLimits } from "@/lib/rate-limit/limits";

/**
 * Counts a sign-in attempt; throws `rate-limited:sign-in-…` past the limit: per client address
 * (when it is known), and per email asked for or, for an Entra sign-in, per identity
 * (`entra:<tid>:<oid>`, limited like an email).
 *
 * Where each is counted: a magic link in lib/notify/send-sign-in-link.ts, whoever asks for it (the
 * sign-in form, or a POST straight to /api/auth/signin/resend); an Entra sign-in when it starts (the
 * button) and again, with its identity, when it comes back from Microsoft (lib/server/auth/auth.ts), so a
 * callback replayed from elsewhere is limited by its own address too.
 */
export async function limitSignIn(
  db: Database,
  { ip, email, identity }: { ip?: string | null; email?: string; identity?: string },
) {
  const limits = signInLimits({ ip: ip ?? "", email: email ?? identity });
  await consumeRateLimits(db, ip == null ? limits.filter((limit) => !limit.key.startsWith("sign-in:ip:")) : limits);
}
