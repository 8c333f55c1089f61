import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import { type TestDatabase, createTestDatabase, testDatabaseKinds } from "@/db/testing/test-database";
import { loadActor } from "@/lib/auth/load-actor";
import { describeActor } from "@/lib/auth/roles";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { seedDemo } from "./seed-demo";

const tablesToCompare = [
  "organisations",
  "users",
  "memberships",
  "approver_groups",
  "approver_group_members",
  "scopes",
  "tasks",
  "roles",
  "role_tasks",
  "role_groups",
  "role_group_roles",
  "role_group_assignments",
  "policies",
  "access_requests",
  "approvals",
  "audit_events",
  "audit_chain_heads",
  "exchange_mailboxes",
  "exchange_mailbox_permissions",
  "exchange_journal_rules",
  "exchange_transport_rules",
  "exchange_distribution_groups",
  "exchange_distribution_group_members",
];

/** Every row of every seeded table, as text, so two snapshots compare exactly. */
async function snapshot(database: TestDatabase) {
  const result: Record<string, string[]> = {};
  for (const table of tablesToCompare) {
    const { rows } = (await database.db.execute(
      sql.raw(`select t::text as row from ${table} t order by 1`),
    )) as unknown as { rows: { row: string }[] };
    result[table] = rows.map((r) => r.row);
  }
  return result;
}

describe.each(testDatabaseKinds)("the Contoso demo seed on %s", (kind) => {
  let database: TestDatabase;
  let organisationId: string;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    organisationId = (await seedDemo(database.db)).organisationId;
  });
  afterAll(() => database.destroy());

  async function actorFor(email: string) {
    const user = await database.db.query.users.findFirst({ where: eq(schema.users.email, email) });
    expect(user, email).toBeDefined();
    return (await loadActor(database.db, user!.id, organisationId))!;
  }

  it.each([
    ["admin@contoso.com", ["Global Administrator"]],
    ["rolemanager@contoso.com", ["Role Management", "Approver (Exchange Leads)"]],
    ["auditor@contoso.com", ["Auditor"]],
    ["approver1@contoso.com", ["Approver (PAM Approvers)"]],
    ["approver2@contoso.com", ["Approver (Exchange Leads, PAM Approvers)"]],
    ["requester@contoso.com", ["Requestor"]],
    ["requester2@contoso.com", ["Requestor"]],
    ["svc-backup@contoso.com", ["Excluded system account"]],
  ])("creates %s as %j", async (email, labels) => {
    expect(describeActor(await actorFor(email))).toEqual(labels);
  });

  it("gives requesters the standing role group Recipient Management and approvers no admin role", async () => {
    expect((await actorFor("requester@contoso.com")).standingRoleGroups).toEqual(["Recipient Management"]);
    expect((await actorFor("requester2@contoso.com")).standingRoleGroups).toEqual(["Recipient Management"]);
    expect((await actorFor("approver1@contoso.com")).roles).toEqual([]);
  });

  it("makes PAM Approvers the default approver group", async () => {
    const org = await database.db.query.organisations.findFirst({ where: eq(schema.organisations.id, organisationId) });
    const group = await database.db.query.approverGroups.findFirst({
      where: eq(schema.approverGroups.id, org!.defaultApproverGroupId!),
    });
    expect(group?.name).toBe("PAM Approvers");
  });

  it("ships a realistic Exchange catalog grouped into roles and role groups", async () => {
    const tasks = await database.db.select().from(schema.tasks).where(eq(schema.tasks.organisationId, organisationId));
    expect(tasks.length).toBeGreaterThanOrEqual(30);
    const names = tasks.map((t) => t.name);
    for (const cmdlet of ["New-JournalRule", "Set-Mailbox", "New-MailboxExportRequest", "Add-MailboxPermission", "New-TransportRule"]) {
      expect(names).toContain(cmdlet);
    }
    const journaling = await database.db.query.roles.findFirst({
      where: eq(schema.roles.name, "Journaling"),
      with: { roleTasks: { with: { task: true } } },
    });
    expect(journaling?.roleTasks.map((rt) => rt.task.name)).toContain("New-JournalRule");
    const recipientManagement = await database.db.query.roleGroups.findFirst({
      where: eq(schema.roleGroups.name, "Recipient Management"),
      with: { roleGroupRoles: { with: { role: true } } },
    });
    expect(recipientManagement?.roleGroupRoles.map((r) => r.role.name).sort()).toEqual([
      "Distribution Groups",
      "Mail Recipient Creation",
      "Mail Recipients",
    ]);
  });

  it("seeds demo policies and a request history with a pending request in the approvers' inbox", async () => {
    const policies = await database.db.select().from(schema.policies);
    expect(policies.length).toBeGreaterThanOrEqual(3);
    const requests = await database.db.select().from(schema.accessRequests);
    const statuses = new Set(requests.map((r) => r.status));
    for (const status of ["pending", "approved", "denied", "expired", "cancelled"] as const) expect(statuses).toContain(status);
  });

  it("writes the history's audit events as an unbroken hash chain", async () => {
    const result = await verifyAuditChain(database.db, organisationId);
    expect(result.ok).toBe(true);
    expect(result.checked).toBeGreaterThan(10);
  });

  it("changes nothing when run again", async () => {
    const before = await snapshot(database);
    const again = await seedDemo(database.db);
    expect(again).toMatchObject({ createdOrganisation: false, newRequests: 0 });
    expect(await snapshot(database)).toEqual(before);
  });
});

describe.each(testDatabaseKinds)("the demo seed beside a real organisation on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.destroy());

  it("never seeds its people and policies into a real organisation that chose the slug contoso", async () => {
    const { bootstrapAdmin } = await import("@/lib/auth/bootstrap-admin");
    const { organisation } = await bootstrapAdmin(database.db, { email: "ops@contoso.example", organisationSlug: "contoso" });
    const before = await snapshot(database);
    await expect(seedDemo(database.db)).rejects.toThrow('An organisation "contoso" that is not the demo exists');
    expect(await snapshot(database)).toEqual(before);
    const [row] = await database.db.select().from(schema.organisations).where(eq(schema.organisations.id, organisation.id));
    expect(row?.demo).toBe(false);
  });
});
