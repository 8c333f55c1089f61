import { and, count, eq, gt, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { accessRequests, organisations, policies } from "@/db/schema";
import { countInbox } from "@/lib/approvals/count-inbox";
import { can } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/roles";

/**
 * The figures at the top of the dashboard, for this person in their organisation. The policy
 * count against the organisation's limit is for those who manage policies: nobody else can act on
 * it, so nobody else is given it (null).
 */
export async function getDashboardSummary(db: Database, actor: Actor) {
  const managesPolicies = can(actor, "manage-policies");
  const [org, policyCount, myActive, waitingForMe] = await Promise.all([
    db.query.organisations.findFirst({ where: eq(organisations.id, actor.organisationId) }),
    managesPolicies ? db.select({ value: count() }).from(policies).where(eq(policies.organisationId, actor.organisationId)) : null,
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
    policies: policyCount ? { count: policyCount[0]?.value ?? 0, limit: org?.policyLimit ?? 0 } : null,
    myActiveGrants: myActive[0]?.value ?? 0,
    waitingForMe,
  };
}
