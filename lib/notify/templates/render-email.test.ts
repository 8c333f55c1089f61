import { createElement } from "react";
import { describe, expect, it } from "vitest";
import type { RequestView } from "@/lib/requests/request-view";
import { EmailCard } from "./email-parts";
import { renderEmail } from "./render-email";
import { renderEmailPayload } from "../channels/email";
import { type EmailPayload, emailSubject } from "../email-payload";

const hostile = `<script>alert("x")</script> & 'quotes' <a href="javascript:alert(1)">click</a>`;
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

const payloads: [string, EmailPayload][] = [
  ["pending", { kind: "request-pending", props: { request, link } }],
  ["approved", { kind: "request-approved", props: { request, outcome: "approved", by: "a@b.c", comment: hostile, audience: "requester", link } }],
  ["someone acted", { kind: "request-decided-other", props: { request, outcome: "denied", by: "a@b.c", comment: null, audience: "approver", link } }],
  ["auto-approved", { kind: "request-auto-approved", props: { request, link } }],
  ["revoked", { kind: "request-revoked", props: { request, link } }],
  ["released", { kind: "request-released", props: { request, scheduledEnd: "2026-05-01T18:30:00.000Z", extensionsEnded: 1, comment: hostile, link } }],
  ["expired", { kind: "request-expired", props: { request, link } }],
  ["expired, to approvers", { kind: "request-expired-other", props: { request, audience: "approver", link } }],
  ["cancelled", { kind: "request-cancelled", props: { request, link } }],
  ["ending soon", { kind: "access-ending-soon", props: { request, minutesLeft: 15, link } }],
  [
    "member invited",
    {
      kind: "member-invited",
      props: { organisation: "Contoso <b>", invitedBy: hostile, email: "n@contoso.com", roles: [], roleGroups: [], guest: false, link },
    },
  ],
];

const render = (payload: EmailPayload) => renderEmailPayload(payload, emailSubject(payload));
const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);

describe("email templates", () => {
  it.each(payloads)("render the %s email as a whole document whose one link is the app's, and nothing people typed as markup", async (_name, payload) => {
    const { html, text } = await render(payload);
    expect(html.startsWith("<!DOCTYPE html")).toBe(true);
    expect(html).toContain(`<title>${emailSubject(payload).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;")}</title>`);
    expect(html).not.toContain("<script");
    expect(html).not.toMatch(/<a [^>]*javascript:/i);
    expect(hrefs(html)).toEqual([link]);
    expect(text).toContain(link);
    expect(text.trimEnd().endsWith("Sent by Elevate, your organisation's privileged access service.")).toBe(true);
  });

  it("escape what people typed, in HTML; keep it readable in plain text", async () => {
    const email = await render({ kind: "request-pending", props: { request, link } });
    expect(email.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;quotes&#x27; &lt;a href=&quot;javascript:alert(1)&quot;&gt;click&lt;/a&gt;");
    expect(email.html).toContain("CHG-&lt;1&gt;");
    expect(email.text).toContain(`Reason: ${hostile}`);
    expect(email.text).toContain("Ticket: CHG-<1>");
    expect(email.text).toContain(`Review the request: ${link}`);
    expect(email.text).toContain("It needs 2 approvals from different approvers (0 so far).");
    const decided = await render(payloads[1]![1]);
    expect(decided.text).toContain(`Their comment: "${hostile}"`);
    expect(decided.html).not.toContain("<script");
  });

  it("say what happened in the subject", () => {
    expect(emailSubject({ kind: "request-pending", props: { request, link } })).toBe(
      "Approval needed: requester@contoso.com asks for New-JournalRule for 4 hours",
    );
    expect(emailSubject({ kind: "access-ending-soon", props: { request, minutesLeft: 1, link } })).toBe("Ending in 1 minute: your access to New-JournalRule");
    expect(emailSubject({ kind: "request-cancelled", props: { request, link } })).toBe(
      "Cancelled: requester@contoso.com withdrew their request for New-JournalRule",
    );
    // An extension withdrawn is not a new request withdrawn: the approvers read which it was.
    expect(
      emailSubject({ kind: "request-cancelled", props: { request: { ...request, extendsRequestId: "0e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b" }, link } }),
    ).toBe("Cancelled: requester@contoso.com withdrew their request to extend New-JournalRule by 4 hours");
    // A subject is one header line whatever the data in it.
    expect(emailSubject({ kind: "request-pending", props: { request: { ...request, target: "New-\r\nBcc: x@evil.example" }, link } })).toBe(
      "Approval needed: requester@contoso.com asks for New- Bcc: x@evil.example for 4 hours",
    );
  });

  it("refuse a link that is not http(s): a javascript: URL never becomes a button", async () => {
    for (const href of ["javascript:alert(1)", " javascript:alert(1)", "data:text/html,x"]) {
      await expect(renderEmail(createElement(EmailCard, { title: "t", heading: "h", action: { href, label: "Go" }, children: "x" }))).rejects.toThrow(
        /http\(s\)/,
      );
    }
    await expect(render({ kind: "request-pending", props: { request, link: "javascript:alert(1)" } })).rejects.toThrow(/http\(s\)/);
  });
});
