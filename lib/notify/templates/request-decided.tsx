import { EmailCard, FactsTable, Paragraph, requestFacts } from "./email-parts";
import { hoursText } from "./format";
import type { RequestDecidedProps } from "../email-payload";

/**
 * A decision: to the requester ("Approved: your access…", "Denied: your request…"), and to the
 * group's other approvers so nobody opens a request someone already decided.
 */
function summary({ request, outcome, by, audience }: RequestDecidedProps) {
  if (audience === "approver") {
    return `${by} ${outcome} ${request.requester}'s request for ${request.target}. Nothing more is needed from you.`;
  }
  return outcome === "approved"
    ? `${by} approved your request for ${request.target}. You have access for ${hoursText(request.durationHours)}, in the window below.`
    : `${by} denied your request for ${request.target}. You can ask again with more detail, or talk to them first.`;
}

export function RequestDecidedEmail(props: RequestDecidedProps & { subject: string }) {
  const heading =
    props.audience === "approver"
      ? `Request ${props.outcome} by another approver`
      : props.outcome === "approved"
        ? "Your request is approved"
        : "Your request is denied";
  return (
    <EmailCard
      title={props.subject}
      heading={heading}
      action={{ href: props.link, label: props.audience === "approver" ? "Open your inbox" : "See your requests" }}
    >
      <Paragraph>{summary(props)}</Paragraph>
      {props.comment && <Paragraph>{`Their comment: "${props.comment}"`}</Paragraph>}
      <FactsTable facts={requestFacts(props.request)} />
    </EmailCard>
  );
}
