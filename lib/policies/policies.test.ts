import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ContosoFixture, codeOf, contosoFixture } from "@/db/testing/contoso-fixture";
import { testDatabaseKinds } from "@/db/testing/test-database";
import { searchAudit } from "@/lib/audit/search-audit";
import { DomainError } from "@/lib/errors";
import { updateSettings } from "@/lib/settings/update-settings";
import { createPolicy } from "./create-policy";
import { deletePolicy } from "./delete-policy";
import { getPolicy, listPolicies } from "./list-policies";
import { updatePolicy } from "./update-policy";
import { createRequest } from "@/lib/requests/create-request";
import { getRequest } from "@/lib/requests/get-request";
import { listRequests } from "@/lib/requests/list-requests";

describe.each(testDatabaseKinds)("policies on %s", (kind) => {
  let f: ContosoFixture;
  beforeAll(async () => {
    f = await contosoFixture(kind);
  });
  afterAll(() => f.database.destroy());

  it("are created with the API's fields, defaults filled in, and audited", async () => {
    const actor = await f.actor("rolemanager@contoso.com");
    const policy = await createPolicy(f.database.db, {
      actor,
      input: { type: "task", scope: "Exchange", target: "Set-JournalRule", maxDurationHours: 2.5 },
    });
    expect(policy).toMatchObject({
      type: "task",
      scope: "Exchange",
      target: "Set-JournalRule",
      approvalType: "manual",
      approverGroup: "PAM Approvers",
      requiredApprovals: 1,
      maxDurationHours: 2.5,
      defaultDurationHours: 2.5,
      pendingLifetimeHours: 24,
      reasonRequired: true,
      ticketRequired: false,
      enabled: true,
      createdBy: "rolemanager@contoso.com",
    });
    const events = await searchAudit(f.database.db, { actor, input: { action: "policy.created", targetId: policy.id } });
    expect(events.items).toHaveLength(1);
    expect(events.items[0]!.actor).toBe("rolemanager@contoso.com");
  });

  it.each([
    [{ type: "task", target: "Do-Anything" }, "invalid:target", "target"],
    [{ type: "role", target: "New-JournalRule" }, "invalid:target", "target"],
    [{ type: "task", scope: "Azure", target: "New-JournalRule" }, "invalid:scope", "scope"],
    [{ type: "task", target: "New-JournalRule" }, "conflict:policy-exists", "target"],
    [{ type: "task", target: "Remove-JournalRule", approverGroup: "Nobody" }, "invalid:approver-group", "approverGroup"],
    [{ type: "task", target: "Remove-JournalRule", defaultDurationHours: 6, maxDurationHours: 4 }, "invalid:duration", "defaultDurationHours"],
    [{ type: "task", target: "Remove-JournalRule", maxDurationHours: 48 }, "invalid:duration", "maxDurationHours"],
    [{ type: "task", target: "Remove-JournalRule", requiredApprovals: 0 }, "invalid:input", "requiredApprovals"],
    [{ type: "task", target: "Remove-JournalRule", requiredApprovals: 3 }, "invalid:required-approvals", "requiredApprovals"],
    [{ type: "task", target: "Remove-JournalRule", maxDurationHours: 1.1 }, "invalid:input", "maxDurationHours"],
    [{ type: "task", target: "Remove-JournalRule", ticketPattern: "([" }, "invalid:input", "ticketPattern"],
    [{ type: "task", target: "Remove-JournalRule", colour: "red" }, "invalid:input", "colour"],
  ])("refuse %j with %s on the field %s", async (input, code, field) => {
    const actor = await f.actor("admin@contoso.com");
    const error = await createPolicy(f.database.db, { actor, input: input as never }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(code);
    expect(Object.keys((error as DomainError).fields ?? {})).toContain(field);
  });

  it("stop at the organisation's policy limit, which is a setting", async () => {
    const admin = await f.actor("admin@contoso.com");
    const count = (await listPolicies(f.database.db, { actor: admin })).length;
    await updateSettings(f.database.db, { actor: admin, input: { policyLimit: count } });
    expect(await codeOf(createPolicy(f.database.db, { actor: admin, input: { type: "task", target: "Get-Mailbox" } }))).toBe(
      "limit:policies",
    );
    await updateSettings(f.database.db, { actor: admin, input: { policyLimit: 30 } });
    await expect(createPolicy(f.database.db, { actor: admin, input: { type: "task", target: "Get-Mailbox" } })).resolves.toBeDefined();
  });

  it("change, with the changed fields audited, and refuse a change of what they are about", async () => {
    const actor = await f.actor("rolemanager@contoso.com");
    const [journal] = (await listPolicies(f.database.db, { actor })).filter((p) => p.target === "New-JournalRule");
    const changed = await updatePolicy(f.database.db, {
      actor,
      policyId: journal!.id,
      input: { requiredApprovals: 2, ticketRequired: true },
    });
    expect(changed).toMatchObject({ requiredApprovals: 2, ticketRequired: true, target: "New-JournalRule" });
    const [event] = (await searchAudit(f.database.db, { actor, input: { action: "policy.updated", targetId: journal!.id } })).items;
    expect(event!.details).toMatchObject({ changed: { requiredApprovals: { from: 1, to: 2 } } });
    expect(await codeOf(updatePolicy(f.database.db, { actor, policyId: journal!.id, input: { target: "x" } as never }))).toBe(
      "invalid:input",
    );
    expect(
      await codeOf(updatePolicy(f.database.db, { actor, policyId: journal!.id, input: { approverGroup: "Exchange Leads", requiredApprovals: 3 } })),
    ).toBe("invalid:required-approvals");
  });

  it("are removed, cancelling the requests still waiting under them", async () => {
    const actor = await f.actor("admin@contoso.com");
    const [exportPolicy] = (await listPolicies(f.database.db, { actor })).filter((p) => p.target === "New-MailboxExportRequest");
    const result = await deletePolicy(f.database.db, { actor, policyId: exportPolicy!.id });
    expect(result.cancelledRequests).toBe(1); // the seeded pending export request
    expect(await codeOf(getPolicy(f.database.db, { actor, policyId: exportPolicy!.id }))).toBe("not-found:policy");
  });

  it("end the requests waiting under them as they stand: a lapsed one expired, the others cancelled by whoever deleted it", async () => {
    const org = await f.organisation();
    const admin = await org.actor("admin@contoso.com");
    const [exportPolicy] = (await listPolicies(f.database.db, { actor: admin })).filter((p) => p.target === "New-MailboxExportRequest");
    const seeded = (await listRequests(f.database.db, { actor: admin, input: { status: "pending" } })).items.filter(
      (r) => r.target === "New-MailboxExportRequest",
    );
    expect(seeded.length).toBeGreaterThan(0);
    await f.lapsePending(seeded[0]!.id);
    const waiting = await createRequest(f.database.db, {
      actor: await org.actor("requester2@contoso.com"),
      input: { target: "New-MailboxExportRequest", reason: "Export before the move", ticket: "CHG-2001" },
    });

    const result = await deletePolicy(f.database.db, { actor: admin, policyId: exportPolicy!.id });
    expect(result.cancelledRequests).toBe(seeded.length);
    const statusOf = async (id: string) => (await getRequest(f.database.db, { actor: admin, requestId: id })).status;
    expect(await statusOf(seeded[0]!.id)).toBe("expired");
    expect(await statusOf(waiting.id)).toBe("cancelled");
    const auditor = await org.actor("auditor@contoso.com");
    const eventOf = async (id: string, action: string) =>
      (await searchAudit(f.database.db, { actor: auditor, input: { targetId: id, action } })).items[0];
    expect(await eventOf(seeded[0]!.id, "request.expired")).toMatchObject({ actor: "system" });
    expect(await eventOf(waiting.id, "request.cancelled")).toMatchObject({
      actor: org.email("admin@contoso.com"),
      details: { reason: "policy deleted", policyId: exportPolicy!.id, requester: org.email("requester2@contoso.com") },
    });
  });

  it("are managed by Role Management and Global Administrators only, and listed to everyone", async () => {
    for (const email of ["requester@contoso.com", "approver1@contoso.com", "auditor@contoso.com"]) {
      const actor = await f.actor(email);
      expect(await codeOf(createPolicy(f.database.db, { actor, input: { type: "task", target: "Get-JournalRule" } }))).toBe(
        "forbidden:manage-policies",
      );
      expect((await listPolicies(f.database.db, { actor })).length).toBeGreaterThan(0);
    }
  });
});
