import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { roleGroupAssignments, roleGroups, scopes } from "@/db/schema";
import { type ContosoFixture, codeOf, contosoFixture } from "@/db/testing/contoso-fixture";
import { testDatabaseKinds } from "@/db/testing/test-database";
import { checkAccess } from "@/lib/access/check-access";
import { approveRequest } from "@/lib/approvals/approve-request";
import { revokeRequest } from "@/lib/approvals/revoke-request";
import { searchAudit } from "@/lib/audit/search-audit";
import { createPolicy } from "@/lib/policies/create-policy";
import { deletePolicy } from "@/lib/policies/delete-policy";
import { createRequest } from "@/lib/requests/create-request";
import { describeTasks } from "@/lib/runspace/describe-tasks";
import { runTask } from "@/lib/runspace/run-task";
import { getScope } from "./get-scope";
import { listScopes } from "./list-scopes";
import { registerScope } from "./register-scope";
import { removeScope } from "./remove-scope";
import { replaceScopeCatalog } from "./replace-scope-catalog";
import { CATALOG_LIMITS, type CatalogInput } from "./scope-input";

const bastion: CatalogInput = {
  description: "The SSH bastion",
  tasks: [
    { name: "ssh-prod", description: "Shell on a production host" },
    { name: "ssh-staging" },
    { name: "scp-prod", description: "Copy files to production" },
  ],
  roles: [
    { name: "Prod Shell", description: "Production access", tasks: ["ssh-prod", "scp-prod"] },
    { name: "Staging Shell", tasks: ["ssh-staging"] },
  ],
  roleGroups: [{ name: "Operators", description: "On-call operators", roles: ["Prod Shell", "Staging Shell"] }],
};

/** What a refused call said, field by field. */
async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    const e = error as { code: string; message: string; fields?: Record<string, string[]>; details?: Record<string, unknown> };
    return { code: e.code, message: e.message, fields: e.fields ?? {}, details: e.details };
  }
  throw new Error("the call was not refused");
}

describe.each(testDatabaseKinds)("external scopes on %s", (kind) => {
  let f: ContosoFixture;
  beforeAll(async () => {
    f = await contosoFixture(kind);
  });
  afterAll(() => f.database.destroy());
  const db = () => f.database.db;
  const admin = () => f.actor("admin@contoso.com");

  /**
   * Each test's own organisation with the Bastion scope registered ("SSH", version 1), and with
   * its catalog (version 2) when asked: no test reads a scope another test changed.
   */
  async function world({ catalog = false } = {}) {
    const org = await f.organisation();
    const admin = () => org.actor("admin@contoso.com");
    await registerScope(db(), { actor: await admin(), input: { name: "Bastion", description: "SSH" } });
    if (catalog) await replaceScopeCatalog(db(), { actor: await admin(), name: "Bastion", input: bastion });
    const events = async (action: string) => (await searchAudit(db(), { actor: await admin(), input: { action } })).items;
    return { org, admin, events };
  }

  /** Bastion in use: a manual policy on ssh-prod, and requester's approved window under it. */
  async function bastionInUse() {
    const w = await world({ catalog: true });
    const policy = await createPolicy(db(), {
      actor: await w.admin(),
      input: { type: "task", scope: "Bastion", target: "ssh-prod", approverGroup: "PAM Approvers" },
    });
    const request = await createRequest(db(), {
      actor: await w.org.actor("requester@contoso.com"),
      input: { scope: "Bastion", target: "ssh-prod", durationHours: 1, reason: "incident 42" },
    });
    await approveRequest(db(), { actor: await w.org.actor("approver1@contoso.com"), requestId: request.id });
    return { ...w, policy, request };
  }

  it("registers an external scope with an empty catalog at version 1, audited", async () => {
    const org = await f.organisation();
    const scope = await registerScope(db(), { actor: await org.actor("rolemanager@contoso.com"), input: { name: " Bastion ", description: "SSH" } });
    expect(scope).toEqual({ name: "Bastion", description: "SSH", kind: "external", version: 1, tasks: [], roles: [], roleGroups: [] });
    expect(await getScope(db(), { actor: await org.actor("requester@contoso.com"), name: "Bastion" })).toEqual(scope);
    const [event] = (await searchAudit(db(), { actor: await org.actor("auditor@contoso.com"), input: { action: "scope.registered" } })).items;
    expect(event).toMatchObject({ actor: org.email("rolemanager@contoso.com"), targetType: "scope", details: { scope: "Bastion", kind: "external", version: 1 } });
  });

  it("refuses a name another scope or a built-in one has, whatever the case", async () => {
    const { admin } = await world();
    const actor = await admin();
    for (const name of ["bastion", "BASTION", "exchange", "Exchange"]) {
      const refused = await refusal(registerScope(db(), { actor, input: { name } }));
      expect(refused).toMatchObject({ code: "conflict:scope-exists", fields: { name: [expect.any(String)] } });
    }
  });

  it("refuses names that are not plain: empty, too long, odd characters, control characters", async () => {
    const actor = await (await f.organisation()).actor("admin@contoso.com");
    for (const name of ["", "   ", "x".repeat(65), "Bad/Name", "__proto__", ".hidden", "../etc", "Tab\tName", "Nul\u0000", "Ünïcode", "a%2Fb", 42]) {
      const refused = await refusal(registerScope(db(), { actor, input: { name } as never }));
      expect(refused.code, JSON.stringify(name)).toBe("invalid:input");
      expect(Object.keys(refused.fields)).toEqual(["name"]);
    }
    expect((await registerScope(db(), { actor, input: { name: "Deploy_Tool-2.0 prod" } })).name).toBe("Deploy_Tool-2.0 prod");
    expect((await registerScope(db(), { actor, input: { name: "x".repeat(64) } })).name).toHaveLength(64);
    expect(await codeOf(registerScope(db(), { actor, input: { name: "Extra", colour: "red" } as never }))).toBe("invalid:input");
  });

  it("reads any scope for any member; an unknown one is not found", async () => {
    const { org } = await world();
    const guest = await org.actor("partner@fabrikam.com");
    const exchange = await getScope(db(), { actor: guest, name: "Exchange" });
    expect(exchange).toMatchObject({ name: "Exchange", kind: "builtin", version: expect.any(Number) });
    expect(exchange.tasks.find((t) => t.name === "New-JournalRule")).toEqual({ name: "New-JournalRule", description: expect.any(String) });
    expect(exchange.roles.find((r) => r.name === "Journaling")?.tasks).toContain("New-JournalRule");
    expect(await codeOf(getScope(db(), { actor: guest, name: "Nowhere" }))).toBe("not-found:scope");
    expect(await codeOf(getScope(db(), { actor: guest, name: "bastion" }))).toBe("not-found:scope");
    const list = await listScopes(db(), { actor: guest });
    expect(list[0]).toMatchObject({ name: "Exchange", kind: "builtin", counts: { tasks: exchange.tasks.length, roles: exchange.roles.length } });
    expect(list.find((s) => s.name === "Bastion")).toMatchObject({ kind: "external", version: 1, counts: { tasks: 0, roles: 0, roleGroups: 0 } });
  });

  it("replaces the whole catalog in one call, bumping the version and auditing what was added", async () => {
    const { admin, events } = await world();
    const scope = await replaceScopeCatalog(db(), { actor: await admin(), name: "Bastion", input: bastion });
    expect(scope).toEqual({
      name: "Bastion",
      description: "The SSH bastion",
      kind: "external",
      version: 2,
      tasks: [
        { name: "scp-prod", description: "Copy files to production" },
        { name: "ssh-prod", description: "Shell on a production host" },
        { name: "ssh-staging", description: "" },
      ],
      roles: [
        { name: "Prod Shell", description: "Production access", tasks: ["scp-prod", "ssh-prod"] },
        { name: "Staging Shell", description: "", tasks: ["ssh-staging"] },
      ],
      roleGroups: [{ name: "Operators", description: "On-call operators", roles: ["Prod Shell", "Staging Shell"] }],
    });
    const [event] = await events("scope.updated");
    expect(event?.details).toMatchObject({
      scope: "Bastion",
      fromVersion: 1,
      version: 2,
      added: { tasks: ["scp-prod", "ssh-prod", "ssh-staging"], roles: ["Prod Shell", "Staging Shell"], roleGroups: ["Operators"] },
      removed: { tasks: [], roles: [], roleGroups: [] },
      description: { from: "SSH", to: "The SSH bastion" },
    });
  });

  it("the same catalog again changes nothing and writes nothing", async () => {
    const { admin, events } = await world({ catalog: true });
    const before = (await events("scope.updated")).length;
    const scope = await replaceScopeCatalog(db(), { actor: await admin(), name: "Bastion", input: bastion });
    expect(scope.version).toBe(2);
    expect(await events("scope.updated")).toHaveLength(before);
  });

  it("keeps an entry re-spelled in another case or re-described, and rewrites only the links that changed", async () => {
    const { admin, events } = await world({ catalog: true });
    const changed: CatalogInput = {
      ...bastion,
      tasks: [{ name: "SSH-prod", description: "Shell on any production host" }, { name: "ssh-staging" }, { name: "scp-prod", description: "Copy files to production" }],
      roles: [
        { name: "Prod Shell", description: "Production access", tasks: ["SSH-prod"] },
        { name: "Staging Shell", tasks: ["ssh-staging"] },
      ],
    };
    const scope = await replaceScopeCatalog(db(), { actor: await admin(), name: "Bastion", input: changed });
    expect(scope.version).toBe(3);
    expect(scope.tasks.map((t) => t.name)).toContain("SSH-prod");
    expect(scope.roles.find((r) => r.name === "Prod Shell")?.tasks).toEqual(["SSH-prod"]);
    const [event] = await events("scope.updated");
    expect(event?.details).toMatchObject({
      version: 3,
      added: { tasks: [], roles: [], roleGroups: [] },
      changed: { tasks: ["SSH-prod"], roles: ["Prod Shell"], roleGroups: [] },
    });
  });

  it("refuses a bad catalog naming each bad field by its path, and writes none of it", async () => {
    const { admin } = await world({ catalog: true });
    const actor = await admin();
    const before = await getScope(db(), { actor, name: "Bastion" });
    const cases: [unknown, string[]][] = [
      [{ tasks: [{ name: "a" }], roles: [{ name: "R", tasks: ["a"] }, { name: "S", tasks: ["missing"] }] }, ["roles[1].tasks[0]"]],
      [{ roles: [{ name: "R" }], roleGroups: [{ name: "G", roles: ["R", "Nope"] }] }, ["roleGroups[0].roles[1]"]],
      [{ tasks: [{ name: "a" }, { name: "b" }, { name: "A" }] }, ["tasks[2].name"]],
      [{ roles: [{ name: "R" }, { name: "r" }], roleGroups: [{ name: "G" }, { name: "g" }] }, ["roles[1].name", "roleGroups[1].name"]],
      [{ tasks: [{ name: "a" }], roles: [{ name: "R", tasks: ["A"] }] }, ["roles[0].tasks[0]"]],
      [{ tasks: [{ name: "a" }], roles: [{ name: "R", tasks: ["a", "a"] }] }, ["roles[0].tasks[1]"]],
      [{ tasks: [{ name: "a", colour: "red" }] }, ["tasks[0].colour"]],
      [{ tasks: [], extra: 1 }, ["extra"]],
      [{ tasks: [{ name: "bad\u0001name" }] }, ["tasks[0].name"]],
      [{ tasks: [{ name: "nul\u0000" }] }, ["tasks[0].name"]],
      [{ tasks: [{ name: "half \ud800" }] }, ["tasks[0].name"]],
      [{ tasks: [{ name: "x".repeat(129) }] }, ["tasks[0].name"]],
      [{ tasks: [{ name: "" }] }, ["tasks[0].name"]],
      [{ tasks: [{ name: "a", description: "d".repeat(501) }] }, ["tasks[0].description"]],
      [{ tasks: Array.from({ length: CATALOG_LIMITS.tasks + 1 }, (_, i) => ({ name: `t${i}` })) }, ["tasks"]],
      [{ tasks: "ssh" }, ["tasks"]],
      [[], ["input"]],
      ["catalog", ["input"]],
    ];
    for (const [input, fields] of cases) {
      const refused = await refusal(replaceScopeCatalog(db(), { actor, name: "Bastion", input: input as CatalogInput }));
      expect(refused.code, JSON.stringify(input).slice(0, 80)).toBe("invalid:catalog");
      expect(Object.keys(refused.fields), JSON.stringify(input).slice(0, 80)).toEqual(fields);
    }
    const unknown = await refusal(
      replaceScopeCatalog(db(), { actor, name: "Bastion", input: { tasks: [{ name: "a" }], roles: [{ name: "R", tasks: ["missing"] }] } }),
    );
    expect(unknown.message).toContain('roles[0].tasks[0] names "missing", which is not a task of this catalog');
    expect(await getScope(db(), { actor, name: "Bastion" })).toEqual(before);
  });

  it("refuses keys named after Object.prototype members by name, in a plain error object", async () => {
    const { admin } = await world();
    const actor = await admin();
    for (const key of ["constructor", "__proto__", "toString"]) {
      const refused = await refusal(replaceScopeCatalog(db(), { actor, name: "Bastion", input: JSON.parse(`{"${key}": 1, "tasks": []}`) }));
      expect(refused.code).toBe("invalid:catalog");
      expect(Object.getPrototypeOf(refused.fields)).toBe(Object.prototype);
      expect(Object.keys(refused.fields).join()).toContain(key);
    }
  });

  it("refuses a role group named like one of another scope, since members' role groups are named without their scope", async () => {
    const { admin } = await world({ catalog: true });
    const actor = await admin();
    const clash = { ...bastion, roleGroups: [...bastion.roleGroups!, { name: "recipient management", roles: ["Prod Shell"] }] };
    const refused = await refusal(replaceScopeCatalog(db(), { actor, name: "Bastion", input: clash }));
    expect(refused).toMatchObject({ code: "conflict:role-group-name", message: expect.stringContaining("Recipient Management (Exchange)") });
    expect((await getScope(db(), { actor, name: "Bastion" })).roleGroups.map((g) => g.name)).not.toContain("recipient management");
  });

  it("takes hostile-looking names as plain names", async () => {
    const actor = await admin();
    await registerScope(db(), { actor, input: { name: "Hostile" } });
    const scope = await replaceScopeCatalog(db(), {
      actor,
      name: "Hostile",
      input: {
        tasks: [{ name: "__proto__" }, { name: "constructor" }, { name: "<img src=x onerror=alert(1)>" }, { name: "'; drop table tasks; --" }],
        roles: [{ name: "toString", tasks: ["__proto__", "constructor"] }],
        roleGroups: [{ name: "hasOwnProperty", roles: ["toString"] }],
      },
    });
    expect(scope.tasks.map((t) => t.name).sort()).toEqual(["'; drop table tasks; --", "<img src=x onerror=alert(1)>", "__proto__", "constructor"].sort());
    expect(scope.roles).toEqual([{ name: "toString", description: "", tasks: ["__proto__", "constructor"] }]);
    expect(scope.roleGroups[0]?.roles).toEqual(["toString"]);
    await removeScope(db(), { actor, name: "Hostile" });
  });

  it("handles a catalog at the caps", async () => {
    const actor = await admin();
    await registerScope(db(), { actor, input: { name: "Big" } });
    const names = Array.from({ length: CATALOG_LIMITS.tasks }, (_, i) => `task-${String(i).padStart(4, "0")}`);
    const scope = await replaceScopeCatalog(db(), {
      actor,
      name: "Big",
      input: { tasks: names.map((name) => ({ name })), roles: [{ name: "All", tasks: names }], roleGroups: [{ name: "Everyone", roles: ["All"] }] },
    });
    expect(scope.tasks).toHaveLength(CATALOG_LIMITS.tasks);
    expect(scope.roles[0]?.tasks).toHaveLength(CATALOG_LIMITS.tasks);
    const smaller = await replaceScopeCatalog(db(), { actor, name: "Big", input: { tasks: names.slice(0, 10).map((name) => ({ name })) } });
    expect(smaller).toMatchObject({ version: 3, roles: [], roleGroups: [] });
    expect(smaller.tasks).toHaveLength(10);
    await removeScope(db(), { actor, name: "Big" });
  });

  it("keeps built-in scopes read-only", async () => {
    const actor = await admin();
    expect(await codeOf(replaceScopeCatalog(db(), { actor, name: "Exchange", input: { tasks: [] } }))).toBe("forbidden:builtin-scope");
    expect(await codeOf(removeScope(db(), { actor, name: "Exchange" }))).toBe("forbidden:builtin-scope");
    expect(await codeOf(replaceScopeCatalog(db(), { actor, name: "Nowhere", input: { tasks: [] } }))).toBe("not-found:scope");
    expect(await codeOf(removeScope(db(), { actor, name: "Nowhere" }))).toBe("not-found:scope");
    expect((await getScope(db(), { actor, name: "Exchange" })).tasks.length).toBeGreaterThan(10);
  });

  it("lets policies and requests work on an external scope, through to the access check; the runspace never runs it", async () => {
    const { org, admin } = await world({ catalog: true });
    const actor = await admin();
    const policy = await createPolicy(db(), { actor, input: { type: "task", scope: "Bastion", target: "ssh-prod", approverGroup: "PAM Approvers" } });
    expect(policy).toMatchObject({ scope: "Bastion", target: "ssh-prod" });
    const requester = await org.actor("requester@contoso.com");
    expect(await checkAccess(db(), { actor: requester, input: { scope: "Bastion", task: "ssh-prod" } })).toMatchObject({ allowed: false, code: "no-grant" });
    const request = await createRequest(db(), { actor: requester, input: { scope: "Bastion", target: "ssh-prod", durationHours: 1, reason: "incident 42" } });
    await approveRequest(db(), { actor: await org.actor("approver1@contoso.com"), requestId: request.id });
    expect(await checkAccess(db(), { actor: requester, input: { scope: "Bastion", task: "ssh-prod" } })).toMatchObject({
      allowed: true,
      requestId: request.id,
    });

    const run = await refusal(runTask(db(), { actor: requester, input: { scope: "Bastion", task: "ssh-prod", parameters: { host: "db1" } } }));
    expect(run).toMatchObject({ code: "invalid:not-runnable", message: expect.stringContaining("Bastion tasks run outside Elevate") });
    expect((await describeTasks(db(), { actor: requester })).every((task) => task.scope === "Exchange")).toBe(true);
  });

  it("refuses to drop a task a policy names or an open request is for, naming them, and changes nothing", async () => {
    const { admin } = await bastionInUse();
    const actor = await admin();
    const before = await getScope(db(), { actor, name: "Bastion" });
    const without = { ...bastion, tasks: bastion.tasks!.filter((t) => t.name !== "ssh-prod"), roles: [{ name: "Prod Shell", tasks: ["scp-prod"] }, bastion.roles![1]!] };
    const refused = await refusal(replaceScopeCatalog(db(), { actor, name: "Bastion", input: without }));
    expect(refused.code).toBe("conflict:target-in-use");
    expect(refused.message).toContain("task ssh-prod (the policy for task ssh-prod; 1 open request)");
    expect(refused.details).toMatchObject({ inUse: [{ kind: "task", name: "ssh-prod", openRequests: 1, policies: [{ type: "task", target: "ssh-prod" }] }] });
    expect(await getScope(db(), { actor, name: "Bastion" })).toEqual(before);
  });

  it("refuses to drop a role group someone holds as a standing assignment", async () => {
    const { org, admin } = await world({ catalog: true });
    const actor = await admin();
    const [operators] = await db()
      .select()
      .from(roleGroups)
      .innerJoin(scopes, eq(scopes.id, roleGroups.scopeId))
      .where(and(eq(scopes.organisationId, org.organisationId), eq(scopes.name, "Bastion"), eq(roleGroups.name, "Operators")));
    const requester2 = await org.actor("requester2@contoso.com");
    await db().insert(roleGroupAssignments).values({ organisationId: org.organisationId, userId: requester2.userId, roleGroupId: operators!.role_groups.id });
    // A standing role holds its tasks once no policy covers them.
    expect(await checkAccess(db(), { actor: requester2, input: { scope: "Bastion", task: "ssh-staging" } })).toMatchObject({ allowed: true, reason: expect.any(String) });
    const refused = await refusal(replaceScopeCatalog(db(), { actor, name: "Bastion", input: { ...bastion, roleGroups: [] } }));
    expect(refused).toMatchObject({ code: "conflict:target-in-use", message: expect.stringContaining("role group Operators (the standing role group of 1 member)") });
  });

  it("removes an external scope only once nothing uses it and it has no history, audited", async () => {
    const { admin, events, policy, request } = await bastionInUse();
    const actor = await admin();
    const refused = await refusal(removeScope(db(), { actor, name: "Bastion" }));
    expect(refused).toMatchObject({ code: "conflict:scope-in-use", message: expect.stringContaining("the policy for task ssh-prod") });

    await deletePolicy(db(), { actor, policyId: policy.id });
    // The approved window is still open: the scope stays until it ends.
    expect(await refusal(removeScope(db(), { actor, name: "Bastion" }))).toMatchObject({ code: "conflict:scope-in-use", message: expect.stringContaining("1 open request") });
    await revokeRequest(db(), { actor, requestId: request.id, comment: "done" });

    // Its history stays: the request rows name the task, and would go with it.
    const kept = await refusal(removeScope(db(), { actor, name: "Bastion" }));
    expect(kept).toMatchObject({ code: "conflict:scope-in-use", message: expect.stringContaining("1 past request or run in the access history") });
    const keptTask = await refusal(
      replaceScopeCatalog(db(), {
        actor,
        name: "Bastion",
        input: { ...bastion, tasks: bastion.tasks!.filter((t) => t.name !== "ssh-prod"), roles: [{ name: "Prod Shell", tasks: ["scp-prod"] }, bastion.roles![1]!] },
      }),
    );
    expect(keptTask).toMatchObject({ code: "conflict:target-in-use", message: expect.stringContaining("task ssh-prod (1 past request or run") });

    // A scope nobody used goes, audited.
    await registerScope(db(), { actor, input: { name: "Jumpbox" } });
    await replaceScopeCatalog(db(), { actor, name: "Jumpbox", input: { ...bastion, roleGroups: [{ name: "Jump Operators", roles: ["Prod Shell"] }] } });
    expect(await removeScope(db(), { actor, name: "Jumpbox" })).toEqual({ name: "Jumpbox", removed: true, counts: { tasks: 3, roles: 2, roleGroups: 1 } });
    expect(await codeOf(getScope(db(), { actor, name: "Jumpbox" }))).toBe("not-found:scope");
    const [event] = await events("scope.removed");
    expect(event?.details).toMatchObject({ scope: "Jumpbox", kind: "external", counts: { tasks: 3 } });
  });

  it("are changed by administrators only", async () => {
    for (const email of ["requester@contoso.com", "approver1@contoso.com", "auditor@contoso.com", "partner@fabrikam.com"]) {
      const actor = await f.actor(email);
      expect(await codeOf(registerScope(db(), { actor, input: { name: "Mine" } }))).toBe("forbidden:manage-scopes");
      expect(await codeOf(replaceScopeCatalog(db(), { actor, name: "Exchange", input: {} }))).toBe("forbidden:manage-scopes");
      expect(await codeOf(removeScope(db(), { actor, name: "Exchange" }))).toBe("forbidden:manage-scopes");
    }
  });
});
