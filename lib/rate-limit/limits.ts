import { config } from "@/lib/config";
import type { RateLimit } from "./consume-rate-limits";

/** The API's limits: per token, and (more loosely, since several people may share an address) per address. */
export function apiLimits({ ip, tokenKey }: { ip: string; tokenKey?: string }): RateLimit[] {
  const perMinute = config().rateLimits.apiPerMinute;
  const limits: RateLimit[] = [{ key: `api:ip:${ip}`, limit: perMinute * 2, windowSeconds: 60 }];
  if (tokenKey) limits.push({ key: `api:token:${tokenKey}`, limit: perMinute, windowSeconds: 60 });
  return limits;
}

/** Sign-in attempts per address, and per address asked for, in 15-minute windows. */
export function signInLimits({ ip, email }: { ip: string; email?: string }): RateLimit[] {
  const limit = config().rateLimits.signInPer15Minutes;
  const limits: RateLimit[] = [{ key: `sign-in:ip:${ip}`, limit, windowSeconds: 900 }];
  if (email) limits.push({ key: `sign-in:email:${email.toLowerCase()}`, limit: Math.max(3, Math.floor(limit / 4)), windowSeconds: 900 });
  return limits;
}

/**
 * One-click demo sign-ins per address in 15-minute windows. A newcomer switching demo roles signs in
 * far more often than anyone does for real, so these are bounded apart from (and far above) the
 * sign-in limits, which they never touch: only a loop reaches this. Never tighter than a sign-in
 * limit raised by configuration (the browser tests raise it to sign in hundreds of times).
 */
export const DEMO_SIGN_INS_PER_15_MINUTES = 300;

export function demoSignInLimits({ ip }: { ip: string }): RateLimit[] {
  const limit = Math.max(DEMO_SIGN_INS_PER_15_MINUTES, config().rateLimits.signInPer15Minutes);
  return [{ key: `demo-sign-in:ip:${ip}`, limit, windowSeconds: 900 }];
}
