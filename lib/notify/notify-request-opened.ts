import type { Executor } from "@/db/client";
import type { RequestView } from "@/lib/requests/request-view";
import { enqueueEmail } from "./enqueue-email";
import { inboxLink, requestsLink } from "./links";
import { type ApproversOf, approverEmails } from "./recipients";

/** What every request notification takes from its caller: the request as the caller returns it, and its approvers. */
export type RequestNotice = { organisationId: string; view: RequestView } & ApproversOf;

/**
 * A new request: a pending one asks its approvers (never the requester, whatever group they are
 * in); one an automatic policy approved tells the requester. Call inside the opening transaction,
 * with the request view it returns.
 */
export async function notifyRequestOpened(tx: Executor, notice: RequestNotice) {
  const { organisationId, view } = notice;
  if (view.status === "pending") {
    return enqueueEmail(tx, organisationId, {
      eventKey: `request-pending:${view.id}`,
      to: await approverEmails(tx, organisationId, notice, [view.requester]),
      email: { kind: "request-pending", props: { request: view, link: inboxLink(view.id) } },
    });
  }
  if (view.status === "approved") {
    return enqueueEmail(tx, organisationId, {
      eventKey: `request-auto-approved:${view.id}`,
      to: [view.requester],
      email: { kind: "request-auto-approved", props: { request: view, link: requestsLink(view.id) } },
    });
  }
  return 0;
}
