import { and, eq, gt, inArray, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { accessRequests, organisations } from "@/db/schema";
import { selectRequestViews } from "@/lib/requests/request-view";
import { enqueueEmails } from "./enqueue-email";
import { requestsLink } from "./links";

/**
 * Run by the sweeper: warns the holder of each active window that ends within its organisation's
 * `endingSoonNoticeMinutes` (0 turns the warning off). The event key `access-ending-soon:<id>` makes
 * it idempotent: later sweeps, and other instances sweeping at once, find the message written.
 * Skipped: windows no longer than the notice (their approval email said when they end), windows
 * an approved extension continues, and holders whose membership is disabled.
 */
export async function queueEndingSoon(db: Database, { batch = 200 } = {}) {
  let total = 0;
  for (;;) {
    const due = await db
      .select({
        id: accessRequests.id,
        organisationId: accessRequests.organisationId,
        minutesLeft: sql<number>`ceil(extract(epoch from (${accessRequests.endsAt} - now())) / 60)::int`,
      })
      .from(accessRequests)
      .innerJoin(organisations, eq(organisations.id, accessRequests.organisationId))
      .where(
        and(
          eq(accessRequests.status, "approved"),
          gt(organisations.endingSoonNoticeMinutes, 0),
          sql`${accessRequests.startsAt} <= now()`,
          sql`${accessRequests.endsAt} > now()`,
          sql`${accessRequests.endsAt} <= now() + make_interval(mins => ${organisations.endingSoonNoticeMinutes})`,
          sql`${accessRequests.durationMinutes} > ${organisations.endingSoonNoticeMinutes}`,
          sql`coalesce((${organisations.notificationSettings} ->> 'access-ending-soon')::boolean, true)`,
          sql`not exists (select 1 from email_outbox e where e.event_key = 'access-ending-soon:' || ${accessRequests.id}::text)`,
          sql`not exists (select 1 from access_requests x where x.extends_request_id = ${accessRequests.id} and x.status = 'approved')`,
          sql`exists (select 1 from memberships m where m.organisation_id = ${accessRequests.organisationId} and m.user_id = ${accessRequests.requesterId} and m.disabled_at is null)`,
        ),
      )
      .limit(batch);
    if (due.length === 0) return total;
    const written = await db.transaction(async (tx) => {
      let count = 0;
      // One read of the views and one insert per organisation in the batch, not per window.
      for (const organisationId of new Set(due.map((row) => row.organisationId))) {
        const mine = due.filter((row) => row.organisationId === organisationId);
        const minutesLeft = new Map(mine.map((row) => [row.id, row.minutesLeft]));
        const views = await selectRequestViews(tx, organisationId, inArray(accessRequests.id, [...minutesLeft.keys()]), { limit: batch });
        count += await enqueueEmails(
          tx,
          organisationId,
          views.map((view) => ({
            eventKey: `access-ending-soon:${view.id}`,
            to: [view.requester],
            email: {
              kind: "access-ending-soon",
              props: { request: view, minutesLeft: Math.max(1, minutesLeft.get(view.id)!), link: requestsLink(view.id) },
            },
          })),
        );
      }
      return count;
    });
    total += written;
    // Each pass writes the rows it found, so the next finds new ones only; a short pass was the last.
    if (due.length < batch || written === 0) return total;
  }
}
