import { type ReactElement, createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { RequestView } from "@/lib/requests/request-view";
import { AccessEndingSoonEmail, renderAccessEndingSoon } from "./access-ending-soon";
import { renderHtml } from "./render-html";
import { RequestAutoApprovedEmail } from "./request-auto-approved";
import { RequestCancelledEmail, renderRequestCancelled } from "./request-cancelled";
import { RequestDecidedEmail } from "./request-decided";
import { RequestExpiredEmail } from "./request-expired";
import { RequestPendingEmail, renderRequestPending } from "./request-pending";
import { RequestReleasedEmail } from "./request-released";
import { RequestRevokedEmail } from "./request-revoked";

const hostile = `<script>alert("x")</script> & 'quotes'`;
const request: RequestView = {
  id: "5b0c1f38-7d2e-4a57-9a43-0d7b3c2a9f10",
  policyId: null,
  type: "task",
  scope: "Exchange",
  target: "New-JournalRule",
  requester: "requester@contoso.com",
  status: "pending",
  durationHours: 4,
  reason: hostile,
  ticket: "CHG-<1>",
  createdAt: "2026-05-01T12:00:00.000Z",
  pendingUntil: "2026-05-02T12:00:00.000Z",
  startsAt: "2026-05-01T12:30:00.000Z",
  endsAt: "2026-05-01T16:30:00.000Z",
  active: true,
  scheduled: false,
  requiredApprovals: 2,
  approvals: [],
  revokedBy: "admin@contoso.com",
  revokedAt: null,
  revocationComment: hostile,
  extendsRequestId: null,
  extendsWindow: null,
  releasedAt: null,
};
const link = "https://elevate.example.com/inbox?request=5b0c1f38-7d2e-4a57-9a43-0d7b3c2a9f10";

const bodies: [string, ReactElement][] = [
  ["pending", createElement(RequestPendingEmail, { request, link })],
  ["approved", createElement(RequestDecidedEmail, { request, outcome: "approved", by: "a@b.c", comment: hostile, audience: "requester", link })],
  ["someone acted", createElement(RequestDecidedEmail, { request, outcome: "denied", by: "a@b.c", comment: null, audience: "approver", link })],
  ["auto-approved", createElement(RequestAutoApprovedEmail, { request, link })],
  ["revoked", createElement(RequestRevokedEmail, { request, link })],
  ["released", createElement(RequestReleasedEmail, { request, scheduledEnd: "2026-05-01T18:30:00.000Z", extensionsEnded: 1, comment: hostile, link })],
  ["expired", createElement(RequestExpiredEmail, { request, link })],
  ["expired, to approvers", createElement(RequestExpiredEmail, { request, audience: "approver", link })],
  ["cancelled", createElement(RequestCancelledEmail, { request, link })],
  ["ending soon", createElement(AccessEndingSoonEmail, { request, minutesLeft: 15, link })],
];

describe("email templates", () => {
  it.each(bodies)("render the %s email exactly as React's renderToStaticMarkup would", (_name, element) => {
    expect(renderHtml(element)).toBe(renderToStaticMarkup(element));
  });

  it("escape what people typed, in HTML; keep it readable in plain text", () => {
    const email = renderRequestPending({ request, link });
    expect(email.html.startsWith("<!DOCTYPE html><html lang=\"en\">")).toBe(true);
    expect(email.html).not.toContain("<script>");
    expect(email.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;quotes&#x27;");
    expect(email.html).toContain("CHG-&lt;1&gt;");
    expect(email.text).toContain(`Reason: ${hostile}`);
    expect(email.text).toContain(`Review the request: ${link}`);
    expect(email.text).toContain("It needs 2 approvals from different approvers (0 so far).");
  });

  it("say what happened in the subject", () => {
    expect(renderRequestPending({ request, link }).subject).toBe(
      "Approval needed: requester@contoso.com asks for New-JournalRule for 4 hours",
    );
    expect(renderAccessEndingSoon({ request, minutesLeft: 1, link }).subject).toBe("Ending in 1 minute: your access to New-JournalRule");
    expect(renderRequestCancelled({ request, link }).subject).toBe("Cancelled: requester@contoso.com withdrew their request for New-JournalRule");
    // An extension withdrawn is not a new request withdrawn: the approvers read which it was.
    expect(renderRequestCancelled({ request: { ...request, extendsRequestId: "0e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b" }, link }).subject).toBe(
      "Cancelled: requester@contoso.com withdrew their request to extend New-JournalRule by 4 hours",
    );
  });

  it("refuse raw HTML and script URLs", () => {
    expect(() => renderHtml(createElement("div", { dangerouslySetInnerHTML: { __html: "<b>x</b>" } }))).toThrow();
    expect(() => renderHtml(createElement("a", { href: " javascript:alert(1)" }, "x"))).toThrow();
  });
});
