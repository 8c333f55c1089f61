import { and, desc, eq, inArray, lte, notInArray, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { accessRequests, memberships, users } from "@/db/schema";
import { effectiveStatus } from "@/lib/requests/request-view";

/** How many of the requester's earlier requests for the same target an approver sees. */
export const RECENT_REQUESTS_SHOWN = 5;

export interface RecentRequest {
  id: string;
  status: "pending" | "approved" | "denied" | "cancelled" | "expired" | "revoked";
  createdAt: string;
}

export interface RequesterContext {
  name: string | null;
  /** A guest of the organisation (memberships.kind), badged for the approver. */
  guest: boolean;
  /** Their latest requests for this same target, in this organisation, newest first; never this one. */
  recent: RecentRequest[];
}

/**
 * Who asks and what they asked for before: for each pending request of the inbox, the requester's
 * display name, whether they are a guest, and their last few requests for the same target (same
 * organisation, same task, role or role group), so an approver can tell a habit from a one-off.
 */
export async function inboxContext(db: Executor, organisationId: string, requestIds: string[]) {
  const context = new Map<string, RequesterContext>();
  if (requestIds.length === 0) return context;
  const asked = await db
    .select({
      id: accessRequests.id,
      requesterId: accessRequests.requesterId,
      targetType: accessRequests.targetType,
      targetId: sql<string>`coalesce(${accessRequests.taskId}, ${accessRequests.roleId}, ${accessRequests.roleGroupId})::text`,
      name: users.name,
      kind: memberships.kind,
    })
    .from(accessRequests)
    .innerJoin(users, eq(users.id, accessRequests.requesterId))
    .leftJoin(memberships, and(eq(memberships.userId, accessRequests.requesterId), eq(memberships.organisationId, organisationId)))
    .where(and(eq(accessRequests.organisationId, organisationId), inArray(accessRequests.id, requestIds)));
  if (asked.length === 0) return context;

  // Each (requester, target)'s newest requests, numbered in one pass; the inbox's own are left out.
  const targetOf = sql<string>`coalesce(${accessRequests.taskId}, ${accessRequests.roleId}, ${accessRequests.roleGroupId})::text`;
  const ranked = db
    .select({
      id: accessRequests.id,
      requesterId: accessRequests.requesterId,
      targetType: accessRequests.targetType,
      targetId: targetOf.as("target_id"),
      status: effectiveStatus.as("effective_status"),
      createdAt: accessRequests.createdAt,
      rank: sql<number>`row_number() over (partition by ${accessRequests.requesterId}, ${accessRequests.targetType}, ${targetOf} order by ${accessRequests.createdAt} desc, ${accessRequests.id} desc)`.as("rank"),
    })
    .from(accessRequests)
    .where(
      and(
        eq(accessRequests.organisationId, organisationId),
        inArray(accessRequests.requesterId, [...new Set(asked.map((a) => a.requesterId))]),
        notInArray(accessRequests.id, requestIds),
      ),
    )
    .as("ranked");
  const earlier = await db
    .select()
    .from(ranked)
    .where(lte(ranked.rank, RECENT_REQUESTS_SHOWN))
    .orderBy(desc(ranked.createdAt), desc(ranked.id));

  for (const request of asked) {
    context.set(request.id, {
      name: request.name,
      guest: request.kind === "guest",
      recent: earlier
        .filter((e) => e.requesterId === request.requesterId && e.targetType === request.targetType && e.targetId === request.targetId)
        .map((e) => ({ id: e.id, status: e.status, createdAt: new Date(e.createdAt).toISOString() })),
    });
  }
  return context;
}
