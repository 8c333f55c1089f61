import { and, count, eq, gt, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { accessRequests, organisations, policies } from "@/db/schema";
import { countInbox } from "@/lib/approvals/count-inbox";
import type { Actor } from "@/lib/auth/roles";

/** The figures at the top of the dashboard, for this person in their organisation. */
export async function getDashboardSummary(db: Database, actor: Actor) {
  const [org, policyCount, myActive, waitingForMe] = await Promise.all([
    db.query.organisations.findFirst({ where: eq(organisations.id, actor.organisationId) }),
    db.select({ value: count() }).from(policies).where(eq(policies.organisationId, actor.organisationId)),
    db
      .select({ value: count() })
      .from(accessRequests)
      .where(
        and(
          eq(accessRequests.requesterId, actor.userId),
          eq(accessRequests.status, "approved"),
          gt(accessRequests.endsAt, sql`now()`),
        ),
      ),
    countInbox(db, { actor }),
  ]);
  return {
    pamEnabled: org?.pamEnabled ?? false,
    policyCount: policyCount[0]?.value ?? 0,
    policyLimit: org?.policyLimit ?? 0,
    myActiveGrants: myActive[0]?.value ?? 0,
    waitingForMe,
  };
}
