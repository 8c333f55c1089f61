import { and, asc, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  accessRequests,
  auditEvents,
  policies,
  roleGroupAssignments,
  roleGroupRoles,
  roleTasks,
  scopes,
  tasks,
} from "@/db/schema";
import { seedDemo } from "@/db/seed/seed-demo";
import { type TestDatabase, createTestDatabase, testDatabaseKinds } from "@/db/testing/test-database";
import { bootstrapAdmin } from "@/lib/auth/bootstrap-admin";
import { loadActor } from "@/lib/auth/load-actor";
import { exchangeCatalog } from "./builtin/exchange";
import { getCatalog } from "./get-catalog";
import { upgradeBuiltinCatalogs } from "./install-builtin-catalog";

/** The next release of the Exchange catalog: one new task, in an existing role and in a new one. */
const nextRelease = {
  ...exchangeCatalog,
  version: exchangeCatalog.version + 1,
  tasks: { ...exchangeCatalog.tasks, "Set-JournalConfig": "Changes the organisation's journaling settings." },
  roles: {
    ...exchangeCatalog.roles,
    Journaling: { ...exchangeCatalog.roles.Journaling!, tasks: [...exchangeCatalog.roles.Journaling!.tasks, "Set-JournalConfig"] },
    "Journal Configuration": { description: "Journaling settings only.", tasks: ["Set-JournalConfig"] },
  },
};

describe.each(testDatabaseKinds)("the built-in catalog on %s", (kind) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(kind);
  });
  afterEach(() => database.destroy());
  const db = () => database.db;

  /** What organisations made: must not move when a release adds to the catalog. */
  const madeByOrganisations = async () => ({
    policies: await db().select().from(policies).orderBy(asc(policies.id)),
    requests: await db().select().from(accessRequests).orderBy(asc(accessRequests.id)),
    assignments: await db().select().from(roleGroupAssignments).orderBy(asc(roleGroupAssignments.userId), asc(roleGroupAssignments.roleGroupId)),
  });

  it("is the same one definition in a production organisation and in the demo", async () => {
    const { organisation } = await bootstrapAdmin(db(), { email: "ops@example.com", organisationSlug: "acme" });
    const { organisationId: contosoId } = await seedDemo(db());
    const catalogOf = async (organisationId: string, email: string) => {
      const user = await db().query.users.findFirst({ where: (u, { eq }) => eq(u.email, email) });
      return getCatalog(db(), { actor: (await loadActor(db(), user!.id, organisationId))! });
    };
    const acme = await catalogOf(organisation.id, "ops@example.com");
    expect(acme).toEqual(await catalogOf(contosoId, "admin@contoso.com"));
    expect(acme.tasks.map((t) => t.name)).toEqual(Object.keys(exchangeCatalog.tasks).sort());
    expect(acme.roles.find((r) => r.name === "Journaling")?.tasks).toEqual([...exchangeCatalog.roles.Journaling!.tasks].sort());
    expect(acme.roleGroups.find((g) => g.name === "Recipient Management")?.roles).toEqual(
      [...exchangeCatalog.roleGroups["Recipient Management"]!.roles].sort(),
    );
  });

  it("gives every organisation a new release's additions at start, and changes nothing they made", async () => {
    const { organisationId: contosoId } = await seedDemo(db());
    const { organisation: acme } = await bootstrapAdmin(db(), { email: "ops@example.com", organisationSlug: "acme" });
    const before = await madeByOrganisations();
    expect(before.policies.length).toBeGreaterThan(0);

    const upgraded = await upgradeBuiltinCatalogs(db(), [nextRelease]);
    expect(upgraded.map((u) => u.organisationId).sort()).toEqual([contosoId, acme.id].sort());
    for (const result of upgraded) {
      expect(result).toMatchObject({
        fromVersion: exchangeCatalog.version,
        toVersion: nextRelease.version,
        added: { tasks: ["Set-JournalConfig"], roles: ["Journal Configuration"], roleGroups: [] },
      });
    }
    for (const organisationId of [contosoId, acme.id]) {
      const [scope] = await db().select().from(scopes).where(eq(scopes.organisationId, organisationId));
      expect(scope!.version).toBe(nextRelease.version);
      const [task] = await db()
        .select()
        .from(tasks)
        .where(and(eq(tasks.scopeId, scope!.id), eq(tasks.name, "Set-JournalConfig")));
      expect(task).toBeDefined();
      // The new task sits in the existing role, so role groups holding Journaling now include it.
      expect(await db().$count(roleTasks, eq(roleTasks.taskId, task!.id))).toBe(2);
      const [last] = await db()
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.organisationId, organisationId))
        .orderBy(asc(auditEvents.seq))
        .then((rows) => rows.slice(-1));
      expect(last).toMatchObject({ action: "scope.updated", actorType: "system", targetId: scope!.id });
    }
    expect(await madeByOrganisations()).toEqual(before);
    // Up to date: the next start finds nothing to do.
    expect(await upgradeBuiltinCatalogs(db(), [nextRelease])).toEqual([]);
    expect(await upgradeBuiltinCatalogs(db())).toEqual([]);
  });

  it("upgrades an organisation whose links were partly written, without duplicating any", async () => {
    const { organisation } = await bootstrapAdmin(db(), { email: "ops@example.com" });
    const links = await db().$count(roleGroupRoles, eq(roleGroupRoles.organisationId, organisation.id));
    await upgradeBuiltinCatalogs(db(), [nextRelease]);
    expect(await db().$count(roleGroupRoles, eq(roleGroupRoles.organisationId, organisation.id))).toBe(links);
    expect(await db().$count(roleTasks, eq(roleTasks.organisationId, organisation.id))).toBe(
      Object.values(nextRelease.roles).reduce((n, role) => n + role.tasks.length, 0),
    );
  });
});
