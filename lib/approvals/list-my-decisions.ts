import { desc, eq, inArray } from "drizzle-orm";
import type { Database } from "@/db/client";
import { accessRequests, approvals } from "@/db/schema";
import type { Actor } from "@/lib/auth/roles";
import { selectRequestViews } from "@/lib/requests/request-view";

/** The approver's own decisions, newest first, with the requests they were about. */
export async function listMyDecisions(db: Database, { actor, limit = 50 }: { actor: Actor; limit?: number }) {
  const mine = await db
    .select({ requestId: approvals.requestId, decision: approvals.decision, comment: approvals.comment, at: approvals.createdAt })
    .from(approvals)
    .where(eq(approvals.approverId, actor.userId))
    .orderBy(desc(approvals.createdAt))
    .limit(limit);
  if (mine.length === 0) return [];
  const requests = await selectRequestViews(db, actor.organisationId, inArray(accessRequests.id, mine.map((m) => m.requestId)));
  return mine.flatMap((decision) => {
    const request = requests.find((r) => r.id === decision.requestId);
    return request ? [{ ...decision, at: decision.at.toISOString(), request }] : [];
  });
}
