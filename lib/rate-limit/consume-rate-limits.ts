import { sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { DomainError } from "@/lib/errors";

export interface RateLimit {
  key: string;
  limit: number;
  windowSeconds: number;
}

/**
 * Counts one attempt against each limit in a single statement (fixed windows, kept in Postgres so
 * every instance shares them) and throws `rate-limited:<key kind>` with the seconds until the
 * window resets when any is exceeded.
 */
export async function consumeRateLimits(db: Executor, limits: RateLimit[]) {
  if (limits.length === 0) return;
  const rows = sql.join(
    limits.map((l) => sql`(${l.key}, now(), 1, ${l.windowSeconds}::int)`),
    sql`, `,
  );
  const result = (await db.execute(sql`
    with input (key, window_start, count, seconds) as (values ${rows})
    insert into rate_limits (key, window_start, count)
    select key, window_start, count from input
    on conflict (key) do update set
      count = case when rate_limits.window_start <= now() - make_interval(secs => (select seconds from input where input.key = excluded.key))
                   then 1 else rate_limits.count + 1 end,
      window_start = case when rate_limits.window_start <= now() - make_interval(secs => (select seconds from input where input.key = excluded.key))
                   then now() else rate_limits.window_start end
    returning key, count,
      ceil(extract(epoch from (window_start + make_interval(secs => (select seconds from input where input.key = rate_limits.key)) - now())))::int as retry_after`)) as unknown as {
    rows: { key: string; count: number; retry_after: number }[];
  };
  for (const row of result.rows) {
    const limit = limits.find((l) => l.key === row.key)!;
    if (row.count > limit.limit) {
      const kind = row.key.split(":").slice(0, 2).join("-");
      throw new DomainError(
        `rate-limited:${kind}`,
        `Too many requests: try again in ${Math.max(1, row.retry_after)} seconds.`,
        undefined,
        { retryAfterSeconds: Math.max(1, row.retry_after) },
      );
    }
  }
}
