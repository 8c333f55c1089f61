import type { Executor } from "@/db/client";
import type { RequestView } from "@/lib/requests/request-view";
import { enqueueEmail, enqueueEmails } from "./enqueue-email";
import { accessLink, inboxLink, requestsLink } from "./links";
import type { RequestNotice } from "./notify-request-opened";
import { approverEmails } from "./recipients";

/** Access revoked: tells its holder who ended it and why. Call inside the revoking transaction. */
export async function notifyRequestRevoked(tx: Executor, { organisationId, view }: { organisationId: string; view: RequestView }) {
  if (view.status !== "revoked") return 0;
  return enqueueEmail(tx, organisationId, {
    eventKey: `request-revoked:${view.id}`,
    to: [view.requester],
    email: { kind: "request-revoked", props: { request: view, link: requestsLink(view.id) } },
  });
}

/**
 * A pending request that ran out of time: tells the requester, and the approvers of its group it
 * was waiting for. The event key makes the sweeper and a refused decision, which both mark expiry,
 * send one message per person between them.
 */
export async function notifyRequestExpired(tx: Executor, notice: RequestNotice) {
  const { organisationId, view } = notice;
  if (view.status !== "expired") return 0;
  const eventKey = `request-expired:${view.id}`;
  return enqueueEmails(tx, organisationId, [
    { eventKey, to: [view.requester], email: { kind: "request-expired", props: { request: view, link: requestsLink(view.id) } } },
    {
      eventKey,
      to: await approverEmails(tx, organisationId, notice, [view.requester]),
      email: { kind: "request-expired-other", props: { request: view, audience: "approver", link: inboxLink(view.id) } },
    },
  ]);
}

/**
 * A window its holder released early: tells the approvers of its group (never the holder, who did
 * it), since the access they granted is over sooner than they were told. Call inside the release.
 */
export async function notifyRequestReleased(
  tx: Executor,
  notice: RequestNotice & { scheduledEnd: string; extensionsEnded: number; comment: string | null },
) {
  const { organisationId, view, scheduledEnd, extensionsEnded, comment } = notice;
  return enqueueEmail(tx, organisationId, {
    eventKey: `request-released:${view.id}`,
    to: await approverEmails(tx, organisationId, notice, [view.requester]),
    email: { kind: "request-released", props: { request: view, scheduledEnd, extensionsEnded, comment, link: accessLink() } },
  });
}
