import type { RequestView } from "@/lib/requests/request-view";
import { EmailCard, FactsTable, Paragraph, emailOf, factsText, requestFacts } from "./email-parts";

/** To the holder of a window that an approver or administrator ended early. */
export interface RequestRevokedProps {
  request: RequestView;
  link: string;
}

const revoker = (request: RequestView) => request.revokedBy ?? "an administrator";

export function requestRevokedSubject({ request }: RequestRevokedProps) {
  return `Revoked: your access to ${request.target} was ended by ${revoker(request)}`;
}

const summary = ({ request }: RequestRevokedProps) =>
  `${revoker(request)} ended your access to ${request.target} early. Any command you run for it now is refused.`;

export function RequestRevokedEmail(props: RequestRevokedProps) {
  const { request } = props;
  return (
    <EmailCard heading="Your access is revoked" action={{ href: props.link, label: "See your requests" }}>
      <Paragraph>{summary(props)}</Paragraph>
      {request.revocationComment && <Paragraph>Their reason: “{request.revocationComment}”</Paragraph>}
      <FactsTable facts={requestFacts(request)} />
    </EmailCard>
  );
}

export function requestRevokedText(props: RequestRevokedProps) {
  const { request } = props;
  return [
    summary(props),
    "",
    ...(request.revocationComment ? [`Their reason: "${request.revocationComment}"`, ""] : []),
    factsText(requestFacts(request)),
    "",
    `See your requests: ${props.link}`,
  ].join("\n");
}

export function renderRequestRevoked(props: RequestRevokedProps) {
  return emailOf(requestRevokedSubject(props), <RequestRevokedEmail {...props} />, requestRevokedText(props));
}
