import type { RequestView } from "@/lib/requests/request-view";
import { EmailCard, FactsTable, Paragraph, emailOf, factsText, requestFacts } from "./email-parts";
import { utcText } from "./format";

/**
 * When nobody decided in time: to the requester, who can ask again, and to the approvers of its
 * group, whose inbox no longer holds it (they were asked, and should know the ask is over).
 */
export interface RequestExpiredProps {
  request: RequestView;
  link: string;
  audience?: "requester" | "approver";
}

export function requestExpiredSubject({ request, audience = "requester" }: RequestExpiredProps) {
  return audience === "approver"
    ? `Expired: ${request.requester}'s request for ${request.target} got no decision in time`
    : `Expired: your request for ${request.target} got no decision in time`;
}

const summary = ({ request, audience = "requester" }: RequestExpiredProps) =>
  audience === "approver"
    ? `Nobody decided ${request.requester}'s request for ${request.target} before ${utcText(request.pendingUntil)}, so it expired. It no longer waits for your decision; they can ask again.`
    : `Nobody decided your request for ${request.target} before ${utcText(request.pendingUntil)}, so it expired. You can ask again; telling an approver first helps.`;

const actionLabel = ({ audience = "requester" }: RequestExpiredProps) => (audience === "approver" ? "Open your inbox" : "See your requests");

export function RequestExpiredEmail(props: RequestExpiredProps) {
  return (
    <EmailCard
      heading={props.audience === "approver" ? "A request expired" : "Your request expired"}
      action={{ href: props.link, label: actionLabel(props) }}
    >
      <Paragraph>{summary(props)}</Paragraph>
      <FactsTable facts={requestFacts(props.request)} />
    </EmailCard>
  );
}

export function requestExpiredText(props: RequestExpiredProps) {
  return [summary(props), "", factsText(requestFacts(props.request)), "", `${actionLabel(props)}: ${props.link}`].join("\n");
}

export function renderRequestExpired(props: RequestExpiredProps) {
  return emailOf(requestExpiredSubject(props), <RequestExpiredEmail {...props} />, requestExpiredText(props));
}
