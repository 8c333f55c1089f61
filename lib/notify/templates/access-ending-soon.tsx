import { EmailCard, FactsTable, Paragraph, requestFacts } from "./email-parts";
import { utcText } from "./format";
import type { AccessEndingSoonProps } from "../email-payload";

/** To the holder of a window about to end, so they can finish or ask for an extension. */
export function AccessEndingSoonEmail({ request, link, subject }: AccessEndingSoonProps & { subject: string }) {
  return (
    <EmailCard title={subject} heading="Your access ends soon" action={{ href: link, label: "See your requests" }}>
      <Paragraph>
        {`Your access to ${request.target} ends at ${utcText(request.endsAt ?? request.pendingUntil)}. Finish what you are doing, or ask for an extension if you need more time.`}
      </Paragraph>
      <FactsTable facts={requestFacts(request)} />
    </EmailCard>
  );
}
