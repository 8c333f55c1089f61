import type { RequestView } from "@/lib/requests/request-view";
import { EmailCard, FactsTable, Paragraph, emailOf, factsText, requestFacts } from "./email-parts";
import { hoursText } from "./format";

/** To the requester when their policy approves at once: a record of access they now hold. */
export interface RequestAutoApprovedProps {
  request: RequestView;
  link: string;
}

export function requestAutoApprovedSubject({ request }: RequestAutoApprovedProps) {
  return `Approved automatically: your access to ${request.target} for ${hoursText(request.durationHours)}`;
}

const summary = ({ request }: RequestAutoApprovedProps) =>
  `Your request for ${request.target} was approved automatically under its policy. You have access for ${hoursText(request.durationHours)}, in the window below; it is audited like any other.`;

export function RequestAutoApprovedEmail(props: RequestAutoApprovedProps) {
  return (
    <EmailCard heading="Approved automatically" action={{ href: props.link, label: "See your requests" }}>
      <Paragraph>{summary(props)}</Paragraph>
      <FactsTable facts={requestFacts(props.request)} />
    </EmailCard>
  );
}

export function requestAutoApprovedText(props: RequestAutoApprovedProps) {
  return [summary(props), "", factsText(requestFacts(props.request)), "", `See your requests: ${props.link}`].join("\n");
}

export function renderRequestAutoApproved(props: RequestAutoApprovedProps) {
  return emailOf(requestAutoApprovedSubject(props), <RequestAutoApprovedEmail {...props} />, requestAutoApprovedText(props));
}
