import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ContosoFixture, codeOf, contosoFixture } from "@/db/testing/contoso-fixture";
import { testDatabaseKinds } from "@/db/testing/test-database";
import { approveRequest } from "@/lib/approvals/approve-request";
import { listPolicies } from "@/lib/policies/list-policies";
import { searchAudit } from "@/lib/audit/search-audit";
import { DomainError } from "@/lib/errors";
import { updateSettings } from "@/lib/settings/update-settings";
import { cancelRequest } from "./cancel-request";
import { createRequest } from "./create-request";
import { expirePendingRequests } from "./expire-pending-requests";
import { extendRequest } from "./extend-request";
import { getRequest } from "./get-request";
import { listRequests } from "./list-requests";

describe.each(testDatabaseKinds)("requests on %s", (kind) => {
  let f: ContosoFixture;
  beforeAll(async () => {
    f = await contosoFixture(kind);
  });
  afterAll(() => f.database.destroy());
  const db = () => f.database.db;
  // A test that makes requests does so in an organisation of its own, so it passes alone and in
  // any order; the refusals and the paging read Contoso, which none of them changes.

  it("wait for approval under a manual policy, with the policy's default duration", async () => {
    const org = await f.organisation();
    const actor = await org.actor("requester@contoso.com");
    const request = await createRequest(db(), {
      actor,
      input: { target: "New-JournalRule", reason: "Journal the legal hold mailboxes." },
    });
    expect(request).toMatchObject({
      type: "task",
      scope: "Exchange",
      target: "New-JournalRule",
      requester: org.email("requester@contoso.com"),
      status: "pending",
      durationHours: 4,
      active: false,
      startsAt: null,
      approvals: [],
    });
    expect(new Date(request.pendingUntil).getTime() - new Date(request.createdAt).getTime()).toBe(24 * 3600_000);
  });

  it("allow at most one pending or active request per person and target", async () => {
    const org = await f.organisation();
    const actor = await org.actor("requester@contoso.com");
    await createRequest(db(), { actor, input: { target: "New-JournalRule", reason: "first" } });
    expect(await codeOf(createRequest(db(), { actor, input: { target: "New-JournalRule", reason: "again" } }))).toBe(
      "conflict:request-exists",
    );
  });

  it("are approved at once by the system under an automatic policy, audited as the system", async () => {
    const org = await f.organisation();
    const actor = await org.actor("requester2@contoso.com");
    const request = await createRequest(db(), { actor, input: { target: "Add-MailboxPermission", reason: "Delegate for the CFO", durationHours: 1.5 } });
    expect(request).toMatchObject({ status: "approved", active: true, durationHours: 1.5 });
    expect(new Date(request.endsAt!).getTime() - new Date(request.startsAt!).getTime()).toBe(1.5 * 3600_000);
    const auditor = await org.actor("auditor@contoso.com");
    const events = await searchAudit(db(), { actor: auditor, input: { targetId: request.id } });
    expect(events.items.map((e) => [e.action, e.actor])).toEqual([
      ["request.approved", "system"],
      ["request.created", org.email("requester2@contoso.com")],
    ]);
  });

  it.each([
    [{ target: "Get-Mailbox", reason: "x" }, "invalid:not-covered", "target"],
    [{ target: "No-SuchTask", reason: "x" }, "invalid:target", "target"],
    [{ target: "Remove-JournalRule", reason: "x", durationHours: 0.3 }, "invalid:input", "durationHours"],
    [{ target: "Remove-JournalRule", reason: "x", durationHours: 0 }, "invalid:input", "durationHours"],
    [{ type: "role", target: "Transport Rules", reason: "x", durationHours: 9 }, "invalid:duration", "durationHours"],
    [{ type: "role", target: "Transport Rules", reason: "" }, "invalid:reason", "reason"],
    [{ type: "roleGroup", target: "Compliance Management", reason: "x" }, "invalid:ticket", "ticket"],
    [{ type: "roleGroup", target: "Compliance Management", reason: "x", ticket: "INC-1" }, "invalid:ticket", "ticket"],
    [{ type: "role", target: "Transport Rules", reason: "x", startsAt: "2020-01-01T00:00:00Z" }, "invalid:starts-at", "startsAt"],
    [{ type: "role", target: "Transport Rules", reason: "x", startsAt: "tomorrow" }, "invalid:input", "startsAt"],
  ])("are refused for %j with %s on %s", async (input, code, field) => {
    const actor = await f.actor("requester2@contoso.com");
    const error = await createRequest(db(), { actor, input: input as never }).catch((e: unknown) => e);
    expect((error as DomainError).code).toBe(code);
    expect(Object.keys((error as DomainError).fields ?? {})).toContain(field);
  });

  it("cover a task through a role policy (Transport Rules covers New-TransportRule)", async () => {
    const org = await f.organisation();
    const actor = await org.actor("admin@contoso.com");
    const request = await createRequest(db(), { actor, input: { target: "New-TransportRule", reason: "Disclaimer rule", durationHours: 1 } });
    const transport = (await listPolicies(db(), { actor })).find((p) => p.type === "role" && p.target === "Transport Rules")!;
    expect(request).toMatchObject({ status: "pending", type: "task", target: "New-TransportRule", policyId: transport.id });
  });

  it("take a scheduled start: the window opens then, not at approval", async () => {
    const org = await f.organisation();
    const requester = await org.actor("requester2@contoso.com");
    const start = new Date(Date.now() + 3 * 3600_000).toISOString();
    const request = await createRequest(db(), {
      actor: requester,
      input: { type: "role", target: "Transport Rules", reason: "Friday change window", durationHours: 2, startsAt: start },
    });
    const approved = await approveRequest(db(), { actor: await org.actor("approver2@contoso.com"), requestId: request.id });
    expect(approved.status).toBe("approved");
    expect(approved.active).toBe(false);
    expect(approved.startsAt).toBe(start);
  });

  it("are cancelled by their requester while pending, and by nobody else", async () => {
    const org = await f.organisation();
    const admin = await org.actor("admin@contoso.com");
    const mine = await createRequest(db(), { actor: admin, input: { target: "New-TransportRule", reason: "Disclaimer rule" } });
    expect(await codeOf(cancelRequest(db(), { actor: await org.actor("approver1@contoso.com"), requestId: mine.id }))).toBe(
      "not-found:request",
    );
    expect((await cancelRequest(db(), { actor: admin, requestId: mine.id })).status).toBe("cancelled");
    expect(await codeOf(cancelRequest(db(), { actor: admin, requestId: mine.id }))).toBe("conflict:already-decided");
  });

  it("expire after their lifetime when next read or decided, without any sweeper", async () => {
    const org = await f.organisation();
    const requester = await org.actor("requester@contoso.com");
    const pending = await createRequest(db(), { actor: requester, input: { target: "New-JournalRule", reason: "First try" } });
    await f.lapsePending(pending.id);
    expect((await getRequest(db(), { actor: requester, requestId: pending.id })).status).toBe("expired");
    expect(await codeOf(approveRequest(db(), { actor: await org.actor("approver1@contoso.com"), requestId: pending.id }))).toBe(
      "conflict:expired",
    );
    // The refused decision still recorded the expiry, once.
    const events = await searchAudit(db(), { actor: await org.actor("auditor@contoso.com"), input: { targetId: pending.id, action: "request.expired" } });
    expect(events.items).toHaveLength(1);
    // With the old one expired, the same target can be requested again.
    expect(await createRequest(db(), { actor: requester, input: { target: "New-JournalRule", reason: "Second try" } })).toMatchObject({ status: "pending" });
  });

  it("are marked expired by the sweeper, each audited once", async () => {
    const org = await f.organisation();
    const requester = await org.actor("requester@contoso.com");
    const pending = await createRequest(db(), { actor: requester, input: { target: "New-JournalRule", reason: "Forgotten" } });
    await f.lapsePending(pending.id);
    // Nothing else in this database has outlived its pending lifetime unmarked.
    expect(await expirePendingRequests(db())).toBe(1);
    expect(await expirePendingRequests(db())).toBe(0);
    expect((await getRequest(db(), { actor: requester, requestId: pending.id })).status).toBe("expired");
    const events = await searchAudit(db(), { actor: await org.actor("auditor@contoso.com"), input: { targetId: pending.id, action: "request.expired" } });
    expect(events.items).toHaveLength(1);
  });

  it("extend an active grant with a linked request that starts where the window ends", async () => {
    const org = await f.organisation();
    const requester = await org.actor("requester2@contoso.com");
    const grant = await createRequest(db(), { actor: requester, input: { target: "Add-MailboxPermission", reason: "Migration" } });
    expect(grant).toMatchObject({ status: "approved", active: true });
    const extension = await extendRequest(db(), { actor: requester, requestId: grant.id, input: { reason: "Still migrating", durationHours: 1 } });
    expect(extension).toMatchObject({ extendsRequestId: grant.id, status: "approved", startsAt: grant.endsAt });
    expect(await codeOf(extendRequest(db(), { actor: await org.actor("requester@contoso.com"), requestId: grant.id, input: { reason: "x" } }))).toBe(
      "not-found:request",
    );
  });

  it("cannot be made while PAM is off", async () => {
    const org = await f.organisation();
    await updateSettings(db(), { actor: await org.actor("admin@contoso.com"), input: { pamEnabled: false } });
    // New-JournalRule is covered by a manual policy: with PAM on, this request would be made.
    expect(await codeOf(createRequest(db(), { actor: await org.actor("requester@contoso.com"), input: { target: "New-JournalRule", reason: "x" } }))).toBe(
      "conflict:pam-disabled",
    );
  });

  it("are listed in keyset pages, newest first, with an opaque cursor", async () => {
    const admin = await f.actor("admin@contoso.com");
    const all = (await listRequests(db(), { actor: admin, input: { limit: 500 } })).items;
    const first = await listRequests(db(), { actor: admin, input: { limit: 3 } });
    const second = await listRequests(db(), { actor: admin, input: { limit: 3, cursor: first.nextCursor! } });
    expect([...first.items, ...second.items].map((r) => r.id)).toEqual(all.slice(0, 6).map((r) => r.id));
    expect(await codeOf(listRequests(db(), { actor: admin, input: { cursor: "garbage" } }))).toBe("invalid:cursor");
    expect(await codeOf(listRequests(db(), { actor: await f.actor("requester@contoso.com"), input: {} }))).toBe("forbidden:list-requests");
  });
});
