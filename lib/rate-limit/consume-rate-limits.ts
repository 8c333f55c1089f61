import { sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { preparedRows } from "@/db/prepared-query";
import { DomainError } from "@/lib/errors";

export interface RateLimit {
  key: string;
  limit: number;
  windowSeconds: number;
}

/**
 * Counts one attempt against each limit (fixed windows, kept in Postgres so every instance shares
 * them) and throws `rate-limited:<key kind>` with the seconds until the window resets when any is
 * exceeded. Limits of one window length share one statement, prepared once per connection: it runs
 * on every API call.
 */
export async function consumeRateLimits(db: Executor, limits: RateLimit[]) {
  const seconds = [...new Set(limits.map((limit) => limit.windowSeconds))];
  const counted = await Promise.all(
    seconds.map((s) => countAttempts(db, s, limits.filter((limit) => limit.windowSeconds === s).map((limit) => limit.key))),
  );
  for (const row of counted.flat()) {
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

/** One more attempt on each key: a new window when the old one is over, else one more in it. */
function countAttempts(db: Executor, seconds: number, keys: string[]) {
  return preparedRows<{ key: string; count: number; retry_after: number }>(db, "elevate_count_attempts", sql`
    insert into rate_limits as r (key, window_start, count)
    select key, now(), 1 from unnest(${sql.param(keys)}::text[]) as key
    on conflict (key) do update set
      count = case when r.window_start <= now() - make_interval(secs => ${seconds}) then 1 else r.count + 1 end,
      window_start = case when r.window_start <= now() - make_interval(secs => ${seconds}) then now() else r.window_start end
    returning key, count, ceil(extract(epoch from (window_start + make_interval(secs => ${seconds}) - now())))::int as retry_after`);
}
