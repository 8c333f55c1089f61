/**
 * An excluded account runs every gated task with no approval, so no administrator may exclude
 * their own: not through the domain, not through `PATCH /api/v1/settings` (the screen's action
 * calls the same `updateSettings`).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ContosoFixture, contosoFixture } from "@/db/testing/contoso-fixture";
import { testDatabaseKinds } from "@/db/testing/test-database";
import { searchAudit } from "@/lib/audit/search-audit";
import { DomainError } from "@/lib/errors";
import { apiCaller, rowCounts, useDatabaseForApi } from "@/lib/server/api/testing/api-harness";
import { getSettings } from "./get-settings";
import { updateSettings } from "./update-settings";

describe.each(testDatabaseKinds)("excluding one's own account on %s", (kind) => {
  let f: ContosoFixture;
  beforeAll(async () => {
    f = await contosoFixture(kind);
    useDatabaseForApi(f.database);
  });
  afterAll(() => f.database.destroy());
  const db = () => f.database.db;
  const excluded = async () => (await getSettings(db(), { actor: await f.actor("admin@contoso.com") })).excludedAccounts;
  const auditCount = async () =>
    (await searchAudit(db(), { actor: await f.actor("auditor@contoso.com"), input: { limit: 500 } })).items.length;

  it.each([
    ["admin@contoso.com", ["svc-backup@contoso.com", "admin@contoso.com"]],
    ["admin@contoso.com", ["Admin@Contoso.COM"]],
    ["rolemanager@contoso.com", ["svc-backup@contoso.com", "requester@contoso.com", "rolemanager@contoso.com"]],
  ])("is refused to %s (%j) with forbidden:exclude-self, writing nothing", async (email, list) => {
    const [before, events] = [await excluded(), await auditCount()];
    const error = await updateSettings(db(), { actor: await f.actor(email), input: { excludedAccounts: list } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("forbidden:exclude-self");
    expect((error as DomainError).fields?.excludedAccounts).toHaveLength(1); // the screen shows it by the picker
    expect(await excluded()).toEqual(before);
    expect(await auditCount()).toBe(events);
  });

  it("is refused through PATCH /settings with 403 and the contract's error, writing nothing", async () => {
    const call = await apiCaller(f.database, await f.actor("admin@contoso.com"));
    const before = await rowCounts(f.database);
    const answer = await call({ method: "PATCH", path: "/settings", body: JSON.stringify({ excludedAccounts: ["admin@contoso.com"] }) });
    expect(answer.status).toBe(403);
    expect((answer.json as { error: { code: string } }).error.code).toBe("forbidden:exclude-self");
    const after = await rowCounts(f.database);
    expect({ ...after, rate_limits: 0 }).toEqual({ ...before, rate_limits: 0 }); // the call is counted, nothing else
    expect(await excluded()).toEqual(["svc-backup@contoso.com"]);
  });

  it("leaves another administrator free to exclude them, and them free to keep or end it", async () => {
    await updateSettings(db(), { actor: await f.actor("rolemanager@contoso.com"), input: { excludedAccounts: ["svc-backup@contoso.com", "admin@contoso.com"] } });
    const admin = await f.actor("admin@contoso.com");
    // Sending the list back unchanged (the form re-saved, say) adds nobody.
    await updateSettings(db(), { actor: admin, input: { excludedAccounts: ["admin@contoso.com", "svc-backup@contoso.com"] } });
    expect(await excluded()).toEqual(["admin@contoso.com", "svc-backup@contoso.com"]);
    await updateSettings(db(), { actor: admin, input: { excludedAccounts: ["svc-backup@contoso.com"] } });
    expect(await excluded()).toEqual(["svc-backup@contoso.com"]);
  });
});
