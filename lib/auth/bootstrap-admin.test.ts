import { asc, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { approverGroups, auditEvents, memberships, organisations, scopes, tasks, users } from "@/db/schema";
import { exchangeCatalog } from "@/lib/catalog/builtin/exchange";
import { type TestDatabase, createTestDatabase, testDatabaseKinds } from "@/db/testing/test-database";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { BootstrapError, bootstrapAdmin } from "./bootstrap-admin";

describe.each(testDatabaseKinds)("bootstrapping the first administrator on %s", (kind) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(kind);
  });
  afterEach(() => database.destroy());

  const membershipOf = async (email: string) => {
    const [row] = await database.db
      .select({ roles: memberships.roles, disabledAt: memberships.disabledAt })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(users.email, email));
    return row;
  };

  it("creates the organisation and a Global Administrator on an empty install, audited", async () => {
    const result = await bootstrapAdmin(database.db, { email: "Ops@Example.com", organisationName: "Example" });
    expect(result).toMatchObject({ email: "ops@example.com", changed: true });
    expect(result.organisation.name).toBe("Example");
    expect((await membershipOf("ops@example.com"))?.roles).toEqual(["global_admin"]);
    const chain = await verifyAuditChain(database.db, result.organisation.id);
    expect(chain).toEqual({ ok: true, checked: 4, firstBrokenId: null });
    const actions = await database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.organisationId, result.organisation.id))
      .orderBy(asc(auditEvents.seq));
    expect(actions.map((a) => a.action)).toEqual(["organisation.created", "scope.registered", "group.created", "admin.bootstrapped"]);
  });

  it("gives the new organisation the built-in catalog and a default approver group holding its administrator", async () => {
    const { organisation } = await bootstrapAdmin(database.db, { email: "ops@example.com" });
    const groups = await database.db.query.approverGroups.findMany({
      where: eq(approverGroups.organisationId, organisation.id),
      with: { members: { with: { user: true } } },
    });
    expect(groups.map((g) => ({ id: g.id, name: g.name, members: g.members.map((m) => m.user.email) }))).toEqual([
      { id: organisation.defaultApproverGroupId, name: "PAM Approvers", members: ["ops@example.com"] },
    ]);
    const [scope] = await database.db.select().from(scopes).where(eq(scopes.organisationId, organisation.id));
    expect(scope).toMatchObject({ name: "Exchange", kind: "builtin", version: exchangeCatalog.version });
    expect(await database.db.$count(tasks, eq(tasks.organisationId, organisation.id))).toBe(Object.keys(exchangeCatalog.tasks).length);
  });

  // A race: the embedded database runs the two one after another, so it runs on real Postgres only.
  it.runIf(kind === "postgres")("race on Postgres: two instances starting at once make one organisation and one administrator", async () => {
    const results = await Promise.all([
      bootstrapAdmin(database.db, { email: "ops@example.com" }),
      bootstrapAdmin(database.db, { email: "ops@example.com" }),
    ]);
    expect(results.map((r) => r.changed).sort()).toEqual([false, true]);
    expect(await database.db.$count(organisations)).toBe(1);
    expect(await database.db.$count(memberships)).toBe(1);
  });

  it("changes nothing the second time", async () => {
    await bootstrapAdmin(database.db, { email: "ops@example.com" });
    const again = await bootstrapAdmin(database.db, { email: "ops@example.com" });
    expect(again.changed).toBe(false);
    expect(await database.db.$count(organisations)).toBe(1);
  });

  it("re-enables a disabled administrator and keeps their other roles", async () => {
    const first = await bootstrapAdmin(database.db, { email: "ops@example.com" });
    await database.db
      .update(memberships)
      .set({ roles: ["auditor"], disabledAt: new Date() })
      .where(eq(memberships.organisationId, first.organisation.id));
    await bootstrapAdmin(database.db, { email: "ops@example.com" });
    expect(await membershipOf("ops@example.com")).toEqual({ roles: ["auditor", "global_admin"], disabledAt: null });
  });

  it("asks which organisation when there are several", async () => {
    await database.db.insert(organisations).values([
      { slug: "a", name: "A" },
      { slug: "b", name: "B" },
    ]);
    await expect(bootstrapAdmin(database.db, { email: "ops@example.com" })).rejects.toBeInstanceOf(BootstrapError);
    const result = await bootstrapAdmin(database.db, { email: "ops@example.com", organisationSlug: "b" });
    expect(result.organisation.slug).toBe("b");
  });

  it("refuses an address that is not one, writing nothing", async () => {
    await expect(bootstrapAdmin(database.db, { email: "ops" })).rejects.toThrow(/email/);
    expect(await database.db.$count(organisations)).toBe(0);
  });
});
