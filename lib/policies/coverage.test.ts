/**
 * The coverage rule's two forms (coverage.ts) give the same answers: for every task of the demo
 * catalog, under the demo policies plus policies on roles and role groups that compete with them,
 * the SQL that decides (findCoveringPolicies, decideAccess) and the plain functions the screens
 * use pick the same covering policies in the same order.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ContosoFixture, contosoFixture } from "@/db/testing/contoso-fixture";
import { testDatabaseKinds } from "@/db/testing/test-database";
import { decideAccess } from "@/lib/access/decide-access";
import { getCatalog } from "@/lib/catalog/get-catalog";
import { resolveTarget } from "@/lib/catalog/resolve-target";
import { compareStrictness, policiesCovering, tasksReachedBy } from "./coverage";
import { createPolicy } from "./create-policy";
import { findCoveringPolicies } from "./find-covering-policies";
import { listPolicies } from "./list-policies";
import { updatePolicy } from "./update-policy";

describe.each(testDatabaseKinds)("the coverage rule on %s", (kind) => {
  let f: ContosoFixture;
  beforeAll(async () => {
    f = await contosoFixture(kind);
    const admin = await f.actor("admin@contoso.com");
    const catalog = await getCatalog(f.database.db, { actor: admin });
    const taken = new Set((await listPolicies(f.database.db, { actor: admin })).map((p) => `${p.type}/${p.target}`));
    // A role group with three roles of its own, none under a policy yet: each rule of strictness
    // then decides some task. On the group: manual, one approval, 8 h. On its roles: automatic 1 h
    // (manual-first beats the shorter window), manual with two approvals 8 h (more approvals win),
    // manual with one approval 2 h (the shorter window wins). On a task of the first role, a
    // policy that would be strictest of all but is turned off.
    const roleFree = (name: string) => !taken.has(`role/${name}`) && (catalog.roles.find((r) => r.name === name)?.tasks.length ?? 0) > 0;
    const group = catalog.roleGroups.find((g) => !taken.has(`roleGroup/${g.name}`) && g.roles.filter(roleFree).length >= 3)!;
    const [auto, twoApprovals, shortWindow] = group.roles.filter(roleFree);
    const create = (input: Parameters<typeof createPolicy>[1]["input"]) => createPolicy(f.database.db, { actor: admin, input });
    await create({ type: "roleGroup", target: group.name, approvalType: "manual", requiredApprovals: 1, maxDurationHours: 8 });
    await create({ type: "role", target: auto!, approvalType: "auto", maxDurationHours: 1 });
    await create({ type: "role", target: twoApprovals!, approvalType: "manual", requiredApprovals: 2, maxDurationHours: 8 });
    await create({ type: "role", target: shortWindow!, approvalType: "manual", requiredApprovals: 1, maxDurationHours: 2 });
    const offTask = catalog.roles.find((r) => r.name === auto)!.tasks.find((task) => !taken.has(`task/${task}`))!;
    const off = await create({ type: "task", target: offTask, approvalType: "manual", requiredApprovals: 2, maxDurationHours: 1 });
    await updatePolicy(f.database.db, { actor: admin, policyId: off.id, input: { enabled: false } });
  });
  afterAll(() => f.database.destroy());

  it("picks the same covering policies, strictest first, in SQL and in the plain function, for every task", async () => {
    const admin = await f.actor("admin@contoso.com");
    const catalog = await getCatalog(f.database.db, { actor: admin });
    const policies = (await listPolicies(f.database.db, { actor: admin })).map((p) => ({
      ...p,
      maxDurationMinutes: Math.round(p.maxDurationHours * 60),
    }));
    let contested = 0;
    for (const task of catalog.tasks) {
      const target = await resolveTarget(f.database.db, f.organisationId, { scope: "Exchange", type: "task", target: task.name });
      const bySql = (await findCoveringPolicies(f.database.db, f.organisationId, target)).map((p) => p.id);
      const byFunction = policiesCovering(catalog, policies, task.name).map((p) => p.id);
      expect(bySql, task.name).toEqual(byFunction);
      if (byFunction.length > 1) contested += 1;

      const decision = await decideAccess(f.database.db, {
        organisationId: f.organisationId,
        userId: await f.userId("requester@contoso.com"),
        scope: "Exchange",
        task: task.name,
      });
      expect(decision.policyId, task.name).toBe(byFunction[0] ?? null);
    }
    // The walk is worth something only if tasks are covered several times over.
    expect(contested).toBeGreaterThan(3);
  });

  it("reaches a role's tasks and a role group's roles' tasks, as the catalog holds them", async () => {
    const catalog = await getCatalog(f.database.db, { actor: await f.actor("admin@contoso.com") });
    const group = catalog.roleGroups.find((g) => g.roles.length > 1)!;
    const tasks = tasksReachedBy(catalog, "roleGroup", group.name);
    for (const role of group.roles) expect(tasks).toEqual(expect.arrayContaining(catalog.roles.find((r) => r.name === role)!.tasks));
    expect(new Set(tasks).size).toBe(tasks.length);
    expect(tasksReachedBy(catalog, "task", "New-JournalRule")).toEqual(["New-JournalRule"]);
    expect(tasksReachedBy(catalog, "role", "No such role")).toEqual([]);
  });

  it("orders strictness: manual first, then more approvals, then the shorter window, then the older policy", () => {
    const base = { id: "b", approvalType: "manual" as const, requiredApprovals: 1, maxDurationMinutes: 60, createdAt: "2026-01-01T00:00:00Z" };
    const sorted = [
      { ...base, id: "auto", approvalType: "auto" as const },
      { ...base, id: "newer", createdAt: "2026-02-01T00:00:00Z" },
      { ...base, id: "longer", maxDurationMinutes: 120 },
      { ...base, id: "two", requiredApprovals: 2 },
      base,
    ].sort(compareStrictness);
    expect(sorted.map((p) => p.id)).toEqual(["two", "b", "newer", "longer", "auto"]);
  });
});
