import { expect, test } from "../org-fixture";

test.describe("API v1: requests, decisions, access and the runspace", () => {
  test.describe.configure({ mode: "serial" });

  test("request → approve → run → revoke → blocked, each answered in the contract's shapes", async ({ api, org }) => {
    const admin = await api("admin");
    await admin.post("policies", { data: { type: "task", target: "Remove-JournalRule", approverGroup: "PAM Approvers" } });
    const requester = await api("requester2");
    const approver = await api("approver1");

    const blocked = await requester.post("tasks/run", { data: { task: "Remove-JournalRule", parameters: { Identity: "x" } } });
    expect(blocked.status()).toBe(403);
    expect((await blocked.json()).error.code).toBe("forbidden:no-grant");

    const created = await requester.post("requests", { data: { type: "task", target: "Remove-JournalRule", durationHours: 1.25, reason: "Clean up" } });
    expect(created.status()).toBe(201);
    const request = await created.json();
    expect(request).toMatchObject({ status: "pending", requester: org.email("requester2"), durationHours: 1.25, active: false, approvals: [] });

    const inbox = await (await approver.get("requests?approvable=true&status=pending")).json();
    expect(inbox.items.map((r: { id: string }) => r.id)).toContain(request.id);
    expect(inbox).toHaveProperty("nextCursor");

    const own = await requester.post(`requests/${request.id}/approve`, { data: {} });
    expect(own.status()).toBe(403);
    expect((await own.json()).error.code).toMatch(/^forbidden:/);

    const approved = await approver.post(`requests/${request.id}/approve`, { data: { comment: "ok" } });
    expect(await approved.json()).toMatchObject({ status: "approved", active: true, approvals: [{ by: org.email("approver1"), decision: "approve" }] });

    const check = await (await requester.post("access/check", { data: { task: "Remove-JournalRule" } })).json();
    expect(check).toMatchObject({ allowed: true, requestId: request.id });

    // The window opens Remove-JournalRule only: Get-JournalRule, in the same Journaling role, stays
    // closed to requester2, whose standing role group (Recipient Management) does not hold it.
    const readCheck = await (await requester.post("access/check", { data: { task: "Get-JournalRule" } })).json();
    expect(readCheck).toMatchObject({ allowed: false, code: "no-role" });
    const run = await requester.post("tasks/run", { data: { task: "Get-JournalRule", parameters: {} } });
    expect(run.status()).toBe(403);
    expect((await run.json()).error.code).toBe("forbidden:no-role");

    const revokeNoComment = await approver.post(`requests/${request.id}/revoke`, { data: {} });
    expect(revokeNoComment.status()).toBe(400);
    const revoked = await approver.post(`requests/${request.id}/revoke`, { data: { comment: "Done early" } });
    expect(await revoked.json()).toMatchObject({ status: "revoked", revokedBy: org.email("approver1"), revocationComment: "Done early" });
    expect(await (await requester.post("access/check", { data: { task: "Remove-JournalRule" } })).json()).toMatchObject({ allowed: false });
  });

  test("an automatic policy answers approved at once; the window runs the task", async ({ api }) => {
    const requester = await api("requester");
    const created = await requester.post("requests", { data: { target: "Add-MailboxPermission", reason: "Assistant access" } });
    expect(created.status()).toBe(201);
    expect(await created.json()).toMatchObject({ status: "approved", active: true });
    // The mailboxes of the simulated Exchange workload have the same (contoso.com) addresses in every demo organisation.
    const run = await requester.post("tasks/run", {
      data: { task: "Add-MailboxPermission", parameters: { Identity: "ceo@contoso.com", User: "requester@contoso.com", AccessRights: "FullAccess" } },
    });
    expect(run.status()).toBe(200);
    expect((await run.json()).outcome).toBe("succeeded");
    const badParameters = await requester.post("tasks/run", { data: { task: "Add-MailboxPermission", parameters: { Identity: 5 } } });
    expect(badParameters.status()).toBe(400);
    expect((await badParameters.json()).error.code).toBe("invalid:parameters");
  });

  test("deny needs a comment; cancel is the requester's; a stranger sees not-found", async ({ api }) => {
    const admin = await api("admin");
    await admin.post("policies", { data: { type: "task", target: "Disable-JournalRule" } });
    const requester = await api("requester");
    const approver = await api("approver2");
    const first = await (await requester.post("requests", { data: { target: "Disable-JournalRule", reason: "Pause journaling" } })).json();
    const noComment = await approver.post(`requests/${first.id}/deny`, { data: {} });
    expect(noComment.status()).toBe(400);
    expect((await noComment.json()).error.fields).toHaveProperty("comment");
    const denied = await approver.post(`requests/${first.id}/deny`, { data: { comment: "Not this week" } });
    expect((await denied.json()).status).toBe("denied");
    const again = await approver.post(`requests/${first.id}/approve`, { data: {} });
    expect(again.status()).toBe(409);
    expect((await again.json()).error.code).toBe("conflict:already-decided");

    const second = await (await requester.post("requests", { data: { target: "Disable-JournalRule", reason: "Pause journaling, again" } })).json();
    const stranger = await api("requester2");
    expect((await stranger.get(`requests/${second.id}`)).status()).toBe(404);
    expect((await stranger.post(`requests/${second.id}/cancel`, { data: {} })).status()).toBe(404);
    expect((await (await requester.post(`requests/${second.id}/cancel`, { data: {} })).json()).status).toBe("cancelled");
    const mine = await (await requester.get("requests?mine=true&status=cancelled")).json();
    expect(mine.items.map((r: { id: string }) => r.id)).toContain(second.id);
  });

  test("checking another person's access is for administrators", async ({ api, org }) => {
    const requester = await api("requester");
    const refused = await requester.post("access/check", { data: { task: "Get-Mailbox", user: org.email("admin") } });
    expect(refused.status()).toBe(403);
    const admin = await api("admin");
    expect(await (await admin.post("access/check", { data: { task: "Get-Mailbox", user: org.email("requester") } })).json()).toMatchObject({
      allowed: true,
      code: "standing-role",
    });
  });
});
