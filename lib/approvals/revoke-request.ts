import { eq, sql } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { accessRequests } from "@/db/schema";
import { auditActorOf } from "@/lib/audit/audit-actor";
import { auditOf, auditedTransaction } from "@/lib/audit/audited-transaction";
import { can, refusalOf } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/roles";
import { DomainError } from "@/lib/errors";
import { notifyRequestRevoked } from "@/lib/notify/notify-request-ended";
import { aboutRequest } from "@/lib/requests/about-request";
import { lockRequest, requestNotFound } from "@/lib/requests/find-request";
import { endLaterWindows, lockLaterWindows, stillOpen } from "@/lib/requests/later-windows";
import { commentInput } from "@/lib/requests/request-input";
import { selectRequestView } from "@/lib/requests/request-view";
import { parseInput } from "@/lib/validation";
import { isApproverOf } from "./authorize-approver";

/**
 * Revoke-ElevatedAccessAuthorization: ends an approved window now (or cancels a scheduled one).
 * The very next access decision reads the new status. What would continue the window ends with
 * it: a scheduled extension is revoked too and a pending one cancelled, each audited, because a
 * revoked grant must not come back when its extension starts. Revoking an extension alone leaves
 * the window it extends as it is.
 */
export async function revokeRequest(
  db: Database,
  { actor, requestId, comment }: { actor: Actor; requestId: string; comment: string },
) {
  const input = parseInput(commentInput(true), { comment });
  return auditedTransaction(db, async (tx) => {
    const { request } = await lockRequest(tx, actor.organisationId, requestId);
    if (!can(actor, "revoke") && !(await isApproverOf(tx, actor, request))) {
      if (request.requesterId === actor.userId) throw refusalOf("revoke");
      throw requestNotFound();
    }
    const [{ open }] = (await tx
      .select({ open: sql<boolean>`${accessRequests.endsAt} > now()` })
      .from(accessRequests)
      .where(eq(accessRequests.id, request.id))) as [{ open: boolean }];
    if (request.status !== "approved" || !open) {
      throw new DomainError("conflict:not-active", "Only an approved window that has not ended can be revoked.");
    }
    const later = await lockLaterWindows(tx, actor.organisationId, request.id);
    const view = await markRevoked(tx, actor, request.id, input.comment!, {
      details: stillOpen(later).length ? { extensionsEnded: stillOpen(later).map((l) => l.request.id) } : {},
    });
    await endLaterWindows(tx, actor, later, {
      why: { reason: "The window it extends was revoked.", revokedWith: request.id },
      // One email for the revocation: the holder is told once that their access ended.
      endApproved: (extension) =>
        markRevoked(tx, actor, extension.id, input.comment!, { details: { revokedWith: request.id }, notify: false }),
    });
    return view;
  });
}

/**
 * Ends an approved window the caller has locked and found open: status `revoked` now, audited as
 * `request.revoked` by `actor` with the comment (and `details`), and its holder told unless
 * `notify` is false (an extension revoked with its window: one email says both).
 */
export async function markRevoked(
  tx: Transaction,
  actor: Actor,
  requestId: string,
  comment: string,
  { details = {}, notify = true }: { details?: Record<string, unknown>; notify?: boolean } = {},
) {
  await tx
    .update(accessRequests)
    .set({ status: "revoked", revokedBy: actor.userId, revokedAt: sql`now()`, revocationComment: comment })
    .where(eq(accessRequests.id, requestId));
  const view = (await selectRequestView(tx, actor.organisationId, requestId))!;
  auditOf(tx).record({
    organisationId: actor.organisationId,
    actor: auditActorOf(actor),
    action: "request.revoked",
    targetType: "request",
    targetId: requestId,
    details: { ...aboutRequest(view), comment, ...details },
  });
  if (notify) await notifyRequestRevoked(tx, { organisationId: actor.organisationId, view });
  return view;
}
