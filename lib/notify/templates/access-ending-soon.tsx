import type { RequestView } from "@/lib/requests/request-view";
import { EmailCard, FactsTable, Paragraph, emailOf, factsText, requestFacts } from "./email-parts";
import { minutesText, utcText } from "./format";

/** To the holder of a window about to end, so they can finish or ask for an extension. */
export interface AccessEndingSoonProps {
  request: RequestView;
  minutesLeft: number;
  link: string;
}

export function accessEndingSoonSubject({ request, minutesLeft }: AccessEndingSoonProps) {
  return `Ending in ${minutesText(minutesLeft)}: your access to ${request.target}`;
}

const summary = ({ request }: AccessEndingSoonProps) =>
  `Your access to ${request.target} ends at ${utcText(request.endsAt ?? request.pendingUntil)}. Finish what you are doing, or ask for an extension if you need more time.`;

export function AccessEndingSoonEmail(props: AccessEndingSoonProps) {
  return (
    <EmailCard heading="Your access ends soon" action={{ href: props.link, label: "See your requests" }}>
      <Paragraph>{summary(props)}</Paragraph>
      <FactsTable facts={requestFacts(props.request)} />
    </EmailCard>
  );
}

export function accessEndingSoonText(props: AccessEndingSoonProps) {
  return [summary(props), "", factsText(requestFacts(props.request)), "", `See your requests: ${props.link}`].join("\n");
}

export function renderAccessEndingSoon(props: AccessEndingSoonProps) {
  return emailOf(accessEndingSoonSubject(props), <AccessEndingSoonEmail {...props} />, accessEndingSoonText(props));
}
