import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { authorize } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/roles";

/**
 * Requests per day over the last 30 days (by outcome) and the median time from request to decision
 * for decided requests; for administrators' dashboards.
 */
export async function getRequestStats(db: Database, { actor, days = 30 }: { actor: Actor; days?: number }) {
  authorize(actor, "request-stats");
  const perDay = (await db.execute(sql`
    with days as (
      select generate_series(date_trunc('day', now()) - make_interval(days => ${days - 1}), date_trunc('day', now()), interval '1 day') as day
    )
    select to_char(d.day, 'YYYY-MM-DD') as day,
      count(r.id) filter (where r.status = 'approved' or r.status = 'revoked')::int as approved,
      count(r.id) filter (where r.status = 'denied')::int as denied,
      count(r.id) filter (where r.status not in ('approved', 'revoked', 'denied'))::int as other
    from days d
    left join access_requests r on r.organisation_id = ${actor.organisationId}
      and r.created_at >= d.day and r.created_at < d.day + interval '1 day'
    group by d.day order by d.day`)) as unknown as { rows: { day: string; approved: number; denied: number; other: number }[] };
  const median = (await db.execute(sql`
    select percentile_cont(0.5) within group (order by extract(epoch from (decided_at - created_at))) as seconds,
      count(*)::int as decided
    from access_requests
    where organisation_id = ${actor.organisationId} and decided_at is not null
      and status in ('approved', 'denied', 'revoked') and created_at >= now() - make_interval(days => ${days})`)) as unknown as {
    rows: { seconds: number | string | null; decided: number }[];
  };
  const row = median.rows[0];
  return {
    perDay: perDay.rows,
    medianSecondsToDecision: row?.seconds === null || row?.seconds === undefined ? null : Number(row.seconds),
    decided: row?.decided ?? 0,
  };
}
