import { and, eq, sql } from "drizzle-orm";
import type { Executor, Transaction } from "@/db/client";
import { type AccessRequest, accessRequests } from "@/db/schema";
import { SYSTEM_ACTOR } from "@/lib/audit/append-audit-event";
import { audited } from "@/lib/audit/audited-transaction";
import { DomainError } from "@/lib/errors";
import { notifyRequestExpired } from "@/lib/notify/notify-request-ended";
import { uuidPattern } from "@/lib/policies/find-policy";
import { aboutRequest } from "./about-request";
import { selectRequestView } from "./request-view";

export const requestNotFound = () =>
  new DomainError("not-found:request", "There is no such request, or you may not see it.");

/**
 * A request of this organisation, row-locked for the rest of the transaction: every decision on one
 * request takes this lock first, so racing decisions are judged one after another by Postgres.
 */
export async function lockRequest(tx: Transaction, organisationId: string, requestId: string) {
  if (!uuidPattern.test(requestId)) throw requestNotFound();
  const [row] = await tx
    .select({ request: accessRequests, lapsed: sql<boolean>`${accessRequests.pendingUntil} <= now()` })
    .from(accessRequests)
    .where(and(eq(accessRequests.id, requestId), eq(accessRequests.organisationId, organisationId)))
    .for("update");
  if (!row) throw requestNotFound();
  return row;
}

export async function findRequest(db: Executor, organisationId: string, requestId: string) {
  if (!uuidPattern.test(requestId)) throw requestNotFound();
  const [row] = await db
    .select()
    .from(accessRequests)
    .where(and(eq(accessRequests.id, requestId), eq(accessRequests.organisationId, organisationId)));
  if (!row) throw requestNotFound();
  return row;
}

/** Marks a pending request whose lifetime ran out as expired, audited as the system, and tells the requester. */
export function markExpired(tx: Transaction, request: AccessRequest) {
  return audited(tx, async (tx, audit) => {
    await tx
      .update(accessRequests)
      .set({ status: "expired", decidedAt: request.pendingUntil })
      .where(and(eq(accessRequests.id, request.id), eq(accessRequests.status, "pending")));
    const view = (await selectRequestView(tx, request.organisationId, request.id))!;
    audit.record({
      organisationId: request.organisationId,
      actor: SYSTEM_ACTOR,
      action: "request.expired",
      targetType: "request",
      targetId: request.id,
      details: { ...aboutRequest(view), pendingUntil: request.pendingUntil.toISOString() },
    });
    await notifyRequestExpired(tx, { organisationId: request.organisationId, view, approverGroupId: request.approverGroupId });
  });
}

/**
 * What every decision on a locked request checks first: refused when it is no longer pending; when
 * its lifetime ran out, marked expired and answered with the refusal to commit (commitThenRefuse).
 * Null when the request is still open to a decision.
 */
export async function refusalUnlessPending(tx: Transaction, { request, lapsed }: { request: AccessRequest; lapsed: boolean }) {
  if (request.status !== "pending") throw alreadyDecided(request.status);
  if (!lapsed) return null;
  await markExpired(tx, request);
  return { refuse: expiredError() };
}

export function alreadyDecided(status: string) {
  return new DomainError("conflict:already-decided", `The request is already ${status}: nothing more can be decided.`);
}

export function expiredError() {
  return new DomainError("conflict:expired", "The request expired before a decision: the requester can ask again.");
}
