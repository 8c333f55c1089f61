import type { Executor } from "@/db/client";
import { enqueueEmail } from "./enqueue-email";
import { inboxLink } from "./links";
import type { RequestNotice } from "./notify-request-opened";
import { approverEmails } from "./recipients";

/**
 * A pending request its requester withdrew: tells the approvers of its group (never the requester,
 * who did it, whatever group they are in), since it was waiting for them. The link lands on their
 * inbox, which says the request was cancelled. Call inside the cancelling transaction.
 */
export async function notifyRequestCancelled(tx: Executor, notice: RequestNotice) {
  const { organisationId, view } = notice;
  if (view.status !== "cancelled") return 0;
  return enqueueEmail(tx, organisationId, {
    eventKey: `request-cancelled:${view.id}`,
    to: await approverEmails(tx, organisationId, notice, [view.requester]),
    email: { kind: "request-cancelled", props: { request: view, link: inboxLink(view.id) } },
  });
}
