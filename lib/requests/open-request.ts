/**
 * Writes a new request under its policy: the one-open-request rule, the insert, the audit event and,
 * for an automatic policy, the system's approval. Shared by a new request and an extension.
 */
import { and, eq, gt, isNull, ne, or, sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { type Policy, accessRequests, memberships } from "@/db/schema";
import { SYSTEM_ACTOR } from "@/lib/audit/append-audit-event";
import { auditActorOf } from "@/lib/audit/audit-actor";
import { auditOf } from "@/lib/audit/audited-transaction";
import type { Actor } from "@/lib/auth/roles";
import type { ResolvedTarget } from "@/lib/catalog/resolve-target";
import { toApiTargetType } from "@/lib/catalog/target-types";
import { DomainError } from "@/lib/errors";
import { notifyRequestOpened } from "@/lib/notify/notify-request-opened";
import { formatRelative } from "@/lib/time/format-time";
import { hoursOf } from "@/lib/validation";
import { approveAndOpenWindow } from "./open-window";
import { selectRequestView } from "./request-view";

export interface OpenRequestInput {
  actor: Actor;
  target: ResolvedTarget;
  policy: Policy;
  durationMinutes: number;
  reason: string;
  ticket: string | null;
  requestedStartAt: Date | null;
  /** For an extension: the active request it continues, which may stay open beside it. */
  extendsRequestId?: string;
}

export async function openRequest(tx: Transaction, input: OpenRequestInput) {
  const { actor, target, policy } = input;
  // The requester's membership row is the lock: twenty requests at once from one person queue
  // here, so the check below sees every earlier one and exactly one gets through.
  const [membership] = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(
      and(
        eq(memberships.organisationId, actor.organisationId),
        eq(memberships.userId, actor.userId),
        isNull(memberships.disabledAt),
      ),
    )
    .for("update");
  if (!membership) throw new DomainError("forbidden:not-a-member", "Your membership is disabled.");

  const sameTarget = and(
    eq(accessRequests.organisationId, actor.organisationId),
    eq(accessRequests.requesterId, actor.userId),
    eq(accessRequests.targetType, target.type),
    eq(
      target.type === "task" ? accessRequests.taskId : target.type === "role" ? accessRequests.roleId : accessRequests.roleGroupId,
      target.id,
    ),
  );
  const openPending = and(eq(accessRequests.status, "pending"), gt(accessRequests.pendingUntil, sql`now()`));
  const openGrant = and(eq(accessRequests.status, "approved"), gt(accessRequests.endsAt, sql`now()`));
  const [existing] = await tx
    .select({
      id: accessRequests.id,
      status: accessRequests.status,
      createdAt: accessRequests.createdAt,
      startsAt: accessRequests.startsAt,
      endsAt: accessRequests.endsAt,
      now: sql<Date | string>`now()`,
    })
    .from(accessRequests)
    .where(
      and(
        sameTarget,
        input.extendsRequestId
          ? and(openPending, ne(accessRequests.id, input.extendsRequestId))
          : or(openPending, openGrant),
      ),
    )
    .limit(1);
  if (existing) {
    // The person reads where their request stands; the id is for scripts and the screen's link.
    throw new DomainError("conflict:request-exists", existingRequestMessage(target.name, existing), undefined, {
      requestId: existing.id,
      status: existing.status,
    });
  }

  const [row] = await tx
    .insert(accessRequests)
    .values({
      organisationId: actor.organisationId,
      policyId: policy.id,
      requesterId: actor.userId,
      targetType: target.type,
      ...target.columns,
      approverGroupId: policy.approverGroupId,
      requiredApprovals: policy.requiredApprovals,
      durationMinutes: input.durationMinutes,
      reason: input.reason,
      ticket: input.ticket,
      requestedStartAt: input.requestedStartAt,
      pendingUntil: sql`now() + make_interval(mins => ${policy.pendingLifetimeMinutes})`,
      extendsRequestId: input.extendsRequestId ?? null,
    })
    .returning({ id: accessRequests.id });
  const requestId = row!.id;
  // What every request event carries (aboutRequest), read from what is at hand: the actor is the requester.
  const about = {
    type: toApiTargetType(target.type),
    scope: target.scopeName,
    target: target.name,
    requester: actor.email,
    policyId: policy.id,
  };
  auditOf(tx).record({
    organisationId: actor.organisationId,
    actor: auditActorOf(actor),
    action: input.extendsRequestId ? "request.extended" : "request.created",
    targetType: "request",
    targetId: requestId,
    details: {
      ...about,
      durationHours: hoursOf(input.durationMinutes),
      reason: input.reason,
      ticket: input.ticket,
      startsAt: input.requestedStartAt?.toISOString(),
      extends: input.extendsRequestId,
    },
  });

  if (policy.approvalType === "auto") {
    await approveAndOpenWindow(tx, requestId);
    auditOf(tx).record({
      organisationId: actor.organisationId,
      actor: SYSTEM_ACTOR,
      action: "request.approved",
      targetType: "request",
      targetId: requestId,
      details: { ...about, automatic: true },
    });
  }
  // In this transaction: the email exists exactly when the request does.
  const view = (await selectRequestView(tx, actor.organisationId, requestId))!;
  await notifyRequestOpened(tx, { organisationId: actor.organisationId, view, approverGroupId: policy.approverGroupId });
  return view;
}

/**
 * "You already have a request for New-JournalRule waiting for approval (sent 12 min ago)…": where
 * the blocking request stands, in relative times (by the database clock), which need no time zone.
 */
function existingRequestMessage(
  targetName: string,
  existing: { status: string; createdAt: Date; startsAt: Date | null; endsAt: Date | null; now: Date | string },
) {
  const now = new Date(existing.now);
  const ago = (at: Date) => (formatRelative(at, now) === "now" ? "just now" : formatRelative(at, now));
  if (existing.status === "pending") {
    return `You already have a request for ${targetName} waiting for approval (sent ${ago(existing.createdAt)}). Open it in My requests, or cancel it to ask again.`;
  }
  if (existing.startsAt && existing.startsAt.getTime() > now.getTime()) {
    return `You already have access to ${targetName}: a window that opens ${formatRelative(existing.startsAt, now)}. Open it in My requests instead of asking again.`;
  }
  return `You already have access to ${targetName}: an open window that ends ${formatRelative(existing.endsAt!, now)}. Extend it instead of asking again.`;
}
