/**
 * Every domain function against every kind of person, driven from the permission table
 * (lib/auth/permissions.ts): a function that needs a permission is allowed exactly for those who
 * hold it and refuses the rest with `forbidden:<permission>`. Functions whose rule depends on the
 * request itself (approving, revoking, reading someone's request) name who may, and are refused
 * with a forbidden or, where existence itself is private, a not-found error.
 */
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessRequests, approverGroups, memberships, policies, scopes, tasks, users } from "@/db/schema";
import { type ContosoFixture, contosoFixture } from "@/db/testing/contoso-fixture";
import { testDatabaseKinds } from "@/db/testing/test-database";
import { checkAccess } from "./access/check-access";
import { approveRequest } from "./approvals/approve-request";
import { denyRequest } from "./approvals/deny-request";
import { revokeRequest } from "./approvals/revoke-request";
import { createApproverGroup } from "./approver-groups/create-approver-group";
import { deleteApproverGroup } from "./approver-groups/delete-approver-group";
import { getApproverGroup } from "./approver-groups/get-approver-group";
import { listApproverGroups } from "./approver-groups/list-approver-groups";
import { saveApproverGroup } from "./approver-groups/save-approver-group";
import { updateApproverGroup } from "./approver-groups/update-approver-group";
import { searchAudit } from "./audit/search-audit";
import { verifyAuditLog } from "./audit/verify-audit-chain";
import { ALL_PERMISSIONS, type Permission, can } from "./auth/permissions";
import type { Actor } from "./auth/roles";
import { getRequestStats } from "./dashboard/get-request-stats";
import { getSetupChecklist } from "./dashboard/get-setup-checklist";
import { addMember } from "./members/add-member";
import { importMembers } from "./members/import-members";
import { getMember, listMembers, listMembersPage } from "./members/list-members";
import { removeMember } from "./members/remove-member";
import { updateMember } from "./members/update-member";
import { listEmailDelivery } from "./notify/list-email-delivery";
import { createPolicy } from "./policies/create-policy";
import { deletePolicy } from "./policies/delete-policy";
import { listEligibleCandidates } from "./policies/list-eligible-candidates";
import { getPolicy, listPolicies } from "./policies/list-policies";
import { updatePolicy } from "./policies/update-policy";
import { createRequest } from "./requests/create-request";
import { getRequest } from "./requests/get-request";
import { listRequests } from "./requests/list-requests";
import { getScope } from "./scopes/get-scope";
import { listScopes } from "./scopes/list-scopes";
import { registerScope } from "./scopes/register-scope";
import { removeScope } from "./scopes/remove-scope";
import { replaceScopeCatalog } from "./scopes/replace-scope-catalog";
import { getSettings } from "./settings/get-settings";
import { updateSettings } from "./settings/update-settings";

const people = {
  "Global Administrator": "admin@contoso.com",
  "Role Management": "rolemanager@contoso.com",
  Auditor: "auditor@contoso.com",
  Approver: "approver1@contoso.com",
  Requestor: "requester@contoso.com",
  Guest: "partner@fabrikam.com",
} as const;
type Person = keyof typeof people;
const everyone = Object.keys(people) as Person[];

describe.each(testDatabaseKinds)("the authorisation matrix on %s", (kind) => {
  let f: ContosoFixture;
  let taskIndex = 0;
  beforeAll(async () => {
    f = await contosoFixture(kind);
  });
  afterAll(() => f.database.destroy());
  const db = () => f.database.db;

  /** A request of requester2's under the New-JournalRule policy, written directly (setup, not under test). */
  async function seededRequest(status: "pending" | "approved") {
    const [policy] = await db()
      .select()
      .from(policies)
      .innerJoin(tasks, eq(tasks.id, policies.taskId))
      .where(eq(tasks.name, "New-JournalRule"));
    const requester = await f.actor("requester2@contoso.com");
    const [row] = await db()
      .insert(accessRequests)
      .values({
        organisationId: f.organisationId,
        policyId: policy!.policies.id,
        requesterId: requester.userId,
        targetType: "task",
        taskId: policy!.tasks.id,
        approverGroupId: policy!.policies.approverGroupId,
        durationMinutes: 60,
        reason: "setup",
        pendingUntil: sql`now() + interval '1 day'`,
        status,
        startsAt: status === "approved" ? sql`now()` : null,
        endsAt: status === "approved" ? sql`now() + interval '1 hour'` : null,
      })
      .returning({ id: accessRequests.id });
    return row!.id;
  }

  const spareTasks = ["Enable-Mailbox", "Remove-MailboxPermission", "Get-MailboxPermission", "Add-RecipientPermission",
    "Set-CASMailbox", "New-MailContact", "New-DistributionGroup", "Set-DistributionGroup"];

  /** A task no other test uses, with no policy on it (any left by an earlier row is removed). */
  async function spareTask() {
    const name = spareTasks[taskIndex++ % spareTasks.length]!;
    const [task] = await db().select().from(tasks).where(and(eq(tasks.name, name), eq(tasks.organisationId, f.organisationId)));
    await db().delete(policies).where(eq(policies.taskId, task!.id));
    return task!;
  }

  /** A policy on a spare task, for the calls that read, change or remove one. */
  async function freshPolicy() {
    const task = await spareTask();
    const [group] = await db().select().from(approverGroups).where(eq(approverGroups.name, "PAM Approvers"));
    const [row] = await db()
      .insert(policies)
      .values({ organisationId: f.organisationId, scopeId: task.scopeId, targetType: "task", taskId: task.id, approverGroupId: group!.id })
      .returning({ id: policies.id });
    return row!.id;
  }

  /** An unused approver group, written directly (setup, not under test). */
  async function freshGroup() {
    const [group] = await db().insert(approverGroups).values({ organisationId: f.organisationId, name: `Matrix ${randomUUID()}` }).returning();
    return group!.id;
  }

  /** An empty external scope, written directly (setup, not under test). */
  async function freshScope() {
    const [scope] = await db()
      .insert(scopes)
      .values({ organisationId: f.organisationId, name: `Matrix-${randomUUID().slice(0, 8)}`, kind: "external" })
      .returning();
    return scope!.name;
  }

  /** A plain member no other test uses, written directly (setup, not under test). */
  async function freshMember() {
    const [user] = await db().insert(users).values({ email: `matrix-${randomUUID()}@contoso.com` }).returning();
    await db().insert(memberships).values({ organisationId: f.organisationId, userId: user!.id });
    return user!.email;
  }

  /**
   * Who may: a permission of the table; several, checked in turn (`{ all }`), refused with the first
   * the person lacks; or, for a rule that depends on the request, the people by name.
   */
  type Rule = Permission | { all: Permission[] } | Person[];
  const cases: [string, Rule, (actor: Actor) => Promise<unknown>][] = [
    ["createPolicy", "manage-policies", async (actor) =>
      createPolicy(db(), { actor, input: { type: "task", target: (await spareTask()).name } })],
    ["updatePolicy", "manage-policies", async (actor) =>
      updatePolicy(db(), { actor, policyId: await freshPolicy(), input: { maxDurationHours: 6 } })],
    ["deletePolicy", "manage-policies", async (actor) =>
      deletePolicy(db(), { actor, policyId: await freshPolicy() })],
    ["listEligibleCandidates", "manage-policies", (actor) => listEligibleCandidates(db(), { actor })],
    ["getPolicy", "manage-policies", async (actor) =>
      getPolicy(db(), { actor, policyId: await freshPolicy() })],
    ["listPolicies", everyone, (actor) => listPolicies(db(), { actor })],
    ["getSettings", "manage-settings", (actor) => getSettings(db(), { actor })],
    ["updateSettings", "manage-settings", (actor) =>
      updateSettings(db(), { actor, input: { pendingLifetimeHours: 24 } })],
    ["saveApproverGroup", "manage-settings", (actor) =>
      saveApproverGroup(db(), { actor, input: { name: `Night shift ${randomUUID()}`, members: ["approver1@contoso.com"] } })],
    ["createApproverGroup", "manage-settings", (actor) =>
      createApproverGroup(db(), { actor, input: { name: `Day shift ${randomUUID()}`, members: ["approver1@contoso.com"] } })],
    ["updateApproverGroup", "manage-settings", async (actor) =>
      updateApproverGroup(db(), { actor, groupId: await freshGroup(), input: { description: "matrix", addMembers: ["approver2@contoso.com"] } })],
    ["deleteApproverGroup", "manage-settings", async (actor) =>
      deleteApproverGroup(db(), { actor, groupId: await freshGroup() })],
    ["getApproverGroup", "manage-settings", async (actor) =>
      getApproverGroup(db(), { actor, groupId: await freshGroup() })],
    ["listApproverGroups", everyone, (actor) => listApproverGroups(db(), { actor })],
    ["registerScope", "manage-scopes", (actor) =>
      registerScope(db(), { actor, input: { name: `Bastion-${randomUUID().slice(0, 8)}` } })],
    ["replaceScopeCatalog", "manage-scopes", async (actor) =>
      replaceScopeCatalog(db(), { actor, name: await freshScope(), input: { tasks: [{ name: "ssh" }], roles: [{ name: "Shell", tasks: ["ssh"] }] } })],
    ["removeScope", "manage-scopes", async (actor) =>
      removeScope(db(), { actor, name: await freshScope() })],
    ["getScope", everyone, (actor) => getScope(db(), { actor, name: "Exchange" })],
    ["listScopes", everyone, (actor) => listScopes(db(), { actor })],
    // A policy open to "everyone" (no eligibility rows) is open to every member but guests.
    ["createRequest", everyone.filter((person) => person !== "Guest"), async (actor) => {
      const result = await createRequest(db(), { actor, input: { target: "Add-MailboxPermission", reason: "matrix" } });
      await f.endWindow(result.id); // so the next person's request is not the same open target
      return result;
    }],
    ["listRequests (everyone's)", "list-requests", (actor) =>
      listRequests(db(), { actor, input: {} })],
    ["listRequests (mine)", everyone, (actor) => listRequests(db(), { actor, input: { mine: true } })],
    ["getRequest (someone else's)", ["Global Administrator", "Role Management", "Auditor", "Approver"], async (actor) =>
      getRequest(db(), { actor, requestId: await seededRequest("pending") })],
    ["approveRequest", ["Approver"], async (actor) =>
      approveRequest(db(), { actor, requestId: await seededRequest("pending") })],
    ["denyRequest", ["Approver"], async (actor) =>
      denyRequest(db(), { actor, requestId: await seededRequest("pending"), comment: "no" })],
    ["revokeRequest", ["Global Administrator", "Role Management", "Approver"], async (actor) =>
      revokeRequest(db(), { actor, requestId: await seededRequest("approved"), comment: "matrix" })],
    ["checkAccess (another person)", "check-others", (actor) =>
      checkAccess(db(), { actor, input: { task: "Get-Mailbox", user: "requester2@contoso.com" } })],
    ["checkAccess (self)", everyone, (actor) => checkAccess(db(), { actor, input: { task: "Get-Mailbox" } })],
    ["searchAudit", "read-audit", (actor) =>
      searchAudit(db(), { actor, input: { limit: 1 } })],
    ["verifyAuditLog", "read-audit", (actor) => verifyAuditLog(db(), { actor })],
    ["listMembers", "view-members", (actor) => listMembers(db(), { actor })],
    ["listMembersPage", "view-members", (actor) => listMembersPage(db(), { actor, input: { limit: 5 } })],
    ["getMember", "view-members", (actor) => getMember(db(), { actor, email: "requester2@contoso.com" })],
    ["addMember", "manage-members", (actor) => addMember(db(), { actor, input: { email: `new-${randomUUID()}@contoso.com` } })],
    ["updateMember", "manage-members", async (actor) =>
      updateMember(db(), { actor, input: { email: await freshMember(), roles: ["auditor"], roleGroups: ["Recipient Management"] } })],
    ["updateMember (disable)", "manage-members", async (actor) =>
      updateMember(db(), { actor, input: { email: await freshMember(), disabled: true } })],
    ["removeMember", "manage-members", async (actor) => removeMember(db(), { actor, input: { email: await freshMember() } })],
    ["importMembers (preview)", "manage-members", (actor) =>
      importMembers(db(), { actor, input: { csv: "email\nsomeone@contoso.com", dryRun: true } })],
    ["importMembers", "manage-members", (actor) =>
      importMembers(db(), { actor, input: { csv: `email\nimported-${randomUUID()}@contoso.com` } })],
    ["updateSettings (just-in-time membership)", { all: ["manage-settings", "manage-sign-in-settings"] }, (actor) =>
      updateSettings(db(), { actor, input: { jitEmailDomains: [`matrix-${randomUUID().slice(0, 8)}.example`] } })],
    ["listEmailDelivery", "email-delivery", (actor) => listEmailDelivery(db(), { actor, limit: 1 })],
    ["getRequestStats", "request-stats", (actor) => getRequestStats(db(), { actor, days: 1 })],
  ];

  const rows = cases.flatMap(([name, rule, call]) => everyone.map((person) => [name, person, rule, call] as const));

  it.each(rows)("%s by %s", async (_name, person, rule, call) => {
    const actor = await f.actor(people[person]);
    const needed = typeof rule === "string" ? [rule] : Array.isArray(rule) ? null : rule.all;
    const lacking = needed?.find((permission) => !can(actor, permission));
    const allowed = needed ? lacking === undefined : (rule as Person[]).includes(person);
    const outcome = await call(actor).then(
      () => "allowed",
      (error: { code?: string; message: string }) => error.code ?? `unexpected: ${error.message}`,
    );
    if (allowed) expect(outcome).toBe("allowed");
    else if (lacking) expect(outcome).toBe(`forbidden:${lacking}`);
    else expect(outcome).toMatch(/^(forbidden|not-found):/);
  });

  // Walked above under the people they name, as the request decides too: approving and revoking
  // (an approver revokes their own group's grants); who sees the inbox and Active access is asked by screens.
  const walkedByName: Permission[] = ["approve-requests", "view-active-access", "revoke"];
  it("walks every permission of the table through a domain function", () => {
    const walked = new Set(cases.flatMap(([, rule]) => (typeof rule === "string" ? [rule] : Array.isArray(rule) ? [] : rule.all)));
    expect(ALL_PERMISSIONS.filter((permission) => !walked.has(permission) && !walkedByName.includes(permission))).toEqual([]);
  });

  // The dashboard asks everyone; only those who can act on the setup steps get them.
  const checklistReaders: Person[] = ["Global Administrator", "Role Management"];
  it.each(everyone)("getSetupChecklist by %s: shown only to administrators", async (person) => {
    const checklist = await getSetupChecklist(db(), { actor: await f.actor(people[person]) });
    expect(checklist !== null).toBe(checklistReaders.includes(person));
  });
});
