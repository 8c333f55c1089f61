import { eq, sql } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { accessRequests } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { auditActorOf } from "@/lib/audit/audit-actor";
import { type Actor, isAdmin } from "@/lib/auth/roles";
import { DomainError } from "@/lib/errors";
import { notifyRequestRevoked } from "@/lib/notify/notify-request-ended";
import { lockRequest, requestNotFound } from "@/lib/requests/find-request";
import { commentInput } from "@/lib/requests/request-input";
import { aboutRequest } from "@/lib/requests/about-request";
import { selectRequestView } from "@/lib/requests/request-view";
import { parseInput } from "@/lib/validation";
import { isApproverOf } from "./authorize-approver";

/**
 * Revoke-ElevatedAccessAuthorization: ends an approved window now (or cancels a scheduled one).
 * The very next access decision reads the new status.
 */
export async function revokeRequest(
  db: Database,
  { actor, requestId, comment }: { actor: Actor; requestId: string; comment: string },
) {
  const input = parseInput(commentInput(true), { comment });
  return db.transaction(async (tx) => {
    const { request } = await lockRequest(tx, actor.organisationId, requestId);
    if (!isAdmin(actor) && !(await isApproverOf(tx, actor, request))) {
      if (request.requesterId === actor.userId) {
        throw new DomainError("forbidden:revoke", "Only the policy's approvers and administrators revoke access.");
      }
      throw requestNotFound();
    }
    const [{ open }] = (await tx
      .select({ open: sql<boolean>`${accessRequests.endsAt} > now()` })
      .from(accessRequests)
      .where(eq(accessRequests.id, request.id))) as [{ open: boolean }];
    if (request.status !== "approved" || !open) {
      throw new DomainError("conflict:not-active", "Only an approved window that has not ended can be revoked.");
    }
    return markRevoked(tx, actor, request.id, input.comment!);
  });
}

/**
 * Ends an approved window the caller has locked and found open: status `revoked` now, audited as
 * `request.revoked` by `actor` with the comment, and its holder told.
 */
export async function markRevoked(tx: Transaction, actor: Actor, requestId: string, comment: string) {
  await tx
    .update(accessRequests)
    .set({ status: "revoked", revokedBy: actor.userId, revokedAt: sql`now()`, revocationComment: comment })
    .where(eq(accessRequests.id, requestId));
  const view = (await selectRequestView(tx, actor.organisationId, requestId))!;
  await appendAuditEvent(tx, {
    organisationId: actor.organisationId,
    actor: auditActorOf(actor),
    action: "request.revoked",
    targetType: "request",
    targetId: requestId,
    details: { ...aboutRequest(view), comment },
  });
  await notifyRequestRevoked(tx, actor.organisationId, requestId);
  return view;
}
