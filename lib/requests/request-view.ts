/**
 * The API's Request object. Status and `active` are judged with the database clock at read time:
 * a pending request past its lifetime reads as expired whether or not the sweeper has run.
 */
import { type SQL, and, asc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "@/db/client";
import { accessRequests, approvals, roleGroups, roles, scopes, tasks, users } from "@/db/schema";
import { toApiTargetType } from "@/lib/catalog/target-types";
import { hoursOf } from "@/lib/validation";

const requester = alias(users, "requester");
const revoker = alias(users, "revoker");
const approver = alias(users, "approver");

export const effectiveStatus = sql<
  "pending" | "approved" | "denied" | "cancelled" | "expired" | "revoked"
>`case when ${accessRequests.status} = 'pending' and ${accessRequests.pendingUntil} <= now() then 'expired' else ${accessRequests.status}::text end`;

export const isActive = sql<boolean>`(${accessRequests.status} = 'approved' and ${accessRequests.startsAt} <= now() and ${accessRequests.endsAt} > now())`;

export async function selectRequestViews(
  db: Executor,
  organisationId: string,
  where: SQL | undefined,
  { limit = 500, orderBy = [sql`${accessRequests.createdAt} desc`, sql`${accessRequests.id} desc`] } = {},
) {
  const rows = await db
    .select({
      request: accessRequests,
      status: effectiveStatus,
      active: isActive,
      requester: requester.email,
      revokedBy: revoker.email,
      scope: scopes.name,
      target: sql<string>`coalesce(${tasks.name}, ${roles.name}, ${roleGroups.name})`,
    })
    .from(accessRequests)
    .innerJoin(requester, eq(requester.id, accessRequests.requesterId))
    .leftJoin(revoker, eq(revoker.id, accessRequests.revokedBy))
    .leftJoin(tasks, eq(tasks.id, accessRequests.taskId))
    .leftJoin(roles, eq(roles.id, accessRequests.roleId))
    .leftJoin(roleGroups, eq(roleGroups.id, accessRequests.roleGroupId))
    .innerJoin(
      scopes,
      eq(scopes.id, sql`coalesce(${tasks.scopeId}, ${roles.scopeId}, ${roleGroups.scopeId})`),
    )
    .where(and(eq(accessRequests.organisationId, organisationId), where))
    .orderBy(...orderBy)
    .limit(limit);

  const ids = rows.map((row) => row.request.id);
  const decisions = ids.length
    ? await db
        .select({
          requestId: approvals.requestId,
          by: approver.email,
          decision: approvals.decision,
          comment: approvals.comment,
          at: approvals.createdAt,
        })
        .from(approvals)
        .innerJoin(approver, eq(approver.id, approvals.approverId))
        .where(inArray(approvals.requestId, ids))
        .orderBy(asc(approvals.createdAt))
    : [];

  return rows.map(({ request, ...row }) => ({
    id: request.id,
    policyId: request.policyId,
    type: toApiTargetType(request.targetType),
    scope: row.scope,
    target: row.target,
    requester: row.requester,
    status: row.status,
    durationHours: hoursOf(request.durationMinutes),
    reason: request.reason,
    ticket: request.ticket,
    createdAt: request.createdAt.toISOString(),
    pendingUntil: request.pendingUntil.toISOString(),
    startsAt: request.startsAt?.toISOString() ?? null,
    endsAt: request.endsAt?.toISOString() ?? null,
    active: row.active,
    requiredApprovals: request.requiredApprovals,
    approvals: decisions
      .filter((d) => d.requestId === request.id)
      .map((d) => ({ by: d.by, decision: d.decision, comment: d.comment, at: d.at.toISOString() })),
    revokedBy: row.revokedBy,
    revokedAt: request.revokedAt?.toISOString() ?? null,
    revocationComment: request.revocationComment,
    extendsRequestId: request.extendsRequestId,
  }));
}

export type RequestView = Awaited<ReturnType<typeof selectRequestViews>>[number];

export async function selectRequestView(db: Executor, organisationId: string, requestId: string) {
  const [view] = await selectRequestViews(db, organisationId, eq(accessRequests.id, requestId), { limit: 1 });
  return view;
}
