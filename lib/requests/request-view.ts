/**
 * The API's Request object. Status and `active` are judged with the database clock at read time:
 * a pending request past its lifetime reads as expired whether or not the sweeper has run.
 */
import { type SQL, and, asc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "@/db/client";
import { accessRequests, approvals, auditEvents, roleGroups, roles, scopes, tasks, users } from "@/db/schema";
import { toApiTargetType } from "@/lib/catalog/target-types";
import { hoursOf } from "@/lib/validation";

const requester = alias(users, "requester");
const revoker = alias(users, "revoker");
const approver = alias(users, "approver");
/** The window an extension continues. */
const extended = alias(accessRequests, "extended");

export const effectiveStatus = sql<
  "pending" | "approved" | "denied" | "cancelled" | "expired" | "revoked"
>`case when ${accessRequests.status} = 'pending' and ${accessRequests.pendingUntil} <= now() then 'expired' else ${accessRequests.status}::text end`;

export const isActive = sql<boolean>`(${accessRequests.status} = 'approved' and ${accessRequests.startsAt} <= now() and ${accessRequests.endsAt} > now())`;

/** Approved, and its window has not begun yet (a scheduled extension): judged by the database clock, as `active` is. */
export const isScheduled = sql<boolean>`coalesce(${accessRequests.status} = 'approved' and ${accessRequests.startsAt} > now(), false)`;

/**
 * When its requester released the window early (`request.released`), read from the audit log: the
 * release keeps status `approved` and moves `endsAt` to the moment of release, so the log is what
 * tells a released window from one that ran its course.
 */
const releasedAt = sql<Date | string | null>`(select max(${auditEvents.at}) from ${auditEvents}
  where ${auditEvents.organisationId} = ${accessRequests.organisationId}
    and ${auditEvents.targetId} = ${accessRequests.id}::text
    and ${auditEvents.action} = 'request.released')`;

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
      scheduled: isScheduled,
      requester: requester.email,
      revokedBy: revoker.email,
      scope: scopes.name,
      target: sql<string>`coalesce(${tasks.name}, ${roles.name}, ${roleGroups.name})`,
      releasedAt,
      extended: {
        id: extended.id,
        status: extended.status,
        startsAt: extended.startsAt,
        endsAt: extended.endsAt,
        active: sql<boolean>`(${extended.status} = 'approved' and ${extended.startsAt} <= now() and ${extended.endsAt} > now())`,
      },
    })
    .from(accessRequests)
    .innerJoin(requester, eq(requester.id, accessRequests.requesterId))
    .leftJoin(extended, eq(extended.id, accessRequests.extendsRequestId))
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
    scheduled: row.scheduled,
    requiredApprovals: request.requiredApprovals,
    approvals: decisions
      .filter((d) => d.requestId === request.id)
      .map((d) => ({ by: d.by, decision: d.decision, comment: d.comment, at: d.at.toISOString() })),
    revokedBy: row.revokedBy,
    revokedAt: request.revokedAt?.toISOString() ?? null,
    revocationComment: request.revocationComment,
    extendsRequestId: request.extendsRequestId,
    /** The window this extension continues, as it stands now: an approver sees what they lengthen. */
    extendsWindow: row.extended?.id
      ? {
          id: row.extended.id,
          status: row.extended.status,
          startsAt: row.extended.startsAt?.toISOString() ?? null,
          endsAt: row.extended.endsAt?.toISOString() ?? null,
          active: row.extended.active,
        }
      : null,
    releasedAt: row.releasedAt ? new Date(row.releasedAt).toISOString() : null,
  }));
}

export type RequestView = Awaited<ReturnType<typeof selectRequestViews>>[number];

export async function selectRequestView(db: Executor, organisationId: string, requestId: string) {
  const [view] = await selectRequestViews(db, organisationId, eq(accessRequests.id, requestId), { limit: 1 });
  return view;
}
