import type { RequestView } from "@/lib/requests/request-view";
import { EmailCard, FactsTable, Paragraph, emailOf, factsText, requestFacts } from "./email-parts";
import { hoursText } from "./format";

/**
 * A decision: to the requester ("Approved: your access…", "Denied: your request…"), and to the
 * group's other approvers so nobody opens a request someone already decided.
 */
export interface RequestDecidedProps {
  request: RequestView;
  outcome: "approved" | "denied";
  /** The approver whose decision settled it. */
  by: string;
  comment: string | null;
  audience: "requester" | "approver";
  link: string;
}

export function requestDecidedSubject({ request, outcome, by, audience }: RequestDecidedProps) {
  if (audience === "approver") {
    return `${outcome === "approved" ? "Approved" : "Denied"} by ${by}: ${request.requester}'s request for ${request.target}`;
  }
  return outcome === "approved"
    ? `Approved: your access to ${request.target} for ${hoursText(request.durationHours)}`
    : `Denied: your request for ${request.target}`;
}

function summary({ request, outcome, by, audience }: RequestDecidedProps) {
  if (audience === "approver") {
    return `${by} ${outcome} ${request.requester}'s request for ${request.target}. Nothing more is needed from you.`;
  }
  return outcome === "approved"
    ? `${by} approved your request for ${request.target}. You have access for ${hoursText(request.durationHours)}, in the window below.`
    : `${by} denied your request for ${request.target}. You can ask again with more detail, or talk to them first.`;
}

const commentLine = (props: RequestDecidedProps) => (props.comment ? `Their comment: "${props.comment}"` : null);

export function RequestDecidedEmail(props: RequestDecidedProps) {
  const heading =
    props.audience === "approver"
      ? `Request ${props.outcome} by another approver`
      : props.outcome === "approved"
        ? "Your request is approved"
        : "Your request is denied";
  return (
    <EmailCard
      heading={heading}
      action={{ href: props.link, label: props.audience === "approver" ? "Open your inbox" : "See your requests" }}
    >
      <Paragraph>{summary(props)}</Paragraph>
      {props.comment && <Paragraph>Their comment: “{props.comment}”</Paragraph>}
      <FactsTable facts={requestFacts(props.request)} />
    </EmailCard>
  );
}

export function requestDecidedText(props: RequestDecidedProps) {
  const comment = commentLine(props);
  return [
    summary(props),
    "",
    ...(comment ? [comment, ""] : []),
    factsText(requestFacts(props.request)),
    "",
    `${props.audience === "approver" ? "Open your inbox" : "See your requests"}: ${props.link}`,
  ].join("\n");
}

export function renderRequestDecided(props: RequestDecidedProps) {
  return emailOf(requestDecidedSubject(props), <RequestDecidedEmail {...props} />, requestDecidedText(props));
}
