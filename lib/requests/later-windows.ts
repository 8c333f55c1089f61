import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { type AccessRequest, accessRequests } from "@/db/schema";
import type { Actor } from "@/lib/auth/roles";
import { markCancelled } from "./cancel-request";
import { markExpired } from "./find-request";

export interface LaterWindow {
  request: AccessRequest;
  /** A pending extension whose lifetime ran out. */
  lapsed: boolean;
  /** An approved extension whose window has not ended (it is scheduled: it starts where the one before it ends). */
  open: boolean;
}

/**
 * The requests that continue one window: its extensions, theirs, and so on, in the order they
 * follow each other, each row-locked for the rest of the transaction (after the window itself, as
 * every caller locks it first). Ending a window must end these too, or a revoked or released grant
 * would come back by itself when its scheduled extension starts.
 */
export async function lockLaterWindows(tx: Transaction, organisationId: string, requestId: string): Promise<LaterWindow[]> {
  const found: LaterWindow[] = [];
  let frontier = [requestId];
  while (frontier.length > 0) {
    const rows = await tx
      .select({
        request: accessRequests,
        lapsed: sql<boolean>`${accessRequests.pendingUntil} <= now()`,
        open: sql<boolean>`coalesce(${accessRequests.endsAt} > now(), false)`,
      })
      .from(accessRequests)
      .where(and(eq(accessRequests.organisationId, organisationId), inArray(accessRequests.extendsRequestId, frontier)))
      .orderBy(asc(accessRequests.createdAt), asc(accessRequests.id))
      .for("update");
    found.push(...rows);
    frontier = rows.map((row) => row.request.id);
  }
  return found;
}

/**
 * Whether ending the grant ends this later window too: a pending extension still in its lifetime,
 * or an approved one not over yet. One rule for the domain (on locked rows) and for the grant a
 * person reads (on request views), so the release dialog names exactly what the release ends.
 */
export const endsWithGrant = ({ status, lapsed, open }: { status: string; lapsed: boolean; open: boolean }) =>
  (status === "pending" && !lapsed) || (status === "approved" && open);

/** The later windows that ending the grant ends: pending extensions and approved ones not over yet. */
export function stillOpen(later: LaterWindow[]) {
  return later.filter(({ request, lapsed, open }) => endsWithGrant({ status: request.status, lapsed, open }));
}

/**
 * Ends the later windows of a grant that is ending, in the caller's transaction: a pending
 * extension is cancelled (or marked expired when its lifetime ran out), so no approver can revive
 * the grant; an approved one that has not ended is handed to `endApproved`. Decided ones are left
 * as they are. Returns the ids it ended.
 */
export async function endLaterWindows(
  tx: Transaction,
  actor: Actor,
  later: LaterWindow[],
  { why, endApproved }: { why: Record<string, unknown>; endApproved: (request: AccessRequest) => Promise<unknown> },
) {
  const ended: string[] = [];
  for (const { request, lapsed, open } of later) {
    if (request.status === "pending" && lapsed) {
      await markExpired(tx, request);
    } else if (request.status === "pending") {
      await markCancelled(tx, actor, request.id, why);
      ended.push(request.id);
    } else if (request.status === "approved" && open) {
      await endApproved(request);
      ended.push(request.id);
    }
  }
  return ended;
}
