import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessRequests, approverGroups, memberships, policies, policyEligibility, tasks, users } from "@/db/schema";
import { type ContosoFixture, codeOf, contosoFixture } from "@/db/testing/contoso-fixture";
import { testDatabaseKinds } from "@/db/testing/test-database";
import { searchAudit } from "@/lib/audit/search-audit";
import { createPolicy } from "@/lib/policies/create-policy";
import { listPolicies } from "@/lib/policies/list-policies";
import { updateSettings } from "@/lib/settings/update-settings";
import { toApproverGroupObject } from "./approver-group-view";
import { createApproverGroup } from "./create-approver-group";
import { deleteApproverGroup } from "./delete-approver-group";
import { getApproverGroup } from "./get-approver-group";
import { listApproverGroups } from "./list-approver-groups";
import { updateApproverGroup } from "./update-approver-group";

describe.each(testDatabaseKinds)("approver groups: create, change, delete on %s", (kind) => {
  let f: ContosoFixture;
  beforeAll(async () => {
    f = await contosoFixture(kind);
  });
  afterAll(() => f.database.destroy());
  const db = () => f.database.db;
  const admin = () => f.actor("admin@contoso.com");
  const groupId = async (name: string) =>
    (await db().select().from(approverGroups).where(and(eq(approverGroups.name, name), eq(approverGroups.organisationId, f.organisationId))))[0]!.id;
  const eventsOf = async (action: string, targetId: string) =>
    (await searchAudit(db(), { actor: await admin(), input: { action, targetId } })).items;

  it("creates a group as the contract's object, audited as group.created", async () => {
    const group = await createApproverGroup(db(), {
      actor: await f.actor("rolemanager@contoso.com"),
      input: { name: "  Acme Approvers ", description: "Acme changes", members: ["Approver1@Contoso.com", "approver2@contoso.com", "approver1@contoso.com"] },
    });
    expect(toApproverGroupObject(group)).toEqual({
      id: group.id,
      name: "Acme Approvers",
      description: "Acme changes",
      members: ["approver1@contoso.com", "approver2@contoso.com"],
      default: false,
      source: "local",
    });
    const [event] = await eventsOf("group.created", group.id);
    expect(event?.details).toEqual({ name: "Acme Approvers", description: "Acme changes", members: ["approver1@contoso.com", "approver2@contoso.com"] });
  });

  it("refuses a name another group has, whatever its case, next to the name", async () => {
    const call = createApproverGroup(db(), { actor: await admin(), input: { name: "pam approvers", members: [] } });
    await expect(call).rejects.toMatchObject({ code: "conflict:group-name", fields: { name: [expect.stringContaining("PAM Approvers")] } });
  });

  it("refuses empty, very long and control-character names, and takes hostile-looking ones as plain text", async () => {
    const actor = await admin();
    for (const name of ["", "   ", "x".repeat(101), "Night\u0000shift", "Night\nshift", "Tab\there", "\u0085next"]) {
      expect(await codeOf(createApproverGroup(db(), { actor, input: { name, members: [] } }))).toBe("invalid:input");
    }
    const proto = await createApproverGroup(db(), { actor, input: { name: "__proto__", members: [] } });
    expect(proto.name).toBe("__proto__");
    const constructor = await createApproverGroup(db(), { actor, input: { name: "constructor", description: "<script>alert(1)</script>", members: [] } });
    expect((await getApproverGroup(db(), { actor, groupId: constructor.id })).description).toBe("<script>alert(1)</script>");
    expect(await codeOf(createApproverGroup(db(), { actor, input: JSON.parse('{"name":"Extra","members":[],"__proto__":{"admin":true}}') }))).toBe(
      "invalid:input",
    );
  });

  it("puts in only active members who are not guests, naming who fails", async () => {
    const actor = await admin();
    const refused = async (members: string[]) => {
      try {
        await createApproverGroup(db(), { actor, input: { name: `Group ${members.join()}`, members } });
        return null;
      } catch (error) {
        return error as { code: string; fields: Record<string, string[]> };
      }
    };
    expect(await refused(["nobody@contoso.com"])).toMatchObject({ code: "invalid:members", fields: { members: [expect.stringContaining("nobody@contoso.com")] } });
    expect(await refused(["partner@fabrikam.com"])).toMatchObject({ code: "invalid:members", fields: { members: [expect.stringContaining("Guests")] } });
    expect(await refused(["not-an-email"])).toMatchObject({ code: "invalid:input" });
    const [requester2] = await db().select().from(users).where(eq(users.email, "requester2@contoso.com"));
    await db().update(memberships).set({ disabledAt: sql`now()` }).where(eq(memberships.userId, requester2!.id));
    try {
      expect(await refused(["requester2@contoso.com"])).toMatchObject({ code: "invalid:members", fields: { members: [expect.stringContaining("Disabled")] } });
    } finally {
      await db().update(memberships).set({ disabledAt: null }).where(eq(memberships.userId, requester2!.id));
    }
  });

  it("renames a group: its policies follow it, and the audit says what changed", async () => {
    const actor = await admin();
    const id = await groupId("Exchange Leads");
    const renamed = await updateApproverGroup(db(), { actor, groupId: id, input: { name: "Exchange Owners", description: "Owns Exchange" } });
    expect(renamed).toMatchObject({ id, name: "Exchange Owners", description: "Owns Exchange" });
    const policy = (await listPolicies(db(), { actor })).find((p) => p.target === "Transport Rules");
    expect(policy?.approverGroup).toBe("Exchange Owners");
    const [event] = await eventsOf("group.updated", id);
    expect(event?.details).toMatchObject({
      name: "Exchange Owners",
      changes: { name: { from: "Exchange Leads", to: "Exchange Owners" }, description: { from: expect.stringContaining("Senior Exchange"), to: "Owns Exchange" } },
    });
    expect(await codeOf(updateApproverGroup(db(), { actor, groupId: id, input: { name: "PAM APPROVERS" } }))).toBe("conflict:group-name");
    // Its own name in another case is a rename, not a clash.
    expect((await updateApproverGroup(db(), { actor, groupId: id, input: { name: "exchange owners" } })).name).toBe("exchange owners");
    await updateApproverGroup(db(), { actor, groupId: id, input: { name: "Exchange Leads" } });
  });

  it("replaces the member list, or adds and removes people, in one call each", async () => {
    const actor = await admin();
    const group = await createApproverGroup(db(), { actor, input: { name: "Members test", members: ["approver1@contoso.com"] } });
    const added = await updateApproverGroup(db(), {
      actor,
      groupId: group.id,
      input: { addMembers: ["approver2@contoso.com", "rolemanager@contoso.com"], removeMembers: ["approver1@contoso.com"] },
    });
    expect(added.members).toEqual(["approver2@contoso.com", "rolemanager@contoso.com"]);
    const replaced = await updateApproverGroup(db(), { actor, groupId: group.id, input: { members: ["admin@contoso.com"] } });
    expect(replaced.members).toEqual(["admin@contoso.com"]);
    const events = await eventsOf("group.updated", group.id);
    expect(events[0]?.details).toMatchObject({
      changes: { members: { added: ["admin@contoso.com"], removed: ["approver2@contoso.com", "rolemanager@contoso.com"] } },
      members: ["admin@contoso.com"],
    });
    expect(
      await codeOf(updateApproverGroup(db(), { actor, groupId: group.id, input: { members: [], addMembers: ["admin@contoso.com"] } })),
    ).toBe("invalid:input");
    expect(
      await codeOf(updateApproverGroup(db(), { actor, groupId: group.id, input: { addMembers: ["partner@fabrikam.com"] } })),
    ).toBe("invalid:members");
  });

  it("refuses to leave fewer active approvers than a policy or a pending request needs, changing nothing", async () => {
    const actor = await admin();
    const pam = await groupId("PAM Approvers");
    const before = (await getApproverGroup(db(), { actor, groupId: pam })).members;
    // The seed's mailbox export policy needs two approvals from PAM Approvers.
    const refused = updateApproverGroup(db(), { actor, groupId: pam, input: { removeMembers: ["approver1@contoso.com"] } });
    expect(await codeOf(refused)).toBe("conflict:group-too-small");
    await expect(
      updateApproverGroup(db(), { actor, groupId: pam, input: { removeMembers: ["approver1@contoso.com"] } }),
    ).rejects.toThrow(/PAM Approvers would have 1 active approver, but the policy for New-MailboxExportRequest needs 2/);
    expect((await getApproverGroup(db(), { actor, groupId: pam })).members).toEqual(before);
    // Swapping one approver for another keeps the quorum reachable.
    const swapped = await updateApproverGroup(db(), {
      actor,
      groupId: pam,
      input: { addMembers: ["requester2@contoso.com"], removeMembers: ["approver1@contoso.com"] },
    });
    expect(swapped.members).toEqual(["approver2@contoso.com", "requester2@contoso.com"]);
    await updateApproverGroup(db(), { actor, groupId: pam, input: { members: before } });
  });

  it("writes nothing when nothing changes", async () => {
    const actor = await admin();
    const group = await createApproverGroup(db(), { actor, input: { name: "Quiet", members: ["approver1@contoso.com"] } });
    await updateApproverGroup(db(), { actor, groupId: group.id, input: { name: "Quiet", members: ["approver1@contoso.com"] } });
    expect(await eventsOf("group.updated", group.id)).toHaveLength(0);
  });

  it("refuses to delete a group a policy or the default setting uses, naming them", async () => {
    const call = deleteApproverGroup(db(), { actor: await admin(), groupId: await groupId("PAM Approvers") });
    await expect(call).rejects.toMatchObject({ code: "conflict:group-in-use" });
    const message = await call.catch((error: Error) => error.message);
    expect(message).toMatch(/^PAM Approvers is the approver group of the policies /);
    expect(message).toContain("New-JournalRule (Exchange task)");
    expect(message).toContain("the organisation's default group");
  });

  it("refuses to delete a group named in a policy's eligibility, or one a request still waits for", async () => {
    const actor = await admin();
    const group = await createApproverGroup(db(), { actor, input: { name: "Eligible people", members: [] } });
    const [policy] = await db().select().from(policies).innerJoin(tasks, eq(tasks.id, policies.taskId)).where(eq(tasks.name, "New-JournalRule"));
    await db().insert(policyEligibility).values({ organisationId: f.organisationId, policyId: policy!.policies.id, groupId: group.id });
    const call = deleteApproverGroup(db(), { actor, groupId: group.id });
    await expect(call).rejects.toMatchObject({ code: "conflict:group-in-use", message: expect.stringContaining("who may request the policy New-JournalRule") });
    await db().delete(policyEligibility).where(eq(policyEligibility.groupId, group.id));

    const waiting = await createApproverGroup(db(), { actor, input: { name: "Waited for", members: ["approver1@contoso.com"] } });
    const requester = await f.actor("requester@contoso.com");
    await db().insert(accessRequests).values({
      organisationId: f.organisationId,
      requesterId: requester.userId,
      targetType: "task",
      taskId: policy!.tasks.id,
      approverGroupId: waiting.id,
      durationMinutes: 60,
      pendingUntil: sql`now() + interval '1 day'`,
    });
    await expect(deleteApproverGroup(db(), { actor, groupId: waiting.id })).rejects.toMatchObject({
      code: "conflict:group-in-use",
      message: expect.stringContaining("1 pending request"),
    });
  });

  it("deletes an unused group, audited as group.deleted with its members; then it is gone", async () => {
    const actor = await admin();
    const group = await createApproverGroup(db(), { actor, input: { name: "Short-lived", members: ["approver2@contoso.com"] } });
    expect(await deleteApproverGroup(db(), { actor, groupId: group.id })).toEqual({ id: group.id, name: "Short-lived", deleted: true });
    expect((await listApproverGroups(db(), { actor })).some((g) => g.id === group.id)).toBe(false);
    const [event] = await eventsOf("group.deleted", group.id);
    expect(event?.details).toMatchObject({ name: "Short-lived", members: ["approver2@contoso.com"] });
    expect(await codeOf(deleteApproverGroup(db(), { actor, groupId: group.id }))).toBe("not-found:group");
    expect(await codeOf(getApproverGroup(db(), { actor, groupId: "not-a-uuid" }))).toBe("not-found:group");
    expect(await codeOf(updateApproverGroup(db(), { actor, groupId: "00000000-0000-4000-8000-000000000000", input: { name: "X" } }))).toBe(
      "not-found:group",
    );
  });

  it("a new policy can still name a renamed group by its new name", async () => {
    const actor = await admin();
    const group = await createApproverGroup(db(), { actor, input: { name: "Before", members: ["approver1@contoso.com"] } });
    await updateApproverGroup(db(), { actor, groupId: group.id, input: { name: "After" } });
    const policy = await createPolicy(db(), { actor, input: { type: "task", target: "Set-CASMailbox", approverGroup: "After" } });
    expect(policy.approverGroup).toBe("After");
    await expect(deleteApproverGroup(db(), { actor, groupId: group.id })).rejects.toMatchObject({
      message: expect.stringMatching(/^After is the approver group of the policy Set-CASMailbox \(Exchange task\): change those first/),
    });
    await updateSettings(db(), { actor, input: { defaultApproverGroup: "After" } });
    try {
      await expect(deleteApproverGroup(db(), { actor, groupId: group.id })).rejects.toMatchObject({
        message: "After is the approver group of the policy Set-CASMailbox (Exchange task) and the organisation's default group: change those first, then remove it.",
      });
    } finally {
      await updateSettings(db(), { actor, input: { defaultApproverGroup: "PAM Approvers" } });
    }
  });

  it("are changed by administrators only", async () => {
    const id = await groupId("PAM Approvers");
    for (const email of ["requester@contoso.com", "approver1@contoso.com", "auditor@contoso.com", "partner@fabrikam.com"]) {
      const actor = await f.actor(email);
      expect(await codeOf(createApproverGroup(db(), { actor, input: { name: `By ${email}`, members: [] } }))).toBe("forbidden:manage-settings");
      expect(await codeOf(updateApproverGroup(db(), { actor, groupId: id, input: { name: "Mine" } }))).toBe("forbidden:manage-settings");
      expect(await codeOf(deleteApproverGroup(db(), { actor, groupId: id }))).toBe("forbidden:manage-settings");
      expect(await codeOf(getApproverGroup(db(), { actor, groupId: id }))).toBe("forbidden:manage-settings");
    }
  });
});
