import { and, asc, eq, or, sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { accessRequests } from "@/db/schema";
import { markRevoked } from "@/lib/approvals/revoke-request";
import type { Actor } from "@/lib/auth/roles";
import { markCancelled } from "@/lib/requests/cancel-request";
import { markExpired } from "@/lib/requests/find-request";

/**
 * Ends a member's open requests when they leave or are disabled, in the caller's transaction: an
 * approved window (open or scheduled) is revoked, a pending request cancelled, one whose lifetime
 * already ran out marked expired; each with its own audit event. Otherwise a disabled person's
 * request could still be approved, and their window would work again when they are re-enabled.
 */
export async function endOpenRequestsOf(
  tx: Transaction,
  { actor, organisationId, userId, why }: { actor: Actor; organisationId: string; userId: string; why: string },
) {
  // Locked in a fixed order, as every decision on a request locks it first.
  const open = await tx
    .select({ request: accessRequests, lapsed: sql<boolean>`${accessRequests.pendingUntil} <= now()` })
    .from(accessRequests)
    .where(
      and(
        eq(accessRequests.organisationId, organisationId),
        eq(accessRequests.requesterId, userId),
        or(eq(accessRequests.status, "pending"), and(eq(accessRequests.status, "approved"), sql`${accessRequests.endsAt} > now()`)),
      ),
    )
    .orderBy(asc(accessRequests.id))
    .for("update");
  let cancelledRequests = 0;
  let revokedRequests = 0;
  for (const { request, lapsed } of open) {
    if (request.status === "approved") {
      await markRevoked(tx, actor, request.id, why);
      revokedRequests++;
    } else if (lapsed) {
      await markExpired(tx, request);
    } else {
      await markCancelled(tx, actor, request.id, { reason: why });
      cancelledRequests++;
    }
  }
  return { cancelledRequests, revokedRequests };
}
