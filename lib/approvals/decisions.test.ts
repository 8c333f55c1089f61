import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approverGroups } from "@/db/schema";
import { type ContosoFixture, codeOf, contosoFixture } from "@/db/testing/contoso-fixture";
import { testDatabaseKinds } from "@/db/testing/test-database";
import { decideAccess } from "@/lib/access/decide-access";
import { searchAudit } from "@/lib/audit/search-audit";
import { saveApproverGroup } from "@/lib/approver-groups/save-approver-group";
import { createPolicy } from "@/lib/policies/create-policy";
import { createRequest } from "@/lib/requests/create-request";
import { approveRequest } from "./approve-request";
import { denyRequest } from "./deny-request";
import { revokeRequest } from "./revoke-request";

describe.each(testDatabaseKinds)("approvals, denials and revocations on %s", (kind) => {
  let f: ContosoFixture;
  beforeAll(async () => {
    f = await contosoFixture(kind);
  });
  afterAll(() => f.database.destroy());
  const db = () => f.database.db;

  /** A fresh pending request by `email` for a task the seed leaves unrequested. */
  async function pendingRequest(email: string, target: string, policy: Record<string, unknown> = {}) {
    const admin = await f.actor("admin@contoso.com");
    await createPolicy(db(), { actor: admin, input: { type: "task", target, ...policy } }).catch(() => undefined);
    return createRequest(db(), { actor: await f.actor(email), input: { target, reason: "Change CHG-1", ticket: "CHG-1" } });
  }

  it("approve with one approval under a policy needing one, opening the window now", async () => {
    const request = await pendingRequest("requester@contoso.com", "Set-JournalRule");
    const approved = await approveRequest(db(), { actor: await f.actor("approver1@contoso.com"), requestId: request.id, comment: "ok" });
    expect(approved).toMatchObject({ status: "approved", active: true });
    expect(approved.approvals).toEqual([expect.objectContaining({ by: "approver1@contoso.com", decision: "approve", comment: "ok" })]);
    const access = await decideAccess(db(), {
      organisationId: f.organisationId,
      userId: (await f.actor("requester@contoso.com")).userId,
      scope: "Exchange",
      task: "Set-JournalRule",
    });
    expect(access).toMatchObject({ allowed: true, code: "grant", requestId: request.id });
    // Each event about the request says what it is for, on its own (for a SIEM reading one event).
    const [event] = (await searchAudit(db(), { actor: await f.actor("auditor@contoso.com"), input: { targetId: request.id, action: "request.approved" } })).items;
    expect(event!.details).toMatchObject({ type: "task", scope: "Exchange", target: "Set-JournalRule", requester: "requester@contoso.com", comment: "ok" });
  });

  it("need N distinct approvers for a quorum of N; the same approver twice counts once", async () => {
    const request = await pendingRequest("requester@contoso.com", "Remove-JournalRule", { requiredApprovals: 2 });
    const first = await approveRequest(db(), { actor: await f.actor("approver1@contoso.com"), requestId: request.id });
    expect(first.status).toBe("pending");
    expect(await codeOf(approveRequest(db(), { actor: await f.actor("approver1@contoso.com"), requestId: request.id }))).toBe(
      "conflict:already-approved",
    );
    const second = await approveRequest(db(), { actor: await f.actor("approver2@contoso.com"), requestId: request.id });
    expect(second.status).toBe("approved");
    expect(second.approvals.map((a) => a.by)).toEqual(["approver1@contoso.com", "approver2@contoso.com"]);
  });

  it("count toward a quorum only the approvals of people who can still approve for the group", async () => {
    const admin = await f.actor("admin@contoso.com");
    const [group] = await db().select({ id: approverGroups.id }).from(approverGroups).where(eq(approverGroups.name, "PAM Approvers"));
    const members = (list: string[]) => saveApproverGroup(db(), { actor: admin, input: { id: group!.id, name: "PAM Approvers", members: list } });
    await members(["approver1@contoso.com", "approver2@contoso.com", "requester2@contoso.com"]);
    const request = await pendingRequest("requester@contoso.com", "Start-ManagedFolderAssistant", { requiredApprovals: 2 });
    await approveRequest(db(), { actor: await f.actor("approver1@contoso.com"), requestId: request.id });
    // approver1 leaves the group: their approval stays on record but no longer makes up the quorum.
    await members(["approver2@contoso.com", "requester2@contoso.com"]);
    const second = await approveRequest(db(), { actor: await f.actor("approver2@contoso.com"), requestId: request.id });
    expect(second.status).toBe("pending");
    expect(second.approvals).toHaveLength(2);
    const third = await approveRequest(db(), { actor: await f.actor("requester2@contoso.com"), requestId: request.id });
    expect(third).toMatchObject({ status: "approved", active: true });
    await members(["approver1@contoso.com", "approver2@contoso.com"]);
  });

  it("deny with one deny, and only with a comment", async () => {
    const request = await pendingRequest("requester2@contoso.com", "Disable-JournalRule", { requiredApprovals: 2 });
    await approveRequest(db(), { actor: await f.actor("approver1@contoso.com"), requestId: request.id });
    const approver2 = await f.actor("approver2@contoso.com");
    expect(await codeOf(denyRequest(db(), { actor: approver2, requestId: request.id, comment: "  " }))).toBe("invalid:input");
    const denied = await denyRequest(db(), { actor: approver2, requestId: request.id, comment: "Not during quarter close." });
    expect(denied.status).toBe("denied");
    expect(await codeOf(approveRequest(db(), { actor: approver2, requestId: request.id }))).toBe("conflict:already-decided");
  });

  it("never let anyone approve their own request, whatever their roles", async () => {
    const admin = await f.actor("admin@contoso.com");
    const [group] = await db().select({ id: approverGroups.id }).from(approverGroups).where(eq(approverGroups.name, "PAM Approvers"));
    await saveApproverGroup(db(), {
      actor: admin,
      input: { id: group!.id, name: "PAM Approvers", members: ["approver1@contoso.com", "approver2@contoso.com", "admin@contoso.com"] },
    });
    const request = await pendingRequest("admin@contoso.com", "Get-JournalRule");
    expect(await codeOf(approveRequest(db(), { actor: await f.actor("admin@contoso.com"), requestId: request.id }))).toBe(
      "forbidden:approve-own-request",
    );
    expect(await codeOf(denyRequest(db(), { actor: await f.actor("admin@contoso.com"), requestId: request.id, comment: "no" }))).toBe(
      "forbidden:approve-own-request",
    );
  });

  it("refuse people outside the approver group, even administrators, and guests", async () => {
    const request = await pendingRequest("requester2@contoso.com", "New-MailboxImportRequest");
    for (const [email, code] of [
      ["rolemanager@contoso.com", "forbidden:not-an-approver"],
      ["auditor@contoso.com", "forbidden:not-an-approver"],
      ["requester@contoso.com", "forbidden:not-an-approver"],
      ["partner@fabrikam.com", "forbidden:guest-cannot-approve"],
    ] as const) {
      expect(await codeOf(approveRequest(db(), { actor: await f.actor(email), requestId: request.id })), email).toBe(code);
    }
  });

  it("revoke an active window by an approver or an admin, with a comment, effective at the next decision", async () => {
    const requester = await f.actor("requester2@contoso.com");
    const request = await pendingRequest("requester2@contoso.com", "Get-MailboxExportRequest");
    await approveRequest(db(), { actor: await f.actor("approver1@contoso.com"), requestId: request.id });
    const decide = () =>
      decideAccess(db(), { organisationId: f.organisationId, userId: requester.userId, scope: "Exchange", task: "Get-MailboxExportRequest" });
    expect((await decide()).allowed).toBe(true);
    expect(await codeOf(revokeRequest(db(), { actor: requester, requestId: request.id, comment: "done" }))).toBe("forbidden:revoke");
    expect(await codeOf(revokeRequest(db(), { actor: await f.actor("auditor@contoso.com"), requestId: request.id, comment: "x" }))).toBe(
      "not-found:request",
    );
    const revoked = await revokeRequest(db(), { actor: await f.actor("admin@contoso.com"), requestId: request.id, comment: "Incident 7" });
    expect(revoked).toMatchObject({ status: "revoked", active: false, revokedBy: "admin@contoso.com", revocationComment: "Incident 7" });
    expect(await decide()).toMatchObject({ allowed: false, code: "no-grant" });
    expect(await codeOf(revokeRequest(db(), { actor: await f.actor("admin@contoso.com"), requestId: request.id, comment: "again" }))).toBe(
      "conflict:not-active",
    );
  });

  it("answer not-found for another organisation's or a malformed request id", async () => {
    const approver = await f.actor("approver1@contoso.com");
    expect(await codeOf(approveRequest(db(), { actor: approver, requestId: "not-a-uuid" }))).toBe("not-found:request");
    expect(await codeOf(approveRequest(db(), { actor: approver, requestId: "00000000-0000-4000-8000-000000000000" }))).toBe(
      "not-found:request",
    );
  });
});
