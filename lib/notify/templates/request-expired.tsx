import { EmailCard, FactsTable, Paragraph, requestFacts } from "./email-parts";
import { utcText } from "./format";
import type { RequestExpiredProps } from "../email-payload";

/**
 * When nobody decided in time: to the requester, who can ask again, and to the approvers of its
 * group, whose inbox no longer holds it (they were asked, and should know the ask is over).
 */
const summary = ({ request, audience = "requester" }: RequestExpiredProps) =>
  audience === "approver"
    ? `Nobody decided ${request.requester}'s request for ${request.target} before ${utcText(request.pendingUntil)}, so it expired. It no longer waits for your decision; they can ask again.`
    : `Nobody decided your request for ${request.target} before ${utcText(request.pendingUntil)}, so it expired. You can ask again; telling an approver first helps.`;

export function RequestExpiredEmail(props: RequestExpiredProps & { subject: string }) {
  const approver = props.audience === "approver";
  return (
    <EmailCard
      title={props.subject}
      heading={approver ? "A request expired" : "Your request expired"}
      action={{ href: props.link, label: approver ? "Open your inbox" : "See your requests" }}
    >
      <Paragraph>{summary(props)}</Paragraph>
      <FactsTable facts={requestFacts(props.request)} />
    </EmailCard>
  );
}
