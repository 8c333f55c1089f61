import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ContosoFixture, codeOf, contosoFixture } from "@/db/testing/contoso-fixture";
import { testDatabaseKinds } from "@/db/testing/test-database";
import { searchAudit } from "@/lib/audit/search-audit";
import { loadActor } from "@/lib/auth/load-actor";
import { listMembers } from "./list-members";
import { updateMember } from "./update-member";

describe.each(testDatabaseKinds)("members and their roles on %s", (kind) => {
  let f: ContosoFixture;
  beforeAll(async () => {
    f = await contosoFixture(kind);
  });
  afterAll(() => f.database.destroy());
  const db = () => f.database.db;
  const lastEvent = async () =>
    (await searchAudit(db(), { actor: await f.actor("auditor@contoso.com"), input: { limit: 1 } })).items[0]!;

  it("list every member with kind, roles, groups and exclusion, for admins only", async () => {
    const members = await listMembers(db(), { actor: await f.actor("rolemanager@contoso.com") });
    expect(members.map((m) => m.email)).toContain("partner@fabrikam.com");
    expect(members.find((m) => m.email === "admin@contoso.com")).toMatchObject({
      name: "Megan Bowen",
      kind: "member",
      roles: ["global_admin"],
      disabled: false,
      standingRoleGroups: ["Organization Management"],
    });
    expect(members.find((m) => m.email === "approver2@contoso.com")?.approverGroups).toEqual(["Exchange Leads", "PAM Approvers"]);
    expect(members.find((m) => m.email === "svc-backup@contoso.com")?.excludedFromPam).toBe(true);
    expect(members.find((m) => m.email === "partner@fabrikam.com")?.kind).toBe("guest");
    for (const email of ["auditor@contoso.com", "requester@contoso.com"]) {
      expect(await codeOf(listMembers(db(), { actor: await f.actor(email) }))).toBe("forbidden:manage-settings");
    }
  });

  it("let a Global Administrator change roles, audited in the same step", async () => {
    const admin = await f.actor("admin@contoso.com");
    const updated = await updateMember(db(), {
      actor: admin,
      input: { email: "Requester@Contoso.com", roles: ["auditor", "auditor", "role_management"] },
    });
    expect(updated).toMatchObject({ email: "requester@contoso.com", roles: ["role_management", "auditor"], disabled: false });
    expect((await f.actor("requester@contoso.com")).roles).toEqual(["role_management", "auditor"]);
    expect(await lastEvent()).toMatchObject({
      action: "member.updated",
      actor: "admin@contoso.com",
      targetType: "user",
      targetId: updated.userId,
      details: { email: "requester@contoso.com", changed: { roles: { from: [], to: ["role_management", "auditor"] } } },
    });
    // Saving the same roles again changes nothing and writes nothing.
    const before = (await lastEvent()).id;
    await updateMember(db(), { actor: admin, input: { email: "requester@contoso.com", roles: ["auditor", "role_management"] } });
    expect((await lastEvent()).id).toBe(before);
    await updateMember(db(), { actor: admin, input: { email: "requester@contoso.com", roles: [] } });
    expect((await f.actor("requester@contoso.com")).roles).toEqual([]);
  });

  it("disable a member, who then no longer loads as an actor, and enable them again", async () => {
    const admin = await f.actor("admin@contoso.com");
    const requester2 = await f.actor("requester2@contoso.com");
    const disabled = await updateMember(db(), { actor: admin, input: { email: "requester2@contoso.com", disabled: true } });
    expect(disabled).toMatchObject({ disabled: true });
    expect(disabled.disabledAt).not.toBeNull();
    expect(await loadActor(db(), requester2.userId, f.organisationId)).toBeNull();
    expect((await lastEvent()).details).toEqual({ email: "requester2@contoso.com", changed: { disabled: { from: false, to: true } } });
    await updateMember(db(), { actor: admin, input: { email: "requester2@contoso.com", disabled: false } });
    expect(await loadActor(db(), requester2.userId, f.organisationId)).not.toBeNull();
  });

  it("refuse Role Management and everyone else who is not a Global Administrator", async () => {
    for (const email of ["rolemanager@contoso.com", "auditor@contoso.com", "approver1@contoso.com"]) {
      const actor = await f.actor(email);
      expect(await codeOf(updateMember(db(), { actor, input: { email: "requester@contoso.com", roles: ["auditor"] } }))).toBe(
        "forbidden:manage-members",
      );
      expect(await codeOf(updateMember(db(), { actor, input: { email: "requester@contoso.com", disabled: true } }))).toBe(
        "forbidden:manage-members",
      );
    }
    expect((await f.actor("requester@contoso.com")).roles).toEqual([]);
  });

  it("refuse locking yourself out: your own Global Administrator role, or disabling yourself", async () => {
    const admin = await f.actor("admin@contoso.com");
    expect(await codeOf(updateMember(db(), { actor: admin, input: { email: "admin@contoso.com", roles: ["role_management"] } }))).toBe(
      "forbidden:self-lockout",
    );
    expect(await codeOf(updateMember(db(), { actor: admin, input: { email: "admin@contoso.com", disabled: true } }))).toBe(
      "forbidden:self-lockout",
    );
    // Adding a role to yourself is fine.
    const self = await updateMember(db(), { actor: admin, input: { email: "admin@contoso.com", roles: ["global_admin", "auditor"] } });
    expect(self.roles).toEqual(["global_admin", "auditor"]);
    await updateMember(db(), { actor: admin, input: { email: "admin@contoso.com", roles: ["global_admin"] } });
  });

  it("always keep one active Global Administrator, even for an actor loaded before a change", async () => {
    const admin = await f.actor("admin@contoso.com");
    await updateMember(db(), { actor: admin, input: { email: "rolemanager@contoso.com", roles: ["global_admin"] } });
    const manager = await f.actor("rolemanager@contoso.com");
    // The new Global Administrator disables the old one; `admin` still holds a stale, admin actor.
    await updateMember(db(), { actor: manager, input: { email: "admin@contoso.com", disabled: true } });
    expect(await codeOf(updateMember(db(), { actor: admin, input: { email: "rolemanager@contoso.com", roles: [] } }))).toBe(
      "conflict:last-global-admin",
    );
    expect(await codeOf(updateMember(db(), { actor: admin, input: { email: "rolemanager@contoso.com", disabled: true } }))).toBe(
      "conflict:last-global-admin",
    );
    expect((await f.actor("rolemanager@contoso.com")).roles).toEqual(["global_admin"]);
    // Restore: enable the old administrator and give Lee Gu back Role Management.
    await updateMember(db(), { actor: manager, input: { email: "admin@contoso.com", disabled: false } });
    await updateMember(db(), { actor: await f.actor("admin@contoso.com"), input: { email: "rolemanager@contoso.com", roles: ["role_management"] } });
  });

  it.each([
    [{ email: "stranger@example.com", roles: ["auditor"] }, "not-found:member"],
    [{ email: "partner@fabrikam.com", roles: ["auditor"] }, "invalid:roles"],
    [{ email: "requester@contoso.com", roles: ["owner"] }, "invalid:input"],
    [{ email: "not-an-email", disabled: true }, "invalid:input"],
    [{ email: "requester@contoso.com", disabled: "yes" }, "invalid:input"],
    [{ email: "requester@contoso.com", theme: "dark" }, "invalid:input"],
  ])("refuse %j with %s", async (input, code) => {
    const admin = await f.actor("admin@contoso.com");
    expect(await codeOf(updateMember(db(), { actor: admin, input: input as never }))).toBe(code);
  });
});
