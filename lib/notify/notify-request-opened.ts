import type { Executor } from "@/db/client";
import { enqueueEmail } from "./enqueue-email";
import { inboxLink, requestsLink } from "./links";
import { loadRequest } from "./load-request";
import { approverEmails, memberEmail } from "./recipients";
import { renderRequestAutoApproved } from "./templates/request-auto-approved";
import { renderRequestPending } from "./templates/request-pending";

/**
 * A new request: a pending one asks its approvers (never the requester, whatever group they are
 * in); one an automatic policy approved tells the requester. Call inside the opening transaction.
 */
export async function notifyRequestOpened(tx: Executor, organisationId: string, requestId: string) {
  const { request, view } = await loadRequest(tx, organisationId, requestId);
  if (request.status === "pending") {
    const link = inboxLink(request.id);
    return enqueueEmail(tx, {
      organisationId,
      eventKey: `request-pending:${request.id}`,
      kind: "request-pending",
      to: await approverEmails(tx, { organisationId, groupId: request.approverGroupId, exceptUserIds: [request.requesterId] }),
      render: () => renderRequestPending({ request: view, link }),
    });
  }
  if (request.status === "approved") {
    const link = requestsLink(request.id);
    return enqueueEmail(tx, {
      organisationId,
      eventKey: `request-auto-approved:${request.id}`,
      kind: "request-auto-approved",
      to: await memberEmail(tx, organisationId, request.requesterId),
      render: () => renderRequestAutoApproved({ request: view, link }),
    });
  }
  return 0;
}
