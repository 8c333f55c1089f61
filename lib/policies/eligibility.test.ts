import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approverGroupMembers, approverGroups, policies, policyEligibility } from "@/db/schema";
import { type ContosoFixture, codeOf, contosoFixture } from "@/db/testing/contoso-fixture";
import { testDatabaseKinds } from "@/db/testing/test-database";
import { decideAccess } from "@/lib/access/decide-access";
import { searchAudit } from "@/lib/audit/search-audit";
import { DomainError } from "@/lib/errors";
import { createRequest } from "@/lib/requests/create-request";
import { extendRequest } from "@/lib/requests/extend-request";
import { listRequestableTargets } from "@/lib/requests/list-requestable-targets";
import { listRequests } from "@/lib/requests/list-requests";
import { createPolicy } from "./create-policy";
import { listEligibleCandidates } from "./list-eligible-candidates";
import { listPolicies } from "./list-policies";
import { updatePolicy } from "./update-policy";

describe.each(testDatabaseKinds)("who may request a policy, on %s", (kind) => {
  let f: ContosoFixture;
  beforeAll(async () => {
    f = await contosoFixture(kind);
  });
  afterAll(() => f.database.destroy());
  const db = () => f.database.db;
  const refusal = async (promise: Promise<unknown>) => {
    const error = await promise.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  };

  /** Each test's own organisation (its people at `<name>@<slug>.example`), so its policies are the seed's and its own. */
  async function world() {
    const org = await f.organisation();
    const e = org.email;
    const admin = () => org.actor("rolemanager@contoso.com");
    const offered = async (email: string) =>
      (await listRequestableTargets(db(), { actor: await org.actor(email) })).map((target) => target.target);
    const ask = async (email: string, target: string, type: "task" | "role" | "roleGroup" = "task") =>
      createRequest(db(), { actor: await org.actor(email), input: { type, target, reason: "Eligibility test", ticket: "CHG-1" } });
    const addToGroup = async (group: string, email: string) => {
      const [row] = await db().select().from(approverGroups).where(and(eq(approverGroups.name, group), eq(approverGroups.organisationId, org.organisationId)));
      await db().insert(approverGroupMembers).values({ organisationId: org.organisationId, groupId: row!.id, userId: await org.userId(email) });
    };
    /** Remove-JournalRule, automatic, for Exchange Leads only. */
    const leadsOnly = async () =>
      createPolicy(db(), { actor: await admin(), input: { type: "task", target: "Remove-JournalRule", approvalType: "auto", eligible: ["Exchange Leads"] } });
    return { org, e, admin, offered, ask, addToGroup, leadsOnly };
  }

  it("is every member but guests by default", async () => {
    const { org, admin, offered, ask } = await world();
    const policy = (await listPolicies(db(), { actor: await admin() })).find((p) => p.target === "Add-MailboxPermission")!;
    expect(policy).toMatchObject({ eligible: [], windowGrants: true });
    expect(await offered("requester@contoso.com")).toContain("Add-MailboxPermission");
    expect(await offered("partner@fabrikam.com")).toEqual([]);
    await expect(ask("approver1@contoso.com", "Add-MailboxPermission")).resolves.toMatchObject({ status: "approved" });
    const error = await refusal(ask("partner@fabrikam.com", "Add-MailboxPermission"));
    expect(error.code).toBe("forbidden:not-eligible");
    expect(error.message).toMatch(/^Guests may not request the task Add-MailboxPermission/);
    // Nothing written for the refused guest.
    const mine = await listRequests(db(), { actor: await org.actor("partner@fabrikam.com"), input: { mine: true } });
    expect(mine.items).toHaveLength(0);
  });

  it("names approver groups, whose members at request time may ask, and refuses the others naming the group", async () => {
    const { offered, ask, addToGroup, leadsOnly } = await world();
    const policy = await leadsOnly();
    expect(policy.eligible).toEqual(["Exchange Leads"]);
    expect(await offered("approver2@contoso.com")).toContain("Remove-JournalRule");
    expect(await offered("requester@contoso.com")).not.toContain("Remove-JournalRule");
    const error = await refusal(ask("requester@contoso.com", "Remove-JournalRule"));
    expect(error.code).toBe("forbidden:not-eligible");
    expect(error.message).toBe("Only members of Exchange Leads may request the task Remove-JournalRule.");
    await expect(ask("approver2@contoso.com", "Remove-JournalRule")).resolves.toMatchObject({ status: "approved" });

    // Added to the group later: eligible from then on, with nothing to change on the policy.
    await addToGroup("Exchange Leads", "requester@contoso.com");
    expect(await offered("requester@contoso.com")).toContain("Remove-JournalRule");
    await expect(ask("requester@contoso.com", "Remove-JournalRule")).resolves.toMatchObject({ status: "approved" });
  });

  it("names members by email, case-insensitively, and lists groups and people sorted", async () => {
    const { e, admin, ask } = await world();
    const policy = await createPolicy(db(), {
      actor: await admin(),
      input: { type: "task", target: "Disable-JournalRule", approvalType: "auto", eligible: [e("requester2@contoso.com").toUpperCase(), "PAM Approvers", e("auditor@contoso.com")] },
    });
    expect(policy.eligible).toEqual(["PAM Approvers", e("auditor@contoso.com"), e("requester2@contoso.com")]);
    const rows = await db().select().from(policyEligibility).where(eq(policyEligibility.policyId, policy.id));
    expect(rows).toHaveLength(3);
    await expect(ask("requester2@contoso.com", "Disable-JournalRule")).resolves.toMatchObject({ status: "approved" });
    const error = await refusal(ask("requester@contoso.com", "Disable-JournalRule"));
    expect(error.message).toBe(
      `Only members of PAM Approvers, ${e("auditor@contoso.com")}, or ${e("requester2@contoso.com")} may request the task Disable-JournalRule.`,
    );
  });

  it("lets a guest in only when named by email, not through a group", async () => {
    const { e, admin, offered, ask, addToGroup, leadsOnly } = await world();
    await leadsOnly();
    await addToGroup("Exchange Leads", "partner@fabrikam.com");
    const error = await refusal(ask("partner@fabrikam.com", "Remove-JournalRule"));
    expect(error.code).toBe("forbidden:not-eligible");
    expect(error.message).toMatch(/Group membership does not make a guest eligible/);
    const policy = await createPolicy(db(), {
      actor: await admin(),
      input: { type: "task", target: "Get-JournalRule", approvalType: "auto", eligible: [e("partner@fabrikam.com")] },
    });
    expect(await offered("partner@fabrikam.com")).toEqual(["Get-JournalRule"]);
    await expect(ask("partner@fabrikam.com", "Get-JournalRule")).resolves.toMatchObject({ status: "approved", requester: e("partner@fabrikam.com") });
    expect(await offered("requester@contoso.com")).not.toContain("Get-JournalRule");
    expect(policy.eligible).toEqual([e("partner@fabrikam.com")]);
  });

  it("refuses unknown entries, naming each, and writes nothing", async () => {
    const { admin, leadsOnly } = await world();
    const journal = await leadsOnly();
    const actor = await admin();
    const error = await refusal(
      createPolicy(db(), {
        actor,
        input: { type: "task", target: "Set-JournalRule", eligible: ["Exchange Leads", "Night Shift", "ghost@contoso.com", "__proto__"] },
      }),
    );
    expect(error.code).toBe("invalid:eligible");
    expect(error.fields?.eligible?.[0]).toContain('"Night Shift", "ghost@contoso.com", "__proto__"');
    expect(error.fields?.eligible?.[0]).not.toContain("Exchange Leads");
    expect((await listPolicies(db(), { actor })).some((p) => p.target === "Set-JournalRule")).toBe(false);

    expect(await codeOf(updatePolicy(db(), { actor, policyId: journal.id, input: { eligible: ["Nobody"], requiredApprovals: 1 } }))).toBe(
      "invalid:eligible",
    );
    expect((await listPolicies(db(), { actor })).find((p) => p.id === journal.id)!.eligible).toEqual(["Exchange Leads"]);

    for (const eligible of [["bad\u0007name"], "Exchange Leads", [""], Array.from({ length: 201 }, (_, i) => `g${i}`), [42]]) {
      const invalid = await refusal(createPolicy(db(), { actor, input: { type: "task", target: "Set-JournalRule", eligible: eligible as never } }));
      expect(invalid.code).toBe("invalid:input");
      expect(Object.keys(invalid.fields ?? {}).some((field) => field.startsWith("eligible"))).toBe(true);
    }
  });

  it("is changed as a whole list, audited with the policy's other fields, and emptied back to everyone", async () => {
    const { e, admin, leadsOnly } = await world();
    const actor = await admin();
    const journal = await leadsOnly();
    const changed = await updatePolicy(db(), { actor, policyId: journal.id, input: { eligible: ["PAM Approvers", e("requester2@contoso.com")], windowGrants: false } });
    expect(changed).toMatchObject({ eligible: ["PAM Approvers", e("requester2@contoso.com")], windowGrants: false });
    const [event] = (await searchAudit(db(), { actor, input: { action: "policy.updated", targetId: journal.id } })).items;
    expect(event!.details).toMatchObject({
      changed: {
        eligible: { from: ["Exchange Leads"], to: ["PAM Approvers", e("requester2@contoso.com")] },
        windowGrants: { from: true, to: false },
      },
    });
    const reopened = await updatePolicy(db(), { actor, policyId: journal.id, input: { eligible: [], windowGrants: true } });
    expect(reopened).toMatchObject({ eligible: [], windowGrants: true });
    // A new policy's audit records the list it was created with.
    const guestOnly = await createPolicy(db(), {
      actor,
      input: { type: "task", target: "Get-JournalRule", approvalType: "auto", eligible: [e("partner@fabrikam.com")] },
    });
    const [created] = (await searchAudit(db(), { actor, input: { action: "policy.created", targetId: guestOnly.id } })).items;
    expect(created!.details).toMatchObject({ policy: { eligible: [e("partner@fabrikam.com")], windowGrants: true } });
  });

  it("gates an extension too, while the window already approved keeps working", async () => {
    const { org, e, admin, ask } = await world();
    const actor = await admin();
    const policy = await createPolicy(db(), {
      actor,
      input: { type: "task", target: "Get-MailboxExportRequest", approvalType: "auto", eligible: [e("requester2@contoso.com")] },
    });
    const window = await ask("requester2@contoso.com", "Get-MailboxExportRequest");
    await updatePolicy(db(), { actor, policyId: policy.id, input: { eligible: ["Exchange Leads"] } });
    const requester = await org.actor("requester2@contoso.com");
    const error = await refusal(extendRequest(db(), { actor: requester, requestId: window.id, input: { reason: "More time" } }));
    expect(error.code).toBe("forbidden:not-eligible");
    expect(error.message).toBe("Only members of Exchange Leads may request an extension of the task Get-MailboxExportRequest.");
    expect(
      await decideAccess(db(), { organisationId: org.organisationId, userId: requester.userId, scope: "Exchange", task: "Get-MailboxExportRequest" }),
    ).toMatchObject({ allowed: true, code: "grant", requestId: window.id });
  });

  it("tells the request form whether a window only unlocks, and which of its tasks the person holds", async () => {
    const { org, admin } = await world();
    const actor = await admin();
    await createPolicy(db(), { actor, input: { type: "role", target: "Mail Recipient Creation", approvalType: "auto", windowGrants: false } });
    const targets = await listRequestableTargets(db(), { actor: await org.actor("requester@contoso.com") });
    expect(targets.find((t) => t.target === "Mail Recipient Creation")).toMatchObject({
      windowGrants: false,
      tasks: ["Get-Mailbox", "New-MailContact", "New-Mailbox", "Remove-Mailbox"],
      heldTasks: ["Get-Mailbox", "New-MailContact", "New-Mailbox", "Remove-Mailbox"],
    });
    const approver = await listRequestableTargets(db(), { actor: await org.actor("approver1@contoso.com") });
    expect(approver.find((t) => t.target === "Mail Recipient Creation")).toMatchObject({ windowGrants: false, heldTasks: [] });
    expect(approver.find((t) => t.target === "New-JournalRule")).toMatchObject({ windowGrants: true });
    const rows = await db().select({ windowGrants: policies.windowGrants }).from(policies).where(eq(policies.organisationId, org.organisationId));
    expect(rows.filter((row) => !row.windowGrants)).toHaveLength(1);
  });

  it("offers the policy editor every active member and guest to name", async () => {
    const candidates = await listEligibleCandidates(db(), { actor: await f.actor("rolemanager@contoso.com") });
    expect(candidates.find((c) => c.email === "partner@fabrikam.com")).toMatchObject({ guest: true });
    expect(candidates.find((c) => c.email === "requester@contoso.com")).toMatchObject({ guest: false, name: "Adele Vance" });
  });
});
