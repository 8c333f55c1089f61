import { EmailCard, FactsTable, Paragraph, requestFacts } from "./email-parts";
import { utcText } from "./format";
import type { RequestReleasedProps } from "../email-payload";

/** To the approvers of a window its holder ended early: the access they granted is over. */
function summary({ request, scheduledEnd, extensionsEnded }: RequestReleasedProps) {
  const extensions =
    extensionsEnded === 0 ? "" : extensionsEnded === 1 ? " Its extension ended with it." : ` Its ${extensionsEnded} extensions ended with it.`;
  return `${request.requester} released their access to ${request.target} at ${utcText(request.endsAt!)}, before its end at ${utcText(scheduledEnd)}.${extensions} Any command they run for it now is refused.`;
}

export function RequestReleasedEmail(props: RequestReleasedProps & { subject: string }) {
  return (
    <EmailCard title={props.subject} heading="Access released early" action={{ href: props.link, label: "See active access" }}>
      <Paragraph>{summary(props)}</Paragraph>
      {props.comment && <Paragraph>{`Their note: "${props.comment}"`}</Paragraph>}
      <FactsTable facts={requestFacts(props.request)} />
    </EmailCard>
  );
}
