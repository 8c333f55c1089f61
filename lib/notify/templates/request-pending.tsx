import type { RequestView } from "@/lib/requests/request-view";
import { EmailCard, FactsTable, Paragraph, emailOf, factsText, requestFacts } from "./email-parts";
import { hoursText, utcText } from "./format";

/** To each approver of a new pending request; the link opens it in their inbox. */
export interface RequestPendingProps {
  request: RequestView;
  link: string;
}

export function requestPendingSubject({ request }: RequestPendingProps) {
  return `Approval needed: ${request.requester} asks for ${request.target} for ${hoursText(request.durationHours)}`;
}

function quorumNote(request: RequestView) {
  if (request.requiredApprovals < 2) return null;
  const given = request.approvals.filter((a) => a.decision === "approve").length;
  return `It needs ${request.requiredApprovals} approvals from different approvers (${given} so far).`;
}

export function RequestPendingEmail(props: RequestPendingProps) {
  const { request, link } = props;
  const quorum = quorumNote(request);
  return (
    <EmailCard heading="Approval needed" action={{ href: link, label: "Review the request" }}>
      <Paragraph>
        {request.requester} asks for {request.target} for {hoursText(request.durationHours)}.
      </Paragraph>
      <FactsTable facts={requestFacts(request)} />
      {quorum && <Paragraph>{quorum}</Paragraph>}
      <Paragraph>Approve or deny it before {utcText(request.pendingUntil)}: it expires without a decision then.</Paragraph>
    </EmailCard>
  );
}

export function requestPendingText(props: RequestPendingProps) {
  const { request, link } = props;
  return [
    `${request.requester} asks for ${request.target} for ${hoursText(request.durationHours)}.`,
    "",
    factsText(requestFacts(request)),
    "",
    ...(quorumNote(request) ? [quorumNote(request)!, ""] : []),
    `Approve or deny it before ${utcText(request.pendingUntil)}: it expires without a decision then.`,
    "",
    `Review the request: ${link}`,
  ].join("\n");
}

export function renderRequestPending(props: RequestPendingProps) {
  return emailOf(requestPendingSubject(props), <RequestPendingEmail {...props} />, requestPendingText(props));
}
