import { sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { preparedRows } from "@/db/prepared-query";
import { DomainError } from "@/lib/errors";

export interface RateLimit {
  key: string;
  limit: number;
  windowSeconds: number;
}

export interface AttemptCount {
  key: string;
  count: number;
  retry_after: number;
}

/**
 * The longest window a limit may have. Pruning (`pruneRateLimits`) deletes counters whose window
 * started longer ago than this, so a longer window would be cut short: it is refused instead.
 */
export const MAX_WINDOW_SECONDS = 3600;

/**
 * Counts one attempt against each limit (fixed windows, kept in Postgres so every instance shares
 * them) and throws `rate-limited:<key kind>` with the seconds until the window resets when any is
 * exceeded. Limits of one window length share one statement, prepared once per connection.
 */
export async function consumeRateLimits(db: Executor, limits: RateLimit[]) {
  const seconds = [...new Set(limits.map((limit) => limit.windowSeconds))];
  const counted = await Promise.all(
    seconds.map((s) =>
      preparedRows<AttemptCount>(db, "elevate_count_attempts", countAttemptsSql(s, limits.filter((l) => l.windowSeconds === s))),
    ),
  );
  refuseOverLimit(limits, counted.flat());
}

/**
 * One more attempt on each key of limits sharing one window length: a new window when the old one
 * is over, else one more in it. Returns (key, count, retry_after); other statements embed it.
 */
export function countAttemptsSql(seconds: number, limits: RateLimit[]) {
  if (!(seconds > 0 && seconds <= MAX_WINDOW_SECONDS)) {
    throw new Error(`A rate limit's window must be 1 to ${MAX_WINDOW_SECONDS} seconds (pruning relies on it), not ${seconds}.`);
  }
  const keys = limits.map((limit) => limit.key);
  return sql`
    insert into rate_limits as r (key, window_start, count)
    select key, now(), 1 from unnest(${sql.param(keys)}::text[]) as key
    on conflict (key) do update set
      count = case when r.window_start <= now() - make_interval(secs => ${seconds}) then 1 else r.count + 1 end,
      window_start = case when r.window_start <= now() - make_interval(secs => ${seconds}) then now() else r.window_start end
    returning key, count, ceil(extract(epoch from (window_start + make_interval(secs => ${seconds}) - now())))::int as retry_after`;
}

/** Throws `rate-limited:<key kind>` for the first limit the counts exceed. */
export function refuseOverLimit(limits: RateLimit[], counted: AttemptCount[]) {
  for (const row of counted) {
    const limit = limits.find((l) => l.key === row.key)!;
    if (row.count > limit.limit) {
      const kind = row.key.split(":").slice(0, 2).join("-");
      const retryAfterSeconds = Math.max(1, row.retry_after);
      throw new DomainError(`rate-limited:${kind}`, `Too many requests: try again in ${retryAfterSeconds} seconds.`, undefined, {
        retryAfterSeconds,
      });
    }
  }
}
