import { EmailCard, FactsTable, Paragraph, requestFacts } from "./email-parts";
import { hoursText } from "./format";
import type { RequestAutoApprovedProps } from "../email-payload";

/** To the requester when their policy approves at once: a record of access they now hold. */
export function RequestAutoApprovedEmail({ request, link, subject }: RequestAutoApprovedProps & { subject: string }) {
  return (
    <EmailCard title={subject} heading="Approved automatically" action={{ href: link, label: "See your requests" }}>
      <Paragraph>
        {`Your request for ${request.target} was approved automatically under its policy. You have access for ${hoursText(request.durationHours)}, in the window below; it is audited like any other.`}
      </Paragraph>
      <FactsTable facts={requestFacts(request)} />
    </EmailCard>
  );
}
