import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ContosoFixture, type OrganisationFixture, codeOf, contosoFixture } from "@/db/testing/contoso-fixture";
import { testDatabaseKinds } from "@/db/testing/test-database";
import { searchAudit } from "@/lib/audit/search-audit";
import { createPolicy } from "@/lib/policies/create-policy";
import { getSettings } from "./get-settings";
import { updateSettings } from "./update-settings";

describe.each(testDatabaseKinds)("organisation PAM settings on %s", (kind) => {
  let f: ContosoFixture;
  beforeAll(async () => {
    f = await contosoFixture(kind);
  });
  afterAll(() => f.database.destroy());
  const db = () => f.database.db;
  const actions = async (org: OrganisationFixture) =>
    (await searchAudit(db(), { actor: await org.actor("auditor@contoso.com"), input: { limit: 10 } })).items.map((e) => [e.action, e.details]);
  // Tests that change settings do it in an organisation of their own: Contoso keeps its defaults.

  it("show the seeded defaults", async () => {
    expect(await getSettings(db(), { actor: await f.actor("rolemanager@contoso.com") })).toEqual({
      organisation: "Contoso",
      pamEnabled: true,
      defaultApproverGroup: "PAM Approvers",
      excludedAccounts: ["svc-backup@contoso.com"],
      policyLimit: 30,
      maxDurationHours: 24,
      pendingLifetimeHours: 24,
      endingSoonNoticeMinutes: 15,
      jitEmailDomains: [],
      jitEntraTenantIds: [],
      entraTenantIds: [],
    });
  });

  it("disable and enable PAM, keeping policies and groups, each audited", async () => {
    const org = await f.organisation();
    const admin = await org.actor("admin@contoso.com");
    const off = await updateSettings(db(), { actor: admin, input: { pamEnabled: false } });
    expect(off.pamEnabled).toBe(false);
    expect((await actions(org))[0]![0]).toBe("pam.disabled");
    await updateSettings(db(), { actor: admin, input: { pamEnabled: true } });
    expect((await actions(org))[0]![0]).toBe("pam.enabled");
    expect(off.defaultApproverGroup).toBe("PAM Approvers");
  });

  it("add and remove excluded accounts, one audit event each", async () => {
    const org = await f.organisation();
    const admin = await org.actor("admin@contoso.com");
    const after = await updateSettings(db(), { actor: admin, input: { excludedAccounts: [org.email("auditor@contoso.com").toUpperCase()] } });
    expect(after.excludedAccounts).toEqual([org.email("auditor@contoso.com")]);
    const recent = (await actions(org)).slice(0, 2);
    expect(recent).toEqual(
      expect.arrayContaining([
        ["exclusion.added", { account: org.email("auditor@contoso.com") }],
        ["exclusion.removed", { account: org.email("svc-backup@contoso.com") }],
      ]),
    );
  });

  it("change the limits and the default group, audited with what changed", async () => {
    const org = await f.organisation();
    const admin = await org.actor("admin@contoso.com");
    await updateSettings(db(), { actor: admin, input: { defaultApproverGroup: "Exchange Leads", pendingLifetimeHours: 8 } });
    expect((await actions(org))[0]).toEqual([
      "settings.updated",
      { changed: { defaultApproverGroup: { from: "PAM Approvers", to: "Exchange Leads" }, pendingLifetimeHours: { from: 24, to: 8 } } },
    ]);
    const policy = await createPolicy(db(), { actor: admin, input: { type: "task", target: "Get-Mailbox" } });
    expect(policy).toMatchObject({ approverGroup: "Exchange Leads", pendingLifetimeHours: 8 });
  });

  it.each([
    [{ excludedAccounts: ["stranger@example.com"] }, "invalid:excluded-accounts"],
    [{ defaultApproverGroup: "Nobody" }, "invalid:approver-group"],
    [{ policyLimit: 2 }, "invalid:policy-limit"],
    [{ maxDurationHours: 4 }, "invalid:duration"],
    [{ maxDurationHours: 200 }, "invalid:input"],
    [{ pamEnabled: "yes" }, "invalid:input"],
    [{ theme: "dark" }, "invalid:input"],
  ])("refuse %j with %s, changing nothing", async (input, code) => {
    const admin = await f.actor("admin@contoso.com");
    const before = await getSettings(db(), { actor: admin });
    expect(await codeOf(updateSettings(db(), { actor: admin, input: input as never }))).toBe(code);
    expect(await getSettings(db(), { actor: admin })).toEqual(before);
  });
});
