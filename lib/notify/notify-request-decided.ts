import type { Executor } from "@/db/client";
import { enqueueEmails } from "./enqueue-email";
import { inboxLink, requestsLink } from "./links";
import type { RequestNotice } from "./notify-request-opened";
import { approverEmails } from "./recipients";

/**
 * A request approved (quorum met) or denied: the requester learns the outcome, and the group's
 * other approvers learn that someone acted. One event key, one message per recipient. Call inside
 * the deciding transaction, with the view it returns and (for an approval) the approvers it counted.
 */
export async function notifyRequestDecided(
  tx: Executor,
  notice: RequestNotice & { decidedBy: { email: string }; comment: string | null },
) {
  const { organisationId, view, decidedBy, comment } = notice;
  if (view.status !== "approved" && view.status !== "denied") return 0;
  const outcome = view.status;
  const eventKey = `request-decided:${view.id}`;
  const common = { request: view, outcome, by: decidedBy.email, comment } as const;
  return enqueueEmails(tx, organisationId, [
    {
      eventKey,
      to: [view.requester],
      email: {
        kind: outcome === "approved" ? "request-approved" : "request-denied",
        props: { ...common, audience: "requester", link: requestsLink(view.id) },
      },
    },
    {
      eventKey,
      to: await approverEmails(tx, organisationId, notice, [view.requester, decidedBy.email]),
      email: { kind: "request-decided-other", props: { ...common, audience: "approver", link: inboxLink(view.id) } },
    },
  ]);
}
