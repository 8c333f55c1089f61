import { and, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { accessRequests } from "@/db/schema";
import { selectRequestView } from "@/lib/requests/request-view";

/** A request as stored (who, which group) and as shown (names, times), read inside the caller's transaction. */
export async function loadRequest(tx: Executor, organisationId: string, requestId: string) {
  const [request] = await tx
    .select()
    .from(accessRequests)
    .where(and(eq(accessRequests.id, requestId), eq(accessRequests.organisationId, organisationId)));
  const view = request ? await selectRequestView(tx, organisationId, requestId) : undefined;
  if (!request || !view) throw new Error(`request ${requestId} not found for its notification`);
  return { request, view };
}
