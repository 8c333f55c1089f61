/**
 * What an email is about, as the outbox stores it (`email_outbox.payload`): its kind and the data
 * the caller already held when the change happened (the request as it returns it, who decided,
 * the comment). The worker renders the body from it at delivery (channels/email.ts); the subject
 * is plain text, made here when the row is written, so the Email delivery list and the audit of a
 * retry can name a message that is not rendered yet. No React here: this module runs inside the
 * domain's transactions, in server actions too.
 */
import type { RequestView } from "@/lib/requests/request-view";
import type { EmailKind } from "./notification-events";
import { hoursText, minutesText } from "./templates/format";

export interface RequestPendingProps {
  request: RequestView;
  link: string;
}

export interface RequestDecidedProps {
  request: RequestView;
  outcome: "approved" | "denied";
  /** The approver whose decision settled it. */
  by: string;
  comment: string | null;
  audience: "requester" | "approver";
  link: string;
}

export interface RequestAutoApprovedProps {
  request: RequestView;
  link: string;
}

export interface RequestRevokedProps {
  request: RequestView;
  link: string;
}

export interface RequestReleasedProps {
  request: RequestView;
  /** When the window was to end before the release (the end of its last extension, if any). */
  scheduledEnd: string;
  /** How many extensions (scheduled or waiting for a decision) ended with it. */
  extensionsEnded: number;
  comment: string | null;
  link: string;
}

export interface RequestCancelledProps {
  request: RequestView;
  link: string;
}

export interface RequestExpiredProps {
  request: RequestView;
  link: string;
  audience?: "requester" | "approver";
}

export interface AccessEndingSoonProps {
  request: RequestView;
  minutesLeft: number;
  link: string;
}

export interface MemberInvitedProps {
  organisation: string;
  /** Who added them: a name or an email. */
  invitedBy: string;
  email: string;
  /** Their admin roles as labels; empty for a plain requestor. */
  roles: string[];
  roleGroups: string[];
  guest: boolean;
  link: string;
}

/** The props each kind of message renders from. */
export interface EmailPropsOf {
  "request-pending": RequestPendingProps;
  "request-approved": RequestDecidedProps;
  "request-denied": RequestDecidedProps;
  "request-decided-other": RequestDecidedProps;
  "request-auto-approved": RequestAutoApprovedProps;
  "request-revoked": RequestRevokedProps;
  "request-released": RequestReleasedProps;
  "request-cancelled": RequestCancelledProps;
  "request-expired": RequestExpiredProps;
  "request-expired-other": RequestExpiredProps;
  "access-ending-soon": AccessEndingSoonProps;
  "member-invited": MemberInvitedProps;
}

export type EmailPayload = { [K in EmailKind]: { kind: K; props: EmailPropsOf[K] } }[EmailKind];

/** "their request for X" or, for an extension, "their request to extend X". */
export const cancelledWhat = (request: RequestView) =>
  request.extendsRequestId
    ? `their request to extend ${request.target} by ${hoursText(request.durationHours)}`
    : `their request for ${request.target}`;

export const revokerOf = (request: RequestView) => request.revokedBy ?? "an administrator";

function decidedSubject({ request, outcome, by, audience }: RequestDecidedProps) {
  if (audience === "approver") {
    return `${outcome === "approved" ? "Approved" : "Denied"} by ${by}: ${request.requester}'s request for ${request.target}`;
  }
  return outcome === "approved"
    ? `Approved: your access to ${request.target} for ${hoursText(request.durationHours)}`
    : `Denied: your request for ${request.target}`;
}

function expiredSubject({ request, audience = "requester" }: RequestExpiredProps) {
  return audience === "approver"
    ? `Expired: ${request.requester}'s request for ${request.target} got no decision in time`
    : `Expired: your request for ${request.target} got no decision in time`;
}

const subjects: { [K in EmailKind]: (props: EmailPropsOf[K]) => string } = {
  "request-pending": ({ request }) =>
    `Approval needed: ${request.requester} asks for ${request.target} for ${hoursText(request.durationHours)}`,
  "request-approved": decidedSubject,
  "request-denied": decidedSubject,
  "request-decided-other": decidedSubject,
  "request-auto-approved": ({ request }) =>
    `Approved automatically: your access to ${request.target} for ${hoursText(request.durationHours)}`,
  "request-revoked": ({ request }) => `Revoked: your access to ${request.target} was ended by ${revokerOf(request)}`,
  "request-released": ({ request }) => `Released: ${request.requester} ended their access to ${request.target} early`,
  "request-cancelled": ({ request }) => `Cancelled: ${request.requester} withdrew ${cancelledWhat(request)}`,
  "request-expired": expiredSubject,
  "request-expired-other": expiredSubject,
  "access-ending-soon": ({ request, minutesLeft }) => `Ending in ${minutesText(minutesLeft)}: your access to ${request.target}`,
  "member-invited": ({ organisation, invitedBy }) => `${invitedBy} added you to ${organisation} on Elevate`,
};

/** The subject line: one header line, whatever the data in it. */
export function emailSubject(payload: EmailPayload): string {
  const subject = (subjects[payload.kind] as (props: unknown) => string)(payload.props);
  return subject.replace(/\s+/g, " ").trim();
}
