import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approverGroupMembers, approverGroups, memberships } from "@/db/schema";
import { type ContosoFixture, type OrganisationFixture, contosoFixture } from "@/db/testing/contoso-fixture";
import { testDatabaseKinds } from "@/db/testing/test-database";
import { approveRequest } from "@/lib/approvals/approve-request";
import { createPolicy } from "@/lib/policies/create-policy";
import { listPolicies } from "@/lib/policies/list-policies";
import { updatePolicy } from "@/lib/policies/update-policy";
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
  /** The decision in an organisation: Contoso unless a test made its own (tests that grant, change policies or settings do). */
  const decideIn = async (org: OrganisationFixture, email: string, task: string) =>
    decideAccess(db(), { organisationId: org.organisationId, userId: await org.userId(email), scope: "Exchange", task });
  const decide = (email: string, task: string) => decideIn(f, email, task);

  it("without a policy, allows through a standing role group and refuses without one", async () => {
    expect(await decide("requester@contoso.com", "Get-Mailbox")).toMatchObject({ allowed: true, code: "standing-role" });
    expect(await decide("approver1@contoso.com", "Get-Mailbox")).toMatchObject({ allowed: false, code: "no-role" });
  });

  it("with a policy, refuses standing roles alone and names the policy to request under", async () => {
    // Recipient Management holds Add-MailboxPermission, but the auto policy covers it.
    const decision = await decide("requester@contoso.com", "Add-MailboxPermission");
    const permission = (await listPolicies(db(), { actor: await f.actor("admin@contoso.com") })).find((p) => p.target === "Add-MailboxPermission")!;
    expect(decision).toMatchObject({ allowed: false, code: "no-grant", policyId: permission.id });
  });

  it("lets an excluded system account through, as excluded", async () => {
    expect(await decide("svc-backup@contoso.com", "New-JournalRule")).toMatchObject({ allowed: true, code: "excluded" });
  });

  it("allows inside an approved window and not once it has ended", async () => {
    const org = await f.organisation();
    const requester = await org.actor("requester2@contoso.com");
    const request = await createRequest(db(), { actor: requester, input: { target: "Add-MailboxPermission", reason: "Delegation" } });
    expect(await decideIn(org, "requester2@contoso.com", "Add-MailboxPermission")).toMatchObject({
      allowed: true,
      code: "grant",
      requestId: request.id,
    });
    await f.endWindow(request.id);
    expect(await decideIn(org, "requester2@contoso.com", "Add-MailboxPermission")).toMatchObject({ allowed: false, code: "no-grant" });
  });

  /** A fresh organisation where requester holds an approved window on the Transport Rules role (1 approval). */
  async function transportRulesWindow() {
    const org = await f.organisation();
    const request = await createRequest(db(), {
      actor: await org.actor("requester@contoso.com"),
      input: { type: "role", target: "Transport Rules", reason: "Disclaimer" },
    });
    await approveRequest(db(), { actor: await org.actor("approver2@contoso.com"), requestId: request.id });
    return { org, request };
  }

  it("covers a task through a granted role", async () => {
    const { org, request } = await transportRulesWindow();
    expect(await decideIn(org, "requester@contoso.com", "Set-TransportRule")).toMatchObject({ allowed: true, code: "grant", requestId: request.id });
    expect(await decideIn(org, "requester@contoso.com", "New-JournalRule")).toMatchObject({ allowed: false, code: "no-grant" });
  });

  it("applies the strictest policy: a grant under a weaker one no longer suffices", async () => {
    const { org, request } = await transportRulesWindow();
    const strict = await createPolicy(db(), {
      actor: await org.actor("rolemanager@contoso.com"),
      input: { type: "task", target: "Remove-TransportRule", requiredApprovals: 2 },
    });
    expect(await decideIn(org, "requester@contoso.com", "Remove-TransportRule")).toMatchObject({ allowed: false, code: "no-grant", policyId: strict.id });
    expect(await decideIn(org, "requester@contoso.com", "Set-TransportRule")).toMatchObject({ allowed: true, code: "grant", requestId: request.id });
  });

  it("counts only standing roles while PAM is off", async () => {
    const org = await f.organisation();
    await updateSettings(db(), { actor: await org.actor("admin@contoso.com"), input: { pamEnabled: false } });
    expect(await decideIn(org, "requester@contoso.com", "Add-MailboxPermission")).toMatchObject({ allowed: true, code: "standing-role" });
    expect(await decideIn(org, "approver1@contoso.com", "New-JournalRule")).toMatchObject({ allowed: false, code: "no-role" });
  });

  it("refuses unknown tasks and disabled members", async () => {
    expect(await decide("requester@contoso.com", "Format-Everything")).toMatchObject({ allowed: false, code: "unknown-task" });
    const org = await f.organisation();
    const userId = await org.userId("requester@contoso.com");
    await db()
      .update(memberships)
      .set({ disabledAt: new Date() })
      .where(and(eq(memberships.userId, userId), eq(memberships.organisationId, org.organisationId)));
    const decision = await decideAccess(db(), { organisationId: org.organisationId, userId, scope: "Exchange", task: "Get-Mailbox" });
    expect(decision).toMatchObject({ allowed: false, code: "not-a-member" });
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

describe.each(testDatabaseKinds)("a window that only unlocks (windowGrants false) on %s", (kind) => {
  let f: ContosoFixture;
  beforeAll(async () => {
    f = await contosoFixture(kind);
  });
  afterAll(() => f.database.destroy());
  const db = () => f.database.db;

  /**
   * Each test's own organisation, with an automatic, unlocking policy on Set-CASMailbox: it sits in
   * Recipient Management, which requester holds and approver1 does not.
   */
  async function world() {
    const org = await f.organisation();
    await createPolicy(db(), {
      actor: await org.actor("rolemanager@contoso.com"),
      input: { type: "task", target: "Set-CASMailbox", approvalType: "auto", windowGrants: false },
    });
    const decide = async (email: string, task: string) =>
      decideAccess(db(), { organisationId: org.organisationId, userId: await org.userId(email), scope: "Exchange", task });
    const ask = async (email: string, target: string, type: "task" | "role" = "task") =>
      createRequest(db(), { actor: await org.actor(email), input: { type, target, reason: "Unlock test" } });
    return { org, decide, ask };
  }

  it("refuses a standing role alone: a policy covers the task, so a window is needed", async () => {
    const { decide } = await world();
    expect(await decide("requester@contoso.com", "Set-CASMailbox")).toMatchObject({ allowed: false, code: "no-grant" });
  });

  it("refuses, as not requestable, someone without the standing role and without a window", async () => {
    const { decide } = await world();
    const decision = await decide("approver1@contoso.com", "Set-CASMailbox");
    expect(decision).toMatchObject({ allowed: false, code: "no-role-to-unlock" });
    expect(decision.reason).toContain("only unlocks it for people whose role groups include it");
  });

  it("allows an approved window together with a standing role", async () => {
    const { decide, ask } = await world();
    const request = await ask("requester@contoso.com", "Set-CASMailbox");
    expect(await decide("requester@contoso.com", "Set-CASMailbox")).toMatchObject({ allowed: true, code: "grant", requestId: request.id });
  });

  it("refuses an approved window without a standing role, with the reason", async () => {
    const { decide, ask } = await world();
    await ask("approver1@contoso.com", "Set-CASMailbox");
    const decision = await decide("approver1@contoso.com", "Set-CASMailbox");
    expect(decision).toMatchObject({ allowed: false, code: "no-role-to-unlock", requestId: null });
    expect(decision.reason).toBe(
      "Set-CASMailbox is unlocked by your approved window only for people whose role groups include it; none of yours does. Ask a Global Administrator for a role group that includes it.",
    );
  });

  it("keeps a window unlocking while any covering policy only unlocks, even under a granting strictest policy", async () => {
    const { org, decide, ask } = await world();
    const actor = await org.actor("rolemanager@contoso.com");
    await createPolicy(db(), { actor, input: { type: "role", target: "Distribution Groups", approvalType: "auto", windowGrants: false } });
    await ask("approver1@contoso.com", "Distribution Groups", "role");
    await ask("requester2@contoso.com", "Distribution Groups", "role");
    // Stricter (a shorter maximum window), granting: the windows above still qualify under it.
    await createPolicy(db(), { actor, input: { type: "task", target: "Set-DistributionGroup", approvalType: "auto", maxDurationHours: 1 } });
    expect(await decide("approver1@contoso.com", "Set-DistributionGroup")).toMatchObject({ allowed: false, code: "no-role-to-unlock" });
    expect(await decide("requester2@contoso.com", "Set-DistributionGroup")).toMatchObject({ allowed: true, code: "grant" });
    // Even a window under the granting policy itself only unlocks: the role policy still covers the task.
    await ask("approver1@contoso.com", "Set-DistributionGroup");
    expect(await decide("approver1@contoso.com", "Set-DistributionGroup")).toMatchObject({ allowed: false, code: "no-role-to-unlock" });
    expect(await decide("requester2@contoso.com", "Set-DistributionGroup")).toMatchObject({ allowed: true, code: "grant" });
  });

  it("makes the unlock part of the strictest: a less strict unlocking policy turns the strictest's granting window into an unlock", async () => {
    // New-JournalRule: the seed's manual, granting task policy is the strictest; an auto role policy
    // on Journaling, which holds it, only unlocks. approver1 holds no role group; admin holds all.
    const { org, decide, ask } = await world();
    await createPolicy(db(), {
      actor: await org.actor("rolemanager@contoso.com"),
      input: { type: "role", target: "Journaling", approvalType: "auto", windowGrants: false },
    });
    expect(await decide("approver1@contoso.com", "New-JournalRule")).toMatchObject({ allowed: false, code: "no-role-to-unlock" });
    const approver1 = await ask("approver1@contoso.com", "New-JournalRule");
    await approveRequest(db(), { actor: await org.actor("approver2@contoso.com"), requestId: approver1.id });
    const decision = await decide("approver1@contoso.com", "New-JournalRule");
    expect(decision).toMatchObject({ allowed: false, code: "no-role-to-unlock", requestId: null });
    expect(decision.reason).toContain("only for people whose role groups include it");

    const admin = await ask("admin@contoso.com", "New-JournalRule");
    await approveRequest(db(), { actor: await org.actor("approver1@contoso.com"), requestId: admin.id });
    expect(await decide("admin@contoso.com", "New-JournalRule")).toMatchObject({ allowed: true, code: "grant", requestId: admin.id });
  });

  it("lets a strictest unlocking policy turn a window under a granting one into an unlock", async () => {
    const { org, decide, ask } = await world();
    const actor = await org.actor("rolemanager@contoso.com");
    // approver2 holds a granting role window on Mail Recipient Creation; then a stricter unlocking task policy arrives.
    await createPolicy(db(), { actor, input: { type: "role", target: "Mail Recipient Creation", approvalType: "auto" } });
    await ask("approver2@contoso.com", "Mail Recipient Creation", "role");
    expect(await decide("approver2@contoso.com", "New-MailContact")).toMatchObject({ allowed: true, code: "grant" });
    await createPolicy(db(), { actor, input: { type: "task", target: "New-MailContact", approvalType: "auto", maxDurationHours: 1, windowGrants: false } });
    expect(await decide("approver2@contoso.com", "New-MailContact")).toMatchObject({ allowed: false, code: "no-role-to-unlock" });
    expect(await decide("approver2@contoso.com", "New-Mailbox")).toMatchObject({ allowed: true, code: "grant" });
  });

  it("counts only standing roles while PAM is off", async () => {
    const { org, decide } = await world();
    await updateSettings(db(), { actor: await org.actor("admin@contoso.com"), input: { pamEnabled: false } });
    expect(await decide("requester@contoso.com", "Set-CASMailbox")).toMatchObject({ allowed: true, code: "standing-role" });
    expect(await decide("approver1@contoso.com", "Set-CASMailbox")).toMatchObject({ allowed: false, code: "no-role" });
  });
});

describe.each(testDatabaseKinds)("a window under a broader policy, against the strictest policy's eligibility, on %s", (kind) => {
  let f: ContosoFixture;
  beforeAll(async () => {
    f = await contosoFixture(kind);
  });
  afterAll(() => f.database.destroy());
  const db = () => f.database.db;

  /** Each test's own organisation with the two policies, and a way to hold an approved window under the broader one. */
  async function world() {
    const org = await f.organisation();
    const actor = await org.actor("rolemanager@contoso.com");
    // S: the task policy on New-MailboxExportRequest, manual, 1 approval, only Exchange Leads may ask.
    const export_ = (await listPolicies(db(), { actor })).find((p) => p.target === "New-MailboxExportRequest")!;
    await updatePolicy(db(), { actor, policyId: export_.id, input: { requiredApprovals: 1, eligible: ["Exchange Leads"] } });
    // P: the role group holding it, manual, 1 approval, open to all, a longer window (so S stays the strictest).
    await createPolicy(db(), {
      actor,
      input: { type: "roleGroup", target: "Organization Management", approvalType: "manual", maxDurationHours: 8 },
    });
    const decide = async (email: string, task: string) =>
      decideAccess(db(), { organisationId: org.organisationId, userId: await org.userId(email), scope: "Exchange", task });
    const granted = async (email: string) => {
      const request = await createRequest(db(), {
        actor: await org.actor(email),
        input: { type: "roleGroup", target: "Organization Management", reason: "Broad access" },
      });
      await approveRequest(db(), { actor: await org.actor("approver1@contoso.com"), requestId: request.id });
      return request;
    };
    return { org, decide, granted };
  }

  it("does not let a non-lead's role-group window count for the task only leads may request", async () => {
    const { decide, granted } = await world();
    const window = await granted("requester@contoso.com");
    const decision = await decide("requester@contoso.com", "New-MailboxExportRequest");
    expect(decision).toMatchObject({ allowed: false, code: "no-grant", requestId: null });
    expect(decision.reason).toContain("you are not among them");
    // The same window still counts where the strictest policy is open to them.
    expect(await decide("requester@contoso.com", "New-JournalRule")).toMatchObject({ allowed: true, code: "grant", requestId: window.id });
  });

  it("lets a lead's role-group window count for it", async () => {
    const { decide, granted } = await world();
    const window = await granted("approver2@contoso.com");
    expect(await decide("approver2@contoso.com", "New-MailboxExportRequest")).toMatchObject({ allowed: true, code: "grant", requestId: window.id });
  });

  it("follows the eligibility rule as it is now: joining the named group makes the window count", async () => {
    const { org, decide, granted } = await world();
    const window = await granted("requester@contoso.com");
    expect(await decide("requester@contoso.com", "New-MailboxExportRequest")).toMatchObject({ allowed: false, code: "no-grant" });
    const [group] = await db().select().from(approverGroups).where(and(eq(approverGroups.name, "Exchange Leads"), eq(approverGroups.organisationId, org.organisationId)));
    const requester = await org.actor("requester@contoso.com");
    await db().insert(approverGroupMembers).values({ organisationId: org.organisationId, groupId: group!.id, userId: requester.userId });
    expect(await decide("requester@contoso.com", "New-MailboxExportRequest")).toMatchObject({ allowed: true, code: "grant", requestId: window.id });
    await db().delete(approverGroupMembers).where(and(eq(approverGroupMembers.groupId, group!.id), eq(approverGroupMembers.userId, requester.userId)));
    expect(await decide("requester@contoso.com", "New-MailboxExportRequest")).toMatchObject({ allowed: false, code: "no-grant" });
  });
});
