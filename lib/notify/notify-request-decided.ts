import type { Executor } from "@/db/client";
import { enqueueEmail } from "./enqueue-email";
import { inboxLink, requestsLink } from "./links";
import { loadRequest } from "./load-request";
import { approverEmails, memberEmail } from "./recipients";
import { renderRequestDecided } from "./templates/request-decided";

/**
 * A request approved (quorum met) or denied: the requester learns the outcome, and the group's
 * other approvers learn that someone acted. One event key, one message per recipient.
 */
export async function notifyRequestDecided(
  tx: Executor,
  input: { organisationId: string; requestId: string; decidedBy: { userId: string; email: string }; comment: string | null },
) {
  const { organisationId, decidedBy, comment } = input;
  const { request, view } = await loadRequest(tx, organisationId, input.requestId);
  if (request.status !== "approved" && request.status !== "denied") return 0;
  const outcome = request.status;
  const eventKey = `request-decided:${request.id}`;
  const common = { request: view, outcome, by: decidedBy.email, comment } as const;
  const toRequester = await enqueueEmail(tx, {
    organisationId,
    eventKey,
    kind: outcome === "approved" ? "request-approved" : "request-denied",
    to: await memberEmail(tx, organisationId, request.requesterId),
    render: () => renderRequestDecided({ ...common, audience: "requester", link: requestsLink(request.id) }),
  });
  const toApprovers = await enqueueEmail(tx, {
    organisationId,
    eventKey,
    kind: "request-decided-other",
    to: await approverEmails(tx, {
      organisationId,
      groupId: request.approverGroupId,
      exceptUserIds: [request.requesterId, decidedBy.userId],
    }),
    render: () => renderRequestDecided({ ...common, audience: "approver", link: inboxLink(request.id) }),
  });
  return toRequester + toApprovers;
}
