import { EmailCard, FactsTable, Paragraph, requestFacts } from "./email-parts";
import { type RequestRevokedProps, revokerOf } from "../email-payload";

/** To the holder of a window that an approver or administrator ended early. */
export function RequestRevokedEmail({ request, link, subject }: RequestRevokedProps & { subject: string }) {
  return (
    <EmailCard title={subject} heading="Your access is revoked" action={{ href: link, label: "See your requests" }}>
      <Paragraph>{`${revokerOf(request)} ended your access to ${request.target} early. Any command you run for it now is refused.`}</Paragraph>
      {request.revocationComment && <Paragraph>{`Their reason: "${request.revocationComment}"`}</Paragraph>}
      <FactsTable facts={requestFacts(request)} />
    </EmailCard>
  );
}
