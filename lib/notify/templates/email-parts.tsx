/**
 * The building blocks every email shares, in React Email's components (tables and inline styles
 * that mail clients render alike): the document, the card, paragraphs and the facts table. Text is
 * escaped by React; links are the app's own, and anything but an http(s) link is refused.
 */
import { Body, Button, Container, Head, Heading, Hr, Html, Text } from "@react-email/components";
import type { ReactNode } from "react";
import type { RequestView } from "@/lib/requests/request-view";
import { hoursText, targetKind, utcText } from "./format";

const font = "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

export const FOOTER = "Sent by Elevate, your organisation's privileged access service.";

/** Emails link to the app only: a `javascript:` or other scheme never becomes a link. */
export function safeLink(href: string) {
  if (!/^https?:\/\//i.test(href)) throw new Error("an email links to http(s) addresses only");
  return href;
}

export function EmailCard({
  title,
  heading,
  action,
  children,
}: {
  /** The document's title: the subject. */
  title: string;
  heading: string;
  action?: { href: string; label: string };
  children: ReactNode;
}) {
  return (
    <Html lang="en">
      <Head>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
      </Head>
      <Body style={{ margin: 0, padding: "24px 12px", backgroundColor: "#f1f5f9" }}>
        <Container
          style={{
            maxWidth: "560px",
            padding: "24px",
            backgroundColor: "#ffffff",
            borderRadius: "8px",
            fontFamily: font,
            fontSize: "15px",
            lineHeight: 1.5,
            color: "#0f172a",
          }}
        >
          <Heading as="h1" style={{ margin: "0 0 16px", fontSize: "20px", lineHeight: 1.3 }}>
            {heading}
          </Heading>
          {children}
          {action && (
            <Text style={{ margin: "24px 0 0" }}>
              <Button
                href={safeLink(action.href)}
                className="action"
                style={{
                  padding: "10px 16px",
                  backgroundColor: "#1d4ed8",
                  color: "#ffffff",
                  borderRadius: "6px",
                  fontWeight: 600,
                }}
              >
                {action.label}
              </Button>
            </Text>
          )}
          <Hr style={{ margin: "24px 0 0", borderColor: "#e2e8f0" }} />
          <Text style={{ margin: "12px 0 0", fontSize: "13px", color: "#475569" }}>{FOOTER}</Text>
        </Container>
      </Body>
    </Html>
  );
}

export function Paragraph({ children }: { children: ReactNode }) {
  return <Text style={{ margin: "0 0 12px", fontSize: "15px", lineHeight: 1.5 }}>{children}</Text>;
}

/** The facts an approver or requester needs, as label/value rows. */
export function requestFacts(request: RequestView): [string, string][] {
  const facts: [string, string][] = [
    ["Requester", request.requester],
    ["Access", `${request.target} (${targetKind(request.type)} in ${request.scope})`],
    ["Duration", hoursText(request.durationHours)],
    ["Reason", request.reason || "None given"],
  ];
  if (request.ticket) facts.push(["Ticket", request.ticket]);
  if (request.startsAt && request.endsAt) facts.push(["Window", `${utcText(request.startsAt)} to ${utcText(request.endsAt)}`]);
  return facts;
}

/** Class `facts`: the plain-text version writes each row as `Label: value` (render-email.tsx). */
export function FactsTable({ facts }: { facts: [string, string][] }) {
  return (
    <table className="facts" role="presentation" style={{ borderCollapse: "collapse", width: "100%", margin: "4px 0 12px" }}>
      <tbody>
        {facts.map(([label, value]) => (
          <tr key={label}>
            <th
              scope="row"
              style={{ textAlign: "left", verticalAlign: "top", padding: "4px 12px 4px 0", color: "#475569", fontWeight: 600, whiteSpace: "nowrap" }}
            >
              {label}
            </th>
            <td style={{ padding: "4px 0", wordBreak: "break-word" }}>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
