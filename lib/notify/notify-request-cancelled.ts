import type { Executor } from "@/db/client";
import { enqueueEmail } from "./enqueue-email";
import { inboxLink } from "./links";
import { loadRequest } from "./load-request";
import { approverEmails } from "./recipients";
import { renderRequestCancelled } from "./templates/request-cancelled";

/**
 * A pending request its requester withdrew: tells the approvers of its group (never the requester,
 * who did it, whatever group they are in), since it was waiting for them. The link lands on their
 * inbox, which says the request was cancelled. Call inside the cancelling transaction.
 */
export async function notifyRequestCancelled(tx: Executor, organisationId: string, requestId: string) {
  const { request, view } = await loadRequest(tx, organisationId, requestId);
  if (request.status !== "cancelled") return 0;
  const link = inboxLink(request.id);
  return enqueueEmail(tx, {
    organisationId,
    eventKey: `request-cancelled:${request.id}`,
    kind: "request-cancelled",
    to: await approverEmails(tx, { organisationId, groupId: request.approverGroupId, exceptUserIds: [request.requesterId] }),
    render: () => renderRequestCancelled({ request: view, link }),
  });
}
