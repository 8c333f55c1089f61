import { eq, sql } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { type AccessRequest, accessRequests } from "@/db/schema";
import { auditActorOf } from "@/lib/audit/audit-actor";
import { auditOf, auditedTransaction } from "@/lib/audit/audited-transaction";
import type { Actor } from "@/lib/auth/roles";
import { DomainError } from "@/lib/errors";
import { notifyRequestReleased } from "@/lib/notify/notify-request-ended";
import { parseInput } from "@/lib/validation";
import { aboutRequest } from "./about-request";
import { lockRequest, requestNotFound } from "./find-request";
import { endLaterWindows, lockLaterWindows, stillOpen } from "./later-windows";
import { commentInput } from "./request-input";
import { isActive, selectRequestView } from "./request-view";

export const releaseRequestInput = commentInput(false);
export interface ReleaseRequestInput {
  /** A note for the approvers (why it is over early); optional. */
  comment?: string | null;
}

/**
 * The requester ends their own window now, before its time: done early, nothing should stay open.
 * Only the requester (to anyone else the request does not exist, as for cancel) and only a window
 * open now. The window keeps status `approved` and ends at the release (`endsAt` moves to now), so
 * the very next access decision refuses. What would continue it ends too: a scheduled extension is
 * released before it begins, a pending one cancelled. Audited as `request.released`; its approvers
 * are emailed.
 */
export async function releaseRequest(
  db: Database,
  { actor, requestId, input = {} }: { actor: Actor; requestId: string; input?: ReleaseRequestInput },
) {
  const data = parseInput(releaseRequestInput, input);
  const comment = data.comment || null;
  const released = await auditedTransaction(db, async (tx) => {
    const { request } = await lockRequest(tx, actor.organisationId, requestId);
    if (request.requesterId !== actor.userId) throw requestNotFound();
    const [{ active }] = (await tx
      .select({ active: isActive })
      .from(accessRequests)
      .where(eq(accessRequests.id, request.id))) as [{ active: boolean }];
    if (!active) {
      throw new DomainError("conflict:not-active", "Only a window that is open now can be released: this one has not started, has ended, or was not approved.");
    }

    const later = await lockLaterWindows(tx, actor.organisationId, request.id);
    const ending = stillOpen(later);
    const scheduledEnd = [request, ...ending.map((l) => l.request)]
      .map((r) => r.endsAt)
      .filter((end): end is Date => end !== null)
      .reduce((latest, end) => (end > latest ? end : latest));
    await markReleased(tx, actor, request, {
      comment,
      ...(ending.length ? { extensionsEnded: ending.map((l) => l.request.id) } : {}),
    });
    await endLaterWindows(tx, actor, later, {
      why: { reason: "Its requester released the window it extends.", releasedWith: request.id },
      endApproved: (extension) => markReleased(tx, actor, extension, { comment, releasedWith: request.id }),
    });
    const view = (await selectRequestView(tx, actor.organisationId, request.id))!;
    await notifyRequestReleased(tx, {
      organisationId: actor.organisationId,
      view,
      approverGroupId: request.approverGroupId,
      scheduledEnd: scheduledEnd.toISOString(),
      extensionsEnded: ending.length,
      comment,
    });
    return view;
  });
  // Read again after the commit: the view takes the release's time from its audit event, which is
  // appended as the transaction ends.
  return (await selectRequestView(db, actor.organisationId, released.id))!;
}

/**
 * Ends a locked approved window at once: it ends now, and one that has not begun (a scheduled
 * extension) begins and ends now, so it never opens. Audited as `request.released`, with the end
 * it had.
 */
async function markReleased(tx: Transaction, actor: Actor, request: AccessRequest, details: Record<string, unknown>) {
  await tx
    .update(accessRequests)
    .set({ startsAt: sql`least(${accessRequests.startsAt}, now())`, endsAt: sql`now()` })
    .where(eq(accessRequests.id, request.id));
  const view = (await selectRequestView(tx, actor.organisationId, request.id))!;
  auditOf(tx).record({
    organisationId: actor.organisationId,
    actor: auditActorOf(actor),
    action: "request.released",
    targetType: "request",
    targetId: request.id,
    details: {
      ...aboutRequest(view),
      ...details,
      scheduledStartsAt: request.startsAt?.toISOString(),
      scheduledEndsAt: request.endsAt?.toISOString(),
    },
  });
}
