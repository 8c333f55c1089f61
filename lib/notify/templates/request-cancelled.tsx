import { EmailCard, FactsTable, Paragraph, requestFacts } from "./email-parts";
import { type RequestCancelledProps, cancelledWhat } from "../email-payload";

/**
 * To the approvers of a request its requester withdrew while it waited: it left their inbox, and
 * nobody should go looking for it (or ask the requester about it) in vain.
 */
export function RequestCancelledEmail({ request, link, subject }: RequestCancelledProps & { subject: string }) {
  return (
    <EmailCard title={subject} heading="Request cancelled" action={{ href: link, label: "Open your inbox" }}>
      <Paragraph>
        {`${request.requester} cancelled ${cancelledWhat(request)} before anyone decided it. It no longer waits for your decision: there is nothing to do.`}
      </Paragraph>
      <FactsTable facts={requestFacts(request)} />
    </EmailCard>
  );
}
