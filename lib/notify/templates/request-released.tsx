import type { RequestView } from "@/lib/requests/request-view";
import { EmailCard, FactsTable, Paragraph, emailOf, factsText, requestFacts } from "./email-parts";
import { utcText } from "./format";

/** To the approvers of a window its holder ended early: the access they granted is over. */
export interface RequestReleasedProps {
  request: RequestView;
  /** When the window was to end before the release (the end of its last extension, if any). */
  scheduledEnd: string;
  /** How many extensions (scheduled or waiting for a decision) ended with it. */
  extensionsEnded: number;
  comment: string | null;
  link: string;
}

export function requestReleasedSubject({ request }: RequestReleasedProps) {
  return `Released: ${request.requester} ended their access to ${request.target} early`;
}

function summary({ request, scheduledEnd, extensionsEnded }: RequestReleasedProps) {
  const extensions =
    extensionsEnded === 0 ? "" : extensionsEnded === 1 ? " Its extension ended with it." : ` Its ${extensionsEnded} extensions ended with it.`;
  return `${request.requester} released their access to ${request.target} at ${utcText(request.endsAt!)}, before its end at ${utcText(scheduledEnd)}.${extensions} Any command they run for it now is refused.`;
}

export function RequestReleasedEmail(props: RequestReleasedProps) {
  return (
    <EmailCard heading="Access released early" action={{ href: props.link, label: "See active access" }}>
      <Paragraph>{summary(props)}</Paragraph>
      {props.comment && <Paragraph>Their note: “{props.comment}”</Paragraph>}
      <FactsTable facts={requestFacts(props.request)} />
    </EmailCard>
  );
}

export function requestReleasedText(props: RequestReleasedProps) {
  return [
    summary(props),
    "",
    ...(props.comment ? [`Their note: "${props.comment}"`, ""] : []),
    factsText(requestFacts(props.request)),
    "",
    `See active access: ${props.link}`,
  ].join("\n");
}

export function renderRequestReleased(props: RequestReleasedProps) {
  return emailOf(requestReleasedSubject(props), <RequestReleasedEmail {...props} />, requestReleasedText(props));
}
