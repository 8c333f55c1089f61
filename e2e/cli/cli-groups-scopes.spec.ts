import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type OrgAccount, type SpecOrganisation, expect, orgOf, test } from "../org-fixture";
import { runElevate } from "./run-elevate";

let org: SpecOrganisation;
let dir = "";
test.beforeAll(({}, testInfo) => {
  org = orgOf(testInfo);
  dir = mkdtempSync(path.join(tmpdir(), "elevate-cli-scopes-"));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `elevate …` as a person of this spec's organisation would, against the running test server. */
const elevate = (account: Exclude<OrgAccount, "partner"> | null, args: string[]) => runElevate(org, account, args);

function file(name: string, content: string) {
  const at = path.join(dir, name);
  writeFileSync(at, content);
  return at;
}

test.describe("elevate group and elevate scope", () => {
  test.describe.configure({ mode: "serial" });

  test("group new, list and show, by name or id", async () => {
    const created = await elevate("admin", [
      "--json", "group", "new", "Acme Approvers", "--member", org.email("approver1"), "--member", org.email("approver2"), "--description", "Acme changes",
    ]);
    expect(created.code).toBe(0);
    const group = JSON.parse(created.stdout);
    expect(group).toMatchObject({ name: "Acme Approvers", description: "Acme changes", members: [org.email("approver1"), org.email("approver2")], default: false });

    const list = await elevate("requester", ["group", "list"]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/│\s*name\s*│\s*default\s*│/);
    expect(list.stdout).toContain("Acme Approvers");
    expect(list.stdout).toMatch(/PAM Approvers\s*│\s*yes/);

    const byName = await elevate("admin", ["group", "show", "acme approvers"]);
    expect(byName.stdout).toMatch(/name\s+Acme Approvers/);
    const byId = await elevate("admin", ["--json", "group", "show", group.id]);
    expect(JSON.parse(byId.stdout).id).toBe(group.id);

    const again = await elevate("admin", ["group", "new", "ACME approvers"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("conflict:group-name");
  });

  test("group set renames and changes members; bad usage exits 2", async () => {
    const renamed = await elevate("admin", ["--json", "group", "set", "Acme Approvers", "--name", "Acme Owners", "--add-member", org.email("rolemanager"), "--remove-member", org.email("approver1")]);
    expect(renamed.code).toBe(0);
    expect(JSON.parse(renamed.stdout)).toMatchObject({ name: "Acme Owners", members: [org.email("approver2"), org.email("rolemanager")] });
    const replaced = await elevate("admin", ["--json", "group", "set", "Acme Owners", "--member", org.email("admin")]);
    expect(JSON.parse(replaced.stdout).members).toEqual([org.email("admin")]);

    expect((await elevate("admin", ["group", "set", "Acme Owners"])).code).toBe(2);
    expect((await elevate("admin", ["group", "set", "Acme Owners", "--member", org.email("admin"), "--add-member", org.email("approver1")])).code).toBe(2);
    const guest = await elevate("admin", ["group", "set", "Acme Owners", "--add-member", org.email("partner")]);
    expect(guest.code).toBe(1);
    expect(guest.stderr).toContain("Guests never approve");
    const notAdmin = await elevate("approver1", ["group", "set", "Acme Owners", "--name", "Mine"]);
    expect(notAdmin.code).toBe(1);
    expect(notAdmin.stderr).toContain("forbidden:");
  });

  test("group remove refuses a group in use, naming its uses, and removes an unused one", async () => {
    const inUse = await elevate("admin", ["group", "remove", "PAM Approvers"]);
    expect(inUse.code).toBe(1);
    expect(inUse.stderr).toContain("conflict:group-in-use");
    expect(inUse.stderr).toContain("the organisation's default group");
    const removed = await elevate("admin", ["group", "remove", "Acme Owners"]);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toMatch(/deleted\s+true/);
    const gone = await elevate("admin", ["group", "show", "Acme Owners"]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain('There is no approver group named "Acme Owners"');
  });

  test("scope new, import, show and list", async () => {
    const created = await elevate("admin", ["--json", "scope", "new", "Bastion", "--description", "The SSH bastion"]);
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ name: "Bastion", kind: "external", version: 1 });

    const catalog = {
      tasks: [{ name: "ssh-prod", description: "Shell on a production host" }, { name: "ssh-staging" }],
      roles: [{ name: "Prod Shell", tasks: ["ssh-prod"] }],
      roleGroups: [{ name: "Operators", roles: ["Prod Shell"] }],
    };
    const imported = await elevate("admin", ["scope", "import", "Bastion", "--file", file("catalog.json", JSON.stringify(catalog))]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/version\s+2/);
    expect(imported.stdout).toContain("ssh-prod");

    const shown = await elevate("requester", ["scope", "show", "Bastion"]);
    expect(shown.stdout).toMatch(/kind\s+external/);
    expect(shown.stdout).toMatch(/Prod Shell\s*│[^│]*│\s*ssh-prod/);
    const json = JSON.parse((await elevate("requester", ["--json", "scope", "show", "Bastion"])).stdout);
    expect(json).toMatchObject({ name: "Bastion", version: 2, roleGroups: [{ name: "Operators", roles: ["Prod Shell"] }] });

    const list = await elevate("requester", ["scope", "list"]);
    expect(list.stdout).toMatch(/Exchange\s*│\s*builtin/);
    expect(list.stdout).toMatch(/Bastion\s*│\s*external\s*│\s*2\s*│\s*2\s*│\s*1\s*│\s*1/);
  });

  test("scope import refuses a bad catalog by field path (1) and an unreadable file (2)", async () => {
    const bad = await elevate("admin", ["scope", "import", "Bastion", "--file", file("bad.json", JSON.stringify({ tasks: [{ name: "a" }], roles: [{ name: "R", tasks: ["b"] }] }))]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("invalid:catalog");
    expect(bad.stderr).toContain("roles[0].tasks[0]");
    const notJson = await elevate("admin", ["scope", "import", "Bastion", "--file", file("not.json", "{tasks: oops")]);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toContain("is not valid JSON");
    expect((await elevate("admin", ["scope", "import", "Bastion", "--file", path.join(dir, "missing.json")])).code).toBe(2);
    expect((await elevate("admin", ["scope", "import", "Bastion"])).code).toBe(2);
    const builtin = await elevate("admin", ["scope", "import", "Exchange", "--file", file("empty.json", "{}")]);
    expect(builtin.code).toBe(1);
    expect(builtin.stderr).toContain("forbidden:builtin-scope");
    const notAdmin = await elevate("requester", ["scope", "new", "Mine"]);
    expect(notAdmin.code).toBe(1);
    expect(notAdmin.stderr).toContain("forbidden:manage-scopes");
  });

  test("scope remove removes an unused external scope", async () => {
    const removed = await elevate("admin", ["scope", "remove", "Bastion"]);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toMatch(/removed\s+true/);
    const gone = await elevate("admin", ["scope", "show", "Bastion"]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain("not-found:scope");
    expect((await elevate("admin", ["scope", "remove", "Exchange"])).code).toBe(1);
  });
});
