import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "../org-fixture";

const GROUP_KEYS = ["default", "description", "id", "members", "name", "source"];
const SCOPE_KEYS = ["description", "kind", "name", "roleGroups", "roles", "tasks", "version"];

const bastion = {
  description: "The SSH bastion",
  tasks: [
    { name: "ssh-prod", description: "Shell on a production host" },
    { name: "ssh-staging", description: "Shell on a staging host" },
  ],
  roles: [
    { name: "Prod Shell", tasks: ["ssh-prod"] },
    { name: "Staging Shell", tasks: ["ssh-staging"] },
  ],
  roleGroups: [{ name: "Operators", roles: ["Prod Shell", "Staging Shell"] }],
};

type ApiError = { code: string; message: string; fields?: Record<string, string[]> };

/** A refusal's status and the contract's error object. */
async function errorOf(response: Awaited<ReturnType<APIRequestContext["get"]>>) {
  const body = (await response.json()) as { error: ApiError };
  return { status: response.status(), ...body.error };
}

// One organisation, changed by every test in turn: groups and a scope are made, used and removed.
test.describe.configure({ mode: "serial" });

test.describe("API v1: approver groups", () => {
  let groupId = "";

  test("GET /approver-groups lists the contract's Approver group for any member", async ({ api, org }) => {
    const page = await (await api("requester")).get("approver-groups");
    expect(page.status()).toBe(200);
    const { items, nextCursor } = await page.json();
    expect(nextCursor).toBeNull();
    const pam = items.find((g: { name: string }) => g.name === "PAM Approvers");
    expect(Object.keys(pam).sort()).toEqual(GROUP_KEYS);
    expect(pam).toMatchObject({ default: true, source: "local", members: [org.email("approver1"), org.email("approver2")] });
    expect(items.find((g: { name: string }) => g.name === "Exchange Leads")).toMatchObject({ default: false });
  });

  test("POST /approver-groups creates (201), audited; names are unique whatever the case; members must be active non-guests", async ({ api, org }) => {
    const admin = await api("rolemanager");
    const created = await admin.post("approver-groups", {
      data: { name: "Acme Approvers", description: "Acme changes", members: [org.email("approver1"), org.email("approver2").toUpperCase()] },
    });
    expect(created.status()).toBe(201);
    const group = await created.json();
    expect(Object.keys(group).sort()).toEqual(GROUP_KEYS);
    expect(group).toMatchObject({ name: "Acme Approvers", description: "Acme changes", default: false, source: "local", members: [org.email("approver1"), org.email("approver2")] });
    groupId = group.id;
    const audit = await (await (await api("auditor")).get(`audit?action=group.created&targetId=${group.id}`)).json();
    expect(audit.items[0]).toMatchObject({ actor: org.email("rolemanager"), details: { name: "Acme Approvers" } });

    expect(await errorOf(await admin.post("approver-groups", { data: { name: "acme APPROVERS", members: [] } }))).toMatchObject({
      status: 409,
      code: "conflict:group-name",
      message: expect.stringContaining("already a group named Acme Approvers"),
    });
    expect(await errorOf(await admin.post("approver-groups", { data: { name: "Guests", members: [org.email("partner")] } }))).toMatchObject({
      status: 400,
      code: "invalid:members",
      fields: { members: [expect.stringContaining("Guests never approve")] },
    });
    expect(await errorOf(await admin.post("approver-groups", { data: { name: "Ghosts", members: [`ghost@${org.slug}.example`] } }))).toMatchObject({
      status: 400,
      code: "invalid:members",
    });
    for (const data of [{ name: "X", members: [], colour: "red" }, { name: "bad\u0000name", members: [] }, { name: "x".repeat(101), members: [] }, { members: [] }]) {
      expect(await errorOf(await admin.post("approver-groups", { data }))).toMatchObject({ status: 400, code: "invalid:input" });
    }
    expect(await errorOf(await (await api("requester")).post("approver-groups", { data: { name: "Mine", members: [] } }))).toMatchObject({
      status: 403,
      code: "forbidden:manage-settings",
    });
  });

  test("GET /approver-groups/{id} is for administrators; an unknown id is not found", async ({ api }) => {
    const admin = await api("admin");
    expect((await (await admin.get(`approver-groups/${groupId}`)).json()).name).toBe("Acme Approvers");
    expect(await errorOf(await (await api("approver1")).get(`approver-groups/${groupId}`))).toMatchObject({ status: 403 });
    for (const id of ["00000000-0000-4000-8000-000000000000", "not-a-uuid", "%E2%80%AE"]) {
      expect(await errorOf(await admin.get(`approver-groups/${id}`))).toMatchObject({ status: 404, code: "not-found:group" });
    }
    const put = await admin.put(`approver-groups/${groupId}`, { data: {} });
    // As every route answers a method it does not have (e2e/api/api-errors.spec.ts): 405 invalid:method with Allow.
    expect(put.status()).toBe(405);
    expect((await put.json()).error.code).toBe("invalid:method");
    expect(put.headers().allow).toBe("DELETE, GET, HEAD, PATCH");
  });

  test("PATCH /approver-groups/{id} renames, re-describes and changes members, audited with what changed", async ({ api, org }) => {
    const admin = await api("admin");
    const renamed = await admin.patch(`approver-groups/${groupId}`, { data: { name: "Acme Owners", description: "Owns Acme" } });
    expect(await renamed.json()).toMatchObject({ id: groupId, name: "Acme Owners", description: "Owns Acme" });
    const changed = await admin.patch(`approver-groups/${groupId}`, {
      data: { addMembers: [org.email("rolemanager")], removeMembers: [org.email("approver2")] },
    });
    expect((await changed.json()).members).toEqual([org.email("approver1"), org.email("rolemanager")]);
    const replaced = await admin.patch(`approver-groups/${groupId}`, { data: { members: [org.email("approver2")] } });
    expect((await replaced.json()).members).toEqual([org.email("approver2")]);
    const audit = await (await (await api("auditor")).get(`audit?action=group.updated&targetId=${groupId}`)).json();
    expect(audit.items.at(-1)).toMatchObject({ details: { changes: { name: { from: "Acme Approvers", to: "Acme Owners" } } } });
    expect(audit.items[0]).toMatchObject({ details: { changes: { members: { added: [org.email("approver2")] } }, members: [org.email("approver2")] } });

    expect(await errorOf(await admin.patch(`approver-groups/${groupId}`, { data: { name: "pam approvers" } }))).toMatchObject({
      status: 409,
      code: "conflict:group-name",
    });
    expect(
      await errorOf(await admin.patch(`approver-groups/${groupId}`, { data: { members: [], addMembers: [org.email("admin")] } })),
    ).toMatchObject({ status: 400, fields: { members: [expect.any(String)] } });
    expect(await errorOf(await admin.patch(`approver-groups/${groupId}`, { data: { addMembers: [org.email("partner")] } }))).toMatchObject({
      status: 400,
      code: "invalid:members",
      fields: { addMembers: [expect.any(String)] },
    });
    expect(await errorOf(await (await api("approver1")).patch(`approver-groups/${groupId}`, { data: { name: "Mine" } }))).toMatchObject({ status: 403 });
  });

  test("DELETE /approver-groups/{id} is refused while a policy or the default setting uses the group, naming them", async ({ api }) => {
    const admin = await api("admin");
    const { items } = await (await admin.get("approver-groups")).json();
    const pam = items.find((g: { name: string }) => g.name === "PAM Approvers");
    const refused = await errorOf(await admin.delete(`approver-groups/${pam.id}`));
    expect(refused).toMatchObject({ status: 409, code: "conflict:group-in-use" });
    expect(refused.message).toMatch(/^PAM Approvers is the approver group of the policies .*New-JournalRule \(Exchange task\)/);
    expect(refused.message).toContain("; the organisation's default group");

    const deleted = await admin.delete(`approver-groups/${groupId}`);
    expect(await deleted.json()).toEqual({ id: groupId, name: "Acme Owners", deleted: true });
    expect(await errorOf(await admin.get(`approver-groups/${groupId}`))).toMatchObject({ status: 404 });
    const audit = await (await (await api("auditor")).get(`audit?action=group.deleted&targetId=${groupId}`)).json();
    expect(audit.items[0]).toMatchObject({ details: { name: "Acme Owners" } });
    expect(await errorOf(await (await api("requester")).delete(`approver-groups/${pam.id}`))).toMatchObject({ status: 403 });
  });
});

test.describe("API v1: scopes", () => {
  test("GET /scopes and /scopes/{name} read the catalogs for any member; an unknown scope is not found", async ({ api }) => {
    const requester = await api("requester");
    const list = await (await requester.get("scopes")).json();
    expect(list.nextCursor).toBeNull();
    expect(list.items[0]).toMatchObject({ name: "Exchange", kind: "builtin", version: expect.any(Number), counts: { tasks: expect.any(Number) } });
    const exchange = await (await requester.get("scopes/Exchange")).json();
    expect(Object.keys(exchange).sort()).toEqual(SCOPE_KEYS);
    expect(exchange.tasks).toContainEqual({ name: "New-JournalRule", description: expect.any(String) });
    expect(exchange.roles).toContainEqual(expect.objectContaining({ name: "Journaling", tasks: expect.arrayContaining(["New-JournalRule"]) }));
    expect(list.items[0].counts.tasks).toBe(exchange.tasks.length);
    expect(await errorOf(await requester.get("scopes/Nowhere"))).toMatchObject({ status: 404, code: "not-found:scope" });
  });

  test("POST /scopes registers an external scope (201), audited; names must be plain and new", async ({ api, org }) => {
    const admin = await api("admin");
    const created = await admin.post("scopes", { data: { name: "Bastion", description: "SSH" } });
    expect(created.status()).toBe(201);
    expect(await created.json()).toEqual({ name: "Bastion", description: "SSH", kind: "external", version: 1, tasks: [], roles: [], roleGroups: [] });
    const audit = await (await (await api("auditor")).get("audit?action=scope.registered")).json();
    expect(audit.items[0]).toMatchObject({ actor: org.email("admin"), details: { scope: "Bastion", kind: "external" } });

    for (const name of ["bastion", "EXCHANGE"]) {
      expect(await errorOf(await admin.post("scopes", { data: { name } }))).toMatchObject({ status: 409, code: "conflict:scope-exists" });
    }
    for (const data of [{ name: "a/b" }, { name: "__proto__" }, { name: "x".repeat(65) }, { name: "tab\tname" }, { name: "Ok", colour: 1 }, {}]) {
      expect(await errorOf(await admin.post("scopes", { data }))).toMatchObject({ status: 400, code: "invalid:input" });
    }
    expect(await errorOf(await (await api("requester")).post("scopes", { data: { name: "Mine" } }))).toMatchObject({
      status: 403,
      code: "forbidden:manage-scopes",
    });
  });

  test("PUT /scopes/{name} checks the whole catalog first, naming bad fields by path, and writes nothing of a bad one", async ({ api }) => {
    const admin = await api("admin");
    const bad = await errorOf(
      await admin.put("scopes/Bastion", {
        data: { ...bastion, roles: [...bastion.roles, { name: "Broken", tasks: ["ssh-prod", "ssh-nowhere"] }], roleGroups: [{ name: "G", roles: ["Ghost"] }] },
      }),
    );
    expect(bad).toMatchObject({ status: 400, code: "invalid:catalog" });
    expect(Object.keys(bad.fields!)).toEqual(["roles[2].tasks[1]", "roleGroups[0].roles[0]"]);
    const duplicate = await errorOf(await admin.put("scopes/Bastion", { data: { tasks: [{ name: "a" }, { name: "A" }], colour: "red" } }));
    expect(Object.keys(duplicate.fields!)).toEqual(["colour"]);
    const repeated = await errorOf(await admin.put("scopes/Bastion", { data: { tasks: [{ name: "a" }, { name: "A" }] } }));
    expect(repeated.fields).toEqual({ "tasks[1].name": [expect.stringContaining("repeats tasks[0].name")] });
    expect(await errorOf(await admin.put("scopes/Bastion", { data: "not an object" }))).toMatchObject({ status: 400 });
    expect((await (await admin.get("scopes/Bastion")).json()).version).toBe(1);

    expect(await errorOf(await admin.put("scopes/Exchange", { data: { tasks: [] } }))).toMatchObject({ status: 403, code: "forbidden:builtin-scope" });
    expect(await errorOf(await admin.put("scopes/Nowhere", { data: { tasks: [] } }))).toMatchObject({ status: 404, code: "not-found:scope" });
    expect(await errorOf(await (await api("requester")).put("scopes/Bastion", { data: bastion }))).toMatchObject({ status: 403 });

    const saved = await admin.put("scopes/Bastion", { data: bastion });
    expect(saved.status()).toBe(200);
    expect(await saved.json()).toMatchObject({
      name: "Bastion",
      version: 2,
      tasks: bastion.tasks,
      roleGroups: [{ name: "Operators", description: "", roles: ["Prod Shell", "Staging Shell"] }],
    });
    // The same again changes nothing.
    expect((await (await admin.put("scopes/Bastion", { data: bastion })).json()).version).toBe(2);
    const audit = await (await (await api("auditor")).get("audit?action=scope.updated")).json();
    expect(audit.items[0]).toMatchObject({ details: { scope: "Bastion", fromVersion: 1, version: 2, added: { tasks: ["ssh-prod", "ssh-staging"] } } });
  });

  test("a catalog larger than the API's default body limit is taken in one PUT", async ({ api }) => {
    const admin = await api("admin");
    expect((await admin.post("scopes", { data: { name: "Deploy Tool" } })).status()).toBe(201);
    const tasks = Array.from({ length: 2000 }, (_, i) => ({ name: `deploy-service-${String(i).padStart(4, "0")}`, description: "Deploys one service to production" }));
    const body = { tasks, roles: [{ name: "Deployer", tasks: tasks.map((t) => t.name) }] };
    expect(JSON.stringify(body).length).toBeGreaterThan(64 * 1024);
    const saved = await admin.put("scopes/Deploy%20Tool", { data: body });
    expect(saved.status()).toBe(200);
    expect((await saved.json()).tasks).toHaveLength(2000);
    const tooMany = await errorOf(await admin.put("scopes/Deploy%20Tool", { data: { tasks: [...tasks, { name: "one-more" }] } }));
    expect(tooMany).toMatchObject({ status: 400, code: "invalid:catalog", fields: { tasks: [expect.stringContaining("at most 2000")] } });
    expect((await admin.delete("scopes/Deploy%20Tool")).status()).toBe(200);
  });

  test("an external scope end to end: a policy on its task, a request, an approval, the access check; the runspace refuses it", async ({ api, org }) => {
    const admin = await api("admin");
    const policy = await admin.post("policies", { data: { type: "task", scope: "Bastion", target: "ssh-prod", approverGroup: "PAM Approvers" } });
    expect(policy.status()).toBe(201);
    const policyId = (await policy.json()).id;

    const requester = await api("requester");
    const before = await (await requester.post("access/check", { data: { scope: "Bastion", task: "ssh-prod" } })).json();
    expect(before).toMatchObject({ allowed: false });
    const asked = await requester.post("requests", { data: { scope: "Bastion", type: "task", target: "ssh-prod", durationHours: 1, reason: "Incident 42" } });
    expect(asked.status()).toBe(201);
    const request = await asked.json();
    expect(request).toMatchObject({ scope: "Bastion", target: "ssh-prod", status: "pending" });
    const approved = await (await api("approver1")).post(`requests/${request.id}/approve`, { data: { comment: "go" } });
    expect(await approved.json()).toMatchObject({ status: "approved", active: true });

    const check = await (await requester.post("access/check", { data: { scope: "Bastion", task: "ssh-prod" } })).json();
    expect(check).toMatchObject({ allowed: true, requestId: request.id, endsAt: expect.any(String) });
    const run = await errorOf(await requester.post("tasks/run", { data: { scope: "Bastion", task: "ssh-prod", parameters: { Host: "db1" } } }));
    expect(run).toMatchObject({ status: 400, code: "invalid:not-runnable", message: expect.stringContaining("Bastion tasks run outside Elevate") });
    const other = await (await api("requester2")).post("access/check", { data: { scope: "Bastion", task: "ssh-prod" } });
    expect(await other.json()).toMatchObject({ allowed: false });

    // What a policy and an open request use cannot leave the catalog, nor the scope go.
    const dropped = await errorOf(await admin.put("scopes/Bastion", { data: { ...bastion, tasks: [bastion.tasks[1]], roles: [bastion.roles[1]], roleGroups: [] } }));
    expect(dropped).toMatchObject({ status: 409, code: "conflict:target-in-use" });
    expect(dropped.message).toContain("task ssh-prod (the policy for task ssh-prod; 1 open request)");
    expect((await (await admin.get("scopes/Bastion")).json()).version).toBe(2);
    expect(await errorOf(await admin.delete("scopes/Bastion"))).toMatchObject({ status: 409, code: "conflict:scope-in-use" });
    expect(await errorOf(await admin.delete("scopes/Exchange"))).toMatchObject({ status: 403, code: "forbidden:builtin-scope" });

    expect((await admin.delete(`policies/${policyId}`)).status()).toBe(200);
    expect((await admin.post(`requests/${request.id}/revoke`, { data: { comment: "done" } })).status()).toBe(200);
    expect(await errorOf(await requester.delete("scopes/Bastion"))).toMatchObject({ status: 403 });
    // With the policy gone and the window over, the request is history, which outlives the catalog.
    const history = await errorOf(await admin.delete("scopes/Bastion"));
    expect(history).toMatchObject({ status: 409, code: "conflict:scope-in-use" });
    expect(history.message).toContain("1 past request or run in the access history");
    expect((await (await admin.get(`requests/${request.id}`)).json()).status).toBe("revoked");

    // A scope nobody used can go, audited.
    expect((await admin.post("scopes", { data: { name: "Unused" } })).status()).toBe(201);
    // Role group names are the organisation's: Bastion has Operators already.
    expect(await errorOf(await admin.put("scopes/Unused", { data: bastion }))).toMatchObject({ status: 409, code: "conflict:role-group-name" });
    expect((await admin.put("scopes/Unused", { data: { ...bastion, roleGroups: [{ name: "Unused Operators", roles: ["Prod Shell"] }] } })).status()).toBe(200);
    const removed = await admin.delete("scopes/Unused");
    expect(await removed.json()).toEqual({ name: "Unused", removed: true, counts: { tasks: 2, roles: 2, roleGroups: 1 } });
    expect(await errorOf(await admin.get("scopes/Unused"))).toMatchObject({ status: 404 });
    const audit = await (await (await api("auditor")).get("audit?action=scope.removed")).json();
    expect(audit.items[0]).toMatchObject({ actor: org.email("admin"), details: { scope: "Unused" } });
  });
});
