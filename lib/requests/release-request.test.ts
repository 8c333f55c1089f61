/**
 * Early release: a requester ends their own open window before its time. Each test seeds an
 * organisation of its own, so what it counts (emails, audit events, open windows) is its own.
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessRequests, emailOutbox } from "@/db/schema";
import { type ContosoFixture, type OrganisationFixture, codeOf, contosoFixture } from "@/db/testing/contoso-fixture";
import { testDatabaseKinds } from "@/db/testing/test-database";
import { decideAccess } from "@/lib/access/decide-access";
import { approveRequest } from "@/lib/approvals/approve-request";
import { searchAudit } from "@/lib/audit/search-audit";
import { createRequest } from "./create-request";
import { extendRequest } from "./extend-request";
import { getRequest } from "./get-request";
import { listRequests } from "./list-requests";
import { releaseRequest } from "./release-request";

describe.each(testDatabaseKinds)("releasing one's own access early on %s", (kind) => {
  let f: ContosoFixture;
  beforeAll(async () => {
    f = await contosoFixture(kind);
  });
  afterAll(() => f.database.destroy());
  const db = () => f.database.db;

  /** requester's New-JournalRule window (manual policy, PAM Approvers), approved by approver1. */
  async function journalWindow(org: OrganisationFixture) {
    const requester = await org.actor("requester@contoso.com");
    const pending = await createRequest(db(), { actor: requester, input: { target: "New-JournalRule", reason: "Legal hold", durationHours: 2 } });
    const approved = await approveRequest(db(), { actor: await org.actor("approver1@contoso.com"), requestId: pending.id });
    expect(approved).toMatchObject({ status: "approved", active: true });
    return { requester, window: approved };
  }

  const access = async (org: OrganisationFixture, task: string) =>
    decideAccess(db(), { organisationId: org.organisationId, userId: await org.userId("requester@contoso.com"), scope: "Exchange", task });

  const mail = async (eventKey: string) =>
    (await db().select().from(emailOutbox).where(eq(emailOutbox.eventKey, eventKey)))
      .map((m) => ({ to: m.toEmail, kind: m.kind, subject: m.subject }))
      .sort((a, b) => a.to.localeCompare(b.to));

  const released = async (org: OrganisationFixture, requestId: string) =>
    (await searchAudit(db(), { actor: await org.actor("auditor@contoso.com"), input: { targetId: requestId, action: "request.released" } })).items;

  it("ends the requester's open window now, audited as request.released, its approvers told, and the next access check refuses", async () => {
    const org = await f.organisation();
    const { requester, window } = await journalWindow(org);
    expect(await access(org, "New-JournalRule")).toMatchObject({ allowed: true, requestId: window.id });

    const result = await releaseRequest(db(), { actor: requester, requestId: window.id, input: { comment: "Done early" } });
    expect(result).toMatchObject({ id: window.id, status: "approved", active: false, releasedAt: expect.any(String) });
    expect(new Date(result.endsAt!).getTime()).toBeLessThan(new Date(window.endsAt!).getTime());
    expect(new Date(result.endsAt!).getTime()).toBeGreaterThanOrEqual(new Date(window.startsAt!).getTime());

    expect(await access(org, "New-JournalRule")).toMatchObject({ allowed: false, code: "no-grant" });
    const open = await listRequests(db(), { actor: requester, input: { mine: true, active: true } });
    expect(open.items.map((r) => r.id)).not.toContain(window.id);

    const events = await released(org, window.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actor: org.email("requester@contoso.com"),
      details: { target: "New-JournalRule", comment: "Done early", scheduledEndsAt: window.endsAt },
    });
    expect(await mail(`request-released:${window.id}`)).toEqual(
      ["approver1@contoso.com", "approver2@contoso.com"].map((approver) => ({
        to: org.email(approver),
        kind: "request-released",
        subject: `Released: ${org.email("requester@contoso.com")} ended their access to New-JournalRule early`,
      })),
    );
    // Released once: there is nothing left to release.
    expect(await codeOf(releaseRequest(db(), { actor: requester, requestId: window.id }))).toBe("conflict:not-active");
  });

  it("is the requester's alone: anyone else, in this organisation or another, is told it does not exist, and nothing changes", async () => {
    const org = await f.organisation();
    const other = await f.organisation();
    const { window } = await journalWindow(org);
    const strangers = [
      await org.actor("requester2@contoso.com"),
      await org.actor("approver1@contoso.com"),
      await org.actor("admin@contoso.com"),
      await other.actor("requester@contoso.com"),
      await other.actor("admin@contoso.com"),
    ];
    for (const actor of strangers) {
      expect(await codeOf(releaseRequest(db(), { actor, requestId: window.id }))).toBe("not-found:request");
    }
    expect(await getRequest(db(), { actor: await org.actor("admin@contoso.com"), requestId: window.id })).toMatchObject({
      status: "approved",
      active: true,
      endsAt: window.endsAt,
      releasedAt: null,
    });
    expect(await released(org, window.id)).toEqual([]);
    expect(await access(org, "New-JournalRule")).toMatchObject({ allowed: true });
  });

  it("ends a scheduled extension with the window, so the grant does not come back when it would have started", async () => {
    const org = await f.organisation();
    const requester = await org.actor("requester@contoso.com");
    // Add-MailboxPermission is automatic: the window and its extension are approved at once.
    const window = await createRequest(db(), { actor: requester, input: { target: "Add-MailboxPermission", reason: "Assistant" } });
    const extension = await extendRequest(db(), { actor: requester, requestId: window.id, input: { reason: "More", durationHours: 1 } });
    expect(extension).toMatchObject({ status: "approved", active: false, startsAt: window.endsAt });

    await releaseRequest(db(), { actor: requester, requestId: window.id });

    const after = await getRequest(db(), { actor: requester, requestId: extension.id });
    expect(after).toMatchObject({ status: "approved", active: false, releasedAt: expect.any(String) });
    // It never opens: no approved window of this grant ends in the future any more.
    const [{ open }] = (await db()
      .select({ open: sql<number>`count(*)::int` })
      .from(accessRequests)
      .where(and(eq(accessRequests.requesterId, requester.userId), eq(accessRequests.status, "approved"), sql`${accessRequests.endsAt} > now()`))) as [
      { open: number },
    ];
    expect(open).toBe(0);
    expect(await access(org, "Add-MailboxPermission")).toMatchObject({ allowed: false });
    expect((await released(org, extension.id))[0]).toMatchObject({ details: { releasedWith: window.id, scheduledStartsAt: window.endsAt } });
    expect((await released(org, window.id))[0]).toMatchObject({ details: { extensionsEnded: [extension.id] } });
  });

  it("cancels an extension still waiting for approval, so no approver can revive the grant", async () => {
    const org = await f.organisation();
    const { requester, window } = await journalWindow(org);
    const extension = await extendRequest(db(), { actor: requester, requestId: window.id, input: { reason: "More", durationHours: 1 } });
    expect(extension.status).toBe("pending");

    await releaseRequest(db(), { actor: requester, requestId: window.id });

    expect(await getRequest(db(), { actor: requester, requestId: extension.id })).toMatchObject({ status: "cancelled" });
    expect(await codeOf(approveRequest(db(), { actor: await org.actor("approver1@contoso.com"), requestId: extension.id }))).toBe(
      "conflict:already-decided",
    );
    const cancelled = await searchAudit(db(), {
      actor: await org.actor("auditor@contoso.com"),
      input: { targetId: extension.id, action: "request.cancelled" },
    });
    expect(cancelled.items[0]).toMatchObject({ details: { releasedWith: window.id } });
  });

  it("is refused, writing nothing, for a window that is not open now: pending, scheduled or over", async () => {
    const org = await f.organisation();
    const requester = await org.actor("requester@contoso.com");
    const pending = await createRequest(db(), { actor: requester, input: { target: "New-JournalRule", reason: "Later" } });
    const window = await createRequest(db(), { actor: requester, input: { target: "Add-MailboxPermission", reason: "Assistant" } });
    const scheduled = await extendRequest(db(), { actor: requester, requestId: window.id, input: { reason: "More" } });
    for (const request of [pending, scheduled]) {
      expect(await codeOf(releaseRequest(db(), { actor: requester, requestId: request.id }))).toBe("conflict:not-active");
    }
    await f.endWindow(window.id);
    expect(await codeOf(releaseRequest(db(), { actor: requester, requestId: window.id }))).toBe("conflict:not-active");
    expect(await codeOf(releaseRequest(db(), { actor: requester, requestId: "not-a-uuid" }))).toBe("not-found:request");
    for (const request of [pending, window, scheduled]) expect(await released(org, request.id)).toEqual([]);
    expect(await getRequest(db(), { actor: requester, requestId: scheduled.id })).toMatchObject({ status: "approved", endsAt: scheduled.endsAt });
  });
});
