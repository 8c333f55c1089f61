import type { RequestView } from "@/lib/requests/request-view";
import { EmailCard, FactsTable, Paragraph, requestFacts } from "./email-parts";
import { hoursText, utcText } from "./format";
import type { RequestPendingProps } from "../email-payload";

/** To each approver of a new pending request; the link opens it in their inbox. */
function quorumNote(request: RequestView) {
  if (request.requiredApprovals < 2) return null;
  const given = request.approvals.filter((a) => a.decision === "approve").length;
  return `It needs ${request.requiredApprovals} approvals from different approvers (${given} so far).`;
}

export function RequestPendingEmail({ request, link, subject }: RequestPendingProps & { subject: string }) {
  const quorum = quorumNote(request);
  return (
    <EmailCard title={subject} heading="Approval needed" action={{ href: link, label: "Review the request" }}>
      <Paragraph>
        {`${request.requester} asks for ${request.target} for ${hoursText(request.durationHours)}.`}
      </Paragraph>
      <FactsTable facts={requestFacts(request)} />
      {quorum && <Paragraph>{quorum}</Paragraph>}
      <Paragraph>{`Approve or deny it before ${utcText(request.pendingUntil)}: it expires without a decision then.`}</Paragraph>
    </EmailCard>
  );
}
