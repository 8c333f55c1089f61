import type { RequestView } from "@/lib/requests/request-view";
import { EmailCard, FactsTable, Paragraph, emailOf, factsText, requestFacts } from "./email-parts";
import { hoursText } from "./format";

/**
 * To the approvers of a request its requester withdrew while it waited: it left their inbox, and
 * nobody should go looking for it (or ask the requester about it) in vain.
 */
export interface RequestCancelledProps {
  request: RequestView;
  link: string;
}

/** "their request for X" or, for an extension, "their request to extend X". */
const what = (request: RequestView) =>
  request.extendsRequestId ? `their request to extend ${request.target} by ${hoursText(request.durationHours)}` : `their request for ${request.target}`;

export function requestCancelledSubject({ request }: RequestCancelledProps) {
  return `Cancelled: ${request.requester} withdrew ${what(request)}`;
}

const summary = ({ request }: RequestCancelledProps) =>
  `${request.requester} cancelled ${what(request)} before anyone decided it. It no longer waits for your decision: there is nothing to do.`;

export function RequestCancelledEmail(props: RequestCancelledProps) {
  return (
    <EmailCard heading="Request cancelled" action={{ href: props.link, label: "Open your inbox" }}>
      <Paragraph>{summary(props)}</Paragraph>
      <FactsTable facts={requestFacts(props.request)} />
    </EmailCard>
  );
}

export function requestCancelledText(props: RequestCancelledProps) {
  return [summary(props), "", factsText(requestFacts(props.request)), "", `Open your inbox: ${props.link}`].join("\n");
}

export function renderRequestCancelled(props: RequestCancelledProps) {
  return emailOf(requestCancelledSubject(props), <RequestCancelledEmail {...props} />, requestCancelledText(props));
}
