/**
 * Extensions as part of the grant they lengthen: linked to it in every view, grouped with it in
 * lists, chained when a grant is extended twice, and ended with it when it is revoked. Each test
 * seeds an organisation of its own.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emailOutbox } from "@/db/schema";
import { type ContosoFixture, type OrganisationFixture, codeOf, contosoFixture } from "@/db/testing/contoso-fixture";
import { testDatabaseKinds } from "@/db/testing/test-database";
import { decideAccess } from "@/lib/access/decide-access";
import { approveRequest } from "@/lib/approvals/approve-request";
import { listInbox } from "@/lib/approvals/list-inbox";
import { revokeRequest } from "@/lib/approvals/revoke-request";
import { searchAudit } from "@/lib/audit/search-audit";
import { createRequest } from "./create-request";
import { extendRequest } from "./extend-request";
import { getRequest } from "./get-request";
import { groupGrants } from "./group-grants";
import { listActiveGrants } from "./list-active-grants";
import { listRequests } from "./list-requests";

describe.each(testDatabaseKinds)("extensions of a grant on %s", (kind) => {
  let f: ContosoFixture;
  beforeAll(async () => {
    f = await contosoFixture(kind);
  });
  afterAll(() => f.database.destroy());
  const db = () => f.database.db;

  /** requester's Add-MailboxPermission window (automatic policy) and an extension, approved at once: scheduled. */
  async function extendedGrant(org: OrganisationFixture) {
    const requester = await org.actor("requester@contoso.com");
    const window = await createRequest(db(), { actor: requester, input: { target: "Add-MailboxPermission", reason: "Assistant" } });
    const extension = await extendRequest(db(), { actor: requester, requestId: window.id, input: { reason: "More", durationHours: 1 } });
    expect(extension).toMatchObject({ status: "approved", active: false, startsAt: window.endsAt });
    return { requester, window, extension };
  }

  /** requester's New-JournalRule window (manual, PAM Approvers) approved by approver1, and a pending extension. */
  async function pendingExtension(org: OrganisationFixture) {
    const requester = await org.actor("requester@contoso.com");
    const pending = await createRequest(db(), { actor: requester, input: { target: "New-JournalRule", reason: "Legal hold", durationHours: 2 } });
    const window = await approveRequest(db(), { actor: await org.actor("approver1@contoso.com"), requestId: pending.id });
    const extension = await extendRequest(db(), { actor: requester, requestId: window.id, input: { reason: "Not done yet", durationHours: 3 } });
    expect(extension.status).toBe("pending");
    return { requester, window, extension };
  }

  const access = async (org: OrganisationFixture, task: string) =>
    decideAccess(db(), { organisationId: org.organisationId, userId: await org.userId("requester@contoso.com"), scope: "Exchange", task });

  it("say which window they extend, as it stands, in the request itself and in the approver's inbox", async () => {
    const org = await f.organisation();
    const { window, extension } = await pendingExtension(org);
    const asRead = await getRequest(db(), { actor: await org.actor("approver2@contoso.com"), requestId: extension.id });
    expect(asRead).toMatchObject({
      extendsRequestId: window.id,
      extendsWindow: { id: window.id, status: "approved", startsAt: window.startsAt, endsAt: window.endsAt },
    });
    const inbox = await listInbox(db(), { actor: await org.actor("approver2@contoso.com") });
    expect(inbox.find((item) => item.id === extension.id)).toMatchObject({ extendsWindow: { id: window.id, endsAt: window.endsAt } });
    // A request that extends nothing says so.
    expect(await getRequest(db(), { actor: await org.actor("approver2@contoso.com"), requestId: window.id })).toMatchObject({ extendsWindow: null });
  });

  it("follow each other when a grant is extended twice: the second starts where the first ends, never beside it", async () => {
    const org = await f.organisation();
    const { requester, window, extension } = await extendedGrant(org);
    const second = await extendRequest(db(), { actor: requester, requestId: window.id, input: { reason: "Even more", durationHours: 0.5 } });
    expect(second).toMatchObject({ status: "approved", extendsRequestId: extension.id, startsAt: extension.endsAt });
    expect(new Date(second.endsAt!).getTime() - new Date(extension.endsAt!).getTime()).toBe(30 * 60_000);
  });

  it("sit inside their grant: one entry per grant in Active access and in the requester's list, the window first", async () => {
    const org = await f.organisation();
    const scheduled = await extendedGrant(org);
    const waiting = await pendingExtension(org);
    const grants = await listActiveGrants(db(), { actor: await org.actor("approver2@contoso.com") });
    const entries = grants.map((g) => ({ window: g.window.id, extensions: g.extensions.map((e) => e.id) }));
    expect(entries).toEqual(
      expect.arrayContaining([
        { window: scheduled.window.id, extensions: [scheduled.extension.id] },
        { window: waiting.window.id, extensions: [waiting.extension.id] },
      ]),
    );
    // No extension is an entry of its own.
    expect(entries.map((e) => e.window)).not.toContain(scheduled.extension.id);

    const mine = groupGrants((await listRequests(db(), { actor: scheduled.requester, input: { mine: true } })).items);
    const cards = mine.filter((g) => [scheduled.window.id, waiting.window.id].includes(g.window.id));
    expect(cards.map((g) => g.extensions.map((e) => e.id))).toEqual(
      expect.arrayContaining([[scheduled.extension.id], [waiting.extension.id]]),
    );
    expect(mine.flatMap((g) => [g.window.id, ...g.extensions.map((e) => e.id)]).filter((id) => id === scheduled.extension.id)).toHaveLength(1);
  });

  it("say what a person can do with a grant: the open window is the one acted on, what follows it ends with it, one waiting extension at a time", async () => {
    const org = await f.organisation();
    const scheduled = await extendedGrant(org);
    const waiting = await pendingExtension(org);
    const grants = await listActiveGrants(db(), { actor: await org.actor("approver2@contoso.com") });
    const byWindow = (id: string) => grants.find((g) => g.window.id === id)!;

    const extended = byWindow(scheduled.window.id);
    expect(extended.current?.id).toBe(scheduled.window.id);
    expect(extended.extensions[0]).toMatchObject({ scheduled: true, active: false });
    expect(extended.later.map((r) => r.id)).toEqual([scheduled.extension.id]);
    expect(extended.extendable).toBe(true);
    // The grant ends where its scheduled extension ends, not where the open window does.
    expect(extended.endsAt).toBe(scheduled.extension.endsAt);

    const undecided = byWindow(waiting.window.id);
    expect(undecided.current?.id).toBe(waiting.window.id);
    expect(undecided.later.map((r) => r.id)).toEqual([waiting.extension.id]);
    // An extension waiting for a decision: no second one until it is decided.
    expect(undecided.extendable).toBe(false);
    expect(undecided.endsAt).toBe(waiting.window.endsAt);
  });

  it("end with the grant they extend when it is revoked: the scheduled one revoked, the pending one cancelled, the holder emailed once", async () => {
    const org = await f.organisation();
    const approver = await org.actor("approver1@contoso.com");
    const scheduled = await extendedGrant(org);
    const waiting = await pendingExtension(org);

    const revoked = await revokeRequest(db(), { actor: approver, requestId: scheduled.window.id, comment: "Done" });
    expect(revoked).toMatchObject({ id: scheduled.window.id, status: "revoked" });
    expect(await getRequest(db(), { actor: approver, requestId: scheduled.extension.id })).toMatchObject({ status: "revoked", revocationComment: "Done" });
    expect(await access(org, "Add-MailboxPermission")).toMatchObject({ allowed: false });
    const mails = await db().select().from(emailOutbox).where(eq(emailOutbox.toEmail, org.email("requester@contoso.com")));
    expect(mails.filter((m) => m.kind === "request-revoked").map((m) => m.eventKey)).toEqual([`request-revoked:${scheduled.window.id}`]);
    const auditor = await org.actor("auditor@contoso.com");
    expect((await searchAudit(db(), { actor: auditor, input: { targetId: scheduled.extension.id, action: "request.revoked" } })).items[0]).toMatchObject({
      details: { revokedWith: scheduled.window.id },
    });
    expect((await searchAudit(db(), { actor: auditor, input: { targetId: scheduled.window.id, action: "request.revoked" } })).items[0]).toMatchObject({
      details: { extensionsEnded: [scheduled.extension.id] },
    });

    await revokeRequest(db(), { actor: approver, requestId: waiting.window.id, comment: "Done too" });
    expect(await getRequest(db(), { actor: approver, requestId: waiting.extension.id })).toMatchObject({ status: "cancelled" });
    expect(await codeOf(approveRequest(db(), { actor: await org.actor("approver2@contoso.com"), requestId: waiting.extension.id }))).toBe(
      "conflict:already-decided",
    );
    expect(await access(org, "New-JournalRule")).toMatchObject({ allowed: false });
    expect(await listActiveGrants(db(), { actor: approver })).toEqual([]);
  });

  it("can be revoked alone: the window they extend stays open", async () => {
    const org = await f.organisation();
    const { window, extension } = await extendedGrant(org);
    const admin = await org.actor("admin@contoso.com");
    await revokeRequest(db(), { actor: admin, requestId: extension.id, comment: "One hour is enough" });
    expect(await getRequest(db(), { actor: admin, requestId: window.id })).toMatchObject({ status: "approved", active: true });
    expect(await getRequest(db(), { actor: admin, requestId: extension.id })).toMatchObject({ status: "revoked" });
    expect(await access(org, "Add-MailboxPermission")).toMatchObject({ allowed: true, requestId: window.id });
  });
});
