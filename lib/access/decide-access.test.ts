import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memberships } from "@/db/schema";
import { type ContosoFixture, contosoFixture } from "@/db/testing/contoso-fixture";
import { testDatabaseKinds } from "@/db/testing/test-database";
import { approveRequest } from "@/lib/approvals/approve-request";
import { createPolicy } from "@/lib/policies/create-policy";
import { createRequest } from "@/lib/requests/create-request";
import { updateSettings } from "@/lib/settings/update-settings";
import { checkAccess } from "./check-access";
import { decideAccess } from "./decide-access";

describe.each(testDatabaseKinds)("the access decision on %s", (kind) => {
  let f: ContosoFixture;
  beforeAll(async () => {
    f = await contosoFixture(kind);
  });
  afterAll(() => f.database.destroy());
  const db = () => f.database.db;
  const decide = async (email: string, task: string) =>
    decideAccess(db(), { organisationId: f.organisationId, userId: (await f.actor(email)).userId, scope: "Exchange", task });

  it("without a policy, allows through a standing role group and refuses without one", async () => {
    expect(await decide("requester@contoso.com", "Get-Mailbox")).toMatchObject({ allowed: true, code: "standing-role" });
    expect(await decide("approver1@contoso.com", "Get-Mailbox")).toMatchObject({ allowed: false, code: "no-role" });
  });

  it("with a policy, refuses standing roles alone and names the policy to request under", async () => {
    // Recipient Management holds Add-MailboxPermission, but the auto policy covers it.
    const decision = await decide("requester@contoso.com", "Add-MailboxPermission");
    expect(decision).toMatchObject({ allowed: false, code: "no-grant" });
    expect(decision.policyId).toBeTruthy();
  });

  it("lets an excluded system account through, as excluded", async () => {
    expect(await decide("svc-backup@contoso.com", "New-JournalRule")).toMatchObject({ allowed: true, code: "excluded" });
  });

  it("allows inside an approved window and not once it has ended", async () => {
    const requester = await f.actor("requester2@contoso.com");
    const request = await createRequest(db(), { actor: requester, input: { target: "Add-MailboxPermission", reason: "Delegation" } });
    expect(await decide("requester2@contoso.com", "Add-MailboxPermission")).toMatchObject({
      allowed: true,
      code: "grant",
      requestId: request.id,
    });
    await f.endWindow(request.id);
    expect(await decide("requester2@contoso.com", "Add-MailboxPermission")).toMatchObject({ allowed: false, code: "no-grant" });
  });

  it("covers a task through a granted role", async () => {
    const requester = await f.actor("requester@contoso.com");
    const request = await createRequest(db(), { actor: requester, input: { type: "role", target: "Transport Rules", reason: "Disclaimer" } });
    await approveRequest(db(), { actor: await f.actor("approver2@contoso.com"), requestId: request.id });
    expect(await decide("requester@contoso.com", "Set-TransportRule")).toMatchObject({ allowed: true, requestId: request.id });
    expect(await decide("requester@contoso.com", "New-JournalRule")).toMatchObject({ allowed: false });
  });

  it("applies the strictest policy: a grant under a weaker one no longer suffices", async () => {
    // requester holds the Transport Rules role grant from the previous test (1 approval).
    await createPolicy(db(), {
      actor: await f.actor("rolemanager@contoso.com"),
      input: { type: "task", target: "Remove-TransportRule", requiredApprovals: 2 },
    });
    expect(await decide("requester@contoso.com", "Remove-TransportRule")).toMatchObject({ allowed: false, code: "no-grant" });
    expect(await decide("requester@contoso.com", "Set-TransportRule")).toMatchObject({ allowed: true });
  });

  it("counts only standing roles while PAM is off", async () => {
    const admin = await f.actor("admin@contoso.com");
    await updateSettings(db(), { actor: admin, input: { pamEnabled: false } });
    expect(await decide("requester@contoso.com", "Add-MailboxPermission")).toMatchObject({ allowed: true, code: "standing-role" });
    expect(await decide("approver1@contoso.com", "New-JournalRule")).toMatchObject({ allowed: false, code: "no-role" });
    await updateSettings(db(), { actor: admin, input: { pamEnabled: true } });
  });

  it("refuses unknown tasks and disabled members", async () => {
    expect(await decide("requester@contoso.com", "Format-Everything")).toMatchObject({ allowed: false, code: "unknown-task" });
    const user = await f.actor("requester@contoso.com");
    await db().update(memberships).set({ disabledAt: new Date() }).where(eq(memberships.userId, user.userId));
    const decision = await decideAccess(db(), { organisationId: f.organisationId, userId: user.userId, scope: "Exchange", task: "Get-Mailbox" });
    expect(decision).toMatchObject({ allowed: false, code: "not-a-member" });
    await db().update(memberships).set({ disabledAt: null }).where(eq(memberships.userId, user.userId));
  });

  it("is checked for others by administrators only, and audited", async () => {
    const admin = await f.actor("admin@contoso.com");
    const answer = await checkAccess(db(), { actor: admin, input: { task: "Get-Mailbox", user: "requester2@contoso.com" } });
    expect(answer).toMatchObject({ allowed: true, code: "standing-role" });
    const requester = await f.actor("requester@contoso.com");
    await expect(checkAccess(db(), { actor: requester, input: { task: "Get-Mailbox", user: "admin@contoso.com" } })).rejects.toMatchObject({
      code: "forbidden:check-others",
    });
  });
});
