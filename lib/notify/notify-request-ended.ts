import type { Executor } from "@/db/client";
import { enqueueEmail } from "./enqueue-email";
import { accessLink, inboxLink, requestsLink } from "./links";
import { loadRequest } from "./load-request";
import { approverEmails, memberEmail } from "./recipients";
import { renderRequestExpired } from "./templates/request-expired";
import { renderRequestReleased } from "./templates/request-released";
import { renderRequestRevoked } from "./templates/request-revoked";

/** Access revoked: tells its holder who ended it and why. Call inside the revoking transaction. */
export async function notifyRequestRevoked(tx: Executor, organisationId: string, requestId: string) {
  const { request, view } = await loadRequest(tx, organisationId, requestId);
  if (request.status !== "revoked") return 0;
  return enqueueEmail(tx, {
    organisationId,
    eventKey: `request-revoked:${request.id}`,
    kind: "request-revoked",
    to: await memberEmail(tx, organisationId, request.requesterId),
    render: () => renderRequestRevoked({ request: view, link: requestsLink(request.id) }),
  });
}

/**
 * A pending request that ran out of time: tells the requester, and the approvers of its group it
 * was waiting for. The event key makes the sweeper and a refused decision, which both mark expiry,
 * send one message per person between them.
 */
export async function notifyRequestExpired(tx: Executor, organisationId: string, requestId: string) {
  const { request, view } = await loadRequest(tx, organisationId, requestId);
  if (request.status !== "expired") return 0;
  const eventKey = `request-expired:${request.id}`;
  const toRequester = await enqueueEmail(tx, {
    organisationId,
    eventKey,
    kind: "request-expired",
    to: await memberEmail(tx, organisationId, request.requesterId),
    render: () => renderRequestExpired({ request: view, link: requestsLink(request.id) }),
  });
  const toApprovers = await enqueueEmail(tx, {
    organisationId,
    eventKey,
    kind: "request-expired-other",
    to: await approverEmails(tx, { organisationId, groupId: request.approverGroupId, exceptUserIds: [request.requesterId] }),
    render: () => renderRequestExpired({ request: view, audience: "approver", link: inboxLink(request.id) }),
  });
  return toRequester + toApprovers;
}

/**
 * A window its holder released early: tells the approvers of its group (never the holder, who did
 * it), since the access they granted is over sooner than they were told. Call inside the release.
 */
export async function notifyRequestReleased(
  tx: Executor,
  organisationId: string,
  requestId: string,
  { scheduledEnd, extensionsEnded, comment }: { scheduledEnd: string; extensionsEnded: number; comment: string | null },
) {
  const { request, view } = await loadRequest(tx, organisationId, requestId);
  return enqueueEmail(tx, {
    organisationId,
    eventKey: `request-released:${request.id}`,
    kind: "request-released",
    to: await approverEmails(tx, { organisationId, groupId: request.approverGroupId, exceptUserIds: [request.requesterId] }),
    render: () => renderRequestReleased({ request: view, scheduledEnd, extensionsEnded, comment, link: accessLink() }),
  });
}
