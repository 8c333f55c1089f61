import { and, asc, eq, inArray, like, sql } from "drizzle-orm";
import { Resend } from "resend";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db/client";
import { accessRequests, approverGroupMembers, approverGroups, auditEvents, emailOutbox, memberships, organisations } from "@/db/schema";
import { type ContosoFixture, codeOf, contosoFixture } from "@/db/testing/contoso-fixture";
import { testDatabaseKinds } from "@/db/testing/test-database";
import { approveRequest } from "@/lib/approvals/approve-request";
import { denyRequest } from "@/lib/approvals/deny-request";
import { revokeRequest } from "@/lib/approvals/revoke-request";
import { createPolicy } from "@/lib/policies/create-policy";
import { cancelRequest } from "@/lib/requests/cancel-request";
import { createRequest } from "@/lib/requests/create-request";
import { expirePendingRequests } from "@/lib/requests/expire-pending-requests";
import { selectRequestView } from "@/lib/requests/request-view";
import { startOutboxWorker } from "@/lib/server/workers/outbox-worker";
import { emailChannel, sendEmail } from "./channels/email";
import { type DeliverOutboxOptions, claimDueMessages, deliverOutbox, recordOutcome } from "./deliver-outbox";
import { enqueueEmails } from "./enqueue-email";
import { listDevMailbox } from "./list-dev-mailbox";
import { listEmailDelivery } from "./list-email-delivery";
import { getNotificationSettings, updateNotificationSettings } from "./notification-settings";
import { notifyRequestCancelled } from "./notify-request-cancelled";
import { queueEndingSoon } from "./queue-ending-soon";
import { retryEmail } from "./retry-email";
import { type FakeResend, startFakeResend } from "./testing/fake-resend";
import { renderedEmail } from "./testing/rendered-email";

// The configuration as a deployment with Resend would have it; `mail.key` off is the dev mailbox.
const mail = vi.hoisted(() => ({ key: "re_test_configured_key" as string | undefined }));
vi.mock("@/lib/config", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/config")>();
  return {
    ...actual,
    config: () =>
      actual.loadConfig({
        ...process.env,
        DATABASE_URL: undefined,
        AUTH_URL: "https://elevate.example.com",
        RESEND_API_KEY: mail.key,
        RESEND_BASE_URL: undefined,
        EMAIL_FROM: "Elevate <elevate@example.com>",
      }),
  };
});

const FROM = "Elevate <elevate@example.com>";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(testDatabaseKinds)("email notifications on %s", (kind) => {
  let f: ContosoFixture;
  let fake: FakeResend;
  let resend: Resend;
  beforeAll(async () => {
    f = await contosoFixture(kind);
    fake = await startFakeResend();
    // The real SDK, pointed at the fake server on loopback.
    resend = new Resend("re_test", { baseUrl: fake.url });
  });
  afterAll(async () => {
    await fake.close();
    await f.database.destroy();
  });
  const db = () => f.database.db;

  /** Fast backoff so retries happen within a test. */
  const deliver = (options: DeliverOutboxOptions = {}) =>
    deliverOutbox(db(), { resend, from: FROM, backoffBaseMs: 20, backoffMaxMs: 200, ...options });

  /** Delivery passes until nothing is queued (or fails the test after a while). */
  async function drain(options: DeliverOutboxOptions = {}) {
    for (let i = 0; i < 100; i++) {
      await deliver(options);
      const [{ queued }] = (await db()
        .select({ queued: sql<number>`count(*)::int` })
        .from(emailOutbox)
        .where(inArray(emailOutbox.status, ["pending", "sending"]))) as [{ queued: number }];
      if (queued === 0) return;
      await sleep(30);
    }
    throw new Error("the outbox did not drain");
  }

  /** The event's messages, each with the body the worker will render from its payload. */
  async function outbox(eventKey: string) {
    const rows = await db()
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.eventKey, eventKey))
      .orderBy(asc(emailOutbox.toEmail));
    return Promise.all(rows.map(renderedEmail));
  }
  const summary = async (eventKey: string) =>
    (await outbox(eventKey)).map((m) => ({ to: m.toEmail, kind: m.kind, subject: m.subject }));

  /** Queues `count` plain messages (to one member, an event each) for the delivery tests. */
  async function queue(prefix: string, count: number) {
    await db().transaction((tx) =>
      enqueueEmails(
        tx,
        f.organisationId,
        Array.from({ length: count }, (_, i) => ({
          eventKey: `${prefix}:${i}`,
          to: ["requester@contoso.com"],
          email: {
            kind: "member-invited" as const,
            props: { organisation: `Test ${prefix} ${i}`, invitedBy: "admin", email: "requester@contoso.com", roles: [], roleGroups: [], guest: false, link: "https://elevate.example.com/signin" },
          },
        })),
      ),
    );
  }
  /** The worker's steps for one claimed message: render it, send it. */
  const renderAndSend = async (message: Parameters<typeof sendEmail>[1]) =>
    sendEmail(resend, message, await emailChannel({ resend }).render(message), { from: FROM, timeoutMs: 30_000 });
  const rowsOf = (prefix: string) =>
    db().select().from(emailOutbox).where(like(emailOutbox.eventKey, `${prefix}:%`)).orderBy(asc(emailOutbox.eventKey));
  const requestsFor = (prefix: string) => fake.requests.filter((r) => r.idempotencyKey?.startsWith(`${prefix}:`));
  const deliveriesFor = (prefix: string) => fake.deliveries.filter((d) => d.idempotencyKey?.startsWith(`${prefix}:`));

  // Each test makes its requests in an organisation of its own (its people at `<name>@<slug>.example`),
  // so none reads another's requests, settings or messages, and any passes alone and in any order.
  describe("who gets which message", () => {
    it("a new pending request goes to each approver of its group: never the requester, guests or disabled members", async () => {
      const org = await f.organisation();
      const e = org.email;
      // Put people in PAM Approvers who must never get the mail: the requester, a guest, a disabled member.
      const [group] = await db()
        .select()
        .from(approverGroups)
        .where(and(eq(approverGroups.organisationId, org.organisationId), eq(approverGroups.name, "PAM Approvers")));
      const extraIds = await Promise.all(["requester@contoso.com", "partner@fabrikam.com", "auditor@contoso.com"].map(org.userId));
      await db()
        .insert(approverGroupMembers)
        .values(extraIds.map((id) => ({ organisationId: org.organisationId, groupId: group!.id, userId: id })));
      await db()
        .update(memberships)
        .set({ disabledAt: sql`now()` })
        .where(and(eq(memberships.organisationId, org.organisationId), eq(memberships.userId, extraIds[2]!)));
      const request = await createRequest(db(), {
        actor: await org.actor("requester@contoso.com"),
        input: { target: "New-JournalRule", reason: "Journal the <legal> & \"hold\" mailboxes." },
      });
      const messages = await outbox(`request-pending:${request.id}`);
      expect(messages.map((m) => [m.toEmail, m.kind, m.status])).toEqual([
        [e("approver1@contoso.com"), "request-pending", "pending"],
        [e("approver2@contoso.com"), "request-pending", "pending"],
      ]);
      const [message] = messages;
      expect(message!.subject).toBe(`Approval needed: ${e("requester@contoso.com")} asks for New-JournalRule for 4 hours`);
      // The link opens the request in the approver's inbox, in the query (a fragment would not
      // survive the sign-in redirect); the reason is escaped, never raw HTML.
      const link = `https://elevate.example.com/inbox?request=${request.id}`;
      expect(message!.html).toContain(`href="${link}"`);
      expect(message!.text).toContain(link);
      expect(message!.html).toContain("Journal the &lt;legal&gt; &amp; &quot;hold&quot; mailboxes.");
      expect(message!.text).toContain('Journal the <legal> & "hold" mailboxes.');
      expect([...message!.html.matchAll(/href="([^"]*)"/g)].map((m) => m[1])).toEqual([link]);
    });

    it("an approval tells the requester, and the other approvers that someone acted", async () => {
      const org = await f.organisation();
      const e = org.email;
      const { id: requestId } = await createRequest(db(), {
        actor: await org.actor("requester@contoso.com"),
        input: { target: "New-JournalRule", reason: "Journal the legal hold mailboxes." },
      });
      await approveRequest(db(), { actor: await org.actor("approver1@contoso.com"), requestId, comment: "Fine <b>today</b>" });
      expect(await summary(`request-decided:${requestId}`)).toEqual([
        {
          to: e("approver2@contoso.com"),
          kind: "request-decided-other",
          subject: `Approved by ${e("approver1@contoso.com")}: ${e("requester@contoso.com")}'s request for New-JournalRule`,
        },
        { to: e("requester@contoso.com"), kind: "request-approved", subject: "Approved: your access to New-JournalRule for 4 hours" },
      ]);
      const [toApprover, toRequester] = await outbox(`request-decided:${requestId}`);
      // Each link names the request: the requester's card, and the approver's inbox that says who decided it.
      expect(toRequester!.html).toContain(`href="https://elevate.example.com/requests?request=${requestId}"`);
      expect(toApprover!.text).toContain(`https://elevate.example.com/inbox?request=${requestId}`);
      expect(toRequester!.html).toContain("Fine &lt;b&gt;today&lt;/b&gt;");
    });

    it("under a quorum, only the approval that meets it mails anyone", async () => {
      const org = await f.organisation();
      const e = org.email;
      const request = await createRequest(db(), {
        actor: await org.actor("requester2@contoso.com"),
        input: { target: "New-MailboxExportRequest", reason: "Export for HR case 5100.", ticket: "CHG-5100" },
      });
      expect(request.requiredApprovals).toBe(2);
      await approveRequest(db(), { actor: await org.actor("approver1@contoso.com"), requestId: request.id });
      expect(await outbox(`request-decided:${request.id}`)).toEqual([]);
      await approveRequest(db(), { actor: await org.actor("approver2@contoso.com"), requestId: request.id });
      expect(await summary(`request-decided:${request.id}`)).toEqual([
        {
          to: e("approver1@contoso.com"),
          kind: "request-decided-other",
          subject: `Approved by ${e("approver2@contoso.com")}: ${e("requester2@contoso.com")}'s request for New-MailboxExportRequest`,
        },
        { to: e("requester2@contoso.com"), kind: "request-approved", subject: "Approved: your access to New-MailboxExportRequest for 2 hours" },
      ]);
    });

    it("a denial tells the requester why, and the other approvers", async () => {
      const org = await f.organisation();
      const e = org.email;
      const { id: requestId } = await createRequest(db(), {
        actor: await org.actor("requester@contoso.com"),
        input: { target: "New-JournalRule", reason: "Journal the sales mailboxes." },
      });
      await denyRequest(db(), { actor: await org.actor("approver2@contoso.com"), requestId, comment: "Wait for the change window." });
      expect(await summary(`request-decided:${requestId}`)).toEqual([
        {
          to: e("approver1@contoso.com"),
          kind: "request-decided-other",
          subject: `Denied by ${e("approver2@contoso.com")}: ${e("requester@contoso.com")}'s request for New-JournalRule`,
        },
        { to: e("requester@contoso.com"), kind: "request-denied", subject: "Denied: your request for New-JournalRule" },
      ]);
      const [, toRequester] = await outbox(`request-decided:${requestId}`);
      expect(toRequester!.text).toContain('Their comment: "Wait for the change window."');
    });

    it("an automatic approval and a revocation each tell the requester, and nobody else", async () => {
      const org = await f.organisation();
      const e = org.email;
      const request = await createRequest(db(), {
        actor: await org.actor("requester@contoso.com"),
        input: { target: "Add-MailboxPermission", reason: "Assistant access." },
      });
      expect(request.status).toBe("approved");
      expect(await outbox(`request-pending:${request.id}`)).toEqual([]);
      expect(await summary(`request-auto-approved:${request.id}`)).toEqual([
        {
          to: e("requester@contoso.com"),
          kind: "request-auto-approved",
          subject: "Approved automatically: your access to Add-MailboxPermission for 1 hour",
        },
      ]);
      await revokeRequest(db(), { actor: await org.actor("admin@contoso.com"), requestId: request.id, comment: "Done with it." });
      expect(await summary(`request-revoked:${request.id}`)).toEqual([
        {
          to: e("requester@contoso.com"),
          kind: "request-revoked",
          subject: `Revoked: your access to Add-MailboxPermission was ended by ${e("admin@contoso.com")}`,
        },
      ]);
    });

    it("an expired request tells the requester and its approvers once, whether a refused decision or the sweeper marks it", async () => {
      const org = await f.organisation();
      const e = org.email;
      const lapsed = await createRequest(db(), {
        actor: await org.actor("requester2@contoso.com"),
        input: { target: "New-MailboxExportRequest", reason: "Export before the migration.", ticket: "CHG-5200" },
      });
      await f.lapsePending(lapsed.id);
      expect(await codeOf(approveRequest(db(), { actor: await org.actor("approver1@contoso.com"), requestId: lapsed.id }))).toBe(
        "conflict:expired",
      );
      expect(await summary(`request-expired:${lapsed.id}`)).toEqual([
        {
          to: e("approver1@contoso.com"),
          kind: "request-expired-other",
          subject: `Expired: ${e("requester2@contoso.com")}'s request for New-MailboxExportRequest got no decision in time`,
        },
        {
          to: e("approver2@contoso.com"),
          kind: "request-expired-other",
          subject: `Expired: ${e("requester2@contoso.com")}'s request for New-MailboxExportRequest got no decision in time`,
        },
        {
          to: e("requester2@contoso.com"),
          kind: "request-expired",
          subject: "Expired: your request for New-MailboxExportRequest got no decision in time",
        },
      ]);

      await createPolicy(db(), { actor: await org.actor("admin@contoso.com"), input: { type: "task", target: "Get-JournalRule", approverGroup: "PAM Approvers" } });
      const swept = await createRequest(db(), {
        actor: await org.actor("requester2@contoso.com"),
        input: { target: "Get-JournalRule", reason: "Audit the journal rules." },
      });
      await f.lapsePending(swept.id);
      // Nothing else in this database has outlived its pending lifetime unmarked.
      expect(await expirePendingRequests(db())).toBe(1);
      expect(await expirePendingRequests(db())).toBe(0);
      expect((await summary(`request-expired:${swept.id}`)).map((m) => m.to)).toEqual([
        e("approver1@contoso.com"),
        e("approver2@contoso.com"),
        e("requester2@contoso.com"),
      ]);
    });

    it("a cancelled request tells each approver it waited for, once, and never the requester", async () => {
      const org = await f.organisation();
      const e = org.email;
      // The requester is an approver of the group too: they cancelled it, they are not told.
      const [group] = await db()
        .select()
        .from(approverGroups)
        .where(and(eq(approverGroups.organisationId, org.organisationId), eq(approverGroups.name, "PAM Approvers")));
      await db()
        .insert(approverGroupMembers)
        .values({ organisationId: org.organisationId, groupId: group!.id, userId: await org.userId("requester@contoso.com") });
      const requester = await org.actor("requester@contoso.com");
      const request = await createRequest(db(), { actor: requester, input: { target: "New-JournalRule", reason: "Journal <the> legal mailboxes." } });
      const eventKey = `request-cancelled:${request.id}`;
      expect(await outbox(eventKey)).toEqual([]);

      expect((await cancelRequest(db(), { actor: requester, requestId: request.id })).status).toBe("cancelled");
      const subject = `Cancelled: ${e("requester@contoso.com")} withdrew their request for New-JournalRule`;
      expect(await summary(eventKey)).toEqual([
        { to: e("approver1@contoso.com"), kind: "request-cancelled", subject },
        { to: e("approver2@contoso.com"), kind: "request-cancelled", subject },
      ]);
      const [message] = await outbox(eventKey);
      const link = `https://elevate.example.com/inbox?request=${request.id}`;
      expect([...message!.html.matchAll(/href="([^"]*)"/g)].map((m) => m[1])).toEqual([link]);
      expect(message!.text).toContain(`${e("requester@contoso.com")} cancelled their request for New-JournalRule before anyone decided it.`);
      expect(message!.html).toContain("Journal &lt;the&gt; legal mailboxes.");

      // The same event again (a retried transaction) writes nothing more.
      expect(
        await db().transaction(async (tx) =>
          notifyRequestCancelled(tx, { organisationId: org.organisationId, view: (await selectRequestView(tx, org.organisationId, request.id))!, approverGroupId: group!.id }),
        ),
      ).toBe(0);
      expect(await outbox(eventKey)).toHaveLength(2);
      // A refused cancel (already cancelled) sends nothing either.
      expect(await codeOf(cancelRequest(db(), { actor: requester, requestId: request.id }))).toBe("conflict:already-decided");
      expect(await outbox(eventKey)).toHaveLength(2);
    });

    it("a refused cancel mails no approver: someone else's request, one decided, one expired", async () => {
      const org = await f.organisation();
      const requester = await org.actor("requester@contoso.com");
      const others = await createRequest(db(), { actor: requester, input: { target: "New-JournalRule", reason: "Journal the legal mailboxes." } });
      expect(await codeOf(cancelRequest(db(), { actor: await org.actor("approver1@contoso.com"), requestId: others.id }))).toBe("not-found:request");
      await approveRequest(db(), { actor: await org.actor("approver1@contoso.com"), requestId: others.id });
      expect(await codeOf(cancelRequest(db(), { actor: requester, requestId: others.id }))).toBe("conflict:already-decided");
      expect(await outbox(`request-cancelled:${others.id}`)).toEqual([]);

      const lapsed = await createRequest(db(), {
        actor: await org.actor("requester2@contoso.com"),
        input: { target: "New-MailboxExportRequest", reason: "Export before the migration.", ticket: "CHG-5300" },
      });
      await f.lapsePending(lapsed.id);
      expect(await codeOf(cancelRequest(db(), { actor: await org.actor("requester2@contoso.com"), requestId: lapsed.id }))).toBe("conflict:expired");
      expect(await outbox(`request-cancelled:${lapsed.id}`)).toEqual([]);
    });

    it("access about to end warns its holder once, within the organisation's notice", async () => {
      const org = await f.organisation();
      const request = await createRequest(db(), {
        actor: await org.actor("requester2@contoso.com"),
        input: { target: "Add-MailboxPermission", reason: "Delegate access." },
      });
      const window = (endsInMinutes: number) =>
        db()
          .update(accessRequests)
          .set({
            startsAt: sql`now() - make_interval(mins => ${60 - endsInMinutes})`,
            endsAt: sql`now() + make_interval(mins => ${endsInMinutes})`,
          })
          .where(eq(accessRequests.id, request.id));
      const eventKey = `access-ending-soon:${request.id}`;

      await window(30);
      expect(await queueEndingSoon(db())).toBe(0);
      await window(10);
      expect(await queueEndingSoon(db())).toBe(1);
      expect(await queueEndingSoon(db())).toBe(0);
      expect(await summary(eventKey)).toEqual([
        { to: org.email("requester2@contoso.com"), kind: "access-ending-soon", subject: "Ending in 10 minutes: your access to Add-MailboxPermission" },
      ]);

      // A notice of 0 minutes turns the warning off.
      await db().delete(emailOutbox).where(eq(emailOutbox.eventKey, eventKey));
      await db().update(organisations).set({ endingSoonNoticeMinutes: 0 }).where(eq(organisations.id, org.organisationId));
      expect(await queueEndingSoon(db())).toBe(0);
      await db().update(organisations).set({ endingSoonNoticeMinutes: 15 }).where(eq(organisations.id, org.organisationId));
      expect(await queueEndingSoon(db())).toBe(1);
    });

    it("respects the organisation's switch for each event (a missing key means on)", async () => {
      const org = await f.organisation();
      await createPolicy(db(), { actor: await org.actor("admin@contoso.com"), input: { type: "task", target: "Get-JournalRule", approverGroup: "PAM Approvers" } });
      await db()
        .update(organisations)
        .set({ notificationSettings: { "request-pending": false } })
        .where(eq(organisations.id, org.organisationId));
      const request = await createRequest(db(), {
        actor: await org.actor("requester2@contoso.com"),
        input: { target: "Get-JournalRule", reason: "Audit the journal rules again." },
      });
      expect(await outbox(`request-pending:${request.id}`)).toEqual([]);
      await approveRequest(db(), { actor: await org.actor("approver1@contoso.com"), requestId: request.id });
      expect((await outbox(`request-decided:${request.id}`)).length).toBe(2);

      // The cancellation email is an event of its own, switched off alone.
      await db()
        .update(organisations)
        .set({ notificationSettings: { "request-cancelled": false } })
        .where(eq(organisations.id, org.organisationId));
      const withdrawn = await createRequest(db(), {
        actor: await org.actor("requester@contoso.com"),
        input: { target: "New-JournalRule", reason: "Journal, then not." },
      });
      await cancelRequest(db(), { actor: await org.actor("requester@contoso.com"), requestId: withdrawn.id });
      expect(await outbox(`request-cancelled:${withdrawn.id}`)).toEqual([]);
      expect(await outbox(`request-pending:${withdrawn.id}`)).toHaveLength(2);
    });

    it("lets administrators, and only them, switch events, audited", async () => {
      const org = await f.organisation();
      const admin = await org.actor("admin@contoso.com");
      expect(await getNotificationSettings(db(), { actor: admin })).toMatchObject({ "request-pending": true, "access-ending-soon": true });
      expect(await codeOf(updateNotificationSettings(db(), { actor: await org.actor("approver1@contoso.com"), input: { "request-expired": false } }))).toBe(
        "forbidden:manage-settings",
      );
      expect(await codeOf(updateNotificationSettings(db(), { actor: admin, input: { "no-such-event": false } as never }))).toBe("invalid:input");
      const after = await updateNotificationSettings(db(), { actor: admin, input: { "request-expired": false } });
      expect(after).toMatchObject({ "request-expired": false, "request-pending": true });
      const audits = await db()
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.organisationId, org.organisationId), eq(auditEvents.action, "settings.notifications")));
      expect(audits.map((a) => a.details)).toEqual([{ changed: { "request-expired": { from: true, to: false } } }]);
      await updateNotificationSettings(db(), { actor: admin, input: { "request-expired": true } });
      expect((await getNotificationSettings(db(), { actor: admin }))["request-expired"]).toBe(true);
    });

    it("without a Resend key, the worker keeps every message for the dev mailbox, rendered", async () => {
      const org = await f.organisation();
      const e = org.email;
      await createPolicy(db(), { actor: await org.actor("admin@contoso.com"), input: { type: "task", target: "Get-JournalRule", approverGroup: "PAM Approvers" } });
      mail.key = undefined;
      try {
        const request = await createRequest(db(), {
          actor: await org.actor("requester@contoso.com"),
          input: { target: "Get-JournalRule", reason: "Dev mailbox check." },
        });
        await deliver({ resend: null });
        const messages = await outbox(`request-pending:${request.id}`);
        expect(messages.map((m) => [m.toEmail, m.status, m.sentAt !== null])).toEqual([
          [e("approver1@contoso.com"), "dev", true],
          [e("approver2@contoso.com"), "dev", true],
        ]);
        const mailbox = await listDevMailbox(db());
        const kept = mailbox?.filter((m) => messages.some((x) => x.id === m.id)) ?? [];
        expect(kept.map((m) => m.subject)).toEqual([
          `Approval needed: ${e("requester@contoso.com")} asks for Get-JournalRule for 4 hours`,
          `Approval needed: ${e("requester@contoso.com")} asks for Get-JournalRule for 4 hours`,
        ]);
        // The body the dev mailbox shows is the one the worker rendered.
        for (const message of kept) {
          expect(message.html).toContain(`href="https://elevate.example.com/inbox?request=${request.id}"`);
          expect(message.text).toContain("Reason: Dev mailbox check.");
        }
      } finally {
        mail.key = "re_test_configured_key";
      }
    });
  });

  describe("delivery", () => {
    // A worker serves every organisation's outbox: each test starts from an empty one, so what it
    // counts is what it queued.
    beforeEach(async () => {
      fake.reset();
      await db().delete(emailOutbox);
    });

    it("delivers every queued message through Resend to its recipient, once, with its idempotency key", async () => {
      // Real notifications: a pending request, its approval, an automatic approval and its revocation.
      const org = await f.organisation();
      const request = await createRequest(db(), { actor: await org.actor("requester@contoso.com"), input: { target: "New-JournalRule", reason: "Legal hold." } });
      await approveRequest(db(), { actor: await org.actor("approver1@contoso.com"), requestId: request.id });
      const auto = await createRequest(db(), { actor: await org.actor("requester2@contoso.com"), input: { target: "Add-MailboxPermission", reason: "Delegate." } });
      await revokeRequest(db(), { actor: await org.actor("admin@contoso.com"), requestId: auto.id, comment: "Done." });
      const queued = await db().select().from(emailOutbox).where(eq(emailOutbox.status, "pending"));
      expect(queued.map((m) => m.kind).sort()).toEqual([
        "request-approved",
        "request-auto-approved",
        "request-decided-other",
        "request-pending",
        "request-pending",
        "request-revoked",
      ]);
      await drain();
      expect(fake.deliveries.length).toBe(queued.length);
      for (const message of queued) {
        const [delivery] = fake.deliveries.filter((d) => d.idempotencyKey === `${message.eventKey}:${message.toEmail}`);
        // Rendered from the payload at delivery, and what was sent is kept with the message.
        const { html, text } = await renderedEmail(message);
        expect(delivery).toMatchObject({ to: [message.toEmail], from: FROM, subject: message.subject, html, text });
        const [stored] = await db().select().from(emailOutbox).where(eq(emailOutbox.id, message.id));
        expect(stored).toMatchObject({ status: "sent", attempts: 1, providerMessageId: delivery!.id, lastError: null, html, text });
      }
    });

    it("retries after 500s with backoff, then sends once", async () => {
      await queue("r500", 1);
      fake.failNext(2, { status: 500 });
      expect(await deliver()).toEqual({ sent: 0, kept: 0, retrying: 1, failed: 0 });
      const [afterFirst] = await rowsOf("r500");
      expect(afterFirst).toMatchObject({ status: "pending", attempts: 1 });
      expect(afterFirst!.lastError).toContain("500 internal_server_error");
      await drain();
      const [done] = await rowsOf("r500");
      expect(done).toMatchObject({ status: "sent", attempts: 3, lastError: null });
      expect(requestsFor("r500").map((r) => r.status)).toEqual([500, 500, 200]);
      expect(deliveriesFor("r500")).toHaveLength(1);
    });

    it("after a 429, waits exactly as long as Retry-After says, then sends", async () => {
      await queue("r429", 1);
      fake.failNext(1, { status: 429, retryAfter: 120 });
      // One worker step at a time: claim, send (Resend answers 429, Retry-After: 120), record.
      const [claimed] = await claimDueMessages(db(), { batch: 1 });
      const outcome = await renderAndSend(claimed!);
      expect(outcome).toEqual({ kind: "retry", retryAfterMs: 120_000, error: expect.stringContaining("429 rate_limit_exceeded") });
      // Recorded inside a transaction of the test's, whose now() is the clock the retry is set by.
      const waitMs = await db().transaction(async (tx) => {
        expect(await recordOutcome(tx as unknown as Database, claimed!, outcome)).toBe("retrying");
        const [row] = (await tx
          .select({ waitMs: sql<string>`extract(epoch from ${emailOutbox.nextAttemptAt} - now()) * 1000` })
          .from(emailOutbox)
          .where(eq(emailOutbox.id, claimed!.id))) as [{ waitMs: string }];
        return Number(row.waitMs);
      });
      expect(waitMs).toBe(120_000);
      // Not due until then: a worker passing by sends nothing, and Resend hears nothing more.
      expect(await deliver()).toEqual({ sent: 0, kept: 0, retrying: 0, failed: 0 });
      expect(requestsFor("r429").map((r) => r.status)).toEqual([429]);
      // The two minutes pass (the message's clock moved, not the test's): the next pass sends it.
      await db()
        .update(emailOutbox)
        .set({ nextAttemptAt: sql`${emailOutbox.nextAttemptAt} - interval '120 seconds'` })
        .where(eq(emailOutbox.id, claimed!.id));
      expect(await deliver()).toEqual({ sent: 1, kept: 0, retrying: 0, failed: 0 });
      expect(requestsFor("r429").map((r) => r.status)).toEqual([429, 200]);
    });

    it("gives up after the last attempt, and marks the message failed", async () => {
      await queue("rmax", 1);
      fake.failNext(3, { status: 503 });
      await drain({ maxAttempts: 3 });
      const [message] = await rowsOf("rmax");
      expect(message).toMatchObject({ status: "failed", attempts: 3 });
      expect(message!.lastError).toMatch(/^gave up after 3 attempts: 503/);
      expect(deliveriesFor("rmax")).toHaveLength(0);
    });

    // A race: the embedded database runs the two workers' claims one after another, where this
    // would pass without `skip locked`; it runs on real Postgres only.
    it.skipIf(kind === "embedded")("race on Postgres: two workers racing send each message once", async () => {
      fake.delayMs = 30;
      await queue("race", 24);
      const [a, b] = await Promise.all([deliver({ batch: 4 }), deliver({ batch: 4 })]);
      await drain();
      expect(a.sent + b.sent).toBe(24);
      // Postgres really runs them at once: both get a share, and still nothing twice.
      expect(Math.min(a.sent, b.sent)).toBeGreaterThan(0);
      expect(requestsFor("race")).toHaveLength(24);
      expect(new Set(deliveriesFor("race").map((d) => d.idempotencyKey)).size).toBe(24);
      expect((await rowsOf("race")).every((m) => m.status === "sent" && m.attempts === 1)).toBe(true);
    });

    it("a worker killed mid-batch loses nothing and duplicates nothing", async () => {
      await queue("crash", 6);
      // The worker claims six, sends three, and dies before recording anything.
      const claimed = await claimDueMessages(db(), { batch: 6 });
      expect(claimed).toHaveLength(6);
      const firstIds = new Map<string, string>();
      for (const message of claimed.slice(0, 3)) {
        const outcome = await renderAndSend(message);
        expect(outcome.kind).toBe("sent");
        if (outcome.kind === "sent") firstIds.set(message.id, outcome.providerMessageId!);
      }
      // While its claims last, nobody else touches those messages.
      expect(await deliver()).toEqual({ sent: 0, kept: 0, retrying: 0, failed: 0 });
      // Its claims run out; the next worker takes the messages over.
      await db()
        .update(emailOutbox)
        .set({ lockedUntil: sql`now() - interval '1 second'` })
        .where(like(emailOutbox.eventKey, "crash:%"));
      expect(await deliver()).toEqual({ sent: 6, kept: 0, retrying: 0, failed: 0 });
      const rows = await rowsOf("crash");
      expect(rows.every((m) => m.status === "sent" && m.attempts === 2)).toBe(true);
      // Resend saw the first three twice but, by their idempotency keys, delivered each once.
      expect(requestsFor("crash")).toHaveLength(9);
      expect(deliveriesFor("crash")).toHaveLength(6);
      for (const [id, providerId] of firstIds) expect(rows.find((m) => m.id === id)!.providerMessageId).toBe(providerId);
    });

    it("a permanent failure stops at once, shows in Email delivery, and an admin can retry it", async () => {
      await queue("r422", 1);
      fake.failNext(1, { status: 422, message: "Invalid `from` field. Key re_live_abcdef123456 rejected." });
      expect(await deliver()).toEqual({ sent: 0, kept: 0, retrying: 0, failed: 1 });
      const [failed] = await rowsOf("r422");
      expect(failed).toMatchObject({ status: "failed", attempts: 1 });
      expect(failed!.lastError).toContain("422 validation_error");
      expect(failed!.lastError).not.toContain("re_live_abcdef123456");

      const admin = await f.actor("admin@contoso.com");
      const list = await listEmailDelivery(db(), { actor: admin, filter: "failed" });
      expect(list.counts.failed).toBe(1);
      const shown = list.messages.find((m) => m.id === failed!.id);
      expect(shown).toMatchObject({ status: "failed", toEmail: "requester@contoso.com", subject: "admin added you to Test r422 0 on Elevate", attempts: 1 });
      expect(shown).not.toHaveProperty("html");
      expect(shown).not.toHaveProperty("text");

      const requester = await f.actor("requester@contoso.com");
      expect(await codeOf(listEmailDelivery(db(), { actor: requester }))).toBe("forbidden:email-delivery");
      expect(await codeOf(retryEmail(db(), { actor: requester, messageId: failed!.id }))).toBe("forbidden:email-delivery");
      expect(await codeOf(retryEmail(db(), { actor: admin, messageId: "not-an-id" }))).toBe("not-found:email");

      expect(await retryEmail(db(), { actor: admin, messageId: failed!.id })).toEqual({ id: failed!.id, status: "pending" });
      const [audit] = await db()
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, "email.retried"), eq(auditEvents.targetId, failed!.id)));
      expect(audit).toMatchObject({ actorEmail: "admin@contoso.com", targetType: "email" });
      expect(await deliver()).toEqual({ sent: 1, kept: 0, retrying: 0, failed: 0 });
      expect(deliveriesFor("r422")).toHaveLength(1);
      expect(await codeOf(retryEmail(db(), { actor: admin, messageId: failed!.id }))).toBe("conflict:email-not-failed");
    });

    it("the polling worker sends what is queued, and stops cleanly", async () => {
      await queue("loop", 3);
      const worker = startOutboxWorker(db(), {
        resend,
        from: FROM,
        intervalMs: 20,
        log: { log: () => {}, error: (...args: unknown[]) => console.error(...args) },
      });
      try {
        for (let i = 0; i < 200 && deliveriesFor("loop").length < 3; i++) await sleep(20);
      } finally {
        await worker.stop();
      }
      expect(deliveriesFor("loop")).toHaveLength(3);
      expect((await rowsOf("loop")).every((m) => m.status === "sent")).toBe(true);
    });
  });
});
