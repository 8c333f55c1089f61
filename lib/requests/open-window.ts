import { eq, sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { accessRequests } from "@/db/schema";

/**
 * Approves a request and opens its window: from now, or its scheduled start if that is later, for
 * its duration, on the database clock. By a quorum of approvers or by an automatic policy alike.
 */
export async function approveAndOpenWindow(tx: Transaction, requestId: string) {
  await tx
    .update(accessRequests)
    .set({
      status: "approved",
      decidedAt: sql`now()`,
      startsAt: sql`greatest(now(), ${accessRequests.requestedStartAt})`,
      endsAt: sql`greatest(now(), ${accessRequests.requestedStartAt}) + make_interval(mins => ${accessRequests.durationMinutes})`,
    })
    .where(eq(accessRequests.id, requestId));
}
