import { type APIRequestContext, request } from "@playwright/test";
import { expect, test } from "../org-fixture";
import { SettingsPage } from "../pages/settings-page";
import { randomAddress } from "./api-fixtures";

test.describe("API v1: who may request a policy, and windows that only unlock", () => {
  test("a policy names who may request it and whether its window grants; others get 403 forbidden:not-eligible", async ({ api, org }) => {
    const admin = await api("rolemanager");
    const created = await admin.post("policies", {
      data: {
        type: "task",
        target: "Set-JournalRule",
        approvalType: "auto",
        eligible: ["Exchange Leads", org.email("requester2").toUpperCase()],
        windowGrants: false,
      },
    });
    expect(created.status()).toBe(201);
    const policy = await created.json();
    expect(policy).toMatchObject({ eligible: ["Exchange Leads", org.email("requester2")], windowGrants: false });
    expect(await (await admin.get(`policies/${policy.id}`)).json()).toMatchObject({
      eligible: ["Exchange Leads", org.email("requester2")],
      windowGrants: false,
    });

    const refused = await (await api("requester")).post("requests", { data: { target: "Set-JournalRule", reason: "Fix the rule" } });
    expect(refused.status()).toBe(403);
    const error = (await refused.json()).error;
    expect(error.code).toBe("forbidden:not-eligible");
    expect(error.message).toBe(`Only members of Exchange Leads or ${org.email("requester2")} may request the task Set-JournalRule.`);

    // Named by email: allowed, approved at once; the window only unlocks and requester2's role
    // groups (Recipient Management) do not include Set-JournalRule, so the check says why not.
    const requester2 = await api("requester2");
    const approved = await requester2.post("requests", { data: { target: "Set-JournalRule", reason: "Fix the rule" } });
    expect(approved.status()).toBe(201);
    expect(await approved.json()).toMatchObject({ status: "approved", active: true });
    const check = await (await requester2.post("access/check", { data: { task: "Set-JournalRule" } })).json();
    expect(check).toMatchObject({ allowed: false, code: "no-role-to-unlock" });
    expect(check.reason).toContain("only for people whose role groups include it");
    const run = await requester2.post("tasks/run", { data: { scope: "Exchange", task: "Set-JournalRule", parameters: {} } });
    expect(run.status()).toBe(403);
    expect((await run.json()).error.code).toBe("forbidden:no-role-to-unlock");

    // approver2 is in Exchange Leads (eligible), and the window grants once the policy says so.
    const changed = await admin.patch(`policies/${policy.id}`, { data: { windowGrants: true } });
    expect(await changed.json()).toMatchObject({ windowGrants: true, eligible: ["Exchange Leads", org.email("requester2")] });
    expect(await (await requester2.post("access/check", { data: { task: "Set-JournalRule" } })).json()).toMatchObject({
      allowed: true,
      code: "grant",
    });
    expect((await (await api("approver2")).post("requests", { data: { target: "Set-JournalRule", reason: "Lead" } })).status()).toBe(201);
  });

  test("unknown entries are refused with 400 invalid:eligible naming them, and nothing is created", async ({ api }) => {
    const admin = await api("rolemanager");
    const refused = await admin.post("policies", {
      data: { type: "task", target: "Remove-TransportRule", eligible: ["PAM Approvers", "Night Shift", "ghost@example.com"] },
    });
    expect(refused.status()).toBe(400);
    const error = (await refused.json()).error;
    expect(error.code).toBe("invalid:eligible");
    expect(error.fields.eligible[0]).toContain('"Night Shift", "ghost@example.com"');
    const list = (await (await admin.get("policies")).json()).items as { target: string }[];
    expect(list.map((p) => p.target)).not.toContain("Remove-TransportRule");
    const hostile = await admin.post("policies", {
      headers: { "content-type": "application/json" },
      data: '{"type": "task", "target": "Remove-TransportRule", "eligible": {"__proto__": ["PAM Approvers"]}}',
    });
    expect(hostile.status()).toBe(400);
    const badFlag = await admin.post("policies", { data: { type: "task", target: "Remove-TransportRule", windowGrants: "no" } });
    expect(badFlag.status()).toBe(400);
    expect((await badFlag.json()).error.fields).toHaveProperty("windowGrants");
  });

  test("a guest is refused by default, and may request once named", async ({ api, org, signIn }) => {
    // Guests have no seeded token: the guest makes one in Settings → API tokens, as a person would.
    const page = await signIn("partner");
    const settings = new SettingsPage(page);
    await settings.gotoTokens();
    await settings.createToken("eligibility spec");
    const token = await settings.newToken().inputValue();
    await page.context().close();
    const guest: APIRequestContext = await request.newContext({
      baseURL: `${test.info().project.use.baseURL}/api/v1/`,
      extraHTTPHeaders: { authorization: `Bearer ${token}`, "x-forwarded-for": randomAddress() },
    });
    try {
      const refused = await guest.post("requests", { data: { target: "Add-MailboxPermission", reason: "Help the CFO" } });
      expect(refused.status()).toBe(403);
      expect((await refused.json()).error).toMatchObject({ code: "forbidden:not-eligible", message: expect.stringMatching(/^Guests may not request/) });

      const admin = await api("rolemanager");
      const policies = (await (await admin.get("policies")).json()).items as { id: string; target: string }[];
      const permission = policies.find((p) => p.target === "Add-MailboxPermission")!;
      await admin.patch(`policies/${permission.id}`, { data: { eligible: [org.email("partner")] } });
      const allowed = await guest.post("requests", { data: { target: "Add-MailboxPermission", reason: "Help the CFO" } });
      expect(allowed.status()).toBe(201);
      expect(await allowed.json()).toMatchObject({ status: "approved", requester: org.email("partner") });
      // Named alone, the policy is closed to members who are not named.
      const member = await (await api("requester")).post("requests", { data: { target: "Add-MailboxPermission", reason: "x" } });
      expect(member.status()).toBe(403);
      expect((await member.json()).error.code).toBe("forbidden:not-eligible");
    } finally {
      await guest.dispose();
    }
  });
});
