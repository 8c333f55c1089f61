import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { accessRequests } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { auditActorOf } from "@/lib/audit/audit-actor";
import type { Actor } from "@/lib/auth/roles";
import { lockRequest, refusalUnlessPending, requestNotFound } from "./find-request";
import { aboutRequest } from "./about-request";
import { selectRequestView } from "./request-view";
import { commitThenRefuse } from "./commit-then-refuse";

/** The requester withdraws a request while it is pending. */
export async function cancelRequest(db: Database, { actor, requestId }: { actor: Actor; requestId: string }) {
  return commitThenRefuse(db, async (tx) => {
    const { request, lapsed } = await lockRequest(tx, actor.organisationId, requestId);
    if (request.requesterId !== actor.userId) throw requestNotFound();
    const refusal = await refusalUnlessPending(tx, { request, lapsed });
    if (refusal) return refusal;
    await tx
      .update(accessRequests)
      .set({ status: "cancelled", decidedAt: sql`now()` })
      .where(eq(accessRequests.id, request.id));
    const view = (await selectRequestView(tx, actor.organisationId, request.id))!;
    await appendAuditEvent(tx, {
      organisationId: actor.organisationId,
      actor: auditActorOf(actor),
      action: "request.cancelled",
      targetType: "request",
      targetId: request.id,
      details: aboutRequest(view),
    });
    return view;
  });
}
