import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approverGroups } from "@/db/schema";
import { type ContosoFixture, codeOf, contosoFixture } from "@/db/testing/contoso-fixture";
import { testDatabaseKinds } from "@/db/testing/test-database";
import { searchAudit } from "@/lib/audit/search-audit";
import { listApproverGroups } from "./list-approver-groups";
import { saveApproverGroup } from "./save-approver-group";

describe.each(testDatabaseKinds)("saving approver groups on %s", (kind) => {
  let f: ContosoFixture;
  beforeAll(async () => {
    f = await contosoFixture(kind);
  });
  afterAll(() => f.database.destroy());
  const db = () => f.database.db;
  const membersOf = async (name: string) =>
    (await listApproverGroups(db(), { actor: await f.actor("admin@contoso.com") })).find((g) => g.name === name)?.members;

  it("creates a group with its members, audited as group.created", async () => {
    const admin = await f.actor("admin@contoso.com");
    const group = await saveApproverGroup(db(), { actor: admin, input: { name: "Night shift", members: ["approver1@contoso.com"] } });
    expect(await membersOf("Night shift")).toEqual(["approver1@contoso.com"]);
    const [event] = (await searchAudit(db(), { actor: admin, input: { action: "group.created", targetId: group.id } })).items;
    expect(event?.details).toMatchObject({ name: "Night shift", members: ["approver1@contoso.com"] });
  });

  it("refuses a new group with an existing group's name, next to the name, and leaves that group's members alone", async () => {
    const admin = await f.actor("admin@contoso.com");
    const before = await membersOf("PAM Approvers");
    const refused = saveApproverGroup(db(), { actor: admin, input: { name: "PAM Approvers", members: ["requester@contoso.com"] } });
    await expect(refused).rejects.toMatchObject({ code: "conflict:group-name", fields: { name: [expect.stringContaining("already a group")] } });
    expect(await membersOf("PAM Approvers")).toEqual(before);
  });

  it("changes an existing group's members and description by its id", async () => {
    const admin = await f.actor("admin@contoso.com");
    const [leads] = await db().select().from(approverGroups).where(eq(approverGroups.name, "Exchange Leads"));
    await saveApproverGroup(db(), {
      actor: admin,
      input: { id: leads!.id, name: "Exchange Leads", description: "Exchange changes", members: ["approver2@contoso.com"] },
    });
    expect(await membersOf("Exchange Leads")).toEqual(["approver2@contoso.com"]);
    const [after] = await db().select().from(approverGroups).where(eq(approverGroups.id, leads!.id));
    expect(after!.description).toBe("Exchange changes");
  });

  it("refuses an id that is no group of this organisation", async () => {
    const admin = await f.actor("admin@contoso.com");
    const call = saveApproverGroup(db(), {
      actor: admin,
      input: { id: "00000000-0000-4000-8000-000000000000", name: "Ghosts", members: [] },
    });
    expect(await codeOf(call)).toBe("not-found:group");
  });
});
