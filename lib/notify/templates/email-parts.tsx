/** The building blocks every email shares: the document, the card, paragraphs and the facts table. */
import type { ReactNode } from "react";
import type { RequestView } from "@/lib/requests/request-view";
import { hoursText, targetKind, utcText } from "./format";
import { renderHtml } from "./render-html";

const font = "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

export function EmailDocument({ title, children }: { title: string; children: ReactNode }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
      </head>
      <body style={{ margin: 0, padding: "24px 12px", backgroundColor: "#f1f5f9" }}>{children}</body>
    </html>
  );
}

export function EmailCard({
  heading,
  action,
  children,
}: {
  heading: string;
  action?: { href: string; label: string };
  children: ReactNode;
}) {
  return (
    <div
      style={{
        maxWidth: "560px",
        margin: "0 auto",
        padding: "24px",
        backgroundColor: "#ffffff",
        borderRadius: "8px",
        fontFamily: font,
        fontSize: "15px",
        lineHeight: 1.5,
        color: "#0f172a",
      }}
    >
      <h1 style={{ margin: "0 0 16px", fontSize: "20px", lineHeight: 1.3 }}>{heading}</h1>
      {children}
      {action && (
        <p style={{ margin: "24px 0 0" }}>
          <a
            href={action.href}
            style={{
              display: "inline-block",
              padding: "10px 16px",
              backgroundColor: "#1d4ed8",
              color: "#ffffff",
              borderRadius: "6px",
              textDecoration: "none",
              fontWeight: 600,
            }}
          >
            {action.label}
          </a>
        </p>
      )}
      <p style={{ margin: "24px 0 0", fontSize: "13px", color: "#475569" }}>
        Sent by Elevate, your organisation&apos;s privileged access service.
      </p>
    </div>
  );
}

export function Paragraph({ children }: { children: ReactNode }) {
  return <p style={{ margin: "0 0 12px" }}>{children}</p>;
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

export function FactsTable({ facts }: { facts: [string, string][] }) {
  return (
    <table role="presentation" style={{ borderCollapse: "collapse", width: "100%", margin: "4px 0 12px" }}>
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

export function factsText(facts: [string, string][]) {
  return facts.map(([label, value]) => `${label}: ${value}`).join("\n");
}

/** The whole message: HTML from the React element, the plain text beside it. */
export function emailOf(subject: string, body: ReactNode, text: string) {
  return {
    subject,
    html: `<!DOCTYPE html>${renderHtml(<EmailDocument title={subject}>{body}</EmailDocument>)}`,
    text: `${text.trim()}\n\n--\nSent by Elevate, your organisation's privileged access service.\n`,
  };
}
