import { expect, test } from "../org-fixture";

test.describe("API v1: me, catalog, settings and policies", () => {
  test("GET /me and /catalog describe the caller and the workload", async ({ api, org }) => {
    const client = await api("approver2");
    expect(await (await client.get("me")).json()).toMatchObject({
      email: org.email("approver2"),
      organisation: org.name,
      roles: [],
      groups: ["Exchange Leads", "PAM Approvers"],
    });
    const catalog = await (await client.get("catalog?scope=Exchange")).json();
    expect(catalog.tasks).toContainEqual(expect.objectContaining({ name: "New-JournalRule", roles: ["Journaling"] }));
    expect(catalog.roleGroups).toContainEqual(expect.objectContaining({ name: "Recipient Management" }));
    const unknownScope = await client.get("catalog?scope=Azure");
    expect(unknownScope.status()).toBe(400);
  });

  test("settings are for administrators", async ({ api }) => {
    const admin = await api("admin");
    expect(await (await admin.get("settings")).json()).toMatchObject({ pamEnabled: true, defaultApproverGroup: "PAM Approvers" });
    const denied = await (await api("requester")).get("settings");
    expect(denied.status()).toBe(403);
    expect((await denied.json()).error.code).toBe("forbidden:manage-settings");
    const bad = await admin.patch("settings", { data: { policyLimit: 0 } });
    expect(bad.status()).toBe(400);
    expect((await bad.json()).error.fields).toHaveProperty("policyLimit");
  });

  test("a policy is created (201), read, changed and removed; its errors are specific", async ({ api, org }) => {
    const admin = await api("rolemanager");
    const created = await admin.post("policies", {
      data: { type: "task", scope: "Exchange", target: "New-MailContact", approvalType: "manual", approverGroup: "PAM Approvers", maxDurationHours: 2 },
    });
    expect(created.status()).toBe(201);
    const policy = await created.json();
    expect(policy).toMatchObject({ target: "New-MailContact", createdBy: org.email("rolemanager"), maxDurationHours: 2, defaultDurationHours: 2 });

    const duplicate = await admin.post("policies", { data: { type: "task", target: "New-MailContact" } });
    expect(duplicate.status()).toBe(409);
    expect((await duplicate.json()).error.code).toBe("conflict:policy-exists");

    expect((await (await admin.get(`policies/${policy.id}`)).json()).id).toBe(policy.id);
    const changed = await admin.patch(`policies/${policy.id}`, { data: { maxDurationHours: 3, defaultDurationHours: 1 } });
    expect(await changed.json()).toMatchObject({ maxDurationHours: 3, defaultDurationHours: 1 });
    const badChange = await admin.patch(`policies/${policy.id}`, { data: { defaultDurationHours: 9 } });
    expect(badChange.status()).toBe(400);
    expect((await badChange.json()).error).toMatchObject({ code: "invalid:duration", fields: { defaultDurationHours: [expect.any(String)] } });

    const list = await (await api("requester")).get("policies");
    expect((await list.json()).items.map((p: { target: string }) => p.target)).toContain("New-MailContact");

    expect((await admin.delete(`policies/${policy.id}`)).status()).toBe(200);
    const gone = await admin.get(`policies/${policy.id}`);
    expect(gone.status()).toBe(404);
    expect((await gone.json()).error.code).toBe("not-found:policy");
  });

  test("a requestor cannot create or remove policies", async ({ api }) => {
    const requester = await api("requester");
    const response = await requester.post("policies", { data: { type: "task", target: "Set-DistributionGroup" } });
    expect(response.status()).toBe(403);
    expect((await response.json()).error.code).toBe("forbidden:manage-policies");
  });
});
