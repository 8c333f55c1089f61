import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organisations } from "@/db/schema";
import { type ContosoFixture, codeOf, contosoFixture } from "@/db/testing/contoso-fixture";
import { testDatabaseKinds } from "@/db/testing/test-database";
import { searchAudit } from "@/lib/audit/search-audit";
import { getSettings } from "./get-settings";
import { isEmailDomain } from "./jit-settings";
import { updateSettings } from "./update-settings";

const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const OTHER_TENANT = "0f1e2d3c-4b5a-4968-8776-655443322110";
const CONSUMER_TENANT = "9188040d-6c67-4c5b-b112-36a304b66dad";

describe("an email domain for just-in-time membership", () => {
  it.each(["contoso.com", "mail.contoso.co.uk", "xn--bcher-kva.example", "a-b.io"])("accepts %s", (domain) => {
    expect(isEmailDomain(domain)).toBe(true);
  });
  it.each([
    "*.contoso.com",
    "@contoso.com",
    "contoso",
    "contoso..com",
    "-contoso.com",
    "contoso-.com",
    "10.0.0.1",
    "contoso.com/",
    "https://contoso.com",
    "con toso.com",
    "bücher.example",
    `${"a".repeat(64)}.com`,
    `${"a.".repeat(127)}com`,
    "",
  ])("refuses %j", (domain) => {
    expect(isEmailDomain(domain)).toBe(false);
  });
});

describe.each(testDatabaseKinds)("just-in-time membership settings on %s", (kind) => {
  let f: ContosoFixture;
  beforeAll(async () => {
    f = await contosoFixture(kind);
    await f.database.db
      .insert(organisations)
      .values({
        slug: "fabrikam",
        name: "Fabrikam",
        jitEmailDomains: ["fabrikam.example"],
        jitEntraTenantIds: [TENANT.replace("72", "73")],
        entraTenantIds: [OTHER_TENANT],
      });
  });
  afterAll(() => f.database.destroy());
  const db = () => f.database.db;

  // Tests that change the settings do it in an organisation of their own, starting from none.
  it("are saved lower case, once each, sorted, and audited as settings.updated", async () => {
    const org = await f.organisation();
    const admin = await org.actor("admin@contoso.com");
    const after = await updateSettings(db(), {
      actor: admin,
      input: { jitEmailDomains: [" Contoso.com ", "sales.contoso.com", "contoso.com"], jitEntraTenantIds: [TENANT.toUpperCase()] },
    });
    expect(after).toMatchObject({ jitEmailDomains: ["contoso.com", "sales.contoso.com"], jitEntraTenantIds: [TENANT] });
    const [event] = (await searchAudit(db(), { actor: admin, input: { action: "settings.updated", limit: 1 } })).items;
    expect(event?.details).toEqual({
      changed: {
        jitEmailDomains: { from: [], to: ["contoso.com", "sales.contoso.com"] },
        jitEntraTenantIds: { from: [], to: [TENANT] },
      },
    });
    expect(await getSettings(db(), { actor: await org.actor("rolemanager@contoso.com") })).toMatchObject({
      jitEmailDomains: ["contoso.com", "sales.contoso.com"],
    });
  });

  it.each([
    [{ jitEmailDomains: ["*.contoso.com"] }, "invalid:input", "jitEmailDomains.0"],
    [{ jitEmailDomains: ["user@contoso.com"] }, "invalid:input", "jitEmailDomains.0"],
    [{ jitEmailDomains: "contoso.com" }, "invalid:input", "jitEmailDomains"],
    [{ jitEmailDomains: Array.from({ length: 51 }, (_, i) => `d${i}.example`) }, "invalid:input", "jitEmailDomains"],
    [{ jitEntraTenantIds: ["contoso.onmicrosoft.com"] }, "invalid:input", "jitEntraTenantIds.0"],
    [{ jitEntraTenantIds: ["common"] }, "invalid:input", "jitEntraTenantIds.0"],
    [{ jitEntraTenantIds: [CONSUMER_TENANT] }, "invalid:input", "jitEntraTenantIds.0"],
    [{ entraTenantIds: [TENANT, "organizations"] }, "invalid:input", "entraTenantIds.1"],
    [{ entraTenantIds: [CONSUMER_TENANT.toUpperCase()] }, "invalid:input", "entraTenantIds.0"],
    [{ entraTenantIds: [`${TENANT}\u0000`] }, "invalid:input", "entraTenantIds.0"],
    [{ entraTenantIds: TENANT }, "invalid:input", "entraTenantIds"],
    [{ entraTenantIds: Array.from({ length: 51 }, (_, i) => `${TENANT.slice(0, -2)}${String(i).padStart(2, "0")}`) }, "invalid:input", "entraTenantIds"],
    [{ jitEmailDomains: ["fabrikam.example"] }, "conflict:jit-domain-taken", "jitEmailDomains"],
    [{ jitEntraTenantIds: [TENANT.replace("72", "73")] }, "conflict:jit-domain-taken", "jitEntraTenantIds"],
  ])("refuse %j with %s on %s, changing nothing", async (input, code, field) => {
    const admin = await f.actor("admin@contoso.com");
    const before = await getSettings(db(), { actor: admin });
    let fields: Record<string, string[]> | undefined;
    expect(
      await codeOf(
        updateSettings(db(), { actor: admin, input: input as never }).catch((error) => {
          fields = error.fields;
          throw error;
        }),
      ),
    ).toBe(code);
    expect(Object.keys(fields ?? {})).toContain(field);
    expect(await getSettings(db(), { actor: admin })).toEqual(before);
  });

  it("are changed by Global Administrators only; Role Management may send them back unchanged", async () => {
    const org = await f.organisation();
    await updateSettings(db(), { actor: await org.actor("admin@contoso.com"), input: { jitEmailDomains: [`${org.slug}.example`] } });
    const roleManager = await org.actor("rolemanager@contoso.com");
    expect(await codeOf(updateSettings(db(), { actor: roleManager, input: { jitEmailDomains: [] } }))).toBe(
      "forbidden:manage-sign-in-settings",
    );
    const current = await getSettings(db(), { actor: roleManager });
    await expect(
      updateSettings(db(), {
        actor: roleManager,
        input: { jitEmailDomains: current.jitEmailDomains, jitEntraTenantIds: current.jitEntraTenantIds, policyLimit: 31 },
      }),
    ).resolves.toMatchObject({ policyLimit: 31, jitEmailDomains: [`${org.slug}.example`] });
    expect(await codeOf(updateSettings(db(), { actor: await org.actor("requester@contoso.com"), input: { jitEmailDomains: [] } }))).toBe(
      "forbidden:manage-settings",
    );
  });

  it("trust Entra tenants: saved lower case, once each, audited; several organisations may trust one tenant", async () => {
    const org = await f.organisation();
    const admin = await org.actor("admin@contoso.com");
    // Fabrikam already trusts OTHER_TENANT: trusting a tenant is not owning it.
    const after = await updateSettings(db(), {
      actor: admin,
      input: { entraTenantIds: [OTHER_TENANT.toUpperCase(), ` ${TENANT} `, OTHER_TENANT] },
    });
    expect(after.entraTenantIds).toEqual([OTHER_TENANT, TENANT]);
    const [event] = (await searchAudit(db(), { actor: admin, input: { action: "settings.updated", limit: 1 } })).items;
    expect(event?.details).toEqual({ changed: { entraTenantIds: { from: [], to: [OTHER_TENANT, TENANT] } } });
    // Only Global Administrators change it; Role Management sees it, and may send it back unchanged.
    const roleManager = await org.actor("rolemanager@contoso.com");
    expect(await codeOf(updateSettings(db(), { actor: roleManager, input: { entraTenantIds: [] } }))).toBe("forbidden:manage-sign-in-settings");
    await expect(updateSettings(db(), { actor: roleManager, input: { entraTenantIds: [TENANT, OTHER_TENANT] } })).resolves.toMatchObject({
      entraTenantIds: [OTHER_TENANT, TENANT],
    });
    expect(await getSettings(db(), { actor: roleManager })).toMatchObject({ entraTenantIds: [OTHER_TENANT, TENANT] });
  });

  it("free a domain for another organisation once removed", async () => {
    const [holder, other] = [await f.organisation(), await f.organisation()];
    const [holderAdmin, otherAdmin] = [await holder.actor("admin@contoso.com"), await other.actor("admin@contoso.com")];
    const domain = `${holder.slug}.example`;
    await updateSettings(db(), { actor: holderAdmin, input: { jitEmailDomains: [domain] } });
    expect(await codeOf(updateSettings(db(), { actor: otherAdmin, input: { jitEmailDomains: [domain] } }))).toBe("conflict:jit-domain-taken");
    await updateSettings(db(), { actor: holderAdmin, input: { jitEmailDomains: [] } });
    expect(await getSettings(db(), { actor: holderAdmin })).toMatchObject({ jitEmailDomains: [] });
    expect(await updateSettings(db(), { actor: otherAdmin, input: { jitEmailDomains: [domain] } })).toMatchObject({ jitEmailDomains: [domain] });
  });
});
