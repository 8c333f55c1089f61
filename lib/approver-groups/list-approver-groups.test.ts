import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ContosoFixture, contosoFixture } from "@/db/testing/contoso-fixture";
import { testDatabaseKinds } from "@/db/testing/test-database";
import { listApproverGroups } from "./list-approver-groups";

describe.each(testDatabaseKinds)("approver groups listed on %s", (kind) => {
  let f: ContosoFixture;
  beforeAll(async () => {
    f = await contosoFixture(kind);
  });
  afterAll(() => f.database.destroy());

  it("show each group's members, how many can approve, and which is the default", async () => {
    const groups = await listApproverGroups(f.database.db, { actor: await f.actor("rolemanager@contoso.com") });
    expect(groups.map(({ name, members, approvers, isDefault }) => ({ name, members, approvers, isDefault }))).toEqual([
      { name: "Exchange Leads", members: ["approver2@contoso.com", "rolemanager@contoso.com"], approvers: 2, isDefault: false },
      { name: "PAM Approvers", members: ["approver1@contoso.com", "approver2@contoso.com"], approvers: 2, isDefault: true },
    ]);
  });

  it("are for any member: who approves a policy is part of what a requester is told", async () => {
    for (const email of ["requester@contoso.com", "approver1@contoso.com", "auditor@contoso.com", "partner@fabrikam.com"]) {
      const groups = await listApproverGroups(f.database.db, { actor: await f.actor(email) });
      expect(groups.map((g) => ({ name: g.name, default: g.default, source: g.source }))).toEqual([
        { name: "Exchange Leads", default: false, source: "local" },
        { name: "PAM Approvers", default: true, source: "local" },
      ]);
    }
  });
});
