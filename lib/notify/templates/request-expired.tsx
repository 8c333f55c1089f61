import type { RequestView } from "@/lib/requests/request-view";
import { EmailCard, FactsTable, Paragraph, emailOf, factsText, requestFacts } from "./email-parts";
import { utcText } from "./format";

/** To the requester when nobody decided in time. */
export interface RequestExpiredProps {
  request: RequestView;
  link: string;
}

export function requestExpiredSubject({ request }: RequestExpiredProps) {
  return `Expired: your request for ${request.target} got no decision in time`;
}

const summary = ({ request }: RequestExpiredProps) =>
  `Nobody decided your request for ${request.target} before ${utcText(request.pendingUntil)}, so it expired. You can ask again; telling an approver first helps.`;

export function RequestExpiredEmail(props: RequestExpiredProps) {
  return (
    <EmailCard heading="Your request expired" action={{ href: props.link, label: "See your requests" }}>
      <Paragraph>{summary(props)}</Paragraph>
      <FactsTable facts={requestFacts(props.request)} />
    </EmailCard>
  );
}

export function requestExpiredText(props: RequestExpiredProps) {
  return [summary(props), "", factsText(requestFacts(props.request)), "", `See your requests: ${props.link}`].join("\n");
}

export function renderRequestExpired(props: RequestExpiredProps) {
  return emailOf(requestExpiredSubject(props), <RequestExpiredEmail {...props} />, requestExpiredText(props));
}
